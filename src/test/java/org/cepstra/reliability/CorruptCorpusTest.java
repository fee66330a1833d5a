package org.cepstra.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.cepstra.io.kaldi.KaldiTextArchiveReader;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of good FSDD recordings mixed with broken files: {@code train}, {@code evaluate} and
 * {@code features} finish, name every bad file with its reason on standard error, count them and exit
 * with 3; with {@code --strict} they stop at the first bad file (in corpus order) with exit code 1.
 */
class CorruptCorpusTest {
    static final Path FSDD = Path.of("corpora/fsdd/recordings");
    static final String DIGIT = "^(\\d)_";

    /**
     * The bad files and the words their report must contain. Names sort after the good files of the same
     * digit ("x" > "jackson", "theo"), so the first bad file in corpus order is 0_x_empty.wav.
     */
    static final Map<String, String> BAD = new LinkedHashMap<>();

    static {
        BAD.put("0_x_empty.wav", "file is empty (0 bytes)");
        BAD.put("0_x_inf.wav", "is Infinity; NaN and infinite samples are not allowed");
        BAD.put("0_x_short.wav", "too short for one frame");
        BAD.put("0_x_truncated.wav", "the file is truncated");
        BAD.put("1_x_huge.wav", "features are not finite");
        BAD.put("1_x_nan.wav", "is NaN; NaN and infinite samples are not allowed");
        BAD.put("1_x_notaudio.wav", "not a RIFF/WAVE file");
    }

    static final String FIRST_BAD = "0_x_empty.wav";
    static final String SILENCE = "1_x_silence.wav";
    static final String NO_VOICED = "no frames left (too short for one frame, or no voiced frame)";

    @TempDir
    static Path tmp;
    static Path corpus;
    /** Good recordings plus the silence file only. */
    static Path silenceOnly;
    static int goodFiles;

    @BeforeAll
    static void buildCorpora() throws IOException {
        corpus = Files.createDirectories(tmp.resolve("corpus"));
        silenceOnly = Files.createDirectories(tmp.resolve("silence-only"));
        for (String digit : List.of("0", "1")) {
            for (String take : List.of("jackson_5", "jackson_6", "jackson_7", "jackson_8", "jackson_9", "theo_0",
                    "theo_1")) {
                String name = digit + "_" + take + ".wav";
                Files.copy(FSDD.resolve(name), corpus.resolve(name));
                Files.copy(FSDD.resolve(name), silenceOnly.resolve(name));
                goodFiles++;
            }
        }
        Files.write(corpus.resolve("0_x_empty.wav"), new byte[0]);
        BadWavs.float32(corpus.resolve("0_x_inf.wav"), 8000, 8000, Float.POSITIVE_INFINITY);
        BadWavs.tiny16(corpus.resolve("0_x_short.wav"), 8000, 150); // a frame is 200 samples at 8 kHz
        BadWavs.truncated(FSDD.resolve("0_jackson_10.wav"), corpus.resolve("0_x_truncated.wav"), 0.6);
        BadWavs.float32(corpus.resolve("1_x_huge.wav"), 8000, 8000, 1e30f); // finite, but its power overflows
        BadWavs.float32(corpus.resolve("1_x_nan.wav"), 8000, 8000, Float.NaN);
        Files.writeString(corpus.resolve("1_x_notaudio.wav"), "ID3 this is not audio at all\n", StandardCharsets.UTF_8);
        BadWavs.silence16(corpus.resolve(SILENCE), 8000, 8000);
        BadWavs.silence16(silenceOnly.resolve(SILENCE), 8000, 8000);
    }

    /**
     * The reports expected with {@code --vad}: the silence has no voiced frame, and neither have the too-short
     * file (no frame at all) and the huge one (its energies are infinite, never above the threshold).
     */
    static Map<String, String> badWithVad() {
        Map<String, String> m = new LinkedHashMap<>(BAD);
        m.put("0_x_short.wav", NO_VOICED);
        m.put("1_x_huge.wav", NO_VOICED);
        m.put(SILENCE, NO_VOICED);
        return m;
    }

