package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.cepstra.audio.Audio;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/** The training statistics a speaker with few frames borrows (Kaldi's online CMVN global frames). */
class CmvnPriorTest {
    /** One dimension, 10 frames of mean 5 and mean square 30. */
    private static final CmvnStatistics TRAINING = new CmvnStatistics(10, new double[] {50}, new double[] {300});

    @Test
    void aSpeakerBorrowsUpToTheFillTarget() {
        CmvnPrior prior = new CmvnPrior(100, TRAINING);
        assertEquals(100, prior.borrowedFrames(50));
        assertEquals(100, prior.borrowedFrames(500));
        assertEquals(50, prior.borrowedFrames(550)); // 600 - 550
        assertEquals(0, prior.borrowedFrames(600));
        assertEquals(0, prior.borrowedFrames(5000));
        assertEquals(0, new CmvnPrior(0, TRAINING).borrowedFrames(1));
    }

    @Test
    void smoothingAddsTheTrainingStatisticsScaledToTheBorrowedFrames() {
        CmvnStatistics own = new CmvnStatistics(2, new double[] {2}, new double[] {4});
        // 4 frames borrowed: sum 50·4/10 = 20, squares 300·4/10 = 120
        CmvnStatistics smoothed = new CmvnPrior(4, TRAINING).smooth(own);
        assertEquals(6, smoothed.count());
        assertEquals(22, smoothed.sum(0), 1e-12);
        assertEquals(124, smoothed.sumOfSquares(0), 1e-12);
        CmvnStatistics plenty = new CmvnStatistics(600, new double[] {600}, new double[] {900});
        assertSame(plenty, new CmvnPrior(100, TRAINING).smooth(plenty));
    }

    @Test
    void scalingKeepsMeanAndVariance() {
        CmvnStatistics s = TRAINING.scaledToCount(4);
        assertEquals(4, s.count());
        assertEquals(5, s.sum(0) / s.count(), 1e-12);
        assertEquals(30, s.sumOfSquares(0) / s.count(), 1e-12);
        assertEquals(0, TRAINING.scaledToCount(0).count());
        assertThrows(IllegalArgumentException.class, () -> CmvnStatistics.empty(1).scaledToCount(1));
        assertThrows(IllegalArgumentException.class, () -> TRAINING.scaledToCount(-1));
    }

    @Test
    void badPriorsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CmvnPrior(-1, TRAINING));
        assertThrows(IllegalArgumentException.class, () -> new CmvnPrior(Double.NaN, TRAINING));
        assertThrows(IllegalArgumentException.class, () -> new CmvnPrior(1, CmvnStatistics.empty(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CmvnPrior(1, TRAINING).smooth(CmvnStatistics.empty(2)));
        assertTrue(e.getMessage().contains("dimension 1"), e.getMessage());
        FeatureConfig speaker = FeatureConfig.kaldiDefaults().withCmvn(CmvnOptions.speaker(true),
                CmvnPlacement.BEFORE_DELTAS);
        e = assertThrows(IllegalArgumentException.class,
                () -> new FeaturePipeline(speaker).withCmvnPrior(new CmvnPrior(1, TRAINING)));
        assertEquals("CMVN prior has dimension 1, CMVN applies to 13 columns", e.getMessage());
    }

    @Test
    void onlyPerSpeakerCmvnUsesThePriorAndStreamingAgreesWithBatch() {
        Audio audio = tone(8000, 4000);
        FeatureConfig speaker = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults())
                .withCmvn(CmvnOptions.speaker(true), CmvnPlacement.AFTER_DELTAS);
        FeaturePipeline plain = new FeaturePipeline(speaker);
        FeatureMatrix statics = plain.staticFeatures(audio);
        CmvnStatistics own = plain.cmvnStatistics(statics);
        double[] sum = new double[39];
        double[] squares = new double[39];
        for (int d = 0; d < 39; d++) {
            sum[d] = 3 * d;
            squares[d] = 40 + d * d;
        }
        CmvnPrior prior = new CmvnPrior(100, new CmvnStatistics(2, sum, squares));
        FeaturePipeline withPrior = plain.withCmvnPrior(prior);
        assertEquals(Optional.of(prior), withPrior.cmvnPrior());
        FeatureMatrix expected = new Cmvn(speaker.cmvn()).apply(new DeltaFeatures(speaker.deltas()).apply(statics),
                prior.smooth(own));
        FeatureMatrix actual = withPrior.extract(audio);
        assertMatrixEquals(expected, actual);
        // a prior of 0 frames is no prior
        assertMatrixEquals(plain.extract(audio), plain.withCmvnPrior(new CmvnPrior(0, prior.statistics())).extract(audio));
        // per-utterance CMVN ignores it
        FeatureConfig utterance = speaker.withCmvn(CmvnOptions.utterance(true), CmvnPlacement.AFTER_DELTAS);
        assertMatrixEquals(new FeaturePipeline(utterance).extract(audio),
                new FeaturePipeline(utterance).withCmvnPrior(prior).extract(audio));
        // the streaming extractor built on the pipeline gives the batch frames
        StreamingFeatureExtractor live = new StreamingFeatureExtractor(withPrior, 8000, null);
        float[] samples = new float[audio.length()];
        audio.copySamples(0, samples.length, samples, 0);
        live.accept(samples, 0, samples.length);
        live.finish();
        assertMatrixEquals(actual, live.drain());
    }

    private static Audio tone(double rate, int n) {
        float[] x = new float[n];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / rate) + 0.05 * random.nextGaussian());
        }
        return Audio.wrap(x, rate);
    }

    private static void assertMatrixEquals(FeatureMatrix expected, FeatureMatrix actual) {
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.cols(), actual.cols());
        for (int t = 0; t < expected.rows(); t++) {
            float[] e = new float[expected.cols()];
            float[] a = new float[expected.cols()];
            expected.copyRows(t, 1, e, 0);
            actual.copyRows(t, 1, a, 0);
            assertArrayEquals(e, a, "frame " + t);
        }
    }
}
