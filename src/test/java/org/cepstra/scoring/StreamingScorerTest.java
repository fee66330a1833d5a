package org.cepstra.scoring;

import static org.cepstra.scoring.ScoringTestData.assertClose;
import static org.cepstra.scoring.ScoringTestData.totalsByLabel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.cepstra.audio.Audio;
import org.cepstra.audio.TarsosSampleAdapter;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamingScorer}: totals equal to batch scoring for any chunking and feature configuration,
 * rankings on the frames so far, priors, the early decision against a brute-force reference, reset,
 * TarsosDSP input and bad arguments.
 */
class StreamingScorerTest {
    private static final double REL_TOL = 1e-12;
    private static ModelSet digits;

    @BeforeAll
    static void train() {
        digits = ScoringTestData.trainedDigits(ScoringTestData.MFCC_39, 4);
    }

    private static double[] batchTotals(ModelSet models, Audio audio) {
        return totalsByLabel(new Scorer(models).score(new FeaturePipeline(models.featureConfig()).extract(audio)));
    }

    @Test
    void finalTotalsEqualBatchForRandomChunkings() {
        FeatureConfig[] configs = {
            ScoringTestData.MFCC_39,
            ScoringTestData.MFCC_39.withCmvn(CmvnOptions.sliding(), CmvnPlacement.BEFORE_DELTAS),
            ScoringTestData.MFCC_39.withCmvn(CmvnOptions.utterance(true), CmvnPlacement.AFTER_DELTAS),
            FeatureConfig.kaldiDefaults(),
        };
        String[] names = {"0_george_0", "5_nicolas_33", "8_jackson_20", "9_theo_16_16k", "3_theo_3_44k", "all 8 kHz"};
        SplittableRandom r = new SplittableRandom(2024);
        int checked = 0;
        for (int c = 0; c < configs.length; c++) {
            for (String name : names) {
                // The last one: all 8 kHz recordings one after the other, 4.5 s, over 400 frames.
                Audio audio = name.startsWith("all") ? ScoringTestData.allRecordings8k() : ScoringTestData.audio(name);
                // models made at the recording's own rate: no resampling on either side
                FeatureConfig atRate = configs[c].withTargetSampleRateHz(audio.sampleRateHz());
                ModelSet models = ScoringTestData.randomModels(atRate, 10, 8, 100 + c);
                FeatureMatrix batch = new FeaturePipeline(atRate).extract(audio);
                assertTrue(batch.rows() > (name.startsWith("all") ? 400 : 10), name);
                double[] expected = totalsByLabel(new Scorer(models).score(batch));
                StreamingScorer scorer = new StreamingScorer(models, audio.sampleRateHz());
                for (int trial = 0; trial < 8; trial++) {
                    scorer.reset();
                    ScoringTestData.feedRandomChunks(scorer, audio.samples(), r);
                    scorer.finish();
                    assertEquals(batch.rows(), scorer.framesScored(), name + " frames");
                    Ranking ranking = scorer.current();
                    assertEquals(batch.rows(), ranking.frames());
                    assertClose(expected, totalsByLabel(ranking), REL_TOL, "config " + c + ", " + name);
                    checked++;
                }
            }
        }
        assertEquals(configs.length * names.length * 8, checked);
    }

    @Test
    void aStreamAtAnotherRateIsResampledAndScoresAsTheBatchPathDoes() {
        // 8 kHz models; recordings at 16 and 44.1 kHz are resampled by the batch scorer, and streamed
        // through the streaming resampler: the same frames, hence the same totals.
        FeatureConfig at8k = ScoringTestData.MFCC_39.withTargetSampleRateHz(8000);
        ModelSet models = ScoringTestData.randomModels(at8k, 10, 8, 77);
        SplittableRandom r = new SplittableRandom(31);
        for (String name : new String[] {"9_theo_16_16k", "3_theo_3_44k"}) {
            Audio audio = ScoringTestData.audio(name);
            assertTrue(audio.sampleRateHz() > 8000, name);
            Ranking batch = new Scorer(models).classify(audio);
            StreamingScorer scorer = new StreamingScorer(models, audio.sampleRateHz());
            for (int trial = 0; trial < 4; trial++) {
                scorer.reset();
                ScoringTestData.feedRandomChunks(scorer, audio.samples(), r);
                scorer.finish();
                assertEquals(batch.frames(), scorer.framesScored(), name);
                assertClose(totalsByLabel(batch), totalsByLabel(scorer.current()), REL_TOL, name);
            }
        }
    }

