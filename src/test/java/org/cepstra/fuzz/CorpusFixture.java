package org.cepstra.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.cepstra.audio.SampleEncoding;
import org.cepstra.audio.WavWriter;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.corpus.Utterance;

/** Temporary corpus folders holding placeholder recordings, and the checks every corpus must pass. */
final class CorpusFixture {
    private CorpusFixture() {
    }

    /** A new temporary folder with a tiny valid WAV at each of {@code relativePaths}. */
    static Path folderWithWavs(String prefix, String... relativePaths) {
        byte[] wav = new WavWriter(SampleEncoding.PCM_SIGNED_16).toBytes(new float[] {0f, 0.25f, -0.25f, 0f}, 1, 8000);
        Path dir = FuzzChecks.tempFolder(prefix);
        try {
            for (String rel : relativePaths) {
                Path file = dir.resolve(rel);
                Files.createDirectories(file.getParent());
                Files.write(file, wav);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Writes {@code data} to {@code file}, or deletes the file when {@code data} is null. */
    static void writeOrDelete(Path file, byte[] data) {
        try {
            if (data == null) {
                Files.deleteIfExists(file);
            } else {
                Files.write(file, data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks what every label source promises: unique ids, existing regular audio files, at most one
     * utterance or report per input line, and reports whose reason starts with one of {@code reasonStarts}.
     */
    static void check(Corpus corpus, int inputLines, String... reasonStarts) {
        Set<String> ids = new HashSet<>();
        for (Utterance u : corpus.utterances()) {
            assertTrue(ids.add(u.id()), "id '" + u.id() + "' used twice");
            assertTrue(u.audioFile().isAbsolute(), "audio path not absolute: " + u.audioFile());
            assertTrue(Files.isRegularFile(u.audioFile()), "audio file missing: " + u.audioFile());
        }
        assertEquals(corpus.utterances().size(), ids.size());
        for (SkippedFile s : corpus.skipped()) {
            boolean named = false;
            for (String start : reasonStarts) {
                named |= s.reason().startsWith(start);
            }
            final boolean ok = named;
            assertTrue(ok, () -> "report does not name the file and line: " + s);
        }
        assertTrue(corpus.utterances().size() <= inputLines + 1,
                corpus.utterances().size() + " utterances from " + inputLines + " lines");
    }

    /** Number of line breaks in {@code data} (CR, LF or CRLF each count one), plus one. */
    static int lines(byte[] data) {
        int n = 1;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == data.length || data[i + 1] != '\n'))) {
                n++;
            }
        }
        return n;
    }
}
