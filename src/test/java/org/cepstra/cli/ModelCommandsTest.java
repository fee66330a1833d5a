package org.cepstra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.scoring.Ranking;
import org.cepstra.scoring.Scorer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, classify and evaluate on the FSDD subset shipped in corpora/ (jackson and theo, 15 takes per digit). */
class ModelCommandsTest {
    static final Path CORPUS = Path.of("corpora/fsdd/recordings");
    static final String DIGIT = "^(\\d)_";
    static final String TEST = "_[0-4]\\.wav$";

    @TempDir
    static Path shared;
    static Path model;

    @BeforeAll
    static void trainOnce() {
        model = shared.resolve("digits.npz");
        CliRunner.Result r = CliRunner.run("train", CORPUS.toString(), "--label-pattern", DIGIT, "--test-pattern", TEST,
                "-o", model.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("trained 10 labels from 200 utterances (0 skipped)"), r.out());
    }

    /** EM ends unconverged only by running out of iterations, and the table says so; a converged label is unmarked. */
    @Test
    void trainTableMarksTheLabelsWhoseEmStoppedAtMaxIter() {
        Path out = shared.resolve("one-iteration.npz");
        for (String[] case_ : new String[][] {{"--max-iter", "1", "10"}, {"--tol", "1e9", "0"}}) {
            CliRunner.Result r = CliRunner.run("train", CORPUS.toString(), "--label-pattern", DIGIT, "--test-pattern",
                    TEST, "--no-calibration", "-k", "2", case_[0], case_[1], "-o", out.toString(), "--quiet");
            assertEquals(0, r.exitCode(), r.err());
            long marked = r.out().lines().filter(l -> l.endsWith("  " + TrainingOptions.NOT_CONVERGED)).count();
            assertEquals(Long.parseLong(case_[2]), marked, r.out());
            assertEquals("(--max-iter reached before --tol)", TrainingOptions.NOT_CONVERGED);
        }
    }

    @Test
    void evaluateWithASavedModelReachesHighAccuracyAndPrintsJson() throws IOException {
        CliRunner.Result r = CliRunner.run("evaluate", model.toString(), CORPUS.toString(), "--label-pattern", DIGIT,
                "--test-pattern", TEST, "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(100, json.get("total").asInt());
        assertTrue(json.get("accuracy").asDouble() >= 0.97, r.out());
        assertEquals(10, json.get("labels").size());
        assertEquals(10, json.get("confusion").size());
        int diagonal = 0;
        for (int i = 0; i < 10; i++) {
            diagonal += json.get("confusion").get(i).get(i).asInt();
        }
        assertEquals(json.get("correct").asInt(), diagonal);
        assertEquals(json.get("total").asInt() - diagonal, json.get("misclassified").size());
    }

    /** Whole-word states by Viterbi: recorded in the model file, used when the saved model is evaluated. */
    @Test
    void wordsInViterbiStatesAreSavedAndScoredAsTrained() throws IOException {
        Path words = shared.resolve("words.npz");
        CliRunner.Result t = CliRunner.run("train", CORPUS.toString(), "--label-pattern", DIGIT, "--test-pattern", TEST,
                "--recipe", "keywords", "-k", "2", "--states", "6", "--state-alignment", "viterbi", "--no-calibration",
                "-o", words.toString(), "--quiet");
        assertEquals(0, t.exitCode(), t.err());
        JsonNode header;
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(words.toFile())) {
            header = new ObjectMapper().readTree(z.getInputStream(z.getEntry("header.json")).readAllBytes());
        }
        assertEquals("viterbi", header.get("stateAlignment").asText());
        assertEquals(6, header.get("statesPerLabel").asInt());
        assertEquals(12, header.get("labels").get(0).get("numComponents").asInt());
        CliRunner.Result saved = CliRunner.run("evaluate", words.toString(), CORPUS.toString(), "--label-pattern",
                DIGIT, "--test-pattern", TEST, "--json");
        assertEquals(0, saved.exitCode(), saved.err());
        assertTrue(new ObjectMapper().readTree(saved.out()).get("accuracy").asDouble() >= 0.9, saved.out());
        CliRunner.Result oneGo = CliRunner.run("evaluate", CORPUS.toString(), "--label-pattern", DIGIT,
                "--test-pattern", TEST, "--recipe", "keywords", "-k", "2", "--states", "6", "--state-alignment",
                "viterbi", "--no-calibration", "--json", "--quiet");
        assertEquals(0, oneGo.exitCode(), oneGo.err());
        assertEquals(new ObjectMapper().readTree(saved.out()).get("accuracy"),
                new ObjectMapper().readTree(oneGo.out()).get("accuracy"));
    }

