package org.cepstra.scoring;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A test utterance whose best label was not its true label.
 *
 * @param utteranceId the utterance's id
 * @param audioFile   the recording it comes from
 * @param trueLabel   its label in the test corpus
 * @param top         the best three labels (fewer if the model set has fewer), best first
 */
public record Misclassification(String utteranceId, Path audioFile, String trueLabel, List<LabelScore> top) {
    /** Copies the list. */
    public Misclassification {
        Objects.requireNonNull(utteranceId, "utteranceId");
        Objects.requireNonNull(trueLabel, "trueLabel");
        top = List.copyOf(top);
    }
}
