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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Praat TextGrid and Festival/EST label files read by {@link AlignmentLabels}. */
class TextGridAndEstTest {
    @TempDir
    Path dir;
    Path abs;

    @BeforeEach
    void absolute() {
        abs = dir.toAbsolutePath().normalize();
    }

    /** Copies a file of src/test/resources/org/cepstra/corpus/alignments/ to {@code target}, bytes unchanged. */
    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = TextGridAndEstTest.class.getResourceAsStream("alignments/" + name)) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.write(target, in.readAllBytes());
        }
    }

    /** The phones of every resource file: h, ə, l, oʊ, sil over [0.3, 1.5) s, before it an unlabelled 0.3 s. */
    private static final List<Segment> PHONES = List.of(Segment.ofRecording(0.3, 0.45), Segment.ofRecording(0.45, 0.6),
            Segment.ofRecording(0.6, 0.9), Segment.ofRecording(0.9, 1.2), Segment.ofRecording(1.2, 1.5));
    private static final List<String> PHONE_LABELS = List.of("h", "ə", "l", "oʊ", "sil");

    @ParameterizedTest
    @ValueSource(strings = {"long.TextGrid", "short.TextGrid", "utf16be.TextGrid", "utf16le-short.TextGrid"})
    void textGridTierByNameLongShortUtf8AndUtf16(String resource) throws IOException {
        touch(dir, "x.wav");
        copyResource(resource, dir.resolve("x.TextGrid"));
        Corpus phones = new AlignmentLabels(dir, AlignmentFormat.TEXTGRID).withTier("phones").read();
        assertEquals(List.of(), phones.skipped());
        assertEquals(List.of("x_1", "x_2", "x_3", "x_4", "x_5"), ids(phones));
        assertEquals(PHONE_LABELS, labels(phones));
        assertEquals(PHONES, segments(phones));
        assertTrue(phones.utterances().stream().allMatch(u -> u.audioFile().equals(abs.resolve("x.wav"))));
        assertEquals(Optional.of("x.TextGrid line " + (resource.contains("short") ? 30 : 38)), phones.origin("x_1"));

        Corpus words = new AlignmentLabels(dir, AlignmentFormat.TEXTGRID).withTier("words").read();
        assertEquals(List.of("x_1"), ids(words));
        assertEquals(List.of("say \"hello\""), labels(words));
        assertEquals(List.of(Segment.ofRecording(0.3, 1.2)), segments(words));
    }

    @Test
    void textGridTierChoiceErrorsListTheTiers() throws IOException {
        touch(dir, "x.wav");
        copyResource("long.TextGrid", dir.resolve("x.TextGrid"));
        Path tg = abs.resolve("x.TextGrid");
        assertEquals(List.of(new SkippedFile(tg, "x.TextGrid: 2 interval tiers; choose one by name: 'words' (interval"
                        + " tier, line 10), 'phones' (interval tier, line 28)")),
                new AlignmentLabels(dir, AlignmentFormat.TEXTGRID).read().skipped());
        assertEquals(List.of("x.TextGrid: tier 'tones' (line 58) is a point tier (TextTier), which has no intervals;"
                        + " choose an interval tier: 'words' (interval tier, line 10), 'phones' (interval tier, line 28)"),
                reasons(new AlignmentLabels(dir, AlignmentFormat.TEXTGRID).withTier("tones").read()));
        assertEquals(List.of("x.TextGrid: no tier named 'phone'; its tiers are 'words' (interval tier, line 10),"
                        + " 'phones' (interval tier, line 28), 'tones' (point tier, line 58)"),
                reasons(new AlignmentLabels(dir, AlignmentFormat.TEXTGRID).withTier("phone").read()));
    }

    @Test
    void theOnlyIntervalTierIsReadWithoutAName() throws IOException {
        touch(dir, "x.wav");
        write(dir.resolve("x.TextGrid"), textGrid(List.of(new Tier("TextTier", "tones", "0.7 \"H*\""),
                new Tier("IntervalTier", "segments", "0 0.5 \"a\" 0.5 0.7 \"  \" 0.7 1 \"b\""))));
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.TEXTGRID).read();
        assertEquals(List.of("x_0", "x_2"), ids(c));
        assertEquals(List.of(Segment.ofRecording(0, 0.5), Segment.ofRecording(0.7, 1)), segments(c));
        assertEquals(List.of(), c.skipped());
    }

    @Test
    void textGridIntervalProblemsNameTheLine() throws IOException {
        touch(dir, "x.wav");
        // one value per line: interval k's xmin is on line 9 + 3k
        write(dir.resolve("x.TextGrid"), textGrid(List.of(new Tier("IntervalTier", "p",
                "0\n0.5\n\"a\"\n0.5\n0.5\n\"empty\"\n0.7\n0.6\n\"backwards\"\n0.4\n0.9\n\"overlaps a\"\n-0.1\n0\n\"early\"\n"
                        + "0.9\n1\n\"b\"\n"))));
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.TEXTGRID).droppingLabels(Set.of("b")).read();
        assertEquals(List.of("x_0"), ids(c));
        assertEquals(List.of(
                "x.TextGrid line 15: interval 2 of tier 'p' ends at 0.5 s, not after its start 0.5 s",
                "x.TextGrid line 18: interval 3 of tier 'p' ends at 0.6 s, not after its start 0.7 s",
                "x.TextGrid line 21: segment [0.4, 0.9) s overlaps segment [0.0, 0.5) s of line 12; not used",
                "x.TextGrid line 24: interval 5 of tier 'p' starts at -0.1 s, before the start of the recording"),
                reasons(c));
    }

    @Test
    void brokenTextGridsAreSkippedNamingTheLine() throws IOException {
        String[][] cases = {
            {"File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n1\n<exists>\n1\n\"IntervalTier\"\n\"p\"\n0\n1\n"
                    + "1\n0\n1,5\n\"a\"\n", "line 13: xmax of interval 1 of tier 'p' '1,5' is not a number"},
            {"File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n1\n<exists>\n1\n\"IntervalTier\"\n\"p\"\n0\n1\n"
                    + "2\n0\n1\n\"a\"\n", "line 14: expected a number for xmin of interval 2 of tier 'p', found the end"
                    + " of the file"},
            {"File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n1\n<exists>\n1\n\"IntervalTier\"\n\"p\"\n0\n1\n"
                    + "1\n0\n\"1\"\n\"a\"\n", "line 13: expected a number for xmax of interval 1 of tier 'p', found the"
                    + " string \"1\""},
            {"File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n1\n<exists>\n1\n\"IntervalTier\"\n\"p\"\n0\n1\n"
                    + "1\n0\n1\n\"a\n", "line 14: the string that starts here has no closing quote"},
            {"File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n1\n<exists>\n1\n\"Tier\"\n",
                    "line 7: tier 1 is a \"Tier\", not an IntervalTier or TextTier"},
            {"File type = \"ooTextFile\"\nObject class = \"Sound\"\n", "line 2: a Praat Sound, not a TextGrid"},
            {"\"Praat chronological TextGrid text file\"\n0 1\n", "line 1: file type is \"Praat chronological TextGrid"
                    + " text file\", not \"ooTextFile\" (a chronological TextGrid, which is not supported; save it from"
                    + " Praat as a text file)"},
            {"ooBinaryFile\u0008TextGrid", "line 1: a binary TextGrid; save it from Praat as a text file"},
            {"File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n1\n<exists\n", "line 5: '<' opens a flag"
                    + " such as <exists> that is not closed on its line"},
            {"0 1 a\n", "line 1: expected a string for the file type (File type = \"ooTextFile\"), found the number 0"},
        };
        for (String[] c : cases) {
            touch(dir, "x.wav");
            write(dir.resolve("x.TextGrid"), c[0]);
            Corpus corpus = new AlignmentLabels(dir, AlignmentFormat.TEXTGRID).read();
            assertEquals(List.of(new SkippedFile(abs.resolve("x.TextGrid"), "x.TextGrid " + c[1])), corpus.skipped(),
                    c[0]);
        }
        write(dir.resolve("x.TextGrid"), "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0 1 <absent>\n");
        assertEquals(List.of("x.TextGrid: the TextGrid has no tiers"),
                reasons(new AlignmentLabels(dir, AlignmentFormat.TEXTGRID).read()));
        write(dir.resolve("x.TextGrid"), textGrid(List.of(new Tier("IntervalTier", "p", ""))));
        assertEquals(List.of("x.TextGrid: holds no segment lines; recording x.wav skipped"),
                reasons(new AlignmentLabels(dir, AlignmentFormat.TEXTGRID).read()));
        write(dir.resolve("x.TextGrid"), textGrid(List.of(new Tier("IntervalTier", "p", "0 1 \"a\""),
                new Tier("TextTier", "p", ""))));
        assertEquals(List.of("x.TextGrid line 13: two tiers are named 'p' (lines 7 and 13)"),
                reasons(new AlignmentLabels(dir, AlignmentFormat.TEXTGRID).withTier("p").read()));
        Files.write(dir.resolve("x.TextGrid"), new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xD8, 0x00, 0x00, 0x41});
        assertEquals(List.of("x.TextGrid: cannot read: not valid UTF-16BE text; recording skipped"),
                reasons(new AlignmentLabels(dir, AlignmentFormat.TEXTGRID).read()));
    }

    /** A whole-file report names the file in front of its reason; the summary groups such reports by reason. */
    @Test
    void theSameProblemInManyFilesIsOneGroup() throws IOException {
        touch(dir, "a.wav", "b.wav");
        copyResource("long.TextGrid", dir.resolve("a.TextGrid"));
        copyResource("short.TextGrid", dir.resolve("b.TextGrid"));
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.TEXTGRID).withTier("tone").read();
        assertEquals(List.of(new SkipSummary.Group("no tier named 'tone'; its tiers are 'words' (interval tier, line"
                + " 10), 'phones' (interval tier, line 28), 'tones' (point tier, line 58)", 1, abs.resolve("a.TextGrid")),
                new SkipSummary.Group("no tier named 'tone'; its tiers are 'words' (interval tier, line 8), 'phones'"
                        + " (interval tier, line 22), 'tones' (point tier, line 45)", 1, abs.resolve("b.TextGrid"))),
                SkipSummary.of(c.skipped()).groups());
        copyResource("long.TextGrid", dir.resolve("b.TextGrid"));
        c = new AlignmentLabels(dir, AlignmentFormat.TEXTGRID).withTier("tone").read();
        assertEquals(List.of(2), SkipSummary.of(c.skipped()).groups().stream().map(SkipSummary.Group::count).toList());
    }

    @Test
    void aTierIsChosenInTextGridsOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AlignmentLabels(dir, AlignmentFormat.LAB).withTier("phones"));
        assertEquals("a tier is chosen in TextGrid alignments only, not in LAB", e.getMessage());
    }

    @Test
    void festivalLabEndTimesGiveSegments() throws IOException {
        touch(dir, "x.wav");
        copyResource("festival.lab", dir.resolve("x.lab"));
        for (AlignmentFormat format : List.of(AlignmentFormat.EST_LAB, AlignmentFormat.LAB)) {
            Corpus c = new AlignmentLabels(dir, format).droppingLabels(Set.of("pau")).read();
            assertEquals(List.of(), c.skipped());
            assertEquals(List.of("x_2", "x_3", "x_4", "x_5", "x_6"), ids(c));
            assertEquals(PHONE_LABELS, labels(c));
            assertEquals(PHONES, segments(c));
            assertEquals(Optional.of("x.lab line 6"), c.origin("x_2"));
        }
        Corpus withPause = new AlignmentLabels(dir, AlignmentFormat.EST_LAB).read();
        assertEquals(Segment.ofRecording(0, 0.3), withPause.utterances().get(0).segment().orElseThrow());
        assertEquals("x_1", withPause.utterances().get(0).id());
    }

    @Test
    void labFormatTellsHtkFromEstByContent() throws IOException {
        touch(dir, "htk.wav", "est.wav", "bare.wav", "mlf.wav");
        write(dir.resolve("htk.lab"), "0 3000000 a\n3000000 4500000 b\n");
        write(dir.resolve("est.lab"), "signal est\ntype 0\ncolor 121\ncomment two lines\n#\n0.3 121 a\n0.45 121 b\n");
        write(dir.resolve("bare.lab"), "\n#\n0.3 26 a\n0.45 26 b\n");
        write(dir.resolve("mlf.lab"), "#!MLF!#\n#\n");
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.LAB).read();
        assertEquals(List.of("bare_0", "bare_1", "est_0", "est_1", "htk_0", "htk_1"), ids(c));
        List<Segment> ab = List.of(Segment.ofRecording(0, 0.3), Segment.ofRecording(0.3, 0.45));
        assertEquals(List.of(ab, ab, ab), List.of(segments(c).subList(0, 2), segments(c).subList(2, 4),
                segments(c).subList(4, 6)));
        assertEquals(List.of("mlf.lab: is an HTK master label file (#!MLF!#), which is not supported"), reasons(c));
        Corpus htkOnly = new AlignmentLabels(dir, AlignmentFormat.HTK_LAB).read();
        assertEquals(List.of("htk_0", "htk_1"), ids(htkOnly));
        assertEquals(List.of("bare.lab: has a Festival/EST header (lines up to '#'), not HTK lines; read it as an EST"
                + " label file", "est.lab: has a Festival/EST header (lines up to '#'), not HTK lines; read it as an"
                + " EST label file", "mlf.lab: is an HTK master label file (#!MLF!#), which is not supported"),
                reasons(htkOnly));
        Corpus estOnly = new AlignmentLabels(dir, AlignmentFormat.EST_LAB).read();
        assertEquals(List.of("bare_0", "bare_1", "est_0", "est_1"), ids(estOnly));
        assertEquals(List.of("htk.lab: no line '#' ends the header; not a Festival/EST label file",
                "mlf.lab: holds no segment lines; recording mlf.wav skipped"), reasons(estOnly));
    }

    @Test
    void estBadLinesAreReportedAndTheStartAfterThemIsUnknown() throws IOException {
        touch(dir, "x.wav", "y.wav");
        write(dir.resolve("x.lab"), "separator |\n#\n"
                + "0.1 26 a | extra\n"       // 3 ok [0, 0.1) -> x_0
                + "0.2x 26 b\n"              // 4 not a number
                + "0.3 26 c\n"               // 5 start unknown
                + "0.4 26\n"                 // 6 unlabelled: gives the start of the next
                + "0.5 26 d\n"               // 7 ok [0.4, 0.5) -> x_4
                + "0.45 26 e\n"              // 8 before the end of the line before
                + "0.6 26 f\n"               // 9 start unknown
                + "0.6 26 g\n"               // 10 empty segment
                + "0.7 blue h\n"             // 11 colour not a number
                + "0.8\n"                    // 12 one field
                + "-1 26 i\n"                // 13 negative
                + "0.9 26 j\n"               // 14 start unknown (after line 13)
                + "1.0 26 k\n");             // 15 ok [0.9, 1.0) -> x_12
        write(dir.resolve("y.lab"), "separator ;\nnfields 1\n0.1 26 a\n");
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.EST_LAB).read();
        assertEquals(List.of("x_0", "x_4", "x_12"), ids(c));
        assertEquals(List.of("a", "d", "k"), labels(c));
        assertEquals(List.of(Segment.ofRecording(0, 0.1), Segment.ofRecording(0.4, 0.5), Segment.ofRecording(0.9, 1.0)),
                segments(c));
        assertEquals(List.of(
                "x.lab line 4: end time '0.2x' is not a number",
                "x.lab line 5: start unknown, as line 4 gives no usable end time",
                "x.lab line 8: end time 0.45 is before the end of the line before (0.5 s); times must increase",
                "x.lab line 9: start unknown, as line 8 gives no usable end time",
                "x.lab line 10: end time 0.6 equals the end of the line before (empty segment)",
                "x.lab line 11: colour code 'blue' is not a whole number",
                "x.lab line 12: expected end time, colour code and label, found 1 field",
                "x.lab line 13: end time -1 is negative",
                "x.lab line 14: start unknown, as line 13 gives no usable end time",
                "y.lab: no line '#' ends the header; not a Festival/EST label file"), reasons(c));
    }

    @Test
    void segmentsOutsideTheRecordingAreReportedWithFileAndLine() throws IOException {
        touch(dir, "a.wav", "b.wav", "c.wav");
        write(dir.resolve("a.lab"), "0 10000000 in\n10000000 20200000 over\n20000000 21000000 after\n"
                + "10000000 20000000 edge\n");
        write(dir.resolve("b.lab"), "0 10000000 x\n");
        write(dir.resolve("c.lab"), "0 30000000 x\n");
        DurationLookup lookup = wav -> switch (wav.getFileName().toString()) {
            case "a.wav" -> 2.0;
            case "b.wav" -> throw new NoSuchFileException(wav.toString());
            default -> Double.NaN;
        };
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.LAB).withDurationLookup(lookup).read();
        assertEquals(List.of("a_0", "a_3", "c_0"), ids(c));
        assertEquals(List.of(
                new SkippedFile(abs.resolve("a.lab"), "a.lab line 2: segment [1.0, 2.02) s ends 0.020 s beyond the"
                        + " end of the recording a.wav (2.000 s)"),
                new SkippedFile(abs.resolve("a.lab"), "a.lab line 3: segment [2.0, 2.1) s starts at or after the end"
                        + " of the recording a.wav (2.000 s)"),
                new SkippedFile(abs.resolve("b.wav"), "recording length unknown: file not found")), c.skipped());
    }

    @Test
    void aLabelMapNamesWhereTheFirstUnlistedLabelWasRead() throws IOException {
        touch(dir, "a.wav");
        write(dir.resolve("a.lab"), "0 1000000 sil\n1000000 2000000 zh\n2000000 3000000 zh\n");
        Path map = write(dir.resolve("fold.map"), "sil\n");
        Corpus c = new AlignmentLabels(dir, AlignmentFormat.LAB).read();
        CorpusException e = assertThrows(CorpusException.class, () -> LabelMap.read(map).applyTo(c));
        assertEquals(map + ": the corpus has a label the label map does not list: 'zh' (2 utterances, first at"
                + " a.lab line 2)", e.getMessage());
        assertEquals(Optional.of("a.lab line 3"), c.filter(u -> u.id().equals("a_2")).origin("a_2"));
        assertEquals(Optional.empty(), c.filter(u -> u.id().equals("a_2")).origin("a_1"));
    }

    /** A tier of a short TextGrid: its class, name and its items written as they are. */
    record Tier(String kind, String name, String items) {
        int count() {
            List<String> values = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(?:[^\"]|\"\")*\"|\\S+").matcher(items);
            while (m.find()) {
                values.add(m.group());
            }
            return values.size() / (kind.equals("IntervalTier") ? 3 : 2);
        }
    }

    /** A short TextGrid, one value per line up to the items of each tier; tier t's class is on line 7 (+8 per tier). */
    static String textGrid(List<Tier> tiers) {
        StringBuilder sb = new StringBuilder("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n1\n<exists>\n");
        sb.append(tiers.size()).append('\n');
        for (Tier t : tiers) {
            sb.append('"').append(t.kind).append("\"\n\"").append(t.name).append("\"\n0\n1\n").append(t.count())
                    .append('\n').append(t.items).append(t.items.endsWith("\n") || t.items.isEmpty() ? "" : "\n");
        }
        return sb.toString();
    }

    /**
     * Round trip: random contiguous intervals (some unlabelled, labels with quotes, spaces and letters outside
     * ASCII) written as Praat writes a long TextGrid (UTF-8, and UTF-16 with a byte-order mark) and a short one,
     * and as an EST label file, read back as the same segments, to the bit.
     */
    @Test
    void roundTripOfRandomAlignments() throws IOException {
        Random random = new Random(7);
        String[] alphabet = {"a", "ʃ", "\"", " ", "oʊ", "x", "ə"};
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + random.nextInt(40);
            double[] bounds = new double[n + 1];
            String[] texts = new String[n];
            for (int i = 1; i <= n; i++) {
                bounds[i] = bounds[i - 1] + 0.001 + random.nextDouble() * 0.3;
            }
            List<Segment> expected = new ArrayList<>();
            List<String> expectedLabels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                StringBuilder t = new StringBuilder();
                int len = random.nextInt(4);
                for (int k = 0; k < len; k++) {
                    t.append(alphabet[random.nextInt(alphabet.length)]);
                }
                texts[i] = t.toString();
                if (!texts[i].isBlank()) {
                    expected.add(Segment.ofRecording(bounds[i], bounds[i + 1]));
                    expectedLabels.add(texts[i].strip());
                }
            }
            Path folder = dir.resolve("t" + trial);
            touch(folder, "long.wav", "utf16.wav", "short.wav");
            Files.writeString(folder.resolve("long.TextGrid"), longTextGrid(bounds, texts), StandardCharsets.UTF_8);
            byte[] utf16 = longTextGrid(bounds, texts).getBytes(StandardCharsets.UTF_16); // big-endian, with BOM
            Files.write(folder.resolve("utf16.TextGrid"), utf16);
            Files.writeString(folder.resolve("short.TextGrid"), shortTextGrid(bounds, texts), StandardCharsets.UTF_8);
            Corpus grids = new AlignmentLabels(folder, AlignmentFormat.TEXTGRID).withTier("phones").read();
            assertEquals(List.of(), grids.skipped());
            assertEquals(3 * expected.size(), grids.size());
            for (String file : List.of("long", "short", "utf16")) {
                Corpus one = grids.filter(u -> u.audioFile().getFileName().toString().equals(file + ".wav"));
                assertEquals(expected, segments(one), file);
                assertEquals(expectedLabels, labels(one), file);
            }
            Path est = dir.resolve("e" + trial);
            touch(est, "x.wav");
            StringBuilder lab = new StringBuilder("separator ;\nnfields 1\n#\n");
            for (int i = 0; i < n; i++) {
                lab.append(bounds[i + 1]).append(" 26 ").append(texts[i].replace("\"", "'")).append('\n');
            }
            write(est.resolve("x.lab"), lab.toString());
            Corpus festival = new AlignmentLabels(est, AlignmentFormat.LAB).read();
            assertEquals(List.of(), festival.skipped());
            assertEquals(expected, segments(festival));
            assertEquals(expectedLabels.stream().map(l -> l.replace("\"", "'")).collect(Collectors.toList()),
                    labels(festival));
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static String longTextGrid(double[] bounds, String[] texts) {
        int n = texts.length;
        StringBuilder sb = new StringBuilder("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n");
        sb.append("xmin = 0 \nxmax = ").append(bounds[n]).append(" \ntiers? <exists> \nsize = 1 \nitem []: \n");
        sb.append("    item [1]:\n        class = \"IntervalTier\" \n        name = \"phones\" \n");
        sb.append("        xmin = 0 \n        xmax = ").append(bounds[n]).append(" \n        intervals: size = ")
                .append(n).append(" \n");
        for (int i = 0; i < n; i++) {
            sb.append("        intervals [").append(i + 1).append("]:\n            xmin = ").append(bounds[i])
                    .append(" \n            xmax = ").append(bounds[i + 1]).append(" \n            text = ")
                    .append(quoted(texts[i])).append(" \n");
        }
        return sb.toString();
    }

    private static String shortTextGrid(double[] bounds, String[] texts) {
        int n = texts.length;
        StringBuilder sb = new StringBuilder("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n0\n");
        sb.append(bounds[n]).append("\n<exists>\n1\n\"IntervalTier\"\n\"phones\"\n0\n").append(bounds[n]).append('\n')
                .append(n).append('\n');
        for (int i = 0; i < n; i++) {
            sb.append(bounds[i]).append('\n').append(bounds[i + 1]).append('\n').append(quoted(texts[i])).append('\n');
        }
        return sb.toString();
    }
}
