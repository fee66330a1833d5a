package org.cepstra.features;

import org.cepstra.base.OptionTable;
import org.cepstra.base.OptionType;

/**
 * Options of the energy-based voice activity detector, as Kaldi's {@code compute-vad}. Single
 * precision, like Kaldi's, so that threshold comparisons fall the same way.
 *
 * @param energyThreshold     constant term of the log-energy threshold (Kaldi {@code --vad-energy-threshold},
 *                            default 5.0)
 * @param energyMeanScale     the threshold adds this times the utterance's mean log energy; 0 or positive
 *                            (Kaldi {@code --vad-energy-mean-scale}, default 0.5)
 * @param framesContext       frames on each side of a frame that also vote (Kaldi {@code --vad-frames-context},
 *                            default 0)
 * @param proportionThreshold a frame is voiced if at least this proportion of the frames in its context
 *                            window are above the threshold; strictly between 0 and 1
 *                            (Kaldi {@code --vad-proportion-threshold}, default 0.6)
 */
public record VadOptions(float energyThreshold, float energyMeanScale, int framesContext, float proportionThreshold) {

    /** Kaldi's {@code compute-vad} defaults: threshold 5.0, mean scale 0.5, context 0, proportion 0.6. */
    public static final VadOptions KALDI_DEFAULTS = new VadOptions(5.0f, 0.5f, 0, 0.6f);

    /** The options of this record by their Kaldi {@code compute-vad} names, with Kaldi's defaults. */
    public static final OptionTable<VadOptions> OPTIONS = OptionTable.of(KALDI_DEFAULTS)
            .add("vad-energy-threshold", "energyThreshold", OptionType.single("X"),
                    "constant term of the log-energy threshold",
                    VadOptions::energyThreshold, (r, v) -> new VadOptions(v, r.energyMeanScale(), r.framesContext(),
                            r.proportionThreshold()))
            .add("vad-energy-mean-scale", "energyMeanScale", OptionType.single("X"),
                    "add this times the mean log energy to the threshold, >= 0",
                    VadOptions::energyMeanScale, (r, v) -> new VadOptions(r.energyThreshold(), v, r.framesContext(),
                            r.proportionThreshold()))
            .add("vad-frames-context", "framesContext", OptionType.integer("N"),
                    "frames on each side of a frame that also vote",
                    VadOptions::framesContext, (r, v) -> new VadOptions(r.energyThreshold(), r.energyMeanScale(), v,
                            r.proportionThreshold()))
            .add("vad-proportion-threshold", "proportionThreshold", OptionType.single("X"),
                    "least proportion of voting frames above the threshold, in (0, 1)",
                    VadOptions::proportionThreshold, (r, v) -> new VadOptions(r.energyThreshold(),
                            r.energyMeanScale(), r.framesContext(), v))
            .build();

    /** Validates the ranges Kaldi asserts. */
    public VadOptions {
        if (!Float.isFinite(energyThreshold)) {
            throw new IllegalArgumentException("energy threshold must be finite, got " + energyThreshold);
        }
        if (!(energyMeanScale >= 0.0f) || Float.isInfinite(energyMeanScale)) {
            throw new IllegalArgumentException("energy mean scale must be finite and >= 0, got " + energyMeanScale);
        }
        if (framesContext < 0) {
            throw new IllegalArgumentException("frames context must be >= 0 frames, got " + framesContext);
        }
        if (!(proportionThreshold > 0.0f && proportionThreshold < 1.0f)) {
            throw new IllegalArgumentException(
                    "proportion threshold must be strictly between 0 and 1, got " + proportionThreshold);
        }
    }

    /** Kaldi's {@code compute-vad} defaults. */
    public static VadOptions kaldiDefaults() {
        return KALDI_DEFAULTS;
    }
}
