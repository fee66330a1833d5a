package org.cepstra.models;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cepstra.corpus.SkippedFile;

/**
 * A trained model set and the training files that had to be skipped.
 *
 * @param modelSet the models
 * @param skipped  files (or segments) reported and skipped, each with its reason
 * @param calibrationProblem why the posteriors could not be calibrated although calibration was asked for
 *                 (too few speakers or utterances to hold out), in words; empty otherwise
 */
public record ModelSetTrainingResult(ModelSet modelSet, List<SkippedFile> skipped,
                                     Optional<String> calibrationProblem) {
    /** Copies the list. */
    public ModelSetTrainingResult {
        Objects.requireNonNull(modelSet, "modelSet");
        Objects.requireNonNull(calibrationProblem, "calibrationProblem");
        skipped = List.copyOf(skipped);
    }

    /** A result without a calibration problem. */
    public ModelSetTrainingResult(ModelSet modelSet, List<SkippedFile> skipped) {
        this(modelSet, skipped, Optional.empty());
    }
}
