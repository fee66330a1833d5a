package org.cepstra.corpus;

import static org.cepstra.corpus.Fixtures.ids;
import static org.cepstra.corpus.Fixtures.labels;
import static org.cepstra.corpus.Fixtures.touch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileNamePatternLabelsTest {
    @TempDir
    Path root;

    private void fsdd() {
        touch(root, "7_jackson_32.wav", "0_theo_4.wav", "7_yweweler_0.wav", "3_george_10.WAV",
                "sub/9_nicolas_49.wav", "notes.txt");
    }

    @Test
    void fsddDigitsByGroupOne() throws IOException {
        fsdd();
        Corpus c = new FileNamePatternLabels(Pattern.compile("^(\\d)_")).read(root);
        assertEquals(List.of("0_theo_4", "3_george_10", "7_jackson_32", "7_yweweler_0", "sub/9_nicolas_49"), ids(c));
        assertEquals(List.of("0", "3", "7", "7", "9"), labels(c));
        assertTrue(c.utterances().stream().allMatch(u -> u.speaker().isEmpty()));
        assertTrue(c.skipped().isEmpty());
        assertEquals(List.of("0", "3", "7", "9"), List.copyOf(c.labels()));
    }

    @Test
    void fsddSpeakersByGroupOne() throws IOException {
        fsdd();
        Corpus c = new FileNamePatternLabels(Pattern.compile("^\\d_([a-z]+)_")).read(root);
        assertEquals(List.of("theo", "george", "jackson", "yweweler", "nicolas"), labels(c));
    }

    @Test
    void namedLabelGroupWinsAndSpeakerGroupFillsSpeaker() throws IOException {
        fsdd();
        Corpus c = new FileNamePatternLabels(Pattern.compile("^(\\d)_(?<speaker>[a-z]+)_(?<label>\\d+)")).read(root);
        assertEquals(List.of("4", "10", "32", "0", "49"), labels(c));
        assertEquals(List.of("theo", "george", "jackson", "yweweler", "nicolas"),
                c.utterances().stream().map(u -> u.speaker().orElseThrow()).collect(Collectors.toList()));
    }

    @Test
    void fsddPresets() throws IOException {
        fsdd();
        Corpus digits = FileNamePatternLabels.fsddDigits().read(root);
        assertEquals(List.of("0", "3", "7", "7", "9"), labels(digits));
        assertEquals(Optional.of("jackson"), digits.utterance("7_jackson_32").orElseThrow().speaker());
        Corpus speakers = FileNamePatternLabels.fsddSpeakers().read(root);
        assertEquals(List.of("george", "jackson", "nicolas", "theo", "yweweler"), List.copyOf(speakers.labels()));
        assertEquals(Optional.of("theo"), speakers.utterance("0_theo_4").orElseThrow().speaker());
    }

    @Test
    void nonMatchingFilesAreSkippedWithReason() throws IOException {
        touch(root, "7_jackson_32.wav", "x_theo_1.wav");
        Corpus c = new FileNamePatternLabels(Pattern.compile("^(\\d)_")).read(root);
        assertEquals(List.of("7_jackson_32"), ids(c));
        Fixtures.assertSingleSkip(c, root.resolve("x_theo_1.wav"), "file name does not match label pattern ^(\\d)_");
    }

    @Test
    void emptyOrUnmatchedLabelGroupIsSkipped() throws IOException {
        touch(root, "a_.wav", "b_x.wav");
        Corpus c = new FileNamePatternLabels(Pattern.compile("^(?:a_(\\w*)|b_(?<label>x)?z?)")).read(root);
        // a_.wav: named group 'label' did not take part, group 1 matched "" -> skipped
        // b_x.wav: named group 'label' = "x"
        assertEquals(List.of("b_x"), ids(c));
        assertEquals(List.of("x"), labels(c));
        Fixtures.assertSingleSkip(c, root.resolve("a_.wav"),
                "label group of pattern ^(?:a_(\\w*)|b_(?<label>x)?z?) matched nothing in the file name");
    }

    @Test
    void patternWithoutGroupIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FileNamePatternLabels(Pattern.compile("^\\d_")));
        assertEquals("file-name pattern ^\\d_ has no capturing group to take the label from", e.getMessage());
    }

    @Test
    void missingRootThrows() {
        Path missing = root.resolve("recordings");
        CorpusException e = assertThrows(CorpusException.class,
                () -> FileNamePatternLabels.fsddDigits().read(missing));
        assertEquals(missing + ": corpus folder not found", e.getMessage());
    }
}
