package org.cepstra.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.cepstra.audio.Audio;
import org.cepstra.audio.SampleEncoding;
import org.cepstra.audio.WavReader;
import org.cepstra.audio.WavWriter;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.GmmTrainer;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.io.kaldi.KaldiGmmText;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.CorpusFrames;
import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelTrainingListener;
import org.cepstra.models.UnusableFileException;
import org.cepstra.models.UtteranceFrames;
import org.cepstra.scoring.LabelScore;
import org.cepstra.scoring.Ranking;
import org.cepstra.scoring.Scorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Degenerate and extreme numbers through {@code fit}, {@code train}, the model-set trainer and the
 * scorer: constant columns, duplicated frames, values of 1e-30 and 1e30 (and the float limit), a
 * single frame, more components than frames. The outcome is a finite model and finite scores, or an
 * input error (exit code 1) in one line: never NaN, never a stack trace, never exit code 70.
 */
class NumericalHostilityTest {
    static final Path FSDD = Path.of("corpora/fsdd/recordings");

    @TempDir
    Path tmp;

    private static String csv(int rows, IntFunction<double[]> row) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            double[] v = row.apply(i);
            for (int j = 0; j < v.length; j++) {
                sb.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9g", v[j]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Data sets whose fit must give a finite model: name, CSV, K. */
    static Stream<Arguments> finiteFits() {
        Random r = new Random(5);
        return Stream.of(
                Arguments.of("two constant columns", csv(300, i -> new double[] {5, r.nextGaussian(), -7.25}), 2),
                Arguments.of("all frames identical", csv(300, i -> new double[] {1.5, -2, 3}), 4),
                Arguments.of("values of 1e-30", csv(300, i -> new double[] {1e-30 * r.nextGaussian(),
                        1e-30 * r.nextGaussian()}), 2),
                Arguments.of("two distinct frames, K 3", csv(300, i -> new double[] {i % 2, 2 * (i % 2)}), 3),
                Arguments.of("a single frame, K 1", csv(1, i -> new double[] {1, 2}), 1),
                Arguments.of("three frames, K 3", csv(3, i -> new double[] {i, -i * i}), 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("finiteFits")
    void fitGivesAFiniteModel(String name, String data, int k) throws IOException {
        Path file = tmp.resolve("data.csv");
        Files.writeString(file, data);
        Path model = tmp.resolve("model.gmm");
        Cli.Result r = Cli.run("fit", file.toString(), "-k", Integer.toString(k), "--json", "--threads", "2", "-o",
                model.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertNoNonFiniteNumber(r);
        JsonNode json = new ObjectMapper().readTree(r.out());
        for (String field : List.of("averageLogLikelihood", "bic", "aic")) {
            assertTrue(Double.isFinite(json.get(field).asDouble()), field + "\n" + r.describe());
        }
        DiagonalGmm gmm = KaldiGmmText.read(model);
        assertFinite(gmm);
        assertEquals(k, gmm.numComponents());
        if (name.equals("two constant columns") || name.equals("all frames identical")) {
            double first = name.equals("all frames identical") ? 1.5 : 5;
            for (int c = 0; c < k; c++) {
                assertEquals(first, gmm.mean(c)[0], 1e-6, "a constant column keeps its value as the mean");
                assertTrue(gmm.variance(c)[0] > 0, "and gets a floored, positive variance");
            }
        }
    }

    /** Data sets whose fit may fail, but only as an input error: name, CSV, K, words of the error (or null). */
    static Stream<Arguments> finiteOrClearError() {
        Random r = new Random(6);
        return Stream.of(
                Arguments.of("values of 1e30", csv(300, i -> new double[] {1e30 * r.nextGaussian(),
                        1e30 * r.nextGaussian()}), 2, null),
                Arguments.of("columns of 1e30, 1e-30 and 1", csv(300, i -> new double[] {1e30 * r.nextGaussian(),
                        1e-30 * r.nextGaussian(), r.nextGaussian()}), 2, null),
                Arguments.of("values at the float limit", csv(300, i -> new double[] {(i % 2 == 0 ? 3.4e38 : -3.4e38),
                        r.nextGaussian()}), 2, null),
                Arguments.of("a single frame, K 2", csv(1, i -> new double[] {1, 2}), 2,
                        "cannot fit 2 components to 1 frames"),
                Arguments.of("more components than frames", csv(3, i -> new double[] {i, 1}), 5,
                        "cannot fit 5 components to 3 frames"),
                Arguments.of("a NaN cell", "1,2\n3,NaN\n4,5\n", 1, "not a finite number"),
                Arguments.of("an infinite cell", "1,2\n3,4\nInfinity,5\n", 1, "not a finite number"),
                Arguments.of("a value beyond the float range", "1,2\n3,1e39\n4,5\n", 1, "data.csv"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("finiteOrClearError")
    void fitGivesAFiniteModelOrAClearError(String name, String data, int k, String error) throws IOException {
        Path file = tmp.resolve("data.csv");
        Files.writeString(file, data);
        for (boolean write : new boolean[] {false, true}) {
            Path model = tmp.resolve("model-" + write + ".gmm");
            List<String> args = new ArrayList<>(List.of("fit", file.toString(), "-k", Integer.toString(k), "--json"));
            if (write) {
                args.addAll(List.of("-o", model.toString()));
            }
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertNoStackTrace(r);
            if (error != null) {
                assertEquals(1, r.exitCode(), r.describe());
                assertTrue(r.err().contains(error), r.describe());
                continue;
            }
            if (r.exitCode() == 0) {
                assertNoNonFiniteNumber(r);
                JsonNode json = new ObjectMapper().readTree(r.out());
                assertTrue(Double.isFinite(json.get("averageLogLikelihood").asDouble()), r.describe());
                if (write) {
                    assertFinite(KaldiGmmText.read(model));
                }
            } else {
                assertEquals(1, r.exitCode(), r.describe());
                assertFalse(Files.exists(model), "a failed fit writes no model");
            }
        }
    }

    @Test
    void aModelBeyondKaldisFloatTextIsAnInputErrorNamingTheFileAndWritesNothing() throws IOException {
        Path file = tmp.resolve("data.csv");
        Random r = new Random(9);
        Files.writeString(file, csv(300, i -> new double[] {1e30 * r.nextGaussian(), r.nextGaussian()}));
        Path model = tmp.resolve("big.gmm");
        Cli.Result fitted = Cli.run("fit", file.toString(), "-k", "2");
        assertEquals(0, fitted.exitCode(), fitted.describe());
        Cli.Result written = Cli.run("fit", file.toString(), "-k", "2", "-o", model.toString());
        assertNoStackTrace(written);
        assertEquals(1, written.exitCode(), written.describe());
        assertTrue(written.err().contains("cannot write " + model), written.describe());
        assertTrue(written.err().contains("Kaldi's GMM text stores floats"), written.describe());
        assertFalse(Files.exists(model));
    }

    @Test
    void scoreFramesOfExtremeMagnitudeIsFinite() throws IOException {
        Path data = tmp.resolve("data.csv");
        Random r = new Random(8);
        Files.writeString(data, csv(400, i -> new double[] {r.nextGaussian() + 10 * (i % 2), r.nextGaussian()}));
        Path model = tmp.resolve("m.gmm");
        assertEquals(0, Cli.run("fit", data.toString(), "-k", "2", "-o", model.toString()).exitCode());
        Path probe = tmp.resolve("probe.csv");
        Files.writeString(probe, "0,0\n1e30,-1e30\n3.4e38,-3.4e38\n1e-30,1e-30\n");
        Cli.Result s = Cli.run("score-frames", model.toString(), probe.toString());
        assertEquals(0, s.exitCode(), s.describe());
        List<String> lines = s.out().lines().toList();
        assertEquals(4, lines.size(), s.describe());
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
            double ll = Double.parseDouble(lines.get(i).split(" ")[2]);
            assertTrue(Double.isFinite(ll) && ll < previous, "farther frames score lower: " + s.out());
            previous = ll;
        }
    }

    // ------------------------------------------------------------------ library: trainer and scorer

    private static UtteranceFrames utterance(String id, String label, float[][] rows) {
        return new UtteranceFrames(Utterance.wholeFile(id, Path.of(id + ".wav"), label), FeatureMatrix.of(rows));
    }

    private static float[][] gaussian(Random r, int n, int d, double mean, double scale) {
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (mean + scale * r.nextGaussian());
            }
        }
        return x;
    }

    private static float[][] constant(int n, float... row) {
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = row.clone();
        }
        return x;
    }

    private static ModelSet train(List<UtteranceFrames> utterances, int k) {
        FeatureConfig statics = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.none());
        float[][] first = utterances.get(0).frames().toRows();
        assertEquals(13, first[0].length, "frames must have the statics' 13 dimensions");
        return new ModelSetTrainer(statics, TrainingConfig.defaults(k), 2)
                .train(new CorpusFrames(utterances, List.of()), ModelTrainingListener.none()).modelSet();
    }

    @Test
    void degenerateLabelsTrainFiniteModelsThatScoreExtremeFramesFinitely() {
        Random r = new Random(9);
        List<UtteranceFrames> u = new ArrayList<>();
        u.add(utterance("speech", "speech", gaussian(r, 300, 13, 0, 1)));
        u.add(utterance("silence", "silence", constant(200, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)));
        u.add(utterance("tiny", "tiny", gaussian(r, 200, 13, 0, 1e-30)));
        u.add(utterance("huge", "huge", gaussian(r, 200, 13, 0, 1e30)));
        ModelSet set = train(u, 4);
        for (String label : set.labelNames()) {
            assertFinite(set.model(label));
        }
        Scorer scorer = new Scorer(set);
        float[][][] probes = {
            gaussian(r, 5, 13, 0, 1),
            constant(3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13),
            constant(4, 1e30f, -1e30f, 1e30f, -1e30f, 1e30f, -1e30f, 1e30f, -1e30f, 1e30f, -1e30f, 1e30f, -1e30f, 1e30f),
            constant(2, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE,
                    -Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
                    Float.MAX_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE),
            constant(1, 1e-30f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        };
        String[] expectedBest = {"speech", "silence", "huge", "huge", null};
        for (int p = 0; p < probes.length; p++) {
            Ranking ranking = scorer.score(FeatureMatrix.of(probes[p]));
            double posteriors = 0;
            for (LabelScore s : ranking.scores()) {
                assertTrue(Double.isFinite(s.totalLogLikelihood()) && Double.isFinite(s.posterior()),
                        "probe " + p + ": " + s);
                posteriors += s.posterior();
            }
            assertEquals(1.0, posteriors, 1e-9, "probe " + p);
            if (expectedBest[p] != null) {
                assertEquals(expectedBest[p], ranking.bestLabel(), "probe " + p + ": " + ranking);
            }
        }
    }

    @Test
    void aGmmFittedAt1e30ScoresFramesOfAnyScaleFinitely() {
        Random r = new Random(10);
        FeatureMatrix huge = FeatureMatrix.of(gaussian(r, 500, 3, 0, 1e30));
        DiagonalGmm gmm = new GmmTrainer(TrainingConfig.defaults(2)).fit(huge).model();
        assertFinite(gmm);
        for (float scale : new float[] {0, 1e-30f, 1, 1e30f, Float.MAX_VALUE}) {
            double ll = gmm.logLikelihood(new float[] {scale, -scale, scale});
            assertTrue(Double.isFinite(ll), "frame at " + scale + ": " + ll);
        }
        assertTrue(Double.isFinite(gmm.totalLogLikelihood(huge)));
    }

    @Test
    void aLabelWithFewerFramesThanKGetsOneComponentPerFrame() {
        Random r = new Random(11);
        List<UtteranceFrames> u = List.of(utterance("a", "plenty", gaussian(r, 100, 13, 0, 1)),
                utterance("b", "scarce", gaussian(r, 3, 13, 0, 1)));
        ModelSet set = train(u, 4);
        assertEquals(4, set.model("plenty").numComponents());
        assertEquals(3, set.model("scarce").numComponents());
        assertFinite(set.model("scarce"));
        // strict mode turns a skip report into an exception naming the file
        ModelSetTrainer strict = new ModelSetTrainer(FeatureConfig.kaldiDefaults(), TrainingConfig.defaults(1), 1)
                .withStrict(true);
        SkippedFile report = new SkippedFile(Path.of("x.wav"), "too short for one frame");
        UnusableFileException stop = assertThrows(UnusableFileException.class, () -> strict.train(
                new CorpusFrames(List.of(utterance("a", "plenty", gaussian(r, 100, 13, 0, 1))), List.of(report)),
                ModelTrainingListener.none()));
        assertEquals("x.wav: too short for one frame", stop.getMessage());
        assertEquals(report, stop.report());
    }

    // ------------------------------------------------------------------ CLI train on degenerate recordings

    @Test
    void trainOnSilenceAndOnTooFewFramesThroughTheCli() throws IOException {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        for (int take = 5; take < 9; take++) {
            Files.copy(FSDD.resolve("1_jackson_" + take + ".wav"), corpus.resolve("1_jackson_" + take + ".wav"));
        }
        WavWriter writer = new WavWriter(SampleEncoding.PCM_SIGNED_16);
        for (int i = 0; i < 3; i++) { // label 0: digital silence, every frame the same
            writer.write(corpus.resolve("0_silence_" + i + ".wav"), Audio.wrap(new float[8000], 8000));
        }
        Path model = tmp.resolve("silence.npz");
        Cli.Result r = Cli.run("train", corpus.toString(), "--label-pattern", "^(\\d)_", "-k", "4", "--quiet", "-o",
                model.toString());
        assertEquals(0, r.exitCode(), r.describe());
        ModelSet set = ModelSetFile.read(model);
        assertFinite(set.model("0"));
        Ranking silence = new Scorer(set).classify(corpus.resolve("0_silence_1.wav"));
        Ranking speech = new Scorer(set).classify(FSDD.resolve("1_jackson_9.wav"));
        assertEquals("0", silence.bestLabel());
        assertEquals("1", speech.bestLabel());
        for (LabelScore s : speech.scores()) {
            assertTrue(Double.isFinite(s.totalLogLikelihood()), s.toString());
        }

        // label 2: one recording of 360 samples, 3 frames of 25 ms at 8 kHz, fewer than K = 4: one
        // component per frame, reported
        float[] three = new WavReader().read(FSDD.resolve("2_jackson_5.wav")).samples();
        writer.write(corpus.resolve("2_short_0.wav"), Audio.wrap(java.util.Arrays.copyOf(three, 360), 8000));
        Cli.Result few = Cli.run("train", corpus.toString(), "--label-pattern", "^(\\d)_", "-k", "4", "--quiet", "-o",
                tmp.resolve("few.npz").toString());
        assertEquals(0, few.exitCode(), few.describe());
        assertTrue(few.err().lines().anyMatch(
                "cepstra: label '2': 3 training frames, 3 components instead of K = 4"::equals), few.describe());
        assertNoStackTrace(few);
        assertEquals(3, ModelSetFile.read(tmp.resolve("few.npz")).model("2").numComponents());
    }

    // ------------------------------------------------------------------ helpers

    private static void assertNoStackTrace(Cli.Result r) {
        assertFalse(r.err().contains("\tat "), r.describe());
        assertTrue(r.exitCode() != 70, r.describe());
    }

    private static void assertNoNonFiniteNumber(Cli.Result r) {
        assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), r.describe());
    }

    private static void assertFinite(DiagonalGmm g) {
        for (int c = 0; c < g.numComponents(); c++) {
            assertTrue(Double.isFinite(g.weight(c)) && g.weight(c) > 0, "weight " + c);
            for (int j = 0; j < g.dimension(); j++) {
                assertTrue(Double.isFinite(g.mean(c)[j]), "mean " + c + "," + j);
                assertTrue(Double.isFinite(g.variance(c)[j]) && g.variance(c)[j] > 0, "variance " + c + "," + j);
            }
        }
    }
}
