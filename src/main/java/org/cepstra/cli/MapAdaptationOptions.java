package org.cepstra.cli;

import java.util.Locale;
import org.cepstra.app.Recipe;
import org.cepstra.gmm.MapOptions;
import picocli.CommandLine.Option;

/** How speaker models are MAP-adapted from a universal background model ({@code enroll}, {@code train --map-from}). */
final class MapAdaptationOptions {

    @Option(names = "--relevance", paramLabel = "R",
            description = "MAP relevance factor r in frames: a component with n frames of the speaker moves n/(n+r) "
                    + "of the way to the speaker's statistics (default: " + MapOptions.DEFAULT_RELEVANCE + ")")
    Double relevance;

    @Option(names = "--adapt", paramLabel = "means|means,variances|means,variances,weights",
            description = "which parameters MAP adapts (default: the speaker recipe's, "
                    + Recipe.SPEAKER_ADAPTATION_HELP + ")")
    String adapt;

    /** Whether any of these options was given. */
    boolean given() {
        return relevance != null || adapt != null;
    }

    /**
     * The MAP options these describe, on top of the speaker recipe's ({@link Recipe#mapOptions()}): a UBM is
     * made by {@code train-ubm}, whose recipe is the speaker recipe.
     *
     * @throws InputException naming the option whose value is out of range or unknown
     */
    MapOptions toOptions() {
        MapOptions o = Recipe.SPEAKER.mapOptions();
        if (relevance != null) {
            if (!(relevance >= 0) || relevance.isInfinite()) {
                throw new InputException("--relevance must be a finite number of frames >= 0, got " + relevance);
            }
            o = o.withRelevance(relevance);
        }
        if (adapt != null) {
            String v = adapt.toLowerCase(Locale.ROOT).replace(" ", "");
            o = switch (v) {
                case "means", "m" -> o.withAdapted(true, false, false);
                case "means,variances", "mv" -> o.withAdapted(true, true, false);
                case "means,variances,weights", "mvw" -> o.withAdapted(true, true, true);
                default -> throw new InputException("--adapt must be means, means,variances or means,variances,weights, "
                        + "got '" + adapt + "'");
            };
        }
        return o;
    }
}
