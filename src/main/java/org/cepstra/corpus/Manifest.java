package org.cepstra.corpus;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link ManifestReader#readManifest(Path)} found in a manifest: the corpus and, when the
 * manifest has a {@code split} column, each utterance's role.
 *
 * @param file           the manifest file
 * @param corpus         the utterances and skip reports
 * @param hasSplitColumn whether the manifest has a {@code split} column
 * @param splits         utterance id to role, for every utterance of the corpus when
 *                       {@code hasSplitColumn}, otherwise empty
 */
public record Manifest(Path file, Corpus corpus, boolean hasSplitColumn, Map<String, SplitRole> splits) {

    /** Validates that the split map covers exactly the corpus when there is a split column. */
    public Manifest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(corpus, "corpus");
        splits = Map.copyOf(splits);
        if (hasSplitColumn) {
            for (Utterance u : corpus.utterances()) {
                if (!splits.containsKey(u.id())) {
                    throw new IllegalArgumentException("manifest " + file + ": utterance '" + u.id() + "' has no split");
                }
            }
        } else if (!splits.isEmpty()) {
            throw new IllegalArgumentException("manifest " + file + " has no split column but split roles were given");
        }
    }
}
