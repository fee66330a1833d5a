package org.cepstra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cepstra.audio.Audio;
import org.cepstra.audio.SampleEncoding;
import org.cepstra.audio.WavReader;
import org.cepstra.audio.WavWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train and evaluate over the segments of time alignments: long recordings made of FSDD digits with
 * silences between them and an HTK .lab of the true boundaries, a split table by recording, a label map
 * and labels left out of the scoring.
 */
class PhoneCommandsTest {
    @TempDir
    static Path dir;
    /** Per recording: the [start, end) samples of each digit segment (silences between). */
    static final List<List<long[]>> DIGITS = new ArrayList<>();
    static final List<Long> LENGTHS = new ArrayList<>();

    @BeforeAll
    static void makeRecordings() throws IOException {
        WavReader reader = new WavReader();
        String[][] recordings = {{"jackson", "5"}, {"theo", "6"}, {"jackson", "1"}, {"theo", "2"}};
        for (String[] rec : recordings) {
            String name = rec[0] + "_" + rec[1];
            List<float[]> parts = new ArrayList<>();
            List<long[]> digits = new ArrayList<>();
            StringBuilder lab = new StringBuilder();
            long position = 0;
            for (int digit = 0; digit < 10; digit++) {
                float[] samples = reader.read(ModelCommandsTest.CORPUS.resolve(digit + "_" + rec[0] + "_" + rec[1] + ".wav"))
                        .samples();
                float[] gap = new float[400 + 37 * digit]; // silences of 50 to 92 ms
                parts.add(samples);
                parts.add(gap);
                long end = position + samples.length;
                lab.append(String.format(Locale.ROOT, "%d %d d%d%n", position * 1250, end * 1250, digit));
                lab.append(String.format(Locale.ROOT, "%d %d sil%n", end * 1250, (end + gap.length) * 1250));
                digits.add(new long[] {position, end});
                position = end + gap.length;
            }
            float[] all = new float[(int) position];
            int at = 0;
            for (float[] p : parts) {
                System.arraycopy(p, 0, all, at, p.length);
                at += p.length;
            }
            new WavWriter(SampleEncoding.PCM_SIGNED_16).write(dir.resolve(name + ".wav"), Audio.wrap(all, 8000));
            Files.writeString(dir.resolve(name + ".lab"), lab);
            DIGITS.add(digits);
            LENGTHS.add(position);
        }
        Files.writeString(dir.resolve("splits.csv"), "clip,split\njackson_5,train\ntheo_6,train\njackson_1,dev\ntheo_2.wav,test\n");
        StringBuilder map = new StringBuilder("sil SIL\n");
        for (int d = 0; d < 10; d++) {
            map.append("d").append(d).append(' ').append(d == 9 ? "" : "digit" + d).append('\n');
        }
        Files.writeString(dir.resolve("fold.map"), map);
    }

