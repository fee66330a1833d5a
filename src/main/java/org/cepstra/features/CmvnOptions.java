package org.cepstra.features;

import java.util.Objects;
import org.cepstra.base.OptionTable;
import org.cepstra.base.OptionType;

/**
 * Options for cepstral mean and variance normalisation.
 *
 * @param mode         none, whole-utterance, sliding-window or per-speaker statistics
 * @param normVars     also divide by the standard deviation (Kaldi {@code --norm-vars}; default false)
 * @param cmnWindow    SLIDING only: window length in frames (Kaldi {@code --cmn-window}, default 600)
 * @param minCmnWindow SLIDING only, used when {@code center} is false: the least number of frames the
 *                     window reaches, looking into the future near the start of the utterance (Kaldi
 *                     {@code --min-cmn-window}, default 100)
 * @param center       SLIDING only: centre the window on the frame instead of ending it at the frame
 *                     (Kaldi {@code --center}, default false)
 */
public record CmvnOptions(CmvnMode mode, boolean normVars, int cmnWindow, int minCmnWindow, boolean center) {

    /** Kaldi's {@code apply-cmvn-sliding} default window length: 600 frames. */
    public static final int DEFAULT_CMN_WINDOW = 600;
    /** Kaldi's {@code apply-cmvn-sliding} default minimum window: 100 frames. */
    public static final int DEFAULT_MIN_CMN_WINDOW = 100;

    /**
     * The options of this record, with no normalisation and Kaldi's {@code apply-cmvn-sliding} window
     * defaults; {@code cmnWindowFrames}, {@code minCmnWindowFrames} in files.
     */
    public static final OptionTable<CmvnOptions> OPTIONS = OptionTable.of(none())
            .add("cmvn", "mode", OptionType.lowerCaseEnum(CmvnMode.class),
                    "cepstral mean normalisation: none, per utterance, sliding window or per speaker",
                    CmvnOptions::mode, (r, v) -> new CmvnOptions(v, r.normVars(), r.cmnWindow(), r.minCmnWindow(),
                            r.center()))
            .add("norm-vars", "normVars", OptionType.bool(), "normalise variances too",
                    CmvnOptions::normVars, (r, v) -> new CmvnOptions(r.mode(), v, r.cmnWindow(), r.minCmnWindow(),
                            r.center()))
            .add("cmn-window", "cmnWindowFrames", OptionType.integer("FRAMES"), "sliding CMN window in frames",
                    CmvnOptions::cmnWindow, (r, v) -> new CmvnOptions(r.mode(), r.normVars(), v, r.minCmnWindow(),
                            r.center()))
            .add("min-cmn-window", "minCmnWindowFrames", OptionType.integer("FRAMES"),
                    "sliding CMN: least frames the window reaches near the start, when not centred",
                    CmvnOptions::minCmnWindow, (r, v) -> new CmvnOptions(r.mode(), r.normVars(), r.cmnWindow(), v,
                            r.center()))
            .add("center", "center", OptionType.bool(), "sliding CMN window centred on the frame",
                    CmvnOptions::center, (r, v) -> new CmvnOptions(r.mode(), r.normVars(), r.cmnWindow(),
                            r.minCmnWindow(), v))
            .build();

    /**
     * Validates the window sizes: {@code cmnWindow ≥ 1}, {@code minCmnWindow ≥ 0}, and with
     * {@code center} also {@code 1 ≤ minCmnWindow ≤ cmnWindow} (the checks Kaldi makes).
     */
    public CmvnOptions {
        Objects.requireNonNull(mode, "mode");
        if (cmnWindow < 1) {
            throw new IllegalArgumentException("cmn window must be at least 1 frame, got " + cmnWindow);
        }
        if (minCmnWindow < 0) {
            throw new IllegalArgumentException("min cmn window must not be negative, got " + minCmnWindow);
        }
        if (center && (minCmnWindow < 1 || minCmnWindow > cmnWindow)) {
            throw new IllegalArgumentException("with a centred window the min cmn window must be in [1, "
                    + cmnWindow + "] frames, got " + minCmnWindow);
        }
    }

    /** No normalisation. */
    public static CmvnOptions none() {
        return new CmvnOptions(CmvnMode.NONE, false, DEFAULT_CMN_WINDOW, DEFAULT_MIN_CMN_WINDOW, false);
    }

    /** Per-utterance mean normalisation, with variance normalisation if {@code normVars}. */
    public static CmvnOptions utterance(boolean normVars) {
        return new CmvnOptions(CmvnMode.UTTERANCE, normVars, DEFAULT_CMN_WINDOW, DEFAULT_MIN_CMN_WINDOW, false);
    }

    /** Per-speaker mean normalisation, with variance normalisation if {@code normVars}. */
    public static CmvnOptions speaker(boolean normVars) {
        return new CmvnOptions(CmvnMode.SPEAKER, normVars, DEFAULT_CMN_WINDOW, DEFAULT_MIN_CMN_WINDOW, false);
    }

    /** Kaldi's {@code apply-cmvn-sliding} defaults: window 600, min window 100, not centred, means only. */
    public static CmvnOptions sliding() {
        return new CmvnOptions(CmvnMode.SLIDING, false, DEFAULT_CMN_WINDOW, DEFAULT_MIN_CMN_WINDOW, false);
    }

    /** Sliding-window normalisation with the given window (frames), minimum window (frames) and centring. */
    public static CmvnOptions sliding(int cmnWindow, int minCmnWindow, boolean center, boolean normVars) {
        return new CmvnOptions(CmvnMode.SLIDING, normVars, cmnWindow, minCmnWindow, center);
    }
}