    @Test
    void trainAndTestInOneGoEqualsTrainThenEvaluate() {
        CliRunner.Result oneGo = CliRunner.run("evaluate", CORPUS.toString(), "--label-pattern", DIGIT,
                "--test-pattern", TEST, "--quiet");
        CliRunner.Result saved = CliRunner.run("evaluate", model.toString(), CORPUS.toString(), "--label-pattern", DIGIT,
                "--test-pattern", TEST, "--quiet");
        assertEquals(0, oneGo.exitCode(), oneGo.err());
        String accuracy = saved.out().lines().filter(l -> l.startsWith("accuracy")).findFirst().orElseThrow();
        assertTrue(oneGo.out().contains(accuracy), oneGo.out() + "\nvs\n" + saved.out());
    }

    @Test
    void classifyPrintsTheBatchScoresExactlyAfterSaveAndLoad() throws IOException {
        Path wav = CORPUS.resolve("4_theo_2.wav");
        CliRunner.Result r = CliRunner.run("classify", model.toString(), wav.toString(), "--top", "3", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode file = new ObjectMapper().readTree(r.out()).get(0);
        assertEquals("4", file.get("label").asText());
        Ranking direct = new Scorer(ModelSetFile.read(model)).classify(wav);
        for (int i = 0; i < 3; i++) {
            JsonNode entry = file.get("ranking").get(i);
            assertEquals(direct.scores().get(i).label(), entry.get("label").asText());
            assertEquals(direct.scores().get(i).totalLogLikelihood(), entry.get("totalLogLikelihood").asDouble(), 0.0);
        }
    }

    @Test
    void streamingClassificationPrintsTheBatchScoresAndWhenItDecided() throws IOException {
        Path pcm = CORPUS.resolve("9_jackson_3.wav");
        // the same recording as 32-bit float: not readable by TarsosDSP, streamed by our own reader
        Path floats = shared.resolve("9_jackson_3_float.wav");
        new WavWriter(SampleEncoding.FLOAT_32).write(floats, new WavReader().read(pcm));
        for (Path wav : List.of(pcm, floats)) {
            for (String chunkMs : List.of("10", "7.5", "300")) {
                CliRunner.Result live = CliRunner.run("classify", model.toString(), wav.toString(), "--top", "10",
                        "--json", "--streaming", "--chunk-ms", chunkMs);
                CliRunner.Result batch = CliRunner.run("classify", model.toString(), wav.toString(), "--top", "10", "--json");
                assertEquals(0, live.exitCode(), live.err());
                JsonNode l = new ObjectMapper().readTree(live.out()).get(0);
                JsonNode b = new ObjectMapper().readTree(batch.out()).get(0);
                assertEquals(b.get("frames").asInt(), l.get("frames").asInt());
                for (int i = 0; i < 10; i++) {
                    JsonNode ls = l.get("ranking").get(i);
                    JsonNode bs = b.get("ranking").get(i);
                    assertEquals(bs.get("label").asText(), ls.get("label").asText());
                    double expected = bs.get("totalLogLikelihood").asDouble();
                    assertEquals(expected, ls.get("totalLogLikelihood").asDouble(), 1e-9 * Math.abs(expected),
                            wav + " chunk " + chunkMs);
                }
                assertEquals("9", l.get("decision").get("label").asText(), live.out());
                assertTrue(l.get("decision").get("frame").asInt() < l.get("frames").asInt(), live.out());
            }
        }
    }

    @Test
    void largeFilesAreScoredBlockByBlockWithTheBatchScores() throws IOException {
        Path wav = CORPUS.resolve("5_theo_4.wav");
        JsonNode streamed = new ObjectMapper().readTree(CliRunner.run("classify", model.toString(), wav.toString(),
                "--top", "10", "--json", "--stream-above", "0").out()).get(0);
        JsonNode batch = new ObjectMapper().readTree(CliRunner.run("classify", model.toString(), wav.toString(),
                "--top", "10", "--json").out()).get(0);
        assertEquals(batch.get("frames"), streamed.get("frames"));
        for (int i = 0; i < 10; i++) {
            double expected = batch.get("ranking").get(i).get("totalLogLikelihood").asDouble();
            assertEquals(expected, streamed.get("ranking").get(i).get("totalLogLikelihood").asDouble(),
                    1e-9 * Math.abs(expected));
        }
        assertFalse(streamed.has("decision"), "no early decision outside --streaming");
    }

    @Test
    void classifySkipsBadFilesAndSaysSo() throws IOException {
        Path bad = shared.resolve("bad.wav");
        Files.writeString(bad, "RIFF....WAVEjunk");
        CliRunner.Result r = CliRunner.run("classify", model.toString(), CORPUS.resolve("0_jackson_0.wav").toString(),
                bad.toString());
        assertEquals(ExitCode.SKIPPED_FILES, r.exitCode());
        assertTrue(r.err().contains("bad.wav"), r.err());
        assertTrue(r.out().contains("0_jackson_0.wav"), r.out());
    }

    @Test
    void aDamagedModelFileIsAnInputErrorNamingIt() throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        Path cut = shared.resolve("cut.npz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRunner.Result r = CliRunner.run("classify", cut.toString(), CORPUS.resolve("0_jackson_0.wav").toString());
        assertEquals(ExitCode.INPUT_ERROR, r.exitCode());
        assertTrue(r.err().contains("cut.npz"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void evaluateWithoutModelOrSplitIsAnInputError() {
        CliRunner.Result r = CliRunner.run("evaluate", CORPUS.toString(), "--label-pattern", DIGIT);
        assertEquals(ExitCode.INPUT_ERROR, r.exitCode());
        assertTrue(r.err().contains("give a split"), r.err());
        CliRunner.Result badRegex = CliRunner.run("evaluate", CORPUS.toString(), "--label-pattern", "(", "--test-pattern", TEST);
        assertEquals(ExitCode.INPUT_ERROR, badRegex.exitCode());
        assertTrue(badRegex.err().contains("--label-pattern: not a valid regular expression"), badRegex.err());
    }

    /**
     * Long recordings made by concatenating the training digits of each speaker, with an HTK .lab file
     * of the true boundaries: models trained from the alignments classify the isolated test digits
     * within 3 points of models trained on the whole files.
     */
    @Test
    void trainingFromTimeAlignmentsMatchesTrainingOnWholeFiles() throws IOException {
        Path longDir = Files.createDirectories(shared.resolve("long"));
        WavReader reader = new WavReader();
        for (String speaker : List.of("jackson", "theo")) {
            List<float[]> parts = new ArrayList<>();
            StringBuilder lab = new StringBuilder();
            long position = 0;
            for (int take = 5; take < 15; take++) {
                for (int digit = 0; digit < 10; digit++) {
                    Audio a = reader.read(CORPUS.resolve(digit + "_" + speaker + "_" + take + ".wav"));
                    float[] samples = a.samples();
                    float[] gap = new float[800]; // 0.1 s of silence between digits, labelled sil
                    parts.add(samples);
                    parts.add(gap);
                    long end = position + samples.length;
                    // HTK units are 100 ns: sample s at 8 kHz is s * 1250
                    lab.append(String.format(Locale.ROOT, "%d %d %d%n", position * 1250, end * 1250, digit));
                    lab.append(String.format(Locale.ROOT, "%d %d sil%n", end * 1250, (end + gap.length) * 1250));
                    position = end + gap.length;
                }
            }
            int total = parts.stream().mapToInt(p -> p.length).sum();
            float[] all = new float[total];
            int at = 0;
            for (float[] p : parts) {
                System.arraycopy(p, 0, all, at, p.length);
                at += p.length;
            }
            new WavWriter(SampleEncoding.PCM_SIGNED_16).write(longDir.resolve(speaker + "_train.wav"), Audio.wrap(all, 8000));
            Files.writeString(longDir.resolve(speaker + "_train.lab"), lab);
        }
        Path aligned = shared.resolve("aligned.npz");
        CliRunner.Result train = CliRunner.run("train", longDir.toString(), "--alignments", longDir.toString(),
                "--drop-labels", "sil", "-o", aligned.toString(), "--quiet");
        assertEquals(0, train.exitCode(), train.err() + train.out());
        assertTrue(train.out().contains("trained 10 labels from 200 utterances"), train.out());

        double alignedAccuracy = accuracy(aligned);
        double wholeFileAccuracy = accuracy(model);
        assertTrue(Math.abs(alignedAccuracy - wholeFileAccuracy) <= 0.03,
                "aligned " + alignedAccuracy + " vs whole files " + wholeFileAccuracy);
        assertTrue(alignedAccuracy >= 0.9, "aligned " + alignedAccuracy);
    }

    private static double accuracy(Path modelFile) throws IOException {
        CliRunner.Result r = CliRunner.run("evaluate", modelFile.toString(), CORPUS.toString(), "--label-pattern", DIGIT,
                "--test-pattern", TEST, "--json");
        assertEquals(0, r.exitCode(), r.err());
        return new ObjectMapper().readTree(r.out()).get("accuracy").asDouble();
    }
}
