package org.cepstra.features;

import org.cepstra.base.OptionTable;
import org.cepstra.base.OptionType;

/**
 * Options for splicing neighbouring frames onto each frame, as Kaldi's {@code splice-feats} with equal
 * left and right context: frame {@code t} becomes frames {@code t - context .. t + context} side by side,
 * earliest first, the first and last frames repeated beyond the edges. Gives a diagonal-covariance model
 * the trajectory around a frame, which deltas only summarise.
 *
 * @param context frames spliced on each side: 0 (off, the default) to 99
 */
public record SpliceOptions(int context) {

    /** No splicing. */
    public static final SpliceOptions NONE = new SpliceOptions(0);

    /** The options of this record; {@code contextFrames} in files. */
    public static final OptionTable<SpliceOptions> OPTIONS = OptionTable.of(NONE)
            .add("splice", "contextFrames", OptionType.integer("N"),
                    "append the N frames before and after each frame (Kaldi splice-feats, edges repeated); "
                            + "0 to 99, 0 = off",
                    SpliceOptions::context, (r, v) -> new SpliceOptions(v))
            .build();

    /** Validates the range. */
    public SpliceOptions {
        if (context < 0 || context > 99) {
            throw new IllegalArgumentException("splice context must be in [0, 99] frames, got " + context);
        }
    }

    /** No splicing. */
    public static SpliceOptions none() {
        return NONE;
    }

    /** Number of output dimensions for {@code inputDims}: {@code inputDims × (2·context + 1)}. */
    public int outputDims(int inputDims) {
        return Math.multiplyExact(inputDims, 2 * context + 1);
    }

    /**
     * {@code frames} spliced: row {@code t} holds rows {@code clamp(t - context) .. clamp(t + context)} of
     * {@code frames}, clamped to the first and last row. The same matrix when {@code context} is 0.
     */
    public org.cepstra.matrix.FeatureMatrix apply(org.cepstra.matrix.FeatureMatrix frames) {
        if (context == 0 || frames.rows() == 0 || frames.cols() == 0) {
            return frames;
        }
        int rows = frames.rows();
        int d = frames.cols();
        int width = 2 * context + 1;
        // the frames with the first and last repeated `context` times; spliced frame t is the run of `width`
        // frames starting at t in it, so the spliced frames share it instead of copying each frame `width` times
        float[] padded = new float[Math.multiplyExact(rows + 2 * context, d)];
        for (int k = 0; k < context; k++) {
            frames.copyRows(0, 1, padded, k * d);
            frames.copyRows(rows - 1, 1, padded, (context + rows + k) * d);
        }
        frames.copyRows(0, rows, padded, context * d);
        return org.cepstra.matrix.FeatureMatrix.slidingRows(padded, rows, d * width, d);
    }
}
