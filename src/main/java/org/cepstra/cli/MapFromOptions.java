package org.cepstra.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train --map-from UBM}: every label's model MAP-adapted from a universal background model. */
final class MapFromOptions {

    @Option(names = "--map-from", paramLabel = "UBM",
            description = "MAP-adapt every label's model from this universal background model (a model file of one "
                    + "model, as train-ubm writes it) instead of training it by EM; the UBM's feature settings make "
                    + "the frames, so feature options, -k and the EM options do not apply")
    Path ubm;

    @Mixin
    MapAdaptationOptions adaptation;

    /** Checks the options before any work: the MAP options need {@code --map-from}. */
    void check() {
        if (ubm == null && adaptation.given()) {
            throw new InputException("--relevance and --adapt need --map-from (or the enroll command)");
        }
        if (ubm != null) {
            adaptation.toOptions();
        }
    }
}
