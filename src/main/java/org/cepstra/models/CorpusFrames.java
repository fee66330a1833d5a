package org.cepstra.models;

import java.util.List;
import java.util.Objects;
import org.cepstra.corpus.SkippedFile;

/**
 * The frames of every usable utterance of a corpus, in corpus order, and what had to be skipped.
 *
 * @param utterances utterances that gave at least one frame
 * @param skipped    files (or segments) that could not be used, each with the reason
 */
public record CorpusFrames(List<UtteranceFrames> utterances, List<SkippedFile> skipped) {
    /** Copies both lists. */
    public CorpusFrames {
        utterances = List.copyOf(Objects.requireNonNull(utterances, "utterances"));
        skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
    }
}
