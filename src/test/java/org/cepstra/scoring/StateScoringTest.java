package org.cepstra.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.MfccSettings;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.Calibration;
import org.cepstra.models.CorpusFrames;
import org.cepstra.models.ModelSet;
import org.cepstra.models.StateAlignment;
import org.cepstra.models.StateModels;
import org.cepstra.models.UtteranceFrames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring with labels in states: totals part by part, frames by the state of their part, the file round trip. */
class StateScoringTest {
    @TempDir
    Path tmp;

    /** One-dimensional frames (1 cepstrum, no deltas). */
    private static FeatureConfig oneDimension() {
        FeatureConfig k = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.none());
        return k.withMfcc(new MfccSettings(k.mfcc().frame(), k.mfcc().mel().withNumBins(3),
                k.mfcc().mfcc().withNumCeps(1)));
    }

    private static DiagonalGmm gaussian(double mean, double variance) {
        return new DiagonalGmm(new double[] {1}, new double[][] {{mean}}, new double[][] {{variance}});
    }

    private static double logDensity(double x, double mean, double variance) {
        return -0.5 * (Math.log(2 * Math.PI * variance) + (x - mean) * (x - mean) / variance);
    }

    /** "up" rises from -2 through 0 to 2, "down" falls: the same frames in another order. */
    private static ModelSet rising() {
        SortedMap<String, DiagonalGmm> models = new TreeMap<>();
        models.put("up", StateModels.union(List.of(gaussian(-2, 1), gaussian(0, 1), gaussian(2, 1))));
        models.put("down", StateModels.union(List.of(gaussian(2, 1), gaussian(0, 1), gaussian(-2, 1))));
        return new ModelSet(models, oneDimension(), TrainingConfig.defaults(3), List.of(), 0, Calibration.none(),
                Optional.empty(), Optional.empty(), Optional.empty(), 3);
    }

    @Test
    void anUtteranceIsScoredPartByPartAndItsFramesByTheirPartsState() {
        ModelSet set = rising();
        Scorer scorer = new Scorer(set);
        float[][] x = {{-2.5f}, {-1.5f}, {0.5f}, {1.5f}, {2.5f}}; // parts: frames 0-1, 2-3, 4
        double up = logDensity(-2.5, -2, 1) + logDensity(-1.5, -2, 1) + logDensity(0.5, 0, 1)
                + logDensity(1.5, 0, 1) + logDensity(2.5, 2, 1);
        double down = logDensity(-2.5, 2, 1) + logDensity(-1.5, 2, 1) + logDensity(0.5, 0, 1)
                + logDensity(1.5, 0, 1) + logDensity(2.5, -2, 1);
        Ranking r = scorer.score(FeatureMatrix.of(x));
        assertEquals("up", r.bestLabel());
        assertEquals(up, scoreOf(r, "up"), 1e-9);
        assertEquals(down, scoreOf(r, "down"), 1e-9);
        // frame by frame: the middle part's frames are ties, won by the first label, "down"; the others go up
        assertArrayEquals(new int[] {1, 1, 0, 0, 1}, scorer.bestLabelPerFrame(FeatureMatrix.of(x)));

        // the evaluator's totals are those of score, bit for bit; its frame counts those of bestLabelPerFrame
        UtteranceFrames u = new UtteranceFrames(Utterance.wholeFile("u", Path.of("/x/u.wav"), "up"),
                FeatureMatrix.of(x));
        Evaluation e = new Evaluator(scorer, 1).evaluate(new CorpusFrames(List.of(u), List.of()));
        assertEquals(1, e.correct());
        assertEquals(3, e.frames().correct());
        assertEquals(5, e.frames().total());
    }

    @Test
    void theStatesRoundTripThroughTheModelFileAndScoreBitForBit() throws Exception {
        ModelSet set = rising();
        Path f = tmp.resolve("states.npz");
        ModelSetFile.write(f, set, Instant.EPOCH);
        ModelSet back = ModelSetFile.read(f);
        assertEquals(3, back.states());
        float[][] x = {{-2.5f}, {-1.5f}, {0.5f}, {1.5f}, {2.5f}, {0.25f}, {-0.75f}};
        Ranking a = new Scorer(set).score(FeatureMatrix.of(x));
        Ranking b = new Scorer(back).score(FeatureMatrix.of(x));
        assertEquals(scoreOf(a, "up"), scoreOf(b, "up"), 0.0);
        assertEquals(scoreOf(a, "down"), scoreOf(b, "down"), 0.0);
    }

    /**
     * "up" and "down" by their best paths: frames -2, -2, -2, -2, 0, 2 fit "up" with a long first state; equal
     * thirds would put a -2 frame in state 1 and the 0 frame in state 2.
     */
    @Test
    void aViterbiModelScoresTheBestPathAndRoundTripsAsFormat6() throws Exception {
        ModelSet set = rising().withStateAlignment(StateAlignment.VITERBI);
        float[][] x = {{-2f}, {-2f}, {-2f}, {-2f}, {0f}, {2f}};
        double best = 4 * logDensity(-2, -2, 1) + logDensity(0, 0, 1) + logDensity(2, 2, 1);
        double equal = 2 * logDensity(-2, -2, 1) + 2 * logDensity(-2, 0, 1) + logDensity(0, 2, 1)
                + logDensity(2, 2, 1);
        Ranking r = new Scorer(set).score(FeatureMatrix.of(x));
        assertEquals(best, scoreOf(r, "up"), 1e-9);
        assertEquals(equal, scoreOf(new Scorer(rising()).score(FeatureMatrix.of(x)), "up"), 1e-9);
        Path f = tmp.resolve("viterbi.npz");
        ModelSetFile.write(f, set, Instant.EPOCH);
        ModelSet back = ModelSetFile.read(f);
        assertEquals(StateAlignment.VITERBI, back.stateAlignment());
        assertEquals(set, back);
        String header = new String(readEntry(f, "header.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(header.contains("\"formatVersion\": 6"), header);
        assertTrue(header.contains("\"stateAlignment\": \"viterbi\""), header);
        ModelSetFile.write(f, rising(), Instant.EPOCH);
        assertTrue(new String(readEntry(f, "header.json"), java.nio.charset.StandardCharsets.UTF_8)
                .contains("\"formatVersion\": 5"));
    }

    /** More states than readers of format 5 accept (9) make a format 6 file even with equal parts. */
    @Test
    void tenStatesAreFormat6() throws Exception {
        java.util.List<DiagonalGmm> states = new java.util.ArrayList<>();
        for (int s = 0; s < 10; s++) {
            states.add(gaussian(s, 1));
        }
        SortedMap<String, DiagonalGmm> models = new TreeMap<>();
        models.put("ramp", StateModels.union(states));
        ModelSet set = new ModelSet(models, oneDimension(), TrainingConfig.defaults(10), List.of(), 0,
                Calibration.none(), Optional.empty(), Optional.empty(), Optional.empty(), 10);
        Path f = tmp.resolve("ten.npz");
        ModelSetFile.write(f, set, Instant.EPOCH);
        assertTrue(new String(readEntry(f, "header.json"), java.nio.charset.StandardCharsets.UTF_8)
                .contains("\"formatVersion\": 6"));
        assertEquals(set, ModelSetFile.read(f));
    }

    private static byte[] readEntry(Path zip, String name) throws java.io.IOException {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            return z.getInputStream(z.getEntry(name)).readAllBytes();
        }
    }

    private static double scoreOf(Ranking r, String label) {
        return r.scores().stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow().totalLogLikelihood();
    }

    @Test
    void statesOnEqualPartsCannotScoreAStream() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StreamingScorer(rising().withStatedSampleRate(16000), java.util.Map.of(), 16000));
        assertEquals("the labels are modelled in 3 states on equal parts, which need the whole utterance's length: "
                + "the model set cannot score a stream", e.getMessage());
    }

    /** {@code labels} labels of {@code states} random states of K components each over MFCC + deltas at 8 kHz. */
    private static ModelSet randomStates(int labels, int states, int k, long seed) {
        FeatureConfig config = ScoringTestData.MFCC_39.withTargetSampleRateHz(8000);
        ModelSet random = ScoringTestData.randomModels(config, labels * states, k, seed);
        SortedMap<String, DiagonalGmm> models = new TreeMap<>();
        List<String> names = random.labelNames();
        for (int l = 0; l < labels; l++) {
            List<DiagonalGmm> parts = new java.util.ArrayList<>();
            for (int s = 0; s < states; s++) {
                parts.add(random.model(names.get(l * states + s)));
            }
            models.put("word" + l, StateModels.union(parts));
        }
        return new ModelSet(models, config, TrainingConfig.defaults(k), List.of(), 0, Calibration.none(),
                Optional.empty(), Optional.empty(), Optional.empty(), states).withStateAlignment(StateAlignment.VITERBI);
    }

    /** Brute force: the best total over every split of frames 0..t into runs of states 0..s (s ≤ t), each non-empty. */
    private static double bestPartialPath(double[][] ll, int frames) {
        double best = Double.NEGATIVE_INFINITY;
        int states = ll.length;
        for (int end = 0; end < Math.min(states, frames); end++) {
            best = Math.max(best, bestSplit(ll, 0, 0, end, frames));
        }
        return best;
    }

    private static double bestSplit(double[][] ll, int from, int state, int lastState, int frames) {
        if (state == lastState) {
            double t = 0;
            for (int f = from; f < frames; f++) {
                t += ll[state][f];
            }
            return t;
        }
        double best = Double.NEGATIVE_INFINITY;
        double run = 0;
        // state holds frames from .. to-1, leaving at least one frame for each later state
        for (int to = from + 1; to <= frames - (lastState - state); to++) {
            run += ll[state][to - 1];
            best = Math.max(best, run + bestSplit(ll, to, state + 1, lastState, frames));
        }
        return best;
    }

    @Test
    void aViterbiModelStreamsToTheBatchTotalsAndRanksTheBestPathSoFar() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        int checked = 0;
        int partial = 0;
        for (int states : new int[] {2, 5, 8}) {
            ModelSet models = randomStates(4, states, 2, 40 + states);
            Scorer batch = new Scorer(models);
            for (String name : List.of("0_george_0", "5_nicolas_33", "8_jackson_20")) {
                org.cepstra.audio.Audio audio = ScoringTestData.audio(name);
                FeatureMatrix frames = new org.cepstra.features.FeaturePipeline(models.featureConfig()).extract(audio);
                double[] expected = ScoringTestData.totalsByLabel(batch.score(frames));
                StreamingScorer scorer = new StreamingScorer(models, audio.sampleRateHz());
                for (int trial = 0; trial < 3; trial++) {
                    scorer.reset();
                    ScoringTestData.feedRandomChunks(scorer, audio.samples(), r);
                    scorer.finish();
                    assertEquals(frames.rows(), scorer.framesScored());
                    ScoringTestData.assertClose(expected, ScoringTestData.totalsByLabel(scorer.current()), 1e-12,
                            states + " states, " + name);
                    checked++;
                }
                // while the recording arrives: each label's best path so far, by brute force on the first frames
                scorer.reset();
                float[] x = audio.samples();
                int fed = 0;
                for (int n = 1; n <= 10; n++) {
                    int want = 200 + 80 * n; // about one frame per 80 samples at 8 kHz
                    scorer.accept(x, fed, want - fed);
                    fed = want;
                    int t = scorer.framesScored();
                    if (t == 0 || t > 12) {
                        continue;
                    }
                    Ranking soFar = scorer.current();
                    for (int l = 0; l < 4; l++) {
                        List<DiagonalGmm> st = models.stateModels("word" + l);
                        double[][] ll = new double[states][t];
                        for (int s = 0; s < states; s++) {
                            new org.cepstra.gmm.GmmScorer(st.get(s)).logLikelihoods(frames.rowRange(0, t), ll[s]);
                        }
                        assertEquals(bestPartialPath(ll, t), scoreOf(soFar, "word" + l),
                                1e-9 * Math.abs(bestPartialPath(ll, t)), states + " states, " + t + " frames");
                    }
                    partial++;
                }
            }
            // a recording of fewer frames than states is scored on equal parts, bit for bit as in batch
            if (states == 8) {
                org.cepstra.audio.Audio audio = ScoringTestData.audio("0_george_0");
                float[] shortSamples = java.util.Arrays.copyOf(audio.samples(), 200 + 80 * 4);
                org.cepstra.audio.Audio cut = org.cepstra.audio.Audio.of(shortSamples, audio.sampleRateHz());
                FeatureMatrix frames = new org.cepstra.features.FeaturePipeline(models.featureConfig()).extract(cut);
                assertTrue(frames.rows() > 0 && frames.rows() < states, "frames " + frames.rows());
                StreamingScorer scorer = new StreamingScorer(models, audio.sampleRateHz());
                scorer.accept(shortSamples);
                scorer.finish();
                assertArrayEquals(ScoringTestData.totalsByLabel(batch.score(frames)),
                        ScoringTestData.totalsByLabel(scorer.current()));
                checked++;
            }
        }
        assertEquals(3 * 3 * 3 + 1, checked);
        // frames 1 to 7 of each recording (4 frames of look-ahead for the deltas), for each state count
        assertEquals(3 * 3 * 7, partial);
    }
}
