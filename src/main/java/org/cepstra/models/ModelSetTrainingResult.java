package org.cepstra.models;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.cepstra.corpus.SkippedFile;

/**
 * A trained model set, the training files that had to be skipped, and what else a summary should say.
 *
 * @param modelSet the models
 * @param skipped  files (or segments) reported and skipped, each with its reason
 * @param calibrationProblem why the posteriors could not be calibrated although calibration was asked for, or
 *                           why the calibration left them as sharp as the raw totals (the held-out training data
 *                           was classified right, so it could not show how wrong the models can be)
 *                 (too few speakers or utterances to hold out), in words; empty otherwise
 * @param sampleRates the rates the training recordings came at and the one their features were made at
 *                 ({@link SampleRates#resamples()} says whether some were resampled)
 */
public record ModelSetTrainingResult(ModelSet modelSet, List<SkippedFile> skipped,
                                     Optional<String> calibrationProblem, SampleRates sampleRates) {
    /** Copies the list. */
    public ModelSetTrainingResult {
        Objects.requireNonNull(modelSet, "modelSet");
        Objects.requireNonNull(calibrationProblem, "calibrationProblem");
        Objects.requireNonNull(sampleRates, "sampleRates");
        skipped = List.copyOf(skipped);
    }

    /** A result without a calibration problem and without a record of the source rates. */
    public ModelSetTrainingResult(ModelSet modelSet, List<SkippedFile> skipped) {
        this(modelSet, skipped, Optional.empty(),
                new SampleRates(new TreeMap<>(), modelSet.featureConfig().targetSampleRateHz()));
    }
}
