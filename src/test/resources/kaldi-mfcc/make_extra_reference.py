#!/usr/bin/python3
"""Kaldi MFCC reference matrices for options that peers/kaldi_mfcc_reference.py cannot set.

Same method and output format as that script: torchaudio.compliance.kaldi.mfcc (a re-implementation
of Kaldi's compute-mfcc-feats) in float64, dither 0, on the raw int16 sample values; one text file
per WAV (first line "rows cols", then one frame per line, %.9g) plus a README.md naming the options.
Each set below differs from Kaldi's defaults only by the options it lists.

Run from this folder:  /usr/bin/python3 make_extra_reference.py
(Debian 12: apt-get install python3-torchaudio python3-soundfile)
"""
import json
import os
import sys

import numpy as np
import soundfile as sf
import torch
from torchaudio.compliance import kaldi

SETS = {
    # Blackman window with a non-default coefficient, energy after the window, no DC removal,
    # FFT of the frame length itself (200 points, not a power of two), VTLN warp below 1.
    "blackman-vtln-nonraw": (dict(window_type="blackman", blackman_coeff=0.40, raw_energy=False,
                                  remove_dc_offset=False, round_to_power_of_two=False, vtln_warp=0.9),
                             ["0_george_0", "2_nicolas_2", "6_yweweler_3", "8_nicolas_31"]),
    # Kaldi's rendering of an HTK MFCC_0 configuration: Hamming, no DC removal, 26 bins from 0 Hz,
    # HTK order (C1..C12, then C0 * sqrt(2)).
    "htk-compat-c0": (dict(window_type="hamming", remove_dc_offset=False, num_mel_bins=26, low_freq=0.0,
                           use_energy=False, htk_compat=True),
                      ["0_george_0", "4_yweweler_4", "6_yweweler_3", "8_nicolas_31"]),
    # The same with MFCC_E: C1..C12, then the raw log energy.
    "htk-compat-e": (dict(window_type="hamming", remove_dc_offset=False, num_mel_bins=26, low_freq=0.0,
                          use_energy=True, htk_compat=True),
                     ["0_george_0", "4_yweweler_4", "6_yweweler_3", "8_nicolas_31"]),
    # VTLN warp above 1 with moved inflection points, per-utterance mean subtraction, at 8 and 16 kHz.
    "vtln-subtract-mean": (dict(vtln_warp=1.1, vtln_low=200.0, vtln_high=-800.0, subtract_mean=True),
                           ["5_nicolas_33", "7_george_12", "3_theo_3_16k", "9_theo_16_16k"]),
}

DEFAULTS = dict(frame_length=25.0, frame_shift=10.0, dither=0.0, preemphasis_coefficient=0.97,
                remove_dc_offset=True, window_type="povey", round_to_power_of_two=True, blackman_coeff=0.42,
                snip_edges=True, raw_energy=True, num_mel_bins=23, low_freq=20.0, high_freq=0.0,
                vtln_low=100.0, vtln_high=-500.0, vtln_warp=1.0, num_ceps=13, cepstral_lifter=22.0,
                use_energy=True, energy_floor=0.0, htk_compat=False, subtract_mean=False)


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    names = sys.argv[1:] or list(SETS)
    for name in names:
        changes, files = SETS[name]
        os.makedirs(name, exist_ok=True)
        shapes = {}
        for f in files:
            x, sr = sf.read(os.path.join("wavs", f + ".wav"), dtype="int16", always_2d=True)
            opts = dict(DEFAULTS, **changes, sample_frequency=float(sr))
            wav = torch.from_numpy(x[:, 0].astype(np.float64)).unsqueeze(0)
            m = kaldi.mfcc(wav, **opts).numpy()
            with open(os.path.join(name, f + ".txt"), "w") as out:
                out.write(f"{m.shape[0]} {m.shape[1]}\n")
                for row in m:
                    out.write(" ".join("%.9g" % v for v in row) + "\n")
            shapes[f] = (m.shape, sr)
        with open(os.path.join(name, "README.md"), "w") as out:
            out.write(f"# Kaldi MFCC reference: {name}\n\n")
            out.write("Made by `make_extra_reference.py " + name + "` (in the parent folder): "
                      "torchaudio.compliance.kaldi.mfcc in float64, dither 0, on the raw int16 samples "
                      "of the WAVs in `../wavs/`, each at its own sample rate. Options changed from "
                      "Kaldi's defaults:\n\n```\n" + json.dumps(changes, indent=1) + "\n```\n\n")
            out.write("Equivalent Kaldi options: "
                      + " ".join(f"--{k.replace('_', '-')}={str(v).lower()}" for k, v in changes.items())
                      + " --dither=0\n\n")
            out.write("Format: first line `rows cols`, then one frame per line, space-separated `%.9g`.\n\n")
            out.write("| file | rate (Hz) | rows | cols |\n|---|---|---|---|\n")
            for f, (shape, sr) in shapes.items():
                out.write(f"| {f} | {sr} | {shape[0]} | {shape[1]} |\n")
        print(name, {f: s[0] for f, s in shapes.items()})


if __name__ == "__main__":
    main()
