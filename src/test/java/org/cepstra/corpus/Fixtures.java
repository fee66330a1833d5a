package org.cepstra.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Small helpers for building corpus folders in temporary directories. */
final class Fixtures {
    private Fixtures() {
    }

    /** Creates empty files (and their folders) at the given paths below {@code root}. */
    static void touch(Path root, String... relativePaths) {
        for (String rel : relativePaths) {
            write(root.resolve(rel), "");
        }
    }

    /** Writes {@code text} as UTF-8, creating folders. */
    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> ids(Corpus corpus) {
        return corpus.utterances().stream().map(Utterance::id).collect(Collectors.toList());
    }

    static List<String> labels(Corpus corpus) {
        return corpus.utterances().stream().map(Utterance::label).collect(Collectors.toList());
    }

    /** The segment of each utterance, in corpus order (every utterance must have one). */
    static List<Segment> segments(Corpus corpus) {
        return corpus.utterances().stream().map(u -> u.segment().orElseThrow()).collect(Collectors.toList());
    }

    static List<String> reasons(Corpus corpus) {
        return corpus.skipped().stream().map(SkippedFile::reason).collect(Collectors.toList());
    }

    /** Asserts the only skip report is about {@code file} with exactly {@code reason}. */
    static void assertSingleSkip(Corpus corpus, Path file, String reason) {
        assertEquals(List.of(new SkippedFile(file.toAbsolutePath().normalize(), reason)), corpus.skipped());
    }
}
