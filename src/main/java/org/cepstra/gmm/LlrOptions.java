package org.cepstra.gmm;

/**
 * How {@link LlrScorer} scores frames against a UBM and speaker models adapted from it.
 *
 * @param topComponents    C, the number of best UBM components per frame that both the UBM and the speaker
 *                         models are scored on (Reynolds, Quatieri and Dunn 2000, §3.3; default
 *                         {@value #DEFAULT_TOP_COMPONENTS}), or {@link #ALL_COMPONENTS} (0) for exact scoring
 *                         over all K components. A C of K or more gives the exact scores.
 * @param clusters         Gaussian selection for top-C: the UBM's components are grouped into this many
 *                         clusters, each with a coarse parent Gaussian, and a frame's top C are looked for only
 *                         among the members of its best {@code clustersSearched} clusters (by parent score)
 *                         instead of among all K; 0 for no selection (all K components are scored for every
 *                         frame), the default. {@link #withSelectionFor(int)} sizes the clusters by the UBM:
 *                         about {@value #COMPONENTS_PER_CLUSTER} components each, {@value #DEFAULT_CLUSTERS_SEARCHED}
 *                         searched (measured on Arabic Speech Commands, 3 seeds: the EER of exact scoring within
 *                         0.1 points both for the speaker recipe, K = 256, 120 dimensions, and for 13 cepstra + deltas,
 *                         K = 512; 1.5x faster than top-C over all components, and with C = 3, 11x (K = 256) to
 *                         13x (K = 512) faster than exact scoring); unused by exact scoring
 * @param clustersSearched how many of a frame's best clusters are searched (≥ 1 with selection; more are
 *                         taken when they hold fewer than C components together); default
 *                         {@value #DEFAULT_CLUSTERS_SEARCHED}. Searching every cluster gives the scores of
 *                         top-C without selection, bit for bit
 */
public record LlrOptions(int topComponents, int clusters, int clustersSearched) {

    /** Reynolds' C. */
    public static final int DEFAULT_TOP_COMPONENTS = 5;
    /** The value of {@link #topComponents()} that asks for exact scoring. */
    public static final int ALL_COMPONENTS = 0;
    /** Components per cluster of Gaussian selection when it is asked for without a number of clusters. */
    public static final int COMPONENTS_PER_CLUSTER = 16;
    /** Number of clusters searched per frame when Gaussian selection is asked for without a number. */
    public static final int DEFAULT_CLUSTERS_SEARCHED = 3;

    /** Validates the fields. */
    public LlrOptions {
        if (topComponents < 0) {
            throw new IllegalArgumentException("topComponents must be >= 1, or 0 for all components, got "
                    + topComponents);
        }
        if (clusters < 0) {
            throw new IllegalArgumentException("clusters must be >= 1, or 0 for no Gaussian selection, got " + clusters);
        }
        if (clusters > 0 && clustersSearched < 1) {
            throw new IllegalArgumentException("clustersSearched must be >= 1 with Gaussian selection, got "
                    + clustersSearched);
        }
        if (clusters == 0 && clustersSearched != 0) {
            throw new IllegalArgumentException("clustersSearched must be 0 without Gaussian selection (clusters = 0), got "
                    + clustersSearched);
        }
    }

    /** Top-C over all K components (no Gaussian selection), or exact scoring for C = {@link #ALL_COMPONENTS}. */
    public LlrOptions(int topComponents) {
        this(topComponents, 0, 0);
    }

    /** Top-{@value #DEFAULT_TOP_COMPONENTS} scoring over all K components (no Gaussian selection). */
    public static LlrOptions defaults() {
        return new LlrOptions(DEFAULT_TOP_COMPONENTS);
    }

    /**
     * These options with Gaussian selection sized for a UBM of {@code ubmComponents} components:
     * {@link #defaultClusters(int)} clusters, {@value #DEFAULT_CLUSTERS_SEARCHED} searched per frame.
     */
    public LlrOptions withSelectionFor(int ubmComponents) {
        return withSelection(defaultClusters(ubmComponents), DEFAULT_CLUSTERS_SEARCHED);
    }

    /**
     * Clusters of Gaussian selection for a UBM of K components when none is asked for: K / {@value
     * #COMPONENTS_PER_CLUSTER} (rounded down), and at least twice the {@value #DEFAULT_CLUSTERS_SEARCHED} searched,
     * so that a small UBM's frames still skip half of its clusters (searching them all would give the scores of top-C
     * over all components at a higher cost).
     */
    public static int defaultClusters(int ubmComponents) {
        return Math.max(2 * DEFAULT_CLUSTERS_SEARCHED, ubmComponents / COMPONENTS_PER_CLUSTER);
    }

    /** Exact scoring over all components. */
    public static LlrOptions allComponents() {
        return new LlrOptions(ALL_COMPONENTS);
    }

    /** These options with Gaussian selection over {@code clusters} clusters, {@code searched} of them per frame. */
    public LlrOptions withSelection(int clusters, int searched) {
        return new LlrOptions(topComponents, clusters, searched);
    }

    /**
     * These options as a scorer of a UBM of {@code ubmComponents} (K) components applies them: C at most K, and under
     * selection P at most K and B at most P ({@link LlrScorer} also drops clusters left empty). What a report of the
     * scoring should say.
     */
    public LlrOptions appliedTo(int ubmComponents) {
        if (exact()) {
            return this;
        }
        int c = Math.min(topComponents, ubmComponents);
        if (!selects()) {
            return new LlrOptions(c);
        }
        int p = Math.min(clusters, ubmComponents);
        return new LlrOptions(c, p, Math.min(clustersSearched, p));
    }

    /** These options without Gaussian selection (top-C over all K components). */
    public LlrOptions withoutSelection() {
        return new LlrOptions(topComponents);
    }

    /** Whether every component is scored (C = {@link #ALL_COMPONENTS}). */
    public boolean exact() {
        return topComponents == ALL_COMPONENTS;
    }

    /** Whether top-C scoring looks for the top C among the members of the best clusters only. */
    public boolean selects() {
        return !exact() && clusters > 0;
    }
}