    @Test
    void modelsWithoutARecordedRateRefuseAudio() {
        ModelSet models = ScoringTestData.randomModels(ScoringTestData.MFCC_39, 3, 2, 5);
        Audio audio = ScoringTestData.audio("0_george_0");
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> new Scorer(models).classify(audio));
        assertTrue(batch.getMessage().contains("does not record the sample rate"), batch.getMessage());
        IllegalArgumentException live = assertThrows(IllegalArgumentException.class,
                () -> new StreamingScorer(models, 8000));
        assertEquals(batch.getMessage(), live.getMessage());
    }

    @Test
    void rankingAfterEachChunkIsTheBatchRankingOfTheFramesSoFar() {
        Audio audio = ScoringTestData.audio("6_yweweler_45");
        FeatureMatrix batch = new FeaturePipeline(digits.featureConfig()).extract(audio);
        Scorer scorer = new Scorer(digits);
        StreamingScorer streaming = new StreamingScorer(digits, 8000);
        float[] x = audio.samples();
        SplittableRandom r = new SplittableRandom(5);
        int lastFrames = 0;
        int rankingsChecked = 0;
        for (int pos = 0; pos < x.length; ) {
            int n = Math.min(1 + r.nextInt(300), x.length - pos);
            streaming.accept(x, pos, n);
            pos += n;
            Ranking now = streaming.current();
            int f = streaming.framesScored();
            assertEquals(f, now.frames());
            assertTrue(f >= lastFrames);
            lastFrames = f;
            if (f > 0) {
                Ranking expected = scorer.score(batch.rowRange(0, f));
                assertClose(totalsByLabel(expected), totalsByLabel(now), REL_TOL, "after " + pos + " samples");
                assertEquals(expected.bestLabel(), now.bestLabel());
                assertEquals(expected.best().posterior(), now.best().posterior(), 1e-9);
                rankingsChecked++;
            }
        }
        // The look-ahead of the deltas: the last 4 frames only leave at finish().
        assertEquals(batch.rows() - 4, streaming.framesScored());
        assertEquals(4, streaming.latencyFrames());
        streaming.finish();
        assertEquals(batch.rows(), streaming.framesScored());
        assertTrue(rankingsChecked > 10);
    }

    @Test
    void beforeTheFirstFrameTheRankingIsThePriors() {
        StreamingScorer scorer = new StreamingScorer(digits, Map.of("3", 0.55), 8000);
        scorer.accept(new float[150]); // less than one 25 ms frame (200 samples)
        Ranking r = scorer.current();
        assertEquals(0, r.frames());
        assertEquals("3", r.bestLabel());
        assertEquals(0.55, r.best().posterior(), 1e-15);
        assertEquals(0.05, r.scores().get(1).posterior(), 1e-15);
        for (LabelScore s : r.scores()) {
            assertEquals(0.0, s.totalLogLikelihood());
            assertEquals(0.0, s.averageLogLikelihood());
        }
        assertEquals(0.1, new StreamingScorer(digits, 8000).current().best().posterior(), 1e-15);
    }

    @Test
    void priorsGiveTheBatchScorersPosteriors() {
        Map<String, Double> priors = Map.of("1", 0.5, "7", 0.3);
        Audio audio = ScoringTestData.audio("7_george_12");
        Ranking batch = new Scorer(digits, priors).classify(audio);
        StreamingScorer streaming = new StreamingScorer(digits, priors, 8000);
        streaming.accept(audio.samples());
        streaming.finish();
        Ranking live = streaming.current();
        assertEquals(batch.scores().stream().map(LabelScore::label).toList(),
                live.scores().stream().map(LabelScore::label).toList());
        for (int i = 0; i < batch.scores().size(); i++) {
            assertEquals(batch.scores().get(i).posterior(), live.scores().get(i).posterior(), 1e-9);
        }
    }

    /**
     * The brute-force early decision: after each frame t, the batch ranking of frames 0..t; the first t
     * at which the same best label has had a posterior above the threshold for {@code n} frames in a row.
     */
    static Optional<Decision> referenceDecision(ModelSet models, FeatureMatrix frames, double threshold,
                                                        int n) {
        Scorer scorer = new Scorer(models);
        List<String> labels = models.labelNames();
        double[][] perFrame = new double[labels.size()][];
        for (int i = 0; i < labels.size(); i++) {
            perFrame[i] = models.model(labels.get(i)).logLikelihoods(frames);
        }
        double[] totals = new double[labels.size()];
        return decisionRule(t -> {
            for (int i = 0; i < totals.length; i++) {
                totals[i] += perFrame[i][t];
            }
            return scorer.rank(totals, t + 1);
        }, frames.rows(), threshold, n);
    }

    /**
     * The decision rule on {@code rankingAfter.apply(t)}, the ranking after frame t (asked for t = 0, 1, ... in
     * order): the first t at which the same best label has had a posterior above the threshold for {@code n}
     * frames in a row.
     */
    static Optional<Decision> decisionRule(java.util.function.IntFunction<Ranking> rankingAfter, int frames,
                                           double threshold, int n) {
        String runLabel = null;
        int run = 0;
        for (int t = 0; t < frames; t++) {
            Ranking r = rankingAfter.apply(t);
            if (r.best().posterior() > threshold) {
                run = r.bestLabel().equals(runLabel) ? run + 1 : 1;
                runLabel = r.bestLabel();
                if (run >= n) {
                    return Optional.of(new Decision(runLabel, t, r.best().posterior(), 0));
                }
            } else {
                run = 0;
                runLabel = null;
            }
        }
        return Optional.empty();
    }

    @Test
    void earlyDecisionEqualsBruteForceReference() {
        double[][] rules = {{0.9, 5}, {0.99, 10}, {0.999, 30}, {0.3, 1}, {0.6, 2}, {1 - 1e-12, 1000}};
        int decided = 0;
        int undecided = 0;
        for (String name : ScoringTestData.WAVS_8K) {
            Audio audio = ScoringTestData.audio(name);
            FeatureMatrix frames = new FeaturePipeline(digits.featureConfig()).extract(audio);
            for (double[] rule : rules) {
                Optional<Decision> expected = referenceDecision(digits, frames, rule[0], (int) rule[1]);
                List<Decision> told = new ArrayList<>();
                StreamingScorer scorer = new StreamingScorer(digits, 8000)
                        .withEarlyDecision(rule[0], (int) rule[1], told::add);
                scorer.accept(audio.samples());
                scorer.finish();
                String what = name + " threshold " + rule[0] + " frames " + rule[1];
                assertEquals(expected.isPresent(), scorer.decision().isPresent(), what);
                if (expected.isPresent()) {
                    Decision d = scorer.decision().orElseThrow();
                    assertEquals(expected.get().label(), d.label(), what);
                    assertEquals(expected.get().frameIndex(), d.frameIndex(), what);
                    assertEquals(expected.get().posterior(), d.posterior(), 0.0, what);
                    assertEquals(List.of(d), told, what + ": listener told exactly once");
                    decided++;
                } else {
                    assertTrue(told.isEmpty(), what);
                    undecided++;
                }
            }
        }
        assertTrue(decided >= 30 && undecided >= 12, decided + " decided, " + undecided + " undecided");
    }

    @Test
    void decisionTimeIsTheAudioTakenInWhenDeciding() {
        // 10 ms chunks of 80 samples; frame t (25 ms, shift 10 ms) needs frame t + 4 for its deltas, which
        // is complete after 80(t + 4) + 200 samples, i.e. within chunk t + 7: the decision comes at 10(t + 7) ms.
        Audio audio = ScoringTestData.audio("2_nicolas_2");
        StreamingScorer scorer = new StreamingScorer(digits, 8000).withEarlyDecision(0.9, 3);
        float[] x = audio.samples();
        int chunksWhenDecided = -1;
        for (int pos = 0, chunk = 1; pos < x.length; pos += 80, chunk++) {
            scorer.accept(x, pos, Math.min(80, x.length - pos));
            if (chunksWhenDecided < 0 && scorer.decision().isPresent()) {
                chunksWhenDecided = chunk;
            }
        }
        Decision d = scorer.decision().orElseThrow();
        assertEquals(d.frameIndex() + 7, chunksWhenDecided);
        assertEquals(10.0 * (d.frameIndex() + 7), d.audioMs(), 1e-9);
        assertTrue(d.posterior() > 0.9);
    }

    @Test
    void decisionStaysUntilResetAndResetStartsAfresh() {
        Audio first = ScoringTestData.audio("4_yweweler_4");
        Audio second = ScoringTestData.audio("9_theo_16");
        int[] calls = new int[1];
        StreamingScorer scorer = new StreamingScorer(digits, 8000).withEarlyDecision(0.95, 5, d -> calls[0]++);
        scorer.accept(first.samples());
        scorer.finish();
        Decision d = scorer.decision().orElseThrow();
        assertEquals(d, scorer.decision().orElseThrow());
        assertTrue(scorer.isFinished());
        assertThrows(IllegalStateException.class, () -> scorer.accept(new float[10]));
        scorer.reset();
        assertFalse(scorer.isFinished());
        assertTrue(scorer.decision().isEmpty());
        assertEquals(0, scorer.framesScored());
        assertEquals(0, scorer.samplesAccepted());
        assertEquals(0, scorer.current().frames());
        scorer.accept(second.samples());
        scorer.finish();
        StreamingScorer fresh = new StreamingScorer(digits, 8000).withEarlyDecision(0.95, 5);
        fresh.accept(second.samples());
        fresh.finish();
        assertEquals(fresh.current(), scorer.current(), "reset scorer equals a fresh one exactly");
        assertEquals(fresh.decision(), scorer.decision());
        assertEquals(2, calls[0]);
        assertEquals(second.length(), scorer.samplesAccepted());
    }

    @Test
    void withEarlyDecisionLeavesTheOriginalUntouched() {
        StreamingScorer plain = new StreamingScorer(digits, 8000);
        plain.accept(new float[1000]);
        StreamingScorer deciding = plain.withEarlyDecision(0.5, 1);
        assertEquals(0, deciding.framesScored());
        assertEquals(1000, plain.samplesAccepted());
        plain.accept(ScoringTestData.audio("1_jackson_1").samples());
        plain.finish();
        assertTrue(plain.decision().isEmpty(), "no early decision without withEarlyDecision");
        assertEquals(digits, deciding.models());
        assertEquals(8000.0, deciding.sampleRateHz());
    }

    @Test
    void tarsosDispatcherFeedsTheScorer() throws Exception {
        for (String name : new String[] {"3_theo_3", "8_nicolas_31"}) {
            double[] expected = batchTotals(digits, ScoringTestData.audio(name));
            for (int[] layout : new int[][] {{512, 0}, {80, 0}, {1024, 256}}) {
                AudioDispatcher d = AudioDispatcherFactory.fromFile(ScoringTestData.wav(name).toFile(),
                        layout[0], layout[1]);
                StreamingScorer scorer = new StreamingScorer(digits, d.getFormat().getSampleRate());
                TarsosSampleAdapter.attach(d, scorer);
                d.run();
                assertTrue(scorer.isFinished(), "the dispatcher's end finishes the scorer");
                assertClose(expected, totalsByLabel(scorer.current()), REL_TOL, name + " " + layout[0]);
            }
        }
    }

    @Test
    void classifiesTheTrainingRecordingsAsTheBatchScorerDoes() {
        Scorer batch = new Scorer(digits);
        StreamingScorer scorer = new StreamingScorer(digits, 8000);
        int correct = 0;
        for (String name : ScoringTestData.WAVS_8K) {
            Audio audio = ScoringTestData.audio(name);
            scorer.reset();
            scorer.accept(audio.samples());
            scorer.finish();
            assertEquals(batch.classify(audio).bestLabel(), scorer.current().bestLabel(), name);
            correct += scorer.current().bestLabel().equals(name.substring(0, 1)) ? 1 : 0;
        }
        assertEquals(ScoringTestData.WAVS_8K.size(), correct, "training recordings are recognised");
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(NullPointerException.class, () -> new StreamingScorer(null, 8000));
        assertThrows(NullPointerException.class, () -> new StreamingScorer(digits, null, 8000));
        for (double rate : new double[] {0, -8000, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new StreamingScorer(digits, rate), "rate " + rate);
        }
        ModelSet at8k = new ModelSet(digits.models(), digits.featureConfig().withTargetSampleRateHz(8000),
                digits.training(), List.of(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StreamingScorer(at8k, 16000.25));
        assertTrue(e.getMessage().contains("8000.0 Hz") && e.getMessage().contains("16000.25 Hz"), e.getMessage());
        new StreamingScorer(at8k, 8000);
        new StreamingScorer(at8k, 16000); // resampled while streaming
        assertThrows(IllegalArgumentException.class, () -> new StreamingScorer(digits, Map.of("x", 0.5), 8000));
        assertThrows(IllegalArgumentException.class, () -> new StreamingScorer(digits, Map.of("1", 1.5), 8000));
        assertThrows(IllegalArgumentException.class,
                () -> new StreamingScorer(digits, Map.of("1", 0.7, "2", 0.7), 8000));
        StreamingScorer s = new StreamingScorer(digits, 8000);
        for (double t : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> s.withEarlyDecision(t, 3), "threshold " + t);
        }
        assertThrows(IllegalArgumentException.class, () -> s.withEarlyDecision(0.9, 0));
        assertThrows(NullPointerException.class, () -> s.withEarlyDecision(0.9, 3, null));
        assertThrows(IndexOutOfBoundsException.class, () -> s.accept(new float[10], 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> s.accept(new float[10], -1, 2));
        assertThrows(NullPointerException.class, () -> s.accept(null));
        s.finish();
        assertThrows(IllegalStateException.class, () -> s.accept(new float[1], 0, 1));
        s.finish(); // a second finish does nothing
        assertEquals(0, s.framesScored());
    }

    @Test
    void decisionRecordValidatesItsFields() {
        assertThrows(NullPointerException.class, () -> new Decision(null, 0, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new Decision("a", -1, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new Decision("a", 0, 1.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new Decision("a", 0, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new Decision("a", 0, 0.5, -1));
        assertThrows(IllegalArgumentException.class, () -> new Decision("a", 0, 0.5, Double.POSITIVE_INFINITY));
        assertArrayEquals(new double[] {0.5, 12.0},
                new double[] {new Decision("a", 3, 0.5, 12).posterior(), new Decision("a", 3, 0.5, 12).audioMs()});
    }
}
