package org.cepstra.corpus;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A corpus divided into a training part and a test part. No utterance id is on both sides. The
 * skip reports of the source corpus travel with the training side; the test side has none.
 *
 * @param train the utterances to fit models on
 * @param test  the utterances to evaluate on
 */
public record CorpusSplit(Corpus train, Corpus test) {

    /** Validates that no utterance id is on both sides. */
    public CorpusSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        for (Utterance u : test.utterances()) {
            if (train.utterance(u.id()).isPresent()) {
                throw new IllegalArgumentException("utterance '" + u.id() + "' is in both the train and the test part");
            }
        }
    }

    /**
     * The recordings that have utterances on both sides (in test order); empty for the file-name,
     * speaker and stratified splits, possibly not for a manifest's own split column.
     */
    public Set<Path> sharedRecordings() {
        Set<Path> shared = new LinkedHashSet<>(test.recordings());
        shared.retainAll(train.recordings());
        return Collections.unmodifiableSet(shared);
    }
}
