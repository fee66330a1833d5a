package org.cepstra.models;

import java.util.List;
import java.util.Objects;
import org.cepstra.corpus.SkippedFile;

/**
 * A trained model set and the training files that had to be skipped.
 *
 * @param modelSet the models
 * @param skipped  files (or segments) reported and skipped, each with its reason
 */
public record ModelSetTrainingResult(ModelSet modelSet, List<SkippedFile> skipped) {
    /** Copies the list. */
    public ModelSetTrainingResult {
        Objects.requireNonNull(modelSet, "modelSet");
        skipped = List.copyOf(skipped);
    }
}
