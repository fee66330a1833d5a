package org.cepstra.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cepstra.base.MessageText;

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
        String bad = controlProblem("label", u.label());
        if (bad == null && u.speaker().isPresent()) {
            bad = controlProblem("speaker", u.speaker().get());
        }
        if (bad == null) {
            bad = controlProblem("utterance id", u.id());
        }
        if (bad != null) {
            skip(sourceFile, origin + ": " + bad);
            return false;
        }
        String first = originOfId.putIfAbsent(u.id(), origin);
        if (first != null) {
            skip(sourceFile, origin + ": utterance id '" + u.id() + "' is already used by " + first);
            return false;
        }
        utterances.add(u);
        return true;
    }

    /**
     * Why {@code value} cannot be a {@code what} (it holds a line break or another control character,
     * which would split or garble every line-based output: reports, archives, Kaldi files), or null.
     */
    static String controlProblem(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (MessageText.isControl(c)) {
                return what + " '" + MessageText.escaped(value) + "' contains "
                        + (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085'
                        ? "a line break" : "a control character")
                        + " (" + String.format("U+%04X", (int) c) + ")";
            }
        }
        return null;
    }


    void skip(Path file, String reason) {
        skipped.add(new SkippedFile(file, reason));
    }

    void skipAll(List<SkippedFile> reports) {
        skipped.addAll(reports);
    }

    Corpus build() {
        return new Corpus(utterances, skipped, originOfId);
    }
}
