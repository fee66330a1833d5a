package org.cepstra.cli;

import org.cepstra.gmm.LlrOptions;
import picocli.CommandLine.Option;

/**
 * {@code --top-c C}, {@code --exact} and the Gaussian selection options: how verification commands score
 * frames ({@link LlrOptions}).
 */
final class LlrScoringOptions {

    @Option(names = "--top-c", paramLabel = "C",
            description = "score both models on the C best UBM components of each frame (default: ${DEFAULT-VALUE})")
    int topC = LlrOptions.DEFAULT_TOP_COMPONENTS;

    @Option(names = "--exact", description = "score both models on every component (no top-C shortcut)")
    boolean exact;

    @Option(names = "--clusters", paramLabel = "P",
            description = "Gaussian selection: the UBM's components are grouped into P clusters, each with a parent "
                    + "Gaussian, and a frame's top C are looked for among the members of its best clusters only "
                    + "(default: ${DEFAULT-VALUE})")
    int clusters = LlrOptions.DEFAULT_CLUSTERS;

    @Option(names = "--clusters-searched", paramLabel = "B",
            description = "Gaussian selection: clusters searched per frame (default: ${DEFAULT-VALUE})")
    int clustersSearched = LlrOptions.DEFAULT_CLUSTERS_SEARCHED;

    @Option(names = "--no-selection", description = "top-C over all K components of every frame (no Gaussian selection)")
    boolean noSelection;

    /**
     * The options given.
     *
     * @throws InputException if C, P or B is below 1
     */
    LlrOptions toOptions() {
        if (exact) {
            return LlrOptions.allComponents();
        }
        if (topC < 1) {
            throw new InputException("--top-c must be >= 1, got " + topC + " (--exact scores every component)");
        }
        if (noSelection) {
            return new LlrOptions(topC);
        }
        if (clusters < 1) {
            throw new InputException("--clusters must be >= 1, got " + clusters + " (--no-selection turns Gaussian "
                    + "selection off)");
        }
        if (clustersSearched < 1) {
            throw new InputException("--clusters-searched must be >= 1, got " + clustersSearched);
        }
        return new LlrOptions(topC, clusters, clustersSearched);
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