    /** Every bad file is named once, on its own report line, with its reason; no stack trace. */
    private static void assertEveryBadFileReported(Cli.Result r, boolean vad) {
        Map<String, String> expected = vad ? badWithVad() : BAD;
        for (Map.Entry<String, String> bad : expected.entrySet()) {
            String line = reportLine(r.err(), bad.getKey());
            assertTrue(line.contains(bad.getValue()), bad.getKey() + ": " + line + "\n" + r.describe());
        }
        if (!vad) {
            assertFalse(r.err().contains(SILENCE), "without VAD the silence gives frames\n" + r.describe());
        }
        assertFalse(r.err().contains("\tat "), r.describe());
        assertFalse(r.err().contains("Exception"), r.describe());
    }

    /** The single "cepstra: skipped FILE: reason" line naming {@code name}. */
    private static String reportLine(String err, String name) {
        List<String> lines = err.lines().filter(l -> l.contains(name)).toList();
        assertEquals(1, lines.size(), name + " must be reported exactly once:\n" + err);
        String line = lines.get(0);
        assertTrue(line.startsWith("cepstra: skipped " + corpus.resolve(name)) || line.startsWith(
                "cepstra: skipped " + silenceOnly.resolve(name)), line);
        return line;
    }

    /** Exit 1, one line naming the first bad file and the --strict stop, no other bad file. */
    private static void assertStoppedAt(Cli.Result r, Path file, String reason) {
        assertEquals(1, r.exitCode(), r.describe());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.describe());
        assertTrue(lines.get(0).startsWith("cepstra: " + file + ": "), r.describe());
        assertTrue(lines.get(0).contains(reason), r.describe());
        assertTrue(lines.get(0).endsWith("(--strict: stopped at the first file that cannot be used)"), r.describe());
    }

    @Test
    void trainSkipsEveryBadFileWithItsReasonAndExitsWith3() throws IOException {
        Path model = tmp.resolve("train.npz");
        Cli.Result r = Cli.run("train", corpus.toString(), "--label-pattern", DIGIT, "-k", "2", "--quiet",
                "--threads", "2", "-o", model.toString());
        assertEquals(3, r.exitCode(), r.describe());
        assertEveryBadFileReported(r, false);
        // 14 good recordings + the silence (it gives frames without VAD)
        assertTrue(r.out().startsWith("trained 2 labels from 15 utterances (7 skipped)"), r.describe());
        ModelSet set = ModelSetFile.read(model);
        assertEquals(7, set.skippedFiles());
        assertEquals(7, set.labels().get(0).utterances()); // label 0: 7 good files
        assertEquals(8, set.labels().get(1).utterances()); // label 1: 7 good files + the silence
    }

    @Test
    void trainWithVadAlsoSkipsTheSilence() {
        Path model = tmp.resolve("train-vad.npz");
        Cli.Result r = Cli.run("train", corpus.toString(), "--label-pattern", DIGIT, "-k", "2", "--quiet", "--vad",
                "--threads", "2", "-o", model.toString());
        assertEquals(3, r.exitCode(), r.describe());
        assertEveryBadFileReported(r, true);
        assertTrue(r.out().startsWith("trained 2 labels from 14 utterances (8 skipped)"), r.describe());
    }

    @Test
    void strictTrainStopsAtTheFirstBadFileAndWritesNothing() {
        Path model = tmp.resolve("strict.npz");
        Cli.Result r = Cli.run("train", corpus.toString(), "--label-pattern", DIGIT, "-k", "2", "--quiet",
                "--strict", "--threads", "2", "-o", model.toString());
        assertStoppedAt(r, corpus.resolve(FIRST_BAD), BAD.get(FIRST_BAD));
        assertFalse(Files.exists(model));
        assertEquals("", r.out());
    }

    @Test
    void silenceIsFineWithoutVadAndStopsStrictTrainingWithVad() {
        Cli.Result plain = Cli.run("train", silenceOnly.toString(), "--label-pattern", DIGIT, "-k", "2", "--quiet",
                "--strict", "-o", tmp.resolve("silence.npz").toString());
        assertEquals(0, plain.exitCode(), plain.describe());
        assertTrue(plain.out().startsWith("trained 2 labels from 15 utterances (0 skipped)"), plain.describe());
        Cli.Result vad = Cli.run("train", silenceOnly.toString(), "--label-pattern", DIGIT, "-k", "2", "--quiet",
                "--strict", "--vad", "-o", tmp.resolve("silence-vad.npz").toString());
        assertStoppedAt(vad, silenceOnly.resolve(SILENCE), NO_VOICED);
    }

    @Test
    void evaluateInOneGoReportsBadTrainingFiles() {
        // the bad files are all on the training side: the test side is theo's recordings
        Cli.Result r = Cli.run("evaluate", corpus.toString(), "--label-pattern", DIGIT, "--test-pattern", "_theo_",
                "-k", "2", "--quiet", "--threads", "2");
        assertEquals(3, r.exitCode(), r.describe());
        assertEveryBadFileReported(r, false);
        assertTrue(r.out().contains("tested 4 utterances"), r.describe());
        Cli.Result strict = Cli.run("evaluate", corpus.toString(), "--label-pattern", DIGIT, "--test-pattern",
                "_theo_", "-k", "2", "--quiet", "--strict");
        assertStoppedAt(strict, corpus.resolve(FIRST_BAD), BAD.get(FIRST_BAD));
    }

    @Test
    void evaluateWithAModelReportsBadTestFilesAndCountsThem() {
        Path model = tmp.resolve("good.npz");
        Cli.Result train = Cli.run("train", silenceOnly.toString(), "--label-pattern", DIGIT, "-k", "2", "--quiet",
                "--test-pattern", "_x_", "-o", model.toString());
        assertEquals(0, train.exitCode(), train.describe());
        Cli.Result r = Cli.run("evaluate", model.toString(), corpus.toString(), "--label-pattern", DIGIT, "--quiet",
                "--threads", "2");
        assertEquals(3, r.exitCode(), r.describe());
        assertEveryBadFileReported(r, false);
        assertTrue(r.out().contains("skipped: 7"), r.describe());
        assertTrue(r.out().contains("of 15)"), "14 good recordings and the silence are classified\n" + r.describe());
        Cli.Result json = Cli.run("evaluate", model.toString(), corpus.toString(), "--label-pattern", DIGIT,
                "--json");
        assertEquals(3, json.exitCode(), json.describe());
        for (String bad : BAD.keySet()) {
            assertTrue(json.out().contains(bad), bad + " in the JSON skipped list\n" + json.describe());
        }
        Cli.Result strict = Cli.run("evaluate", model.toString(), corpus.toString(), "--label-pattern", DIGIT,
                "--quiet", "--strict");
        assertStoppedAt(strict, corpus.resolve(FIRST_BAD), BAD.get(FIRST_BAD));
        assertEquals("", strict.out());
    }

    @Test
    void featuresWritesTheGoodFilesAndReportsTheRest() throws IOException {
        for (String streamAbove : List.of("16", "0")) { // in memory, and every file streamed
            Cli.Result r = Cli.run("features", corpus.toString(), "--threads", "2", "--stream-above", streamAbove);
            assertEquals(3, r.exitCode(), r.describe());
            assertEveryBadFileReported(r, false);
            assertTrue(r.err().contains("cepstra: 7 of 22 files skipped"), r.describe());
            Map<String, FeatureMatrix> archive = new KaldiTextArchiveReader(new StringReader(r.out()), "stdout")
                    .readAll();
            assertEquals(goodFiles + 1, archive.size(), archive.keySet().toString());
            assertTrue(archive.containsKey("1_x_silence"));
            TreeSet<String> ids = new TreeSet<>(archive.keySet());
            assertTrue(ids.stream().noneMatch(id -> BAD.containsKey(id + ".wav")), ids.toString());
            // the all-zero recording: every frame has the floored log energy ln(FLT_EPSILON)
            assertEquals((float) Math.log(Math.ulp(1.0f)), archive.get("1_x_silence").get(10, 0), 1e-5);
        }
        Cli.Result vad = Cli.run("features", corpus.toString(), "--vad");
        assertEquals(3, vad.exitCode(), vad.describe());
        assertEveryBadFileReported(vad, true);
        assertTrue(vad.err().contains("cepstra: 8 of 22 files skipped"), vad.describe());
    }

    @Test
    void strictFeaturesStopsAtTheFirstBadFileAndLeavesTheOutputAlone() throws IOException {
        Path out = tmp.resolve("strict.ark");
        Files.writeString(out, "previous contents\n");
        for (String streamAbove : List.of("16", "0")) {
            Cli.Result r = Cli.run("features", corpus.toString(), "--strict", "--stream-above", streamAbove, "-o",
                    out.toString());
            assertStoppedAt(r, corpus.resolve(FIRST_BAD), BAD.get(FIRST_BAD));
            assertEquals("previous contents\n", Files.readString(out));
        }
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".strict.ark")),
                    "no temporary file is left behind");
        }
    }
}
