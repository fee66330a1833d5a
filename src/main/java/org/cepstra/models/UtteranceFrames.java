package org.cepstra.models;

import java.util.Objects;
import org.cepstra.corpus.Utterance;
import org.cepstra.matrix.FeatureMatrix;

/**
 * The feature frames of one utterance (a whole file or a segment of one).
 *
 * @param utterance where the frames come from and their label
 * @param frames    the frames, at least one
 */
public record UtteranceFrames(Utterance utterance, FeatureMatrix frames) {
    /** Checks both are present. */
    public UtteranceFrames {
        Objects.requireNonNull(utterance, "utterance");
        Objects.requireNonNull(frames, "frames");
    }
}
