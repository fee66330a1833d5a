package org.cepstra.scoring;

import static org.cepstra.scoring.ScoringTestData.gaussian;
import static org.cepstra.scoring.ScoringTestData.logDensity;
import static org.cepstra.scoring.ScoringTestData.oneDimension;
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

    @Test
    void aViterbiModelStreamsToTheBatchTotalsAndRanksTheBestPathSoFar() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        int checked = 0;
        int partial = 0;
        for (int states : new int[] {2, 5, 8}) {
            ModelSet models = ScoringTestData.randomStateModels(
                    ScoringTestData.MFCC_39.withTargetSampleRateHz(8000), 4, states, 2, 40 + states);
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
                // while the recording arrives: each label's total is the batch total of the frames so far (bit
                // for bit while there are fewer frames than states), never a path that stops short of the last state
                scorer.reset();
                float[] x = audio.samples();
                int fed = 0;
                for (int n = 1; n <= 16; n++) {
                    int want = 200 + 80 * n; // one more frame per 80 samples at 8 kHz
                    scorer.accept(x, fed, want - fed);
                    fed = want;
                    int t = scorer.framesScored();
                    if (t == 0) {
                        continue;
                    }
                    double[] soFar = ScoringTestData.totalsByLabel(scorer.current());
                    double[] prefix = ScoringTestData.totalsByLabel(batch.score(frames.rowRange(0, t)));
                    if (t < states) {
                        assertArrayEquals(prefix, soFar, states + " states, " + t + " frames");
                    } else {
                        ScoringTestData.assertClose(prefix, soFar, 1e-12, states + " states, " + t + " frames");
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
        // frames 1 to 13 of each recording (4 frames of look-ahead for the deltas), for each state count
        assertEquals(3 * 3 * 13, partial);
    }

    @Test
    void aWholeWordModelDecidesEarlyOnTheBatchRankingOfTheFramesSoFar() {
        List<Utterance> utterances = new java.util.ArrayList<>();
        for (String name : ScoringTestData.WAVS_8K) {
            utterances.add(Utterance.wholeFile(name, ScoringTestData.wav(name), name.substring(0, 1)));
        }
        ModelSet models = new org.cepstra.models.ModelSetTrainer(ScoringTestData.MFCC_39,
                TrainingConfig.defaults(1).withSeed(7), 1).withStates(4).withStateAlignment(StateAlignment.VITERBI)
                .train(org.cepstra.corpus.Corpus.of(utterances), org.cepstra.models.ModelTrainingListener.none())
                .modelSet();
        assertEquals(4, models.states());
        Scorer scorer = new Scorer(models);
        double[][] rules = {{0.9, 5}, {0.99, 10}, {0.3, 1}, {0.999, 3}, {1 - 1e-12, 1000}};
        int decided = 0;
        int undecided = 0;
        for (String name : ScoringTestData.WAVS_8K) {
            org.cepstra.audio.Audio audio = ScoringTestData.audio(name);
            FeatureMatrix frames = new org.cepstra.features.FeaturePipeline(models.featureConfig()).extract(audio);
            for (double[] rule : rules) {
                Optional<Decision> expected = StreamingScorerTest.decisionRule(
                        t -> scorer.score(frames.rowRange(0, t + 1)), frames.rows(), rule[0], (int) rule[1]);
                StreamingScorer streaming = new StreamingScorer(models, audio.sampleRateHz())
                        .withEarlyDecision(rule[0], (int) rule[1]);
                streaming.accept(audio.samples());
                streaming.finish();
                String what = name + " threshold " + rule[0] + " frames " + rule[1];
                assertEquals(expected.isPresent(), streaming.decision().isPresent(), what);
                if (expected.isPresent()) {
                    Decision d = streaming.decision().orElseThrow();
                    assertEquals(expected.get().label(), d.label(), what);
                    assertEquals(expected.get().frameIndex(), d.frameIndex(), what);
                    assertEquals(expected.get().posterior(), d.posterior(), 1e-9, what);
                    decided++;
                } else {
                    undecided++;
                }
                // the last ranking is the final answer
                assertEquals(scorer.score(frames).bestLabel(), streaming.current().bestLabel(), what);
            }
        }
        assertTrue(decided >= 10 && undecided >= 5, decided + " decided, " + undecided + " undecided");
    }
}
