package org.cepstra.cli;

import org.cepstra.gmm.LlrOptions;
import picocli.CommandLine.Option;

/** {@code --top-c C} and {@code --exact}: how verification commands score frames ({@link LlrOptions}). */
final class LlrScoringOptions {

    @Option(names = "--top-c", paramLabel = "C",
            description = "score both models on the C best UBM components of each frame (default: ${DEFAULT-VALUE})")
    int topC = LlrOptions.DEFAULT_TOP_COMPONENTS;

    @Option(names = "--exact", description = "score both models on every component (no top-C shortcut)")
    boolean exact;

    /**
     * The options given.
     *
     * @throws InputException if C is below 1
     */
    LlrOptions toOptions() {
        if (!exact && topC < 1) {
            throw new InputException("--top-c must be >= 1, got " + topC + " (--exact scores every component)");
        }
        return exact ? LlrOptions.allComponents() : new LlrOptions(topC);
    }

    /** "exact" or "top-C". */
    static String describe(LlrOptions llr) {
        return llr.exact() ? "exact" : "top-" + llr.topComponents();
    }
}
