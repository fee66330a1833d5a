package org.cepstra.corpus;

import static org.cepstra.corpus.Fixtures.ids;
import static org.cepstra.corpus.Fixtures.labels;
import static org.cepstra.corpus.Fixtures.reasons;
import static org.cepstra.corpus.Fixtures.segments;
import static org.cepstra.corpus.Fixtures.touch;
import static org.cepstra.corpus.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignmentLabelsTest {
    @TempDir
    Path dir;
    Path abs;

    @BeforeEach
    void absolute() {
        abs = dir.toAbsolutePath().normalize();
    }

    private static final String HTK = "0 5000000 one\n"
            + "5000000 12000000 two -12.5 aux 3.0\n"
            + "\n"
            + "12000000 15000000 sil\n";

    @Test
    void htkLabBesideTheWavIn100NanosecondUnits() throws IOException {
        touch(dir, "a.wav");
        write(dir.resolve("a.lab"), HTK);
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.HTK_LAB).read();
        assertEquals(List.of("a_0", "a_1", "a_2"), ids(c));
        assertEquals(List.of("one", "two", "sil"), labels(c));
        assertEquals(List.of(Segment.ofRecording(0.0, 0.5), Segment.ofRecording(0.5, 1.2), Segment.ofRecording(1.2, 1.5)), segments(c));
        assertTrue(c.utterances().stream().allMatch(u -> u.audioFile().equals(abs.resolve("a.wav"))));
        assertTrue(c.skipped().isEmpty());
    }

    @Test
    void droppedLabelsKeepTheOtherIds() throws IOException {
        touch(dir, "a.wav");
        write(dir.resolve("a.lab"), "0 1000000 sil\n" + HTK);
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.HTK_LAB).droppingLabels(Set.of("sil", "sp")).read();
        assertEquals(List.of("a_1", "a_2"), ids(c));
        assertEquals(List.of("one", "two"), labels(c));
        assertTrue(c.skipped().isEmpty());
    }

    @Test
    void onlyTheFirstAlternativeBeforeTripleSlashIsRead() throws IOException {
        touch(dir, "a.wav");
        write(dir.resolve("a.lab"), "0 5000000 one\n///\n0 5000000 won\n");
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.HTK_LAB).read();
        assertEquals(List.of("one"), labels(c));
        assertTrue(c.skipped().isEmpty());
    }

    /** Overlapping segments used to be kept: the frames they share were then counted under two labels. */
    @Test
    void unsortedSegmentsAreKeptAndOverlapsReported() throws IOException {
        touch(dir, "a.wav");
        write(dir.resolve("a.lab"), "5000000 9000000 b\n0 5000000 a\n0 6000000 c\n8000000 10000000 d\n"
                + "9000000 10000000 e\n4000000 5000000 sil\n");
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.HTK_LAB).droppingLabels(Set.of("sil")).read();
        assertEquals(List.of(Segment.ofRecording(0.5, 0.9), Segment.ofRecording(0.0, 0.5),
                Segment.ofRecording(0.9, 1.0)), segments(c));
        assertEquals(List.of("a_0", "a_1", "a_4"), ids(c));
        assertEquals(List.of(
                "a.lab line 3: segment [0.0, 0.6) s overlaps segment [0.0, 0.5) s of line 2; not used",
                "a.lab line 4: segment [0.8, 1.0) s overlaps segment [0.5, 0.9) s of line 1; not used"), reasons(c));
    }

    @Test
    void nestedFoldersAndUpperCaseExtensions() throws IOException {
        touch(dir, "spk1/s1.WAV", "spk2/s1.wav");
        write(dir.resolve("spk1/s1.LAB"), "0 10000000 x\n");
        write(dir.resolve("spk2/s1.lab"), "0 10000000 y\n");
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.HTK_LAB).read();
        assertEquals(List.of("spk1/s1_0", "spk2/s1_0"), ids(c));
        assertEquals(List.of("x", "y"), labels(c));
    }

    @Test
    void separateAlignmentFolderMirroredOrFlat() throws IOException {
        Path audio = dir.resolve("audio");
        Path labs = dir.resolve("labs");
        touch(audio, "a/x.wav", "b/y.wav");
        write(labs.resolve("a/x.lab"), "0 10000000 mirrored\n");
        write(labs.resolve("y.lab"), "0 10000000 flat\n");
        Corpus c = new AlignmentLabels(audio, labs, AlignmentFormat.HTK_LAB).read();
        assertEquals(List.of("a/x_0", "b/y_0"), ids(c));
        assertEquals(List.of("mirrored", "flat"), labels(c));
        assertEquals(abs.resolve("audio/b/y.wav"), c.utterances().get(1).audioFile());
    }

    @Test
    void badLinesAreReportedWithFileLineAndProblem() throws IOException {
        touch(dir, "a.wav");
        write(dir.resolve("a.lab"), "0 5000000 one\n"      // 1 ok -> a_0
                + "1500000 1200000 two\n"                   // 2
                + "abc 1200000 two\n"                       // 3
                + "0 1e 1 x\n"                              // 4
                + "-5 100 x\n"                              // 5
                + "100 100 x\n"                             // 6
                + "0 5000000\n"                             // 7
                + "one\n"                                   // 8
                + "5000000 9000000 three\n");               // 9 ok -> a_8
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.HTK_LAB).read();
        assertEquals(List.of("a_0", "a_8"), ids(c));
        assertEquals(List.of(
                "a.lab line 2: end 1200000 is before start 1500000",
                "a.lab line 3: start 'abc' is not a number",
                "a.lab line 4: end '1e' is not a number",
                "a.lab line 5: start -5 is negative",
                "a.lab line 6: end 100 equals start 100 (empty segment)",
                "a.lab line 7: expected start, end and label, found 2 fields",
                "a.lab line 8: expected start, end and label, found 1 field"), reasons(c));
        assertTrue(c.skipped().stream().allMatch(s -> s.file().equals(abs.resolve("a.lab"))));
    }

    @Test
    void unusableFilesAreSkippedAndTheRestIsRead() throws IOException {
        touch(dir, "good.wav", "nolab.wav", "empty.wav", "mlf.wav", "latin.wav");
        write(dir.resolve("good.lab"), "0 10000000 ok\n");
        write(dir.resolve("orphan.lab"), "0 10000000 x\n");
        write(dir.resolve("empty.lab"), "\n  \n");
        write(dir.resolve("mlf.lab"), "#!MLF!#\n\"*/a.lab\"\n0 1 x\n.\n");
        Files.write(dir.resolve("latin.lab"), new byte[] {'0', ' ', '1', ' ', (byte) 0xE9, '\n'});
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.HTK_LAB).read();
        assertEquals(List.of("good_0"), ids(c));
        assertEquals(List.of(
                new SkippedFile(abs.resolve("empty.lab"), "empty.lab: holds no segment lines; recording empty.wav skipped"),
                new SkippedFile(abs.resolve("latin.lab"), "latin.lab: cannot read: not valid UTF-8 text; recording skipped"),
                new SkippedFile(abs.resolve("mlf.lab"),
                        "mlf.lab: is an HTK master label file (#!MLF!#), which is not supported"),
                new SkippedFile(abs.resolve("nolab.wav"), "no alignment file nolab.lab found beside it"),
                new SkippedFile(abs.resolve("orphan.lab"), "no audio file orphan.wav for this alignment")),
                c.skipped());
    }

    @Test
    void missingFoldersThrow() {
        Path missing = dir.resolve("none");
        CorpusException e = assertThrows(CorpusException.class,
                () -> new AlignmentLabels(missing, AlignmentFormat.HTK_LAB).read());
        assertEquals(missing + ": audio folder not found", e.getMessage());
        e = assertThrows(CorpusException.class,
                () -> new AlignmentLabels(dir, missing, AlignmentFormat.HTK_LAB).read());
        assertEquals(missing + ": alignment folder not found", e.getMessage());
    }

    private static final String PHN = "0 3050 h#\n3050 4559 sh\n4559 5723 ix\n5723 6642 h#\n";

    @Test
    void timitPhnUsesTheSampleRate() throws IOException {
        touch(dir, "DR1/FCJF0/SA1.WAV");
        write(dir.resolve("DR1/FCJF0/SA1.PHN"), PHN);
        write(dir.resolve("DR1/FCJF0/SA1.WRD"), "3050 5723 she\n");
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.TIMIT_PHN)
                .withSampleRateLookup(wav -> 16000)
                .droppingLabels(Set.of("h#"))
                .read();
        assertEquals(List.of("DR1/FCJF0/SA1_1", "DR1/FCJF0/SA1_2"), ids(c));
        assertEquals(List.of("sh", "ix"), labels(c));
        assertEquals(List.of(Segment.ofRecording(0.190625, 0.2849375), Segment.ofRecording(0.2849375, 0.3576875)), segments(c));
        assertTrue(c.skipped().isEmpty());

        Corpus words = new AlignmentLabels(dir, AlignmentFormat.TIMIT_WRD).withSampleRateLookup(wav -> 8000).read();
        assertEquals(List.of("she"), labels(words));
        assertEquals(List.of(Segment.ofRecording(0.38125, 0.715375)), segments(words));
    }

    @Test
    void timitWithoutSampleRateLookupIsAnError() {
        touch(dir, "SA1.WAV");
        write(dir.resolve("SA1.PHN"), PHN);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new AlignmentLabels(dir, AlignmentFormat.TIMIT_PHN).read());
        assertEquals("TIMIT_PHN alignments give times in samples; supply a SampleRateLookup with"
                + " withSampleRateLookup(...) to turn them into seconds", e.getMessage());
    }

    @Test
    void timitBadLinesAndFailedLookups() throws IOException {
        touch(dir, "a.wav", "b.wav", "c.wav");
        write(dir.resolve("a.phn"), "0 3050 h#\n3050.5 4559 sh\n4559 1e3 ix\n");
        write(dir.resolve("b.phn"), PHN);
        write(dir.resolve("c.phn"), PHN);
        SampleRateLookup lookup = wav -> switch (wav.getFileName().toString()) {
            case "a.wav" -> 16000;
            case "b.wav" -> throw new NoSuchFileException(wav.toString());
            default -> 0;
        };
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.TIMIT_PHN).withSampleRateLookup(lookup).read();
        assertEquals(List.of("a_0"), ids(c));
        assertEquals(Optional.of(Segment.ofRecording(0.0, 0.190625)), c.utterances().get(0).segment());
        assertEquals(List.of(
                new SkippedFile(abs.resolve("a.phn"), "a.phn line 2: start '3050.5' is not a whole number of samples"),
                new SkippedFile(abs.resolve("a.phn"), "a.phn line 3: end '1e3' is not a whole number of samples"),
                new SkippedFile(abs.resolve("b.wav"), "sample rate unknown: file not found"),
                new SkippedFile(abs.resolve("c.wav"), "sample rate lookup gave 0.0 Hz")), c.skipped());
    }

    /**
     * Times that differ as written but not once divided into seconds used to reach {@link Segment}'s
     * constructor and throw IllegalArgumentException out of read().
     */
    @Test
    void timesThatAreTheSameInSecondsAreReported() throws IOException {
        touch(dir, "a.wav", "b.wav");
        write(dir.resolve("a.lab"), "1e-320 2e-320 tiny\n15000009 15000009.000000002 close\n0 5000000 one\n");
        write(dir.resolve("b.phn"), "0 5 x\n");
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.HTK_LAB).read();
        assertEquals(List.of("a_2"), ids(c));
        assertEquals(List.of(
                "a.lab line 1: start 1e-320 and end 2e-320 are the same time in seconds (0.0 s; empty segment)",
                "a.lab line 2: start 15000009 and end 15000009.000000002 are the same time in seconds"
                        + " (1.5000009 s; empty segment)",
                "no alignment file b.lab found beside it"), reasons(c));
        Corpus timit = new AlignmentLabels(dir, AlignmentFormat.TIMIT_PHN)
                .withSampleRateLookup(wav -> Double.MIN_VALUE).read();
        assertEquals(List.of(), ids(timit));
        assertEquals(List.of("no alignment file a.phn found beside it", "b.phn line 1: end 5 is Infinity s, not a time"),
                reasons(timit));
    }

    /**
     * Fields are split at ASCII white space, so a field of other white space (U+2003, U+001C) was
     * taken as the label and Utterance's constructor threw IllegalArgumentException out of read().
     */
    @Test
    void labelOfOtherWhiteSpaceIsReported() throws IOException {
        touch(dir, "a.wav");
        write(dir.resolve("a.lab"), "0 100 \u2003 x\n100 200 \u001C\u001F -3.5\n200 300 ok\n");
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.HTK_LAB).read();
        assertEquals(List.of("a_2"), ids(c));
        assertEquals(List.of("a.lab line 1: label is blank (only white space)",
                "a.lab line 2: label is blank (only white space)"), reasons(c));
    }
}
