package org.cepstra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.models.Calibration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibrated posteriors, reliability figures and the checks of classify and evaluate. */
class CalibrationCommandsTest {
    static final Path CORPUS = ModelCommandsTest.CORPUS;
    static final String DIGIT = ModelCommandsTest.DIGIT;
    static final String TEST = ModelCommandsTest.TEST;

    @TempDir
    static Path shared;
    static Path model;

    @BeforeAll
    static void trainOnce() {
        model = shared.resolve("digits.npz");
        CliRunner.Result r = CliRunner.run("train", CORPUS.toString(), "--label-pattern", DIGIT, "--test-pattern", TEST,
                "-o", model.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void trainedModelIsCalibratedOnHeldOutUtterances() throws IOException {
        Calibration c = ModelSetFile.read(model).calibration();
        assertTrue(c.calibrated());
        assertEquals(Calibration.HeldOut.UTTERANCES, c.heldOut()); // the digit pattern names no speaker
        assertEquals(5, c.folds());
        assertEquals(200, c.heldOutUtterances());
    }

    @Test
    void evaluateReportsCalibrationBesideAccuracyAndCalibrationNeverChangesIt() throws IOException {
        CliRunner.Result cal = CliRunner.run("evaluate", CORPUS.toString(), "--label-pattern", DIGIT, "--test-pattern",
                TEST, "--json", "--calibration-folds", "3");
        CliRunner.Result raw = CliRunner.run("evaluate", CORPUS.toString(), "--label-pattern", DIGIT, "--test-pattern",
                TEST, "--json", "--no-calibration");
        assertEquals(0, cal.exitCode(), cal.err());
        assertEquals(0, raw.exitCode(), raw.err());
        JsonNode c = new ObjectMapper().readTree(cal.out());
        JsonNode r = new ObjectMapper().readTree(raw.out());
        assertEquals(r.get("confusion"), c.get("confusion"));
        assertEquals(r.get("accuracy"), c.get("accuracy"));
        assertTrue(c.get("calibrated").asBoolean());
        assertFalse(r.get("calibrated").asBoolean());
        assertEquals(3, c.get("calibration").get("folds").asInt());
        assertEquals("UTTERANCES", c.get("calibration").get("heldOut").asText());
        assertTrue(raw.err().contains("cepstra: warning: the posteriors are not calibrated"), raw.err());
        assertFalse(cal.err().contains("warning"), cal.err());
        for (JsonNode json : List.of(c, r)) {
            double ece = json.get("expectedCalibrationError").asDouble();
            double brier = json.get("brierScore").asDouble();
            assertTrue(ece >= 0 && ece <= 1 && brier >= 0 && brier <= 2, json.toString());
            JsonNode bins = json.get("reliability").get("bins");
            assertEquals(10, bins.size());
            int count = 0;
            double weighted = 0;
            for (JsonNode b : bins) {
                count += b.get("count").asInt();
                if (b.get("count").asInt() > 0) {
                    weighted += b.get("count").asInt()
                            * Math.abs(b.get("accuracy").asDouble() - b.get("meanPosterior").asDouble());
                }
            }
            assertEquals(100, count);
            assertEquals(ece, weighted / 100, 1e-12, "ECE is the table's weighted gap");
        }
        CliRunner.Result text = CliRunner.run("evaluate", model.toString(), CORPUS.toString(), "--label-pattern", DIGIT,
                "--test-pattern", TEST, "--quiet");
        assertTrue(text.out().contains("posteriors: calibrated (scale "), text.out());
        assertTrue(text.out().contains("expected calibration error"), text.out());
        assertTrue(text.out().contains("  0.9-1.0]"), text.out());
    }

    @Test
    void calibrateOnSpeakersHoldsOutWholeSpeakers() throws IOException {
        CliRunner.Result r = CliRunner.run("evaluate", CORPUS.toString(), "--label-pattern", "^(\\d)_(?<speaker>[a-z]+)_",
                "--test-pattern", TEST, "--json", "--calibrate-on", "speakers");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode c = new ObjectMapper().readTree(r.out()).get("calibration");
        assertEquals("SPEAKERS", c.get("heldOut").asText());
        assertEquals(2, c.get("folds").asInt()); // jackson and theo
        assertEquals(200, c.get("heldOutUtterances").asInt());
    }

    @Test
    void calibrationOptionsAreCheckedBeforeAnyWork() {
        CliRunner.Result r = CliRunner.run("evaluate", CORPUS.toString(), "--label-pattern", DIGIT, "--test-pattern",
                TEST, "--calibration-folds", "1");
        assertEquals(1, r.exitCode());
        assertEquals("cepstra: --calibration-folds must be >= 2, got 1 (--no-calibration turns calibration off)",
                r.err().strip());
        r = CliRunner.run("evaluate", model.toString(), CORPUS.toString(), "--label-pattern", DIGIT, "--no-calibration");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("apply when evaluate trains the models"), r.err());
        r = CliRunner.run("evaluate", CORPUS.toString(), "--label-pattern", DIGIT, "--test-pattern", TEST,
                "--calibrate-on", "files");
        assertEquals(1, r.exitCode());
        assertEquals("cepstra: --calibrate-on must be speakers or utterances, got 'files'", r.err().strip());
    }

    /** A folder of {@code n} files named like FSDD recordings that are not WAV files. */
    private static Path unusable(String name, int n) throws IOException {
        Path dir = Files.createDirectories(shared.resolve(name));
        for (int i = 0; i < n; i++) {
            Files.writeString(dir.resolve((i % 10) + "_nobody_" + i + ".wav"), "not audio", StandardCharsets.UTF_8);
        }
        return dir;
    }

    @Test
    void evaluateWithNoUsableTestFileIsAnErrorNeverNaN() throws IOException {
        // was: "accuracy: NaN%" and exit 3 ("accuracy": "NaN" with --json)
        Path dir = unusable("bad-test", 3);
        for (List<String> extra : List.of(List.<String>of(), List.of("--json"))) {
            List<String> args = new java.util.ArrayList<>(List.of("evaluate", model.toString(), dir.toString(),
                    "--label-pattern", DIGIT, "--all-test", "--quiet"));
            args.addAll(extra);
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(1, r.exitCode(), r.err());
            assertFalse(r.out().contains("NaN") || r.err().contains("NaN"), r.out() + r.err());
            assertEquals("", r.out());
            String last = r.err().strip().lines().reduce((a, b) -> b).orElseThrow();
            assertTrue(last.startsWith("cepstra: no test utterance could be classified: all 3 test files were "
                    + "skipped: 3 × "), r.err());
            assertTrue(last.contains("(e.g. " + dir.resolve("0_nobody_0.wav") + ")"), last);
        }
    }

    @Test
    void evaluateWithoutASplitWarnsThatTheTestFilesMayBeTrainingFiles() {
        CliRunner.Result r = CliRunner.run("evaluate", model.toString(), CORPUS.toString(), "--label-pattern", DIGIT,
                "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("cepstra: warning: no split given, so every file of " + CORPUS + " is a test file; "
                + "if " + model + " was trained on some of them, the accuracy is optimistic"), r.err());
        CliRunner.Result told = CliRunner.run("evaluate", model.toString(), CORPUS.toString(), "--label-pattern", DIGIT,
                "--quiet", "--all-test");
        assertEquals(0, told.exitCode(), told.err());
        assertEquals("", told.err());
        CliRunner.Result misuse = CliRunner.run("evaluate", model.toString(), CORPUS.toString(), "--label-pattern",
                DIGIT, "--test-pattern", TEST, "--all-test");
        assertEquals(1, misuse.exitCode());
    }

