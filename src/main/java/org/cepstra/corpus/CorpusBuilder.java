package org.cepstra.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects utterances and skip reports for a label source; a repeated id becomes a skip report. */
final class CorpusBuilder {
    private final List<Utterance> utterances = new ArrayList<>();
    private final List<SkippedFile> skipped = new ArrayList<>();
    private final Map<String, String> originOfId = new HashMap<>();

    /**
     * Adds {@code u}, which came from {@code origin} (e.g. {@code "train.csv line 4"} or a file path);
     * if its id is taken, reports it against {@code sourceFile} instead and returns false.
     */
    boolean add(Utterance u, Path sourceFile, String origin) {
        String first = originOfId.putIfAbsent(u.id(), origin);
        if (first != null) {
            skip(sourceFile, origin + ": utterance id '" + u.id() + "' is already used by " + first);
            return false;
        }
        utterances.add(u);
        return true;
    }

    void skip(Path file, String reason) {
        skipped.add(new SkippedFile(file, reason));
    }

    void skipAll(List<SkippedFile> reports) {
        skipped.addAll(reports);
    }

    Corpus build() {
        return new Corpus(utterances, skipped);
    }
}
