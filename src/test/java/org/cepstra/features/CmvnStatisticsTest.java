package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

class CmvnStatisticsTest {
    private static final FeatureMatrix A = FeatureMatrix.wrap(2, 2, new float[] {1, 2, 3, 4});
    private static final FeatureMatrix B = FeatureMatrix.wrap(3, 2, new float[] {-1, 0, 5, 2, 0.5f, 8});

    @Test
    void countsSumsAndSumsOfSquaresByHand() {
        CmvnStatistics s = CmvnStatistics.of(A);
        assertEquals(2.0, s.count());
        assertEquals(2, s.dimension());
        assertEquals(4.0, s.sum(0));
        assertEquals(6.0, s.sum(1));
        assertEquals(10.0, s.sumOfSquares(0));
        assertEquals(20.0, s.sumOfSquares(1));
    }

    @Test
    void statisticsOfTwoUtterancesAddUpToThoseOfTheirConcatenation() {
        assertEquals(CmvnStatistics.of(FeatureMatrix.stack(java.util.List.of(A, B))),
                CmvnStatistics.of(A).plus(CmvnStatistics.of(B)));
        assertEquals(CmvnStatistics.of(A), CmvnStatistics.empty(2).plus(CmvnStatistics.of(A)));
    }

    @Test
    void speakerStatisticsNormaliseTheSpeakersFramesTogether() {
        Cmvn cmvn = new Cmvn(CmvnOptions.speaker(true));
        CmvnStatistics speaker = CmvnStatistics.of(A).plus(CmvnStatistics.of(B));
        FeatureMatrix a = cmvn.apply(A, speaker);
        FeatureMatrix b = cmvn.apply(B, speaker);
        // column 0 over both: values 1,3,-1,5,0.5 -> mean 1.7, variance (1+9+1+25+0.25)/5 - 1.7^2 = 4.36
        double sd = Math.sqrt(4.36);
        assertEquals((1 - 1.7) / sd, a.get(0, 0), 1e-6);
        assertEquals((5 - 1.7) / sd, b.get(1, 0), 1e-6);
        double sum = 0;
        double sumSq = 0;
        for (FeatureMatrix m : new FeatureMatrix[] {a, b}) {
            for (int t = 0; t < m.rows(); t++) {
                sum += m.get(t, 1);
                sumSq += m.get(t, 1) * m.get(t, 1);
            }
        }
        assertEquals(0.0, sum / 5, 1e-6);
        assertEquals(1.0, sumSq / 5, 1e-6);
    }

    @Test
    void anUtteranceAloneIsItsOwnSpeaker() {
        FeatureMatrix own = new Cmvn(CmvnOptions.speaker(true)).apply(B);
        FeatureMatrix utterance = new Cmvn(CmvnOptions.utterance(true)).apply(B);
        assertArrayEquals(utterance.toArray(), own.toArray());
        assertArrayEquals(utterance.toArray(),
                new Cmvn(CmvnOptions.utterance(true)).apply(B, CmvnStatistics.of(B)).toArray());
    }

    @Test
    void meansOnlyLeaveTheScale() {
        FeatureMatrix out = new Cmvn(CmvnOptions.speaker(false)).apply(A, CmvnStatistics.of(B));
        assertEquals(1 - 1.5, out.get(0, 0), 1e-6); // column 0 of B: -1, 5, 0.5 -> mean 1.5
        assertEquals(4 - 10.0 / 3, out.get(1, 1), 1e-6);
    }

    @Test
    void badStatisticsAreRejectedWithTheReason() {
        Cmvn cmvn = new Cmvn(CmvnOptions.speaker(true));
        assertEquals("CMVN statistics have dimension 3, frames have 2", assertThrows(IllegalArgumentException.class,
                () -> cmvn.apply(A, CmvnStatistics.empty(3))).getMessage());
        assertEquals("CMVN statistics count no frames", assertThrows(IllegalArgumentException.class,
                () -> cmvn.apply(A, CmvnStatistics.empty(2))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CmvnStatistics.of(A).plus(CmvnStatistics.empty(3)));
        assertThrows(IllegalArgumentException.class, () -> new CmvnStatistics(-1, new double[1], new double[1]));
        assertThrows(IllegalArgumentException.class, () -> new CmvnStatistics(1, new double[1], new double[2]));
    }

    @Test
    void pipelineWithItsOwnStatisticsEqualsThePlainPipeline() {
        FeatureMatrix statics = new MfccExtractor(MfccPresets.kaldi()).compute(TestWavs.resource("3_theo_3"));
        for (CmvnPlacement placement : CmvnPlacement.values()) {
            for (CmvnOptions o : new CmvnOptions[] {CmvnOptions.speaker(true), CmvnOptions.utterance(false)}) {
                FeaturePipeline p = new FeaturePipeline(FeatureConfig.kaldiDefaults()
                        .withDeltas(DeltaOptions.kaldiDefaults()).withCmvn(o, placement));
                assertArrayEquals(p.postProcess(statics).toArray(),
                        p.postProcess(statics, p.cmvnStatistics(statics)).toArray(), placement + " " + o);
                assertEquals(placement == CmvnPlacement.AFTER_DELTAS ? 39 : 13, p.cmvnStatistics(statics).dimension());
            }
        }
    }
}