    /** Frames (8 kHz: 200 samples every 80, centre 80t + 100) whose centre lies in the digits of recording r, 0-8. */
    private static long expectedDigitFrames(int r) {
        long frames = 1 + (LENGTHS.get(r) - 200) / 80;
        long n = 0;
        for (int d = 0; d < 9; d++) {
            long[] seg = DIGITS.get(r).get(d);
            for (long t = 0; t < frames; t++) {
                long centre = 80 * t + 100;
                n += centre >= seg[0] && centre < seg[1] ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void evaluateOverAlignedSegmentsWithASplitTableALabelMapAndIgnoredLabels() throws IOException {
        CliRunner.Result r = CliRunner.run("evaluate", dir.toString(), "--alignments", dir.toString(), "--split-file",
                dir.resolve("splits.csv").toString(), "--label-map", dir.resolve("fold.map").toString(),
                "--ignore-labels", "SIL", "-k", "2", "--no-calibration", "--json", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        // 2 test recordings x 9 digits (d9 mapped to nothing); SIL neither scored nor a candidate
        assertEquals(18, json.get("total").asInt());
        List<String> labels = new ArrayList<>();
        json.get("labels").forEach(l -> labels.add(l.asText()));
        assertEquals(List.of("digit0", "digit1", "digit2", "digit3", "digit4", "digit5", "digit6", "digit7", "digit8"),
                labels);
        assertEquals("SIL", json.get("ignoredLabels").get(0).asText());
        assertEquals(expectedDigitFrames(2) + expectedDigitFrames(3), json.get("frameTotal").asLong());
        assertTrue(json.get("accuracy").asDouble() >= 0.7, r.out());
        assertTrue(json.get("frameAccuracy").asDouble() > 0.3, r.out());
        assertTrue(json.get("frameAccuracy").asDouble() < json.get("accuracy").asDouble(), r.out());

        CliRunner.Result text = CliRunner.run("evaluate", dir.toString(), "--alignments", dir.toString(), "--split-file",
                dir.resolve("splits.csv").toString(), "--label-map", dir.resolve("fold.map").toString(), "-k", "2",
                "--no-calibration", "--quiet");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("\nframe accuracy: "), text.out());
        assertTrue(text.out().contains("accuracy: ") && text.out().contains(" of 38)"), text.out());
    }

    @Test
    void labelsTheMapDoesNotListAndUnlistedRecordingsAreErrors() throws IOException {
        Path partial = Files.writeString(dir.resolve("partial.map"), "sil SIL\nd0 zero\n");
        CliRunner.Result r = CliRunner.run("evaluate", dir.toString(), "--alignments", dir.toString(), "--split-file",
                dir.resolve("splits.csv").toString(), "--label-map", partial.toString(), "--quiet");
        assertEquals(ExitCode.INPUT_ERROR, r.exitCode(), r.err());
        assertTrue(r.err().contains(partial + ": the corpus has 9 labels the label map does not list: 'd1' (4 utterances, first at jackson_1.lab line 3)"),
                r.err());
        Path twice = Files.writeString(dir.resolve("twice.map"), "sil SIL\nd0 zero\nsil x\n");
        r = CliRunner.run("train", dir.toString(), "--alignments", dir.toString(), "--label-map", twice.toString(),
                "-o", dir.resolve("m.npz").toString());
        assertEquals(ExitCode.INPUT_ERROR, r.exitCode(), r.err());
        assertTrue(r.err().contains(twice + " line 3: label 'sil' is already mapped on line 1"), r.err());
        Path splits = Files.writeString(dir.resolve("few.csv"), "clip,split\njackson_5,train\n");
        r = CliRunner.run("evaluate", dir.toString(), "--alignments", dir.toString(), "--split-file", splits.toString(),
                "--quiet");
        assertEquals(ExitCode.INPUT_ERROR, r.exitCode(), r.err());
        assertTrue(r.err().contains(splits + ": recording 'theo_6'") || r.err().contains(splits + ": recording 'jackson_1'"),
                r.err());
    }

    /**
     * A broken alignment line quoting a NUL byte and a terminal escape sequence is reported on one line of
     * standard error with both escaped, and so is an error quoting them from the split table: nothing raw
     * reaches the terminal.
     */
    @Test
    void controlCharactersQuotedFromBrokenLinesAreEscapedInReportsAndErrors(@TempDir Path other) throws IOException {
        Path labs = Files.createDirectories(other.resolve("labs"));
        for (String name : List.of("jackson_5", "theo_6", "jackson_1", "theo_2")) {
            String text = Files.readString(dir.resolve(name + ".lab"));
            if (name.equals("theo_6")) {
                text = text.replaceFirst("\\A0 ", "0\u0000\u001b[2J ");
            }
            Files.writeString(labs.resolve(name + ".lab"), text);
        }
        CliRunner.Result r = CliRunner.run("train", dir.toString(), "--alignments", labs.toString(), "-k", "1",
                "-o", other.resolve("m.npz").toString());
        assertEquals(ExitCode.SKIPPED_FILES, r.exitCode(), r.err());
        assertTrue(r.err().contains("theo_6.lab line 1: start '0\\u0000\\u001b[2J' is not a number"), r.err());
        assertNoControlCharactersButLineBreaks(r.err());
        Path splits = Files.writeString(other.resolve("splits.csv"),
                "clip,split\njackson_5,train\ntheo_6,tr\u001b[2Jain\njackson_1,dev\ntheo_2,test\n");
        r = CliRunner.run("evaluate", dir.toString(), "--alignments", dir.toString(), "--split-file", splits.toString(),
                "--quiet");
        assertEquals(ExitCode.INPUT_ERROR, r.exitCode(), r.err());
        assertTrue(r.err().contains("split 'tr\\u001b[2Jain' is not train, test or dev"), r.err());
        assertNoControlCharactersButLineBreaks(r.err());
    }

    private static void assertNoControlCharactersButLineBreaks(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertTrue(c == '\n' || !Character.isISOControl(c), "character U+" + Integer.toHexString(c) + " at " + i
                    + " of: " + text);
        }
    }

    /**
     * The same alignments as Praat TextGrids (tier "phones" beside a "words" tier) and as Festival/EST label
     * files, in an alignment folder of their own, give the same evaluation as the HTK files, to the digit.
     */
    @Test
    void textGridAndEstAlignmentsEvaluateAsTheHtkOnes(@TempDir Path other) throws IOException {
        Path grids = Files.createDirectories(other.resolve("grids"));
        Path est = Files.createDirectories(other.resolve("est"));
        for (String name : List.of("jackson_5", "theo_6", "jackson_1", "theo_2")) {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".lab"));
            StringBuilder phones = new StringBuilder();
            StringBuilder festival = new StringBuilder("separator ;\nnfields 1\n#\n");
            double end = 0;
            for (String line : lines) {
                String[] f = line.split(" ");
                double start = Double.parseDouble(f[0]) / 1e7;
                end = Double.parseDouble(f[1]) / 1e7;
                phones.append(start).append('\n').append(end).append("\n\"").append(f[2]).append("\"\n");
                festival.append(end).append(" 26 ").append(f[2]).append('\n');
            }
            Files.writeString(grids.resolve(name + ".TextGrid"), "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n"
                    + "0\n" + end + "\n<exists>\n2\n\"IntervalTier\"\n\"words\"\n0\n" + end + "\n1\n0\n" + end
                    + "\n\"digits\"\n\"IntervalTier\"\n\"phones\"\n0\n" + end + "\n" + lines.size() + "\n" + phones);
            Files.writeString(est.resolve(name + ".lab"), festival);
        }
        String[] common = {"--split-file", dir.resolve("splits.csv").toString(), "-k", "2", "--no-calibration",
            "--json", "--quiet"};
        CliRunner.Result htk = CliRunner.run(concat(new String[] {"evaluate", dir.toString(), "--alignments",
            dir.toString(), "--alignment-format", "htk"}, common));
        assertEquals(0, htk.exitCode(), htk.err());
        CliRunner.Result textGrid = CliRunner.run(concat(new String[] {"evaluate", dir.toString(), "--alignments",
            grids.toString(), "--alignment-format", "textgrid", "--tier", "phones"}, common));
        assertEquals(0, textGrid.exitCode(), textGrid.err());
        assertEquals(htk.out(), textGrid.out());
        for (String format : List.of("est", "lab")) {
            CliRunner.Result festival = CliRunner.run(concat(new String[] {"evaluate", dir.toString(), "--alignments",
                est.toString(), "--alignment-format", format}, common));
            assertEquals(0, festival.exitCode(), festival.err());
            assertEquals(htk.out(), festival.out(), format);
        }

        CliRunner.Result noTier = CliRunner.run("evaluate", dir.toString(), "--alignments", grids.toString(),
                "--alignment-format", "textgrid", "--split-file", dir.resolve("splits.csv").toString());
        assertEquals(ExitCode.INPUT_ERROR, noTier.exitCode(), noTier.err());
        assertTrue(noTier.err().contains("jackson_1.TextGrid: 2 interval tiers; choose one by name: 'words' (interval"
                + " tier, line 7), 'phones' (interval tier, line 15)"), noTier.err());
        assertTrue(noTier.err().contains("cepstra: no utterances: check the label source (4 files or lines were"
                + " skipped)"), noTier.err());
        CliRunner.Result tierWithLab = CliRunner.run("train", dir.toString(), "--alignments", dir.toString(), "--tier",
                "phones", "-o", other.resolve("m.npz").toString());
        assertEquals(ExitCode.INPUT_ERROR, tierWithLab.exitCode(), tierWithLab.err());
        assertTrue(tierWithLab.err().contains("--tier needs --alignments with --alignment-format textgrid"),
                tierWithLab.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
