package org.cepstra.corpus;

import static org.cepstra.corpus.Fixtures.ids;
import static org.cepstra.corpus.Fixtures.labels;
import static org.cepstra.corpus.Fixtures.reasons;
import static org.cepstra.corpus.Fixtures.touch;
import static org.cepstra.corpus.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KaldiDataDirTest {
    @TempDir
    Path root;
    Path data;
    Path abs;

    @BeforeEach
    void recordings() {
        touch(root, "wav/rec1.wav", "wav/rec2.wav");
        data = root.resolve("data/train");
        abs = root.toAbsolutePath().normalize();
    }

    @Test
    void segmentsWithTextAndSpeakers() throws IOException {
        write(data.resolve("wav.scp"), "rec1 ../../wav/rec1.wav\nrec2 " + abs.resolve("wav/rec2.wav") + "\n");
        write(data.resolve("segments"), "rec1-000 rec1 0.00 1.25\nrec1-001 rec1 1.25 -1\nrec2-000 rec2 0.5 2\n");
        write(data.resolve("text"), "rec1-000 HELLO   WORLD \nrec1-001 ONE\nrec2-000 TWO\tTHREE\n");
        write(data.resolve("utt2spk"), "rec1-000 spkA\nrec1-001 spkA\nrec2-000 spkB\n");
        Corpus c = new KaldiDataDir(data).read();
        assertEquals(List.of("rec1-000", "rec1-001", "rec2-000"), ids(c));
        assertEquals(List.of("HELLO WORLD", "ONE", "TWO THREE"), labels(c));
        assertEquals(List.of(new Segment(0.0, 1.25), Segment.toEndOfFile(1.25), new Segment(0.5, 2.0)),
                c.utterances().stream().map(u -> u.segment().orElseThrow()).collect(Collectors.toList()));
        assertEquals(List.of("spkA", "spkA", "spkB"),
                c.utterances().stream().map(u -> u.speaker().orElseThrow()).collect(Collectors.toList()));
        assertEquals(abs.resolve("wav/rec1.wav"), c.utterances().get(0).audioFile());
        assertTrue(c.skipped().isEmpty());
    }

    @Test
    void withoutSegmentsEachRecordingIsOneUtteranceAndUtt2labelWins() throws IOException {
        write(data.resolve("wav.scp"), "rec1 wav/rec1.wav\nrec2 wav/rec2.wav\n");
        write(data.resolve("utt2label"), "rec1 yes\nrec2 no\n");
        write(data.resolve("text"), "rec1 ignored\nrec2 ignored\n");
        Corpus c = new KaldiDataDir(data).withPathBase(root).read();
        assertEquals(List.of("rec1", "rec2"), ids(c));
        assertEquals(List.of("yes", "no"), labels(c));
        assertTrue(c.utterances().stream().allMatch(u -> u.segment().isEmpty() && u.speaker().isEmpty()));
    }

    @Test
    void namedLabelFile() throws IOException {
        write(data.resolve("wav.scp"), "rec1 ../../wav/rec1.wav\n");
        write(data.resolve("utt2lang"), "rec1 fr\n");
        write(data.resolve("text"), "rec1 bonjour\n");
        assertEquals(List.of("fr"), labels(new KaldiDataDir(data).withLabelFile("utt2lang").read()));
        assertThrows(IllegalArgumentException.class, () -> new KaldiDataDir(data).withLabelFile("../text"));
    }

    @Test
    void badLinesAreReportedWithFileLineAndProblem() throws IOException {
        write(data.resolve("wav.scp"), "rec1 ../../wav/rec1.wav\n"          // 1
                + "rec2 sph2pipe -f wav rec2.sph |\n"                         // 2 piped
                + "rec3 ../../wav/missing.wav\n"                              // 3 missing
                + "rec4\n"                                                    // 4 no path
                + "rec1 ../../wav/rec2.wav\n");                               // 5 repeated
        write(data.resolve("segments"), "u1 rec1 0 1\n"                      // 1 ok
                + "u2 rec1 1.5 1.2\n"                                         // 2 end before start
                + "u3 rec1 x 1\n"                                             // 3 bad start
                + "u4 rec1 -0.5 1\n"                                          // 4 negative
                + "u5 rec2 0 1\n"                                             // 5 piped recording
                + "u6 rec9 0 1\n"                                             // 6 unknown recording
                + "u7 rec1 0 1 0\n"                                           // 7 channel
                + "u8 rec1 0\n"                                               // 8 too few
                + "u9 rec1 1 2\n"                                             // 9 no label
                + "u1 rec1 3 4\n"                                             // 10 repeated
                + "u10 rec1 2 2\n");                                          // 11 empty
        write(data.resolve("text"), "u1 one\nu2 two\nghost boo\nu10\n");
        write(data.resolve("utt2spk"), "u1 a b\n");
        Corpus c = new KaldiDataDir(data).read();
        assertEquals(List.of("u1"), ids(c));
        assertEquals(Optional.empty(), c.utterances().get(0).speaker());
        Path scp = data.resolve("wav.scp").toAbsolutePath().normalize();
        assertEquals(List.of(
                "wav.scp line 4: 'rec4' has no value after it",
                "wav.scp line 5: 'rec1' is repeated (first on line 1)",
                "wav.scp line 2: piped wav.scp entries are not supported",
                "wav.scp line 3: audio file ../../wav/missing.wav not found (looked for " + abs.resolve("wav/missing.wav") + ")",
                "text line 4: 'u10' has no value after it",
                "utt2spk line 1: expected '<utterance-id> <speaker-id>', found 3 fields",
                "segments line 10: 'u1' is repeated (first on line 1)",
                "segments line 2: end 1.2 is before start 1.5",
                "segments line 3: start 'x' is not a number of seconds",
                "segments line 4: start -0.5 is negative",
                "segments line 5: recording 'rec2' was skipped (see wav.scp line 2)",
                "segments line 6: recording 'rec9' is not in wav.scp",
                "segments line 7: a channel field is not supported",
                "segments line 8: expected '<utterance-id> <recording-id> <start> <end>', found 3 fields",
                "segments line 9: utterance 'u9' has no label in text",
                "segments line 11: end 2 equals start 2 (empty segment)",
                "text line 3: utterance 'ghost' is not in segments"), reasons(c));
        assertEquals(scp, c.skipped().get(0).file());
    }

    @Test
    void missingPiecesThrow() {
        Path missing = root.resolve("nodata");
        CorpusException e = assertThrows(CorpusException.class, () -> new KaldiDataDir(missing).read());
        assertEquals(missing + ": Kaldi data directory not found", e.getMessage());
        write(data.resolve("text"), "u1 one\n");
        e = assertThrows(CorpusException.class, () -> new KaldiDataDir(data).read());
        assertEquals(data.toAbsolutePath().normalize().resolve("wav.scp") + ": wav.scp not found", e.getMessage());
        write(data.resolve("wav.scp"), "rec1 ../../wav/rec1.wav\n");
        e = assertThrows(CorpusException.class, () -> new KaldiDataDir(data).withLabelFile("utt2lang").read());
        assertEquals(data.toAbsolutePath().normalize().resolve("utt2lang") + ": label file not found", e.getMessage());
        Path empty = root.resolve("data/empty");
        write(empty.resolve("wav.scp"), "rec1 ../../wav/rec1.wav\n");
        e = assertThrows(CorpusException.class, () -> new KaldiDataDir(empty).read());
        assertEquals(empty.toAbsolutePath().normalize()
                + ": neither utt2label nor text found; name the label file with withLabelFile", e.getMessage());
    }
}
