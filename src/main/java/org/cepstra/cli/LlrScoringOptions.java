package org.cepstra.cli;

import org.cepstra.gmm.LlrOptions;
import picocli.CommandLine.Option;

/**
 * {@code --top-c C}, {@code --exact} and the Gaussian selection options: how verification commands score
 * frames ({@link LlrOptions}).
 */
final class LlrScoringOptions {

    @Option(names = "--top-c", paramLabel = "C",
            description = "score both models on the C best UBM components of each frame (default: "
                    + LlrOptions.DEFAULT_TOP_COMPONENTS + ")")
    Integer topC;

    @Option(names = "--exact", description = "score both models on every component (no top-C shortcut)")
    boolean exact;

    @Option(names = "--selection", description = "Gaussian selection: the UBM's components are grouped into clusters, "
            + "each with a parent Gaussian, and a frame's top C are looked for among the members of its best clusters "
            + "only (faster; with --top-c 3 about 11x faster than --exact on the speaker recipe; default: top C over "
            + "all components)")
    boolean selection;

    @Option(names = "--clusters", paramLabel = "P",
            description = "with --selection: clusters of the UBM's components (default: K/"
                    + LlrOptions.COMPONENTS_PER_CLUSTER + ", about " + LlrOptions.COMPONENTS_PER_CLUSTER
                    + " components per cluster, at least " + 2 * LlrOptions.DEFAULT_CLUSTERS_SEARCHED + ")")
    Integer clusters;

    @Option(names = "--clusters-searched", paramLabel = "B",
            description = "with --selection: clusters searched per frame (default: "
                    + LlrOptions.DEFAULT_CLUSTERS_SEARCHED + ")")
    Integer clustersSearched;

    /**
     * Checks the options before any model is read.
     *
     * @throws InputException as {@link #toOptions(int)}
     */
    void check() {
        toOptions(Integer.MAX_VALUE);
    }

    /**
     * The options in effect for a UBM of {@code ubmComponents} (K) components: Gaussian selection sized for it unless
     * {@code --clusters} is given, and C, P and B no larger than they can be (C and P at most K, B at most P), so
     * that what is reported is what was done.
     *
     * @throws InputException if C, P or B is below 1, or P or B is given without {@code --selection}
     */
    LlrOptions toOptions(int ubmComponents) {
        if (exact) {
            if (topC != null || selection || clusters != null || clustersSearched != null) {
                throw new InputException("--exact scores every component: it takes no --top-c, --selection, "
                        + "--clusters or --clusters-searched");
            }
            return LlrOptions.allComponents();
        }
        int c = topC == null ? LlrOptions.DEFAULT_TOP_COMPONENTS : topC;
        if (c < 1) {
            throw new InputException("--top-c must be >= 1, got " + c + " (--exact scores every component)");
        }
        if (!selection) {
            if (clusters != null || clustersSearched != null) {
                throw new InputException((clusters != null ? "--clusters" : "--clusters-searched")
                        + " needs --selection (Gaussian selection is off by default)");
            }
            return new LlrOptions(c).appliedTo(ubmComponents);
        }
        int p = clusters != null ? clusters : LlrOptions.defaultClusters(ubmComponents);
        int b = clustersSearched != null ? clustersSearched : LlrOptions.DEFAULT_CLUSTERS_SEARCHED;
        if (p < 1) {
            throw new InputException("--clusters must be >= 1, got " + p);
        }
        if (b < 1) {
            throw new InputException("--clusters-searched must be >= 1, got " + b);
        }
        return new LlrOptions(c, p, b).appliedTo(ubmComponents);
    }

    /** {@link #toOptions(int)} for the UBM of {@code speakers} (a set without one is refused later, by the scorer). */
    LlrOptions toOptions(org.cepstra.models.ModelSet speakers) {
        return toOptions(speakers.background().map(b -> b.ubm().numComponents()).orElse(Integer.MAX_VALUE));
    }

    /** "exact" or "top-C". */
    static String describe(LlrOptions llr) {
        return llr.exact() ? "exact" : "top-" + llr.topComponents();
    }

    /** ", Gaussian selection (P clusters, B searched)" when {@code llr} selects, else "". */
    static String describeSelection(LlrOptions llr) {
        return llr.selects() ? ", Gaussian selection (" + llr.clusters() + " clusters, " + llr.clustersSearched()
                + " searched)" : "";
    }
}
