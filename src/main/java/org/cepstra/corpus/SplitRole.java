package org.cepstra.corpus;

import java.util.Locale;
import java.util.Optional;

/** Which part of an experiment an utterance belongs to, as a manifest's {@code split} column says. */
public enum SplitRole {
    /** Used to fit the models ({@code train}, {@code training}). */
    TRAIN,
    /** Held out for the final evaluation ({@code test}, {@code testing}, {@code eval}, {@code evaluation}). */
    TEST,
    /**
     * Held out for tuning ({@code dev}, {@code development}, {@code valid}, {@code validation}).
     * {@link Splitter#byManifestColumn(Manifest)} puts these on the test side; its overload lets the
     * caller choose.
     */
    DEV;

    /** The role a split-column value names (case-insensitive, surrounding spaces ignored), if any. */
    public static Optional<SplitRole> parse(String value) {
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "train":
            case "training":
                return Optional.of(TRAIN);
            case "test":
            case "testing":
            case "eval":
            case "evaluation":
                return Optional.of(TEST);
            case "dev":
            case "development":
            case "valid":
            case "validation":
                return Optional.of(DEV);
            default:
                return Optional.empty();
        }
    }
}
