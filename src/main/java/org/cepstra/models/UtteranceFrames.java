package org.cepstra.models;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * {@code utterances} cut into runs of consecutive ones holding at least {@code minFrames} frames each (the
     * last run may hold fewer), for work done on many short utterances at once; views of the list.
     */
    public static List<List<UtteranceFrames>> batches(List<UtteranceFrames> utterances, int minFrames) {
        List<List<UtteranceFrames>> batches = new ArrayList<>();
        int first = 0;
        int frames = 0;
        for (int i = 0; i < utterances.size(); i++) {
            frames += utterances.get(i).frames().rows();
            if (frames >= minFrames || i == utterances.size() - 1) {
                batches.add(utterances.subList(first, i + 1));
                first = i + 1;
                frames = 0;
            }
        }
        return batches;
    }
}
