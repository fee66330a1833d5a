package org.cepstra.gmm;

/**
 * How {@link LlrScorer} scores frames against a UBM and speaker models adapted from it.
 *
 * @param topComponents C, the number of best UBM components per frame that both the UBM and the speaker
 *                      models are scored on (Reynolds, Quatieri and Dunn 2000, §3.3; default
 *                      {@value #DEFAULT_TOP_COMPONENTS}), or {@link #ALL_COMPONENTS} (0) for exact scoring
 *                      over all K components. A C of K or more gives the exact scores.
 */
public record LlrOptions(int topComponents) {

    /** Reynolds' C. */
    public static final int DEFAULT_TOP_COMPONENTS = 5;
    /** The value of {@link #topComponents()} that asks for exact scoring. */
    public static final int ALL_COMPONENTS = 0;

    /** Validates the field. */
    public LlrOptions {
        if (topComponents < 0) {
            throw new IllegalArgumentException("topComponents must be >= 1, or 0 for all components, got "
                    + topComponents);
        }
    }

    /** Top-{@value #DEFAULT_TOP_COMPONENTS} scoring. */
    public static LlrOptions defaults() {
        return new LlrOptions(DEFAULT_TOP_COMPONENTS);
    }

    /** Exact scoring over all components. */
    public static LlrOptions allComponents() {
        return new LlrOptions(ALL_COMPONENTS);
    }

    /** Whether every component is scored (C = {@link #ALL_COMPONENTS}). */
    public boolean exact() {
        return topComponents == ALL_COMPONENTS;
    }
}
