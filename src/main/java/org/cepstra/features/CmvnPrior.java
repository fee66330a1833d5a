package org.cepstra.features;

import java.util.Objects;

/**
 * Statistics of the training data that per-speaker CMVN borrows when a speaker has few frames of its
 * own, as Kaldi's online CMVN does with its global statistics ({@code OnlineCmvnOptions::global_frames}):
 * a speaker with {@code n} frames of its own gets {@code w = min(frames, max(0, }{@value #FILL_TO_FRAMES}
 * {@code − n))} frames' worth of the training statistics added (their sums scaled by {@code w / count}),
 * so one short file alone is normalised with a mean and variance that lean towards the training data's,
 * and a speaker with {@value #FILL_TO_FRAMES} frames or more is normalised with its own statistics alone.
 *
 * @param frames     most frames' worth of training statistics a speaker borrows (≥ 0; 0: none)
 * @param statistics CMVN statistics of the training data (every utterance, where CMVN applies), with at
 *                   least one frame
 */
public record CmvnPrior(double frames, CmvnStatistics statistics) {

    /** Own frames from which a speaker borrows nothing: Kaldi's online {@code --cmn-window} default, 600. */
    public static final int FILL_TO_FRAMES = 600;

    /** Validates the fields. */
    public CmvnPrior {
        Objects.requireNonNull(statistics, "statistics");
        if (!(frames >= 0) || !Double.isFinite(frames)) {
            throw new IllegalArgumentException("CMVN prior frames must be a finite number >= 0, got " + frames);
        }
        if (!(statistics.count() > 0)) {
            throw new IllegalArgumentException("CMVN prior statistics count no frames");
        }
    }

    /**
     * Checks that this prior suits frames made by {@code config}: its dimension is that of the columns
     * CMVN applies to (the statics, or every column when CMVN comes after the deltas).
     *
     * @throws IllegalArgumentException if it does not
     */
    public void requireFits(FeatureConfig config) {
        int dims = columns(config);
        if (statistics.dimension() != dims) {
            throw new IllegalArgumentException("CMVN prior has dimension " + statistics.dimension()
                    + ", CMVN applies to " + dims + " columns");
        }
    }

    /** The columns CMVN applies to in frames made by {@code config}: the statics, or all after the deltas. */
    public static int columns(FeatureConfig config) {
        int statics = config.mfcc().mfcc().numCeps();
        return config.cmvnPlacement() == CmvnPlacement.AFTER_DELTAS ? config.deltas().outputDims(statics) : statics;
    }

    /** Frames' worth of training statistics a speaker with {@code ownFrames} frames borrows. */
    public double borrowedFrames(double ownFrames) {
        return Math.min(frames, Math.max(0, FILL_TO_FRAMES - ownFrames));
    }

    /**
     * A speaker's statistics with the borrowed training statistics added ({@code own} itself when it
     * borrows nothing).
     *
     * @throws IllegalArgumentException if the dimensions differ
     */
    public CmvnStatistics smooth(CmvnStatistics own) {
        Objects.requireNonNull(own, "own");
        if (own.dimension() != statistics.dimension()) {
            throw new IllegalArgumentException("CMVN prior has dimension " + statistics.dimension()
                    + ", the frames have " + own.dimension());
        }
        double w = borrowedFrames(own.count());
        return w > 0 ? own.plus(statistics.scaledToCount(w)) : own;
    }
}
