package org.cepstra.scoring.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialsFileTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private VerificationFileException failure(String text) throws IOException {
        Path p = write("trials", text);
        return assertThrows(VerificationFileException.class, () -> TrialsFile.read(p));
    }

    @Test
    void readsKaldiTrialsWithTabsCrLfBlankLinesAndBom() throws IOException {
        Path p = write("trials", "\uFEFFspk1 utt1 target\r\n\r\n  spk1\tutt2   nontarget  \rspk2 utt1 nontarget");
        TrialList t = TrialsFile.read(p);
        assertEquals(List.of(new Trial("spk1", "utt1", true), new Trial("spk1", "utt2", false),
                new Trial("spk2", "utt1", false)), t.trials());
        assertEquals(1, t.targetCount());
        assertEquals(2, t.nontargetCount());
    }

    @Test
    void writeThenReadGivesTheSameTrialsAndKaldiText() throws IOException {
        TrialList t = new TrialList(List.of(new Trial("spk1", "a/b-1", true), new Trial("spk2", "a/b-1", false),
                new Trial("spëaker", "ütt", false)));
        Path p = dir.resolve("out.trials");
        Files.writeString(p, "old content that is replaced\n");
        TrialsFile.write(p, t);
        assertEquals("spk1 a/b-1 target\nspk2 a/b-1 nontarget\nspëaker ütt nontarget\n",
                Files.readString(p, StandardCharsets.UTF_8));
        assertEquals(t, TrialsFile.read(p));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void wrongFieldCountNamesFileAndLine() throws IOException {
        VerificationFileException e = failure("a b target\na b\n");
        assertEquals(dir.resolve("trials") + " line 2: expected '<model> <utterance> target|nontarget', found 2 fields",
                e.getMessage());
        assertEquals(OptionalLong.of(2), e.line());
        assertEquals(dir.resolve("trials"), e.file());
        assertTrue(failure("a b target extra\n").getMessage().endsWith("line 1: expected '<model> <utterance> "
                + "target|nontarget', found 4 fields"));
        assertTrue(failure("x y target\nalone\n").getMessage().endsWith("line 2: expected '<model> <utterance> "
                + "target|nontarget', found 1 field"));
    }

    @Test
    void unknownLabelIsRefusedCaseSensitively() throws IOException {
        assertTrue(failure("a b Target\n").getMessage().endsWith(
                "line 1: third field must be 'target' or 'nontarget', found 'Target'"));
        assertTrue(failure("a b 1\n").getMessage().endsWith("found '1'"));
        assertTrue(failure("a b non-target\n").getMessage().endsWith("found 'non-target'"));
    }

    @Test
    void duplicatePairIsRefusedEvenWithAnotherLabel() throws IOException {
        VerificationFileException e = failure("a b target\na c nontarget\n\na b nontarget\n");
        assertEquals(dir.resolve("trials") + " line 4: trial 'a b' repeats line 1", e.getMessage());
        // the same two ids the other way round are another trial
        assertEquals(2, TrialsFile.read(write("ok", "a b target\nb a nontarget\n")).size());
    }

    @Test
    void emptyAndBlankFilesHaveNoTrials() throws IOException {
        assertEquals(dir.resolve("trials") + ": no trials (the file is empty)", failure("").getMessage());
        assertEquals(dir.resolve("trials") + ": no trials (the file is empty)", failure(" \n\t\r\n").getMessage());
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() throws IOException {
        Path p = dir.resolve("latin1");
        Files.write(p, "a b target\nspk\u00e9 u target\n".getBytes(StandardCharsets.ISO_8859_1));
        VerificationFileException e = assertThrows(VerificationFileException.class, () -> TrialsFile.read(p));
        assertEquals(p + " line 2: not valid UTF-8 text", e.getMessage());
    }

    @Test
    void hugeLineIsRefusedWithoutReadingOn() throws IOException {
        Path p = dir.resolve("huge");
        byte[] big = new byte[TextLines.MAX_LINE_BYTES + 10];
        java.util.Arrays.fill(big, (byte) 'x');
        Files.write(p, ("a b target\n" + new String(big, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
        VerificationFileException e = assertThrows(VerificationFileException.class, () -> TrialsFile.read(p));
        assertEquals(p + " line 2: line is longer than 65536 bytes (not a list file?)", e.getMessage());
        // exactly the limit is fine (and is one field: reported as such)
        Files.write(p, new byte[0]);
        byte[] exact = new byte[TextLines.MAX_LINE_BYTES];
        java.util.Arrays.fill(exact, (byte) 'y');
        Files.write(p, exact);
        assertTrue(assertThrows(VerificationFileException.class, () -> TrialsFile.read(p)).getMessage()
                .endsWith("line 1: expected '<model> <utterance> target|nontarget', found 1 field"));
    }

    @Test
    void controlCharacterInAnIdIsRefusedAndQuotedEscaped() throws IOException {
        VerificationFileException e = failure("a b\u0001 target\n");
        assertEquals(dir.resolve("trials") + " line 1: utterance id 'b\\u0001' contains white space or a control "
                + "character", e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path p = dir.resolve("absent");
        VerificationFileException e = assertThrows(VerificationFileException.class, () -> TrialsFile.read(p));
        assertEquals(p + ": cannot read: file not found", e.getMessage());
    }

    @Test
    void writingIntoAMissingFolderNamesIt() {
        Path p = dir.resolve("no/such/trials");
        IOException e = assertThrows(IOException.class, () -> TrialsFile.write(p,
                new TrialList(List.of(new Trial("a", "b", true)))));
        assertTrue(e.getMessage().contains(dir.resolve("no/such").toString()), e.getMessage());
    }

    @Test
    void trialListRefusesRepeatedPairsAndTrialsRefuseBadIds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrialList(List.of(
                new Trial("a", "b", true), new Trial("a", "c", true), new Trial("a", "b", false))));
        assertEquals("trial 'a b' appears twice (trials 1 and 3)", e.getMessage());
        assertEquals("model id is empty", assertThrows(IllegalArgumentException.class,
                () -> new Trial("", "b", true)).getMessage());
        assertEquals("utterance id 'b c' contains white space or a control character",
                assertThrows(IllegalArgumentException.class, () -> new Trial("a", "b c", true)).getMessage());
    }
}
