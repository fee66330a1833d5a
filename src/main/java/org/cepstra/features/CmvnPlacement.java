package org.cepstra.features;

import java.util.Locale;

/** Where cepstral mean (and variance) normalisation is applied relative to the deltas. */
public enum CmvnPlacement {
    /** Normalise the static cepstra, then compute deltas from the normalised statics. */
    BEFORE_DELTAS,
    /** Compute deltas first, then normalise all columns (statics, deltas, delta-deltas). */
    AFTER_DELTAS;

    /** The name in config text and on the command line: {@code before-deltas}, {@code after-deltas}. */
    public String textName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The placement named {@code name}: {@code before-deltas} or {@code after-deltas} (also {@code before},
     * {@code after}; any case, underscores for dashes).
     *
     * @throws IllegalArgumentException naming the two placements
     */
    public static CmvnPlacement fromTextName(String name) {
        return switch (name.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "before-deltas", "before" -> BEFORE_DELTAS;
            case "after-deltas", "after" -> AFTER_DELTAS;
            default -> throw new IllegalArgumentException("must be before-deltas or after-deltas, got '" + name + "'");
        };
    }
}
