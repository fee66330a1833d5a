package org.cepstra.features;

import java.util.Objects;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Cepstral mean and variance normalisation of one utterance's frames, following Kaldi.
 *
 * <ul>
 * <li>{@link CmvnMode#UTTERANCE}: Kaldi's {@code apply-cmvn} with per-utterance statistics. Sums in
 * double; each dimension gets {@code x ← x·scale + offset} in single precision with
 * {@code offset = -mean} (means only) or {@code scale = 1/√var}, {@code offset = -mean·scale}. The
 * variance is floored at {@value #UTTERANCE_VARIANCE_FLOOR} (Kaldi's floor) so a constant dimension
 * gives zeros instead of a division by zero.</li>
 * <li>{@link CmvnMode#SLIDING}: Kaldi's {@code SlidingWindowCmn}, computed in double. Not centred, the
 * window for frame {@code t} is frames {@code [max(0, t - cmnWindow), max(t + 1, minCmnWindow))}, i.e.
 * {@code cmnWindow} past frames plus the current one, stretched into the future to at least
 * {@code minCmnWindow} frames near the start. Centred, it is {@code [t - cmnWindow/2, t - cmnWindow/2 +
 * cmnWindow)} shifted right or left to stay inside the utterance. Windows are cut at the utterance end
 * (a non-centred window then starts earlier by the amount cut). With variance normalisation a
 * one-frame window gives zeros and the variance is floored at {@value #SLIDING_VARIANCE_FLOOR}.</li>
 * <li>{@link CmvnMode#SPEAKER}: as {@code UTTERANCE}, with statistics pooled over the speaker's
 * utterances and passed to {@link #apply(FeatureMatrix, CmvnStatistics)}; {@link #apply(FeatureMatrix)}
 * treats the utterance as its own speaker.</li>
 * </ul>
 * A matrix with zero frames comes back unchanged (Kaldi refuses it).
 */
public final class Cmvn {
    /** Variance floor of whole-utterance normalisation (Kaldi's {@code ApplyCmvn}). */
    public static final double UTTERANCE_VARIANCE_FLOOR = 1.0e-20;
    /** Variance floor of sliding-window normalisation (Kaldi's {@code SlidingWindowCmn}). */
    public static final double SLIDING_VARIANCE_FLOOR = 1.0e-10;

    private final CmvnOptions options;

    /** A normaliser with the given options. */
    public Cmvn(CmvnOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options of this normaliser. */
    public CmvnOptions options() {
        return options;
    }

    /** Returns the normalised frames: same shape as {@code features}. */
    public FeatureMatrix apply(FeatureMatrix features) {
        Objects.requireNonNull(features, "features");
        if (features.rows() == 0 || options.mode() == CmvnMode.NONE) {
            return features;
        }
        return switch (options.mode()) {
            case UTTERANCE, SPEAKER -> apply(features, CmvnStatistics.of(features));
            case SLIDING -> sliding(features);
            case NONE -> features;
        };
    }

    /**
     * Normalises {@code features} with statistics gathered elsewhere (e.g. over all utterances of the
     * speaker), as Kaldi's {@code apply-cmvn} does with a speaker's stats: every mode but
     * {@link CmvnMode#NONE} uses the whole-statistics formula here. Same shape as {@code features}.
     *
     * @throws IllegalArgumentException if the statistics have another dimension or count no frames
     */
    public FeatureMatrix apply(FeatureMatrix features, CmvnStatistics statistics) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(statistics, "statistics");
        if (features.rows() == 0 || options.mode() == CmvnMode.NONE) {
            return features;
        }
        int dims = features.cols();
        if (statistics.dimension() != dims) {
            throw new IllegalArgumentException("CMVN statistics have dimension " + statistics.dimension()
                    + ", frames have " + dims);
        }
        if (!(statistics.count() > 0)) {
            throw new IllegalArgumentException("CMVN statistics count no frames");
        }
        int rows = features.rows();
        float[] x = features.toArray();
        double count = statistics.count();
        boolean normVars = options.normVars();
        float[] offset = new float[dims];
        float[] scale = new float[dims];
        for (int d = 0; d < dims; d++) {
            double mean = statistics.sum(d) / count;
            if (!normVars) {
                scale[d] = 1.0f;
                offset[d] = (float) -mean;
            } else {
                double var = statistics.sumOfSquares(d) / count - mean * mean;
                if (var < UTTERANCE_VARIANCE_FLOOR) {
                    var = UTTERANCE_VARIANCE_FLOOR;
                }
                double s = 1.0 / Math.sqrt(var);
                scale[d] = (float) s;
                offset[d] = (float) -(mean * s);
            }
        }
        for (int t = 0; t < rows; t++) {
            int base = t * dims;
            if (normVars) {
                for (int d = 0; d < dims; d++) {
                    x[base + d] *= scale[d];
                }
            }
            for (int d = 0; d < dims; d++) {
                x[base + d] += offset[d];
            }
        }
        return FeatureMatrix.wrap(rows, dims, x);
    }

    private FeatureMatrix sliding(FeatureMatrix features) {
        int numFrames = features.rows();
        int dims = features.cols();
        float[] in = features.toArray();
        float[] out = new float[in.length];
        SlidingState state = new SlidingState(options, dims);
        for (int t = 0; t < numFrames; t++) {
            state.normalise(in, numFrames, t, numFrames, out, t * dims);
        }
        return FeatureMatrix.wrap(numFrames, dims, out);
    }

    /**
     * The window of frame {@code t} in an utterance of {@code numFrames} frames (pass
     * {@link Integer#MAX_VALUE} while the length is unknown), packed as {@code start << 32 | end}
     * with {@code end} one past the last frame.
     */
    static long slidingWindow(CmvnOptions options, int t, int numFrames) {
        int cmnWindow = options.cmnWindow();
        boolean center = options.center();
        int start;
        int end; // one past the last frame of the window
        if (center) {
            start = t - cmnWindow / 2;
            end = start + cmnWindow;
        } else {
            start = t - cmnWindow;
            end = t + 1;
        }
        if (start < 0) {
            end -= start;
            start = 0;
        }
        if (!center && end > t) {
            end = Math.max(t + 1, options.minCmnWindow());
        }
        if (end > numFrames) {
            start -= end - numFrames;
            end = numFrames;
            if (start < 0) {
                start = 0;
            }
        }
        return ((long) start << 32) | (end & 0xffffffffL);
    }

    /**
     * Running window sums of sliding-window normalisation. Frames must be normalised in order
     * {@code 0, 1, 2, ...}; each call needs the frames of its window plus the first frame of the
     * previous window.
     */
    static final class SlidingState {
        private final CmvnOptions options;
        private final int dims;
        private final double[] curSum;
        private final double[] curSumSq;
        private final double[] frame;
        private int lastStart = -1;
        private int lastEnd = -1;

        SlidingState(CmvnOptions options, int dims) {
            this.options = options;
            this.dims = dims;
            this.curSum = new double[dims];
            this.curSumSq = new double[dims];
            this.frame = new double[dims];
        }

        /** Forgets the sums, for the next utterance. */
        void reset() {
            java.util.Arrays.fill(curSum, 0.0);
            java.util.Arrays.fill(curSumSq, 0.0);
            lastStart = -1;
            lastEnd = -1;
        }

        /** First frame of the previous window (-1 before the first frame): the oldest frame still needed. */
        int lastStart() {
            return lastStart;
        }

        /**
         * Normalises frame {@code t} of an utterance of {@code numFrames} frames into
         * {@code out[outPos..outPos + dims)}. Input frame {@code r} is read at
         * {@code in[(r % ringRows) * dims]}: the whole utterance ({@code ringRows = numFrames}) or a ring.
         */
        void normalise(float[] in, int ringRows, int t, int numFrames, float[] out, int outPos) {
            boolean normVars = options.normVars();
            long window = slidingWindow(options, t, numFrames);
            int start = (int) (window >>> 32);
            int end = (int) window;
            if (lastStart == -1) {
                for (int r = start; r < end; r++) {
                    add(in, (r % ringRows) * dims, dims, 1.0, curSum, normVars ? curSumSq : null);
                }
            } else {
                if (start > lastStart) {
                    assert start == lastStart + 1;
                    add(in, (lastStart % ringRows) * dims, dims, -1.0, curSum, normVars ? curSumSq : null);
                }
                if (end > lastEnd) {
                    assert end == lastEnd + 1;
                    add(in, (lastEnd % ringRows) * dims, dims, 1.0, curSum, normVars ? curSumSq : null);
                }
            }
            int windowFrames = end - start;
            lastStart = start;
            lastEnd = end;

            int base = (t % ringRows) * dims;
            for (int d = 0; d < dims; d++) {
                frame[d] = in[base + d] + (-1.0 / windowFrames) * curSum[d];
            }
            if (normVars) {
                if (windowFrames == 1) {
                    java.util.Arrays.fill(frame, 0.0);
                } else {
                    for (int d = 0; d < dims; d++) {
                        double variance = curSumSq[d] * (1.0 / windowFrames)
                                + (-1.0 / ((double) windowFrames * windowFrames)) * curSum[d] * curSum[d];
                        if (variance < SLIDING_VARIANCE_FLOOR) {
                            variance = SLIDING_VARIANCE_FLOOR;
                        }
                        frame[d] *= Math.pow(variance, -0.5);
                    }
                }
            }
            for (int d = 0; d < dims; d++) {
                out[outPos + d] = (float) frame[d];
            }
        }
    }

    private static void add(float[] in, int base, int dims, double weight, double[] sum, double[] sumSq) {
        for (int d = 0; d < dims; d++) {
            double v = in[base + d];
            sum[d] += weight * v;
            if (sumSq != null) {
                sumSq[d] += weight * v * v;
            }
        }
    }
}
