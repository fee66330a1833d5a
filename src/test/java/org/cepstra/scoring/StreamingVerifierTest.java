package org.cepstra.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.cepstra.audio.Audio;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.GmmScorer;
import org.cepstra.gmm.GmmTrainer;
import org.cepstra.gmm.LlrOptions;
import org.cepstra.gmm.LlrScorer;
import org.cepstra.gmm.MapAdapter;
import org.cepstra.gmm.MapOptions;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.Background;
import org.cepstra.models.Calibration;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamingVerifier}: the running and final scores equal {@link LlrScorer}'s batch scores of the
 * batch frames bit for bit for every chunking, top-C and exact; the early decision on a hand-built pair of
 * one-Gaussian models whose ratio is a closed form; a whole-utterance front end scores nothing before the
 * end; bad input.
 */
class StreamingVerifierTest {
    private static final int RATE = 8000;
    private static final FeatureConfig STREAMING = ScoringTestData.MFCC_39.withTargetSampleRateHz(RATE);

    /** A set of the given speakers over {@code ubm} with the features of {@code config}. */
    private static ModelSet speakerSet(FeatureConfig config, DiagonalGmm ubm, TreeMap<String, DiagonalGmm> models) {
        return new ModelSet(models, config, TrainingConfig.defaults(ubm.numComponents()), List.of(), 0,
                Calibration.none(), Optional.empty(), Optional.of(new Background(ubm, MapOptions.defaults())));
    }

    /** A UBM of 8 components on the 8 kHz recordings and three speakers MAP-adapted on one recording each. */
    private static ModelSet trainedSpeakers(FeatureConfig config) {
        FeaturePipeline pipeline = new FeaturePipeline(config);
        List<FeatureMatrix> all = new ArrayList<>();
        for (String name : ScoringTestData.WAVS_8K) {
            all.add(pipeline.extract(ScoringTestData.audio(name)));
        }
        DiagonalGmm ubm = new GmmTrainer(TrainingConfig.defaults(8).withSeed(3).withMaxIterations(5))
                .fit(FeatureMatrix.stack(all)).model();
        MapAdapter adapter = new MapAdapter(ubm, MapOptions.defaults());
        TreeMap<String, DiagonalGmm> models = new TreeMap<>();
        for (int s = 0; s < 3; s++) {
            models.put(ScoringTestData.WAVS_8K.get(s).split("_")[1], adapter.adapt(all.get(s)));
        }
        return speakerSet(config, ubm, models);
    }

