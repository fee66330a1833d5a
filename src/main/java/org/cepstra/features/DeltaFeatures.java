package org.cepstra.features;

import java.util.Objects;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Appends deltas and higher-order derivatives to feature frames exactly as Kaldi's
 * {@code DeltaFeatures} ({@code add-deltas}).
 *
 * <p>The filter for order 1 has taps {@code j / (2 Σ_{k=1..w} k²)} for {@code j = -w..w}; the filter
 * for order {@code i} is the order-{@code i-1} filter convolved with {@code [-w..w] / Σ j²}, so with
 * the defaults (order 2, window 2) the delta-deltas are ONE 9-tap filter
 * {@code [4, 4, 1, -4, -10, -4, 1, 4, 4] / 100} applied to the statics. Frame indices outside the
 * utterance are clamped to the first or last frame (edge frames repeated). Output columns are the
 * statics, then the deltas, then the delta-deltas, and so on: {@code dims × (order + 1)} in all.
 * Arithmetic is single precision in Kaldi's order of operations.
 */
public final class DeltaFeatures {
    private final DeltaOptions options;
    /** scales[i] holds the 2*i*window+1 taps of the order-i filter, centre in the middle. */
    private final float[][] scales;

    /** Builds the derivative filters for {@code options}. */
    public DeltaFeatures(DeltaOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        int order = options.order();
        int window = options.window();
        scales = new float[order + 1][];
        scales[0] = new float[] {1.0f};
        for (int i = 1; i <= order; i++) {
            float[] prev = scales[i - 1];
            int prevOffset = (prev.length - 1) / 2;
            int curOffset = prevOffset + window;
            float[] cur = new float[prev.length + 2 * window];
            float normalizer = 0.0f;
            for (int j = -window; j <= window; j++) {
                normalizer += j * j;
                for (int k = -prevOffset; k <= prevOffset; k++) {
                    cur[j + k + curOffset] += (float) j * prev[k + prevOffset];
                }
            }
            float scale = (float) (1.0 / normalizer);
            for (int n = 0; n < cur.length; n++) {
                cur[n] *= scale;
            }
            scales[i] = cur;
        }
    }

    /** The options these filters were built from. */
    public DeltaOptions options() {
        return options;
    }

    /**
     * A copy of the filter taps for derivative {@code order} (0 = statics, the single tap 1), from the
     * earliest frame offset {@code -order × window} to the latest {@code +order × window}.
     */
    public float[] filter(int order) {
        Objects.checkIndex(order, scales.length);
        return scales[order].clone();
    }

    /**
     * Returns {@code features} with the derivatives appended: {@code rows} frames of
     * {@code cols × (order + 1)} dimensions. A matrix with zero frames gives zero frames.
     */
    public FeatureMatrix apply(FeatureMatrix features) {
        Objects.requireNonNull(features, "features");
        int rows = features.rows();
        int dims = features.cols();
        int outDims = options.outputDims(dims);
        if (scales.length == 1 && !features.containsNegativeZero()) {
            return features; // order 0 computes 0 + 1·x, which is x for every x but -0
        }
        float[] in = features.toArray();
        float[] out = new float[Math.multiplyExact(rows, outDims)];
        for (int t = 0; t < rows; t++) {
            computeFrame(in, rows, dims, t, rows, out, t * outDims);
        }
        return FeatureMatrix.wrap(rows, outDims, out);
    }

    /**
     * Half-width in frames of the widest filter ({@code order × window}): output frame {@code t} reads
     * input frames {@code t - reach .. t + reach}.
     */
    int reach() {
        return (scales[scales.length - 1].length - 1) / 2;
    }

    /**
     * Writes output frame {@code t} ({@code dims × (order + 1)} values at {@code outPos} in {@code out})
     * of an utterance of {@code rows} frames. Input frame {@code r} is read at
     * {@code in[(r % ringRows) * dims]}, so {@code in} may hold the whole utterance ({@code ringRows =
     * rows}) or a ring of the latest {@code ringRows ≥ 2 reach() + 1} frames; frame indices outside
     * {@code [0, rows)} are clamped to the first or last frame.
     */
    void computeFrame(float[] in, int ringRows, int dims, int t, int rows, float[] out, int outPos) {
        java.util.Arrays.fill(out, outPos, outPos + dims * scales.length, 0.0f);
        for (int i = 0; i < scales.length; i++) {
            float[] filter = scales[i];
            int maxOffset = (filter.length - 1) / 2;
            int outBase = outPos + i * dims;
            for (int j = -maxOffset; j <= maxOffset; j++) {
                float scale = filter[j + maxOffset];
                if (scale == 0.0f) {
                    continue;
                }
                int src = t + j;
                if (src < 0) {
                    src = 0;
                } else if (src >= rows) {
                    src = rows - 1;
                }
                int inBase = (src % ringRows) * dims;
                for (int d = 0; d < dims; d++) {
                    out[outBase + d] += scale * in[inBase + d];
                }
            }
        }
    }
}
