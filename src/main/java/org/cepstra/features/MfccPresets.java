package org.cepstra.features;

/**
 * Ready-made MFCC settings: Kaldi's {@code compute-mfcc-feats} defaults and an HTK HCopy preset.
 *
 * <p>The HTK preset reproduces HCopy with {@code TARGETKIND = MFCC_0} (or {@code MFCC_E}),
 * {@code WINDOWSIZE = 250000} (25 ms), {@code TARGETRATE = 100000} (10 ms), {@code USEHAMMING = T},
 * {@code PREEMCOEF = 0.97}, {@code NUMCHANS = 26}, {@code CEPLIFTER = 22}, {@code NUMCEPS = 12},
 * {@code ENORMALISE = F}, {@code ZMEANSOURCE = F}, {@code USEPOWER = F}, {@code RAWENERGY = T},
 * no {@code LOFREQ}/{@code HIFREQ} (0 Hz to Nyquist), no dither. Differences from Kaldi's defaults, as
 * found in HTK's {@code HSigP.c} and {@code HParm.c}:
 * <ul>
 *   <li>Window: Hamming {@code 0.54 - 0.46 cos(2π i / (N-1))} instead of Povey.</li>
 *   <li>No per-frame DC removal ({@code ZMEANSOURCE = F}); Kaldi removes it by default.</li>
 *   <li>Pre-emphasis: the same formula in both ({@code s[i] -= k s[i-1]} from the end, {@code s[0] *= 1 - k}),
 *       applied per frame after the energy and before the window.</li>
 *   <li>Spectrum: magnitude {@code |X|} in the filter bank ({@code USEPOWER = F}), not power {@code |X|²}.</li>
 *   <li>Filter bank: 26 channels from 0 Hz to Nyquist (Kaldi: 23 from 20 Hz), built the HTK way
 *       ({@code loChan}/{@code loWt}, FFT bins {@code klo..khi}; DC and Nyquist bins unused); with a low
 *       frequency of 0 the triangles are the same as Kaldi's.</li>
 *   <li>Log: filter outputs floored at 1.0 ({@code log(max(x, 1))}), Kaldi floors at FLT_EPSILON.</li>
 *   <li>DCT: {@code sqrt(2/N)} on every coefficient, including C0; Kaldi uses {@code sqrt(1/N)} for C0
 *       (the same values C1..C12; HTK's C0 is √2 times Kaldi's).</li>
 *   <li>Order: C1..C12 first, then C0 ({@code MFCC_0}) or log energy ({@code MFCC_E}) last; Kaldi puts the
 *       energy (or C0) first. 13 values per frame either way.</li>
 *   <li>Energy ({@code MFCC_E}): {@code log} of the sum of squares of the raw frame (before pre-emphasis
 *       and window), as Kaldi's {@code --raw-energy}. For an all-zero frame HTK writes {@code -1.0E10}
 *       (LZERO); this preset writes {@code log(FLT_EPSILON) = -15.94} as Kaldi does.</li>
 * </ul>
 * Not reproduced: {@code ENORMALISE = T} (HTK's per-utterance energy normalisation), HTK's uniform
 * dither ({@code ADDDITHER}; here dither is Gaussian as in Kaldi), HTK's own VTLN ({@code WARPFREQ};
 * {@code vtlnWarp} uses Kaldi's warp on the HTK filter centres), deltas (computed elsewhere).
 * Frames, lifter ({@code 1 + L/2 sin(π i / L)}, C0 not liftered), FFT size (next power of two) and
 * frame count ({@code 1 + (N - length) / shift}) are the same in both.
 */
public final class MfccPresets {
    private MfccPresets() {
    }

    /** Kaldi's {@code compute-mfcc-feats} defaults (dither 0): 13 values, log energy first. */
    public static MfccSettings kaldi() {
        return new MfccSettings(FrameExtractionOptions.kaldiDefaults(), MelBanksOptions.kaldiDefaults(),
                MfccOptions.kaldiDefaults());
    }

    /**
     * HTK HCopy {@code MFCC_E} ({@code useEnergy}) or {@code MFCC_0}: C1..C12 then log energy or C0,
     * with the configuration described in the class documentation.
     */
    public static MfccSettings htk(boolean useEnergy) {
        FrameExtractionOptions frame = new FrameExtractionOptions(25.0, 10.0, 0.0, 0L, 0.97, false,
                WindowType.HAMMING, true, 0.42, true);
        MelBanksOptions mel = new MelBanksOptions(26, 0.0, 0.0, 100.0, -500.0, 1.0, true, false);
        MfccOptions mfcc = new MfccOptions(13, useEnergy, 0.0, true, 22.0, true, false);
        return new MfccSettings(frame, mel, mfcc);
    }
}