    private static double[] batchScores(ModelSet set, List<String> claims, LlrOptions options, FeatureMatrix frames) {
        List<GmmScorer> models = new ArrayList<>();
        claims.forEach(c -> models.add(new GmmScorer(set.model(c))));
        return new LlrScorer(set.background().get().ubm(), options).averageLlrs(frames, models);
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void finalAndRunningScoresEqualTheBatchScoresForEveryChunking() {
        ModelSet set = trainedSpeakers(STREAMING);
        List<String> claims = List.of("nicolas", "george", "jackson");
        Audio audio = ScoringTestData.audio("5_nicolas_33");
        FeatureMatrix batch = set.featurePipeline().extract(audio);
        for (LlrOptions options : List.of(LlrOptions.defaults(), LlrOptions.defaults().withSelection(4, 2), new LlrOptions(1), LlrOptions.allComponents())) {
            double[] expected = batchScores(set, claims, options, batch);
            StreamingVerifier v = new StreamingVerifier(set, claims, options, RATE);
            assertEquals(4, v.latencyFrames(), "Kaldi deltas hold 4 frames");
            assertTrue(v.decidesWhileStreaming());
            float[] x = audio.samples();
            SplittableRandom random = new SplittableRandom(5);
            for (int chunk : new int[] {1, 80, 200, 1000, x.length, -1}) {
                v.reset();
                if (chunk < 0) {
                    ScoringTestData.feedRandomChunks(v, x, random);
                } else {
                    long checked = 0;
                    for (int pos = 0; pos < x.length; pos += chunk) {
                        v.accept(x, pos, Math.min(chunk, x.length - pos));
                        long n = v.framesScored();
                        if (n > checked) {
                            checked = n;
                            // the running score is the batch score of the frames so far
                            double[] soFar = batchScores(set, claims, options, batch.rowRange(0, (int) n));
                            for (int s = 0; s < claims.size(); s++) {
                                assertBits(soFar[s], v.averageLlr(s), options + " chunk " + chunk + " after " + n);
                            }
                        }
                    }
                }
                v.finish();
                assertEquals(batch.rows(), v.framesScored());
                for (int s = 0; s < claims.size(); s++) {
                    assertBits(expected[s], v.averageLlr(s), options + " chunk " + chunk + " claim " + s);
                }
            }
        }
    }

    @Test
    void aWholeUtteranceFrontEndScoresEverythingAtTheEnd() {
        FeatureConfig utterance = STREAMING.withCmvn(org.cepstra.features.CmvnOptions.utterance(false),
                org.cepstra.features.CmvnPlacement.AFTER_DELTAS);
        ModelSet set = trainedSpeakers(utterance);
        Audio audio = ScoringTestData.audio("2_nicolas_2");
        List<VerificationDecision> told = new ArrayList<>();
        StreamingVerifier v = new StreamingVerifier(set, List.of("nicolas"), LlrOptions.defaults(), RATE)
                .withEarlyDecision(-1e9, -2e9, 3, told::add);
        assertFalse(v.decidesWhileStreaming());
        assertEquals(Integer.MAX_VALUE, v.latencyFrames());
        float[] x = audio.samples();
        for (int pos = 0; pos < x.length; pos += 80) {
            v.accept(x, pos, Math.min(80, x.length - pos));
        }
        assertEquals(0, v.framesScored());
        assertThrows(IllegalStateException.class, () -> v.averageLlr(0));
        assertTrue(told.isEmpty());
        v.finish();
        FeatureMatrix batch = set.featurePipeline().extract(audio);
        assertBits(batchScores(set, List.of("nicolas"), LlrOptions.defaults(), batch)[0], v.averageLlr(0), "final");
        // decided at the third frame, but only once the whole recording was in
        assertEquals(1, told.size());
        assertEquals(2, told.get(0).frameIndex());
        assertEquals(x.length * 1000.0 / RATE, told.get(0).audioMs(), 1e-9);
    }

    /**
     * UBM: one Gaussian with the recording's column means and variances over 13 static cepstra (no deltas, no
     * CMVN: no hold-back); speaker: the same with the C0 mean moved up by δ standard deviations. Then the
     * frame ratio is {@code δ·z − δ²/2} with {@code z = (c0 − μ0)/σ0}, and the decision frame follows from the
     * running mean of z.
     */
    @Test
    void earlyDecisionOnAHandBuiltPairFollowsTheClosedForm() {
        FeatureConfig statics = FeatureConfig.kaldiDefaults().withTargetSampleRateHz(RATE);
        Audio audio = ScoringTestData.audio("3_theo_3");
        FeatureMatrix frames = new FeaturePipeline(statics).extract(audio);
        int n = frames.rows();
        int d = frames.cols();
        double[] mean = new double[d];
        double[] var = new double[d];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < d; j++) {
                mean[j] += frames.get(t, j) / (double) n;
            }
        }
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < d; j++) {
                double e = frames.get(t, j) - mean[j];
                var[j] += e * e / n;
            }
        }
        double delta = 0.5;
        double sd0 = Math.sqrt(var[0]);
        double[] moved = mean.clone();
        moved[0] += delta * sd0;
        DiagonalGmm ubm = new DiagonalGmm(new double[] {1}, new double[][] {mean}, new double[][] {var});
        DiagonalGmm speaker = new DiagonalGmm(new double[] {1}, new double[][] {moved}, new double[][] {var});
        TreeMap<String, DiagonalGmm> models = new TreeMap<>();
        models.put("up", speaker);
        models.put("same", ubm);
        ModelSet set = speakerSet(statics, ubm, models);

        // the rule by hand: running mean of δ·z − δ²/2, thresholds ±0.05, 5 frames
        double accept = 0.05;
        double reject = -0.05;
        int need = 5;
        int decidedAt = -1;
        boolean accepted = false;
        int run = 0;
        double sum = 0;
        double averageThen = Double.NaN;
        for (int t = 0; t < n && decidedAt < 0; t++) {
            double z = (frames.get(t, 0) - mean[0]) / sd0;
            sum += delta * z - delta * delta / 2;
            double avg = sum / (t + 1);
            int sign = avg > accept ? 1 : avg < reject ? -1 : 0;
            run = sign == 0 ? 0 : Integer.signum(run) == sign ? run + sign : sign;
            if (Math.abs(run) >= need) {
                decidedAt = t;
                accepted = run > 0;
                averageThen = avg;
            }
        }
        assertTrue(decidedAt >= need - 1, "the hand rule decides on this recording");

        List<VerificationDecision> told = new ArrayList<>();
        int chunk = 80;
        StreamingVerifier v = new StreamingVerifier(set, List.of("up", "same"), LlrOptions.allComponents(), RATE)
                .withEarlyDecision(accept, reject, need, told::add);
        assertEquals(0, v.latencyFrames());
        float[] x = audio.samples();
        for (int pos = 0; pos < x.length; pos += chunk) {
            v.accept(x, pos, Math.min(chunk, x.length - pos));
        }
        v.finish();
        VerificationDecision up = v.decision(0).orElseThrow();
        assertEquals(decidedAt, up.frameIndex());
        assertEquals(accepted ? VerificationDecision.Verdict.ACCEPT : VerificationDecision.Verdict.REJECT, up.verdict());
        assertEquals(averageThen, up.averageLlr(), 1e-9);
        // frame t is complete after t·80 + 200 samples (25 ms window, 10 ms shift, snip edges), in whole chunks
        long samples = ((decidedAt * 80L + 200 + chunk - 1) / chunk) * chunk;
        assertEquals(samples * 1000.0 / RATE, up.audioMs(), 1e-9);
        // the UBM claiming to be itself: ratio 0 on every frame, never outside (−0.05, 0.05)
        assertTrue(v.decision(1).isEmpty());
        assertEquals(0.0, v.averageLlr(1), 0);
        assertEquals(List.of(up), told);
        // the whole recording: mean of z is 0, so the average ratio is −δ²/2
        assertEquals(-delta * delta / 2, v.averageLlr(0), 1e-4);
        // reset forgets the decision, and the same audio decides the same way
        v.reset();
        assertTrue(v.decision(0).isEmpty());
        v.accept(x, 0, x.length);
        v.finish();
        assertEquals(decidedAt, v.decision(0).orElseThrow().frameIndex());
    }

    @Test
    void badInputIsNamed() {
        ModelSet set = trainedSpeakers(STREAMING);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StreamingVerifier(set, List.of("nobody"), LlrOptions.defaults(), RATE));
        assertEquals("claimed speaker 'nobody' is not in the speaker set (it has 3 speakers: george, jackson, nicolas)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new StreamingVerifier(set, List.of(), LlrOptions.defaults(), RATE));
        assertEquals("no claimed speaker to verify", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new StreamingVerifier(set, List.of("george"), LlrOptions.defaults(), 8000.5));
        assertTrue(e.getMessage().contains("8000.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new StreamingVerifier(set, List.of("george"), LlrOptions.defaults(), -1));
        assertEquals("sample rate must be a positive number of Hz, got -1.0", e.getMessage());
        ModelSet noRate = speakerSet(ScoringTestData.MFCC_39, set.background().get().ubm(), new TreeMap<>(set.models()));
        e = assertThrows(IllegalArgumentException.class,
                () -> new StreamingVerifier(noRate, List.of("george"), LlrOptions.defaults(), RATE));
        assertEquals(Scorer.UNKNOWN_RATE, e.getMessage());
        ModelSet noBackground = new ModelSet(new TreeMap<>(set.models()), STREAMING, TrainingConfig.defaults(8),
                List.of(), 0);
        e = assertThrows(IllegalArgumentException.class,
                () -> new StreamingVerifier(noBackground, List.of("george"), LlrOptions.defaults(), RATE));
        assertTrue(e.getMessage().startsWith("the speaker set has no background model"), e.getMessage());
        StreamingVerifier v = new StreamingVerifier(set, List.of("george"), LlrOptions.defaults(), RATE);
        e = assertThrows(IllegalArgumentException.class, () -> v.withEarlyDecision(0, 1, 5, d -> { }));
        assertEquals("the reject threshold (1.0) must not be above the accept threshold (0.0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> v.withEarlyDecision(1, 0, 0, d -> { }));
        assertEquals("consecutive frames must be >= 1, got 0", e.getMessage());
        v.finish();
        assertThrows(IllegalStateException.class, () -> v.accept(new float[10], 0, 10));
    }
}
