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
            case UTTERANCE -> utterance(features);
            case SLIDING -> sliding(features);
            case NONE -> features;
        };
    }

    private FeatureMatrix utterance(FeatureMatrix features) {
        int rows = features.rows();
        int dims = features.cols();
        float[] x = features.toArray();
        double[] sum = new double[dims];
        double[] sumSq = new double[dims];
        for (int t = 0; t < rows; t++) {
            int base = t * dims;
            for (int d = 0; d < dims; d++) {
                float v = x[base + d];
                sum[d] += v;
                sumSq[d] += v * v; // single-precision square, as Kaldi's accumulator
            }
        }
        double count = rows;
        boolean normVars = options.normVars();
        float[] offset = new float[dims];
        float[] scale = new float[dims];
        for (int d = 0; d < dims; d++) {
            double mean = sum[d] / count;
            if (!normVars) {
                scale[d] = 1.0f;
                offset[d] = (float) -mean;
            } else {
                double var = sumSq[d] / count - mean * mean;
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
        int cmnWindow = options.cmnWindow();
        int minWindow = options.minCmnWindow();
        boolean center = options.center();
        boolean normVars = options.normVars();
        double[] curSum = new double[dims];
        double[] curSumSq = new double[dims];
        double[] frame = new double[dims];
        int lastStart = -1;
        int lastEnd = -1;
        for (int t = 0; t < numFrames; t++) {
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
                end = Math.max(t + 1, minWindow);
            }
            if (end > numFrames) {
                start -= end - numFrames;
                end = numFrames;
                if (start < 0) {
                    start = 0;
                }
            }
            if (lastStart == -1) {
                for (int r = start; r < end; r++) {
                    add(in, r, dims, 1.0, curSum, normVars ? curSumSq : null);
                }
            } else {
                if (start > lastStart) {
                    assert start == lastStart + 1;
                    add(in, lastStart, dims, -1.0, curSum, normVars ? curSumSq : null);
                }
                if (end > lastEnd) {
                    assert end == lastEnd + 1;
                    add(in, lastEnd, dims, 1.0, curSum, normVars ? curSumSq : null);
                }
            }
            int windowFrames = end - start;
            lastStart = start;
            lastEnd = end;

            int base = t * dims;
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
                out[base + d] = (float) frame[d];
            }
        }
        return FeatureMatrix.wrap(numFrames, dims, out);
    }

    private static void add(float[] in, int row, int dims, double weight, double[] sum, double[] sumSq) {
        int base = row * dims;
        for (int d = 0; d < dims; d++) {
            double v = in[base + d];
            sum[d] += weight * v;
            if (sumSq != null) {
                sumSq[d] += weight * v * v;
            }
        }
    }
}