    @Test
    void testLabelsWithoutAModelAreNamedAndCounted() throws IOException {
        Path dir = Files.createDirectories(shared.resolve("unknown-labels"));
        Files.copy(CORPUS.resolve("3_theo_1.wav"), dir.resolve("3_theo_1.wav"));
        Files.copy(CORPUS.resolve("4_theo_1.wav"), dir.resolve("q_theo_1.wav"));
        Files.copy(CORPUS.resolve("5_theo_1.wav"), dir.resolve("q_theo_2.wav"));
        CliRunner.Result r = CliRunner.run("evaluate", model.toString(), dir.toString(), "--label-pattern", "^(\\w)_",
                "--all-test", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("cepstra: warning: 2 test utterances have a label the model set has no model for, "
                + "and are counted wrong: 'q' (2 utterances) (the model set knows 10 labels)"), r.err());
        assertTrue(r.out().contains("\"labelsWithoutModel\" : {\n    \"q\" : 2\n  }"), r.out());
    }

    @Test
    void classifyOptionsAreCheckedOnceBeforeAnyFile() {
        Path wav = CORPUS.resolve("4_theo_2.wav");
        String[][] cases = {
            {"--top", "0", "--top must be >= 1, got 0"},
            {"--decide-posterior", "1.5", "--decide-posterior must be in (0, 1), got 1.5"},
            {"--decide-frames", "0", "--decide-frames must be >= 1, got 0"},
            {"--chunk-ms", "1.4e8", "--chunk-ms must be a positive number of ms, at most 60000 (one minute of audio), "
                    + "got 1.4E8"}};
        for (String[] c : cases) {
            CliRunner.Result r = CliRunner.run("classify", model.toString(), wav.toString(), wav.toString(), c[0], c[1]);
            assertEquals(1, r.exitCode(), c[0]);
            assertEquals("cepstra: " + c[2], r.err().strip(), c[0]);
            assertEquals("", r.out(), c[0]);
        }
    }

    @Test
    void aFolderGivenAsTheModelIsNamed() {
        CliRunner.Result r = CliRunner.run("classify", shared.toString(), CORPUS.resolve("4_theo_2.wav").toString());
        assertEquals(1, r.exitCode());
        assertEquals("cepstra: " + shared + ": is a folder, not a model file", r.err().strip());
    }

    @Test
    void classifySkipsAreGroupedAndAllSkippedIsAnError() throws IOException {
        Path dir = unusable("bad-classify", 8);
        CliRunner.Result r = CliRunner.run("classify", model.toString(), dir.toString());
        assertEquals(1, r.exitCode(), r.err());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(SkipReporter.SHOWN_PER_REASON + 2, lines.size(), r.err());
        assertTrue(lines.get(SkipReporter.SHOWN_PER_REASON).startsWith("cepstra: ... and 3 more files skipped: "),
                r.err());
        assertTrue(lines.get(lines.size() - 1).startsWith("cepstra: no file could be classified: 8 × "), r.err());
        assertEquals("", r.out()); // no table header without a result
        CliRunner.Result mixed = CliRunner.run("classify", model.toString(), dir.toString(),
                CORPUS.resolve("4_theo_2.wav").toString());
        assertEquals(3, mixed.exitCode(), mixed.err());
    }
}
