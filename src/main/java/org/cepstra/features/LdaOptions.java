package org.cepstra.features;

import org.cepstra.base.OptionTable;
import org.cepstra.base.OptionType;

/**
 * Options for projecting every frame with linear discriminant analysis (LDA), as Kaldi's
 * {@code splice-feats | transform-feats final.mat}: the last stage of the pipeline, after splicing. The
 * projection itself ({@link FeatureTransform}) is estimated from the labelled training frames and stored
 * with the models; these options only say that there is one and how it is estimated.
 *
 * <p>The classes are the training labels, each optionally cut into {@code statesPerLabel} parts by
 * position in its segment (a 3-state phone model's begin, middle and end), which gives LDA more classes
 * than labels: with {@code C} classes at most {@code C − 1} directions separate them.
 *
 * @param dims           dimensions of the projected frames: 0 (off, the default) or 1 to 999
 * @param statesPerLabel parts each training segment is cut into, each its own class: 1 (the label alone)
 *                       to 9
 */
public record LdaOptions(int dims, int statesPerLabel) {

    /** No projection. */
    public static final LdaOptions NONE = new LdaOptions(0, 1);

    /** The options of this record; {@code dims} and {@code statesPerLabel} in files. */
    public static final OptionTable<LdaOptions> OPTIONS = OptionTable.of(NONE)
            .add("lda", "dims", OptionType.integer("DIMS"),
                    "project every frame to DIMS dimensions by LDA estimated on the training labels (after "
                            + "splicing; stored in the model); 0 to 999, 0 = off",
                    LdaOptions::dims, (r, v) -> new LdaOptions(v, r.statesPerLabel()))
            .add("lda-states", "statesPerLabel", OptionType.integer("N"),
                    "with --lda: cut each training segment into N equal parts, each an LDA class of its own "
                            + "(3 = a phone's begin, middle and end); 1 to 9",
                    LdaOptions::statesPerLabel, (r, v) -> new LdaOptions(r.dims(), v))
            .build();

    /** Validates the ranges. */
    public LdaOptions {
        if (dims < 0 || dims > 999) {
            throw new IllegalArgumentException("LDA dimensions must be in [0, 999], got " + dims);
        }
        if (statesPerLabel < 1 || statesPerLabel > 9) {
            throw new IllegalArgumentException("LDA states per label must be in [1, 9], got " + statesPerLabel);
        }
    }

    /** No projection. */
    public static LdaOptions none() {
        return NONE;
    }

    /** Whether frames are projected. */
    public boolean enabled() {
        return dims > 0;
    }

    /** Number of output dimensions for {@code inputDims} spliced dimensions: {@code dims}, or the input when off. */
    public int outputDims(int inputDims) {
        return dims > 0 ? dims : inputDims;
    }

    /**
     * The class of frame {@code t} of a segment of {@code frames} frames: its part, 0 to
     * {@code statesPerLabel − 1}, by position ({@link SegmentParts#partOf}).
     */
    public int stateOf(int t, int frames) {
        return SegmentParts.partOf(t, frames, statesPerLabel);
    }
}
