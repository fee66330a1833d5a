package org.cepstra.features;

import org.cepstra.base.OptionTable;
import org.cepstra.base.OptionType;

/**
 * Options for appending time derivatives to feature frames, as Kaldi's {@code add-deltas}.
 *
 * @param order  highest derivative to append: 0 appends nothing, 1 appends deltas, 2 (Kaldi's default)
 *               appends deltas and delta-deltas; at most 999
 * @param window half-width of the regression window in frames: each derivative looks {@code window}
 *               frames back and forward (Kaldi's default 2, i.e. a 5-frame window); 1 to 999
 */
public record DeltaOptions(int order, int window) {

    /** Kaldi's {@code add-deltas} defaults: order 2, window 2. */
    public static final DeltaOptions KALDI_DEFAULTS = new DeltaOptions(2, 2);

    /** The options of this record, with Kaldi's {@code add-deltas} defaults; {@code windowFrames} in files. */
    public static final OptionTable<DeltaOptions> OPTIONS = OptionTable.of(KALDI_DEFAULTS)
            .add("delta-order", "order", OptionType.integer("N"), "highest derivative appended, 0 to 999",
                    DeltaOptions::order, (r, v) -> new DeltaOptions(v, r.window()))
            .add("delta-window", "windowFrames", OptionType.integer("N"),
                    "half-width of the regression window in frames, 1 to 999",
                    DeltaOptions::window, (r, v) -> new DeltaOptions(r.order(), v))
            .build();

    /** Validates the ranges (Kaldi checks the same bounds). */
    public DeltaOptions {
        if (order < 0 || order >= 1000) {
            throw new IllegalArgumentException("delta order must be in [0, 999], got " + order);
        }
        if (window < 1 || window >= 1000) {
            throw new IllegalArgumentException("delta window must be in [1, 999] frames, got " + window);
        }
    }

    /** Kaldi's {@code add-deltas} defaults: order 2, window 2. */
    public static DeltaOptions kaldiDefaults() {
        return KALDI_DEFAULTS;
    }

    /** No derivatives: {@link DeltaFeatures#apply} returns the statics unchanged. */
    public static DeltaOptions none() {
        return new DeltaOptions(0, 2);
    }

    /** Number of output dimensions for {@code inputDims} static dimensions: {@code inputDims × (order + 1)}. */
    public int outputDims(int inputDims) {
        return Math.multiplyExact(inputDims, order + 1);
    }
}
