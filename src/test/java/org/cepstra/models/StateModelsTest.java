package org.cepstra.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cepstra.features.SegmentParts;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/** Labels in states: the parts of an utterance, the union a set stores, training per part, K by frames. */
class StateModelsTest {

    @Test
    void partsCoverTheFramesInOrderAndAgreeWithPartOf() {
        for (int parts = 1; parts <= 5; parts++) {
            for (int n = 1; n <= 23; n++) {
                assertEquals(0, SegmentParts.start(0, n, parts));
                assertEquals(n, SegmentParts.start(parts, n, parts));
                for (int t = 0; t < n; t++) {
                    int s = SegmentParts.partOf(t, n, parts);
                    // brute force: t lies in [start(s), start(s + 1))
                    assertEquals(true, SegmentParts.start(s, n, parts) <= t && t < SegmentParts.start(s + 1, n, parts),
                            "t=" + t + " n=" + n + " parts=" + parts);
                }
            }
        }
        // 10 frames in 3 parts: 0-3, 4-6, 7-9
        assertEquals(4, SegmentParts.start(1, 10, 3));
        assertEquals(7, SegmentParts.start(2, 10, 3));
    }

    private static DiagonalGmm gaussian(double mean, double variance) {
        return new DiagonalGmm(new double[] {1}, new double[][] {{mean}}, new double[][] {{variance}});
    }

    private static double logDensity(double x, double mean, double variance) {
        return -0.5 * (Math.log(2 * Math.PI * variance) + (x - mean) * (x - mean) / variance);
    }

    @Test
    void theUnionSplitsBackAndAnUtteranceIsScoredPartByPart() {
        List<DiagonalGmm> states = List.of(gaussian(-1, 0.5), gaussian(0, 1), gaussian(2, 4));
        DiagonalGmm union = StateModels.union(states);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, union.weights(), 1e-15);
        List<DiagonalGmm> back = StateModels.split(union, 3);
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(states.get(s).means()[0], back.get(s).means()[0]);
            assertArrayEquals(states.get(s).variances()[0], back.get(s).variances()[0]);
            assertEquals(1, back.get(s).weights()[0], 1e-15);
        }
        // 7 frames: parts 0-2, 3-4, 5-6
        double[] x = {-1.5, -0.5, 0, 0.5, 1, 2, 3};
        double expected = 0;
        int[] state = {0, 0, 0, 1, 1, 2, 2};
        for (int t = 0; t < 7; t++) {
            double[][] p = {{-1, 0.5}, {0, 1}, {2, 4}};
            expected += logDensity(x[t], p[state[t]][0], p[state[t]][1]);
        }
        double[][] rows = new double[7][1];
        for (int t = 0; t < 7; t++) {
            rows[t][0] = x[t];
        }
        assertEquals(expected, StateModels.totalLogLikelihood(back, FeatureMatrix.of(rows), StateAlignment.EQUAL), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> StateModels.split(union, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateModels.split(
                new DiagonalGmm(new double[] {0.5, 0.25, 0.25}, new double[][] {{0}, {0}, {0}},
                        new double[][] {{1}, {1}, {1}}), 3));
        assertEquals("state 0 of a 3-state model has weights summing to 0.5, not 1/3", e.getMessage());
    }

    @Test
    void eachStateIsTrainedOnItsPartOfEveryUtterance() {
        Random r = new Random(2);
        List<UtteranceFrames> utterances = new ArrayList<>();
        double[][] sums = new double[3][13];
        int[] counts = new int[3];
        for (int u = 0; u < 6; u++) {
            int n = 5 + u;
            double[][] rows = new double[n][13];
            for (int t = 0; t < n; t++) {
                int part = SegmentParts.partOf(t, n, 3);
                for (int d = 0; d < 13; d++) {
                    rows[t][d] = (float) (part * 3 + r.nextGaussian());
                    sums[part][d] += rows[t][d];
                }
                counts[part]++;
            }
            utterances.add(ModelSetTrainerTest.frames("u" + u, u % 2 == 0 ? "a" : "b", rows));
        }
        ModelSet set = new ModelSetTrainer(ModelSetTrainerTest.STATICS, TrainingConfig.defaults(1), 2).withStates(3)
                .withCalibrationFolds(0).train(new CorpusFrames(utterances, List.of()), ModelTrainingListener.none())
                .modelSet();
        assertEquals(3, set.states());
        assertEquals(3, set.model("a").numComponents());
        // the states of both labels together: each state's mean is the mean of its part's frames
        double[][] mean = new double[3][13];
        for (String label : List.of("a", "b")) {
            List<DiagonalGmm> states = set.stateModels(label);
            LabelSummary summary = set.labels().get(label.equals("a") ? 0 : 1);
            int frames = 0;
            for (UtteranceFrames u : utterances) {
                frames += u.utterance().label().equals(label) ? u.frames().rows() : 0;
            }
            assertEquals(frames, summary.frames());
            assertEquals(3, summary.utterances());
            for (int s = 0; s < 3; s++) {
                for (int d = 0; d < 13; d++) {
                    mean[s][d] += states.get(s).means()[0][d] * partFrames(utterances, label, s);
                }
            }
        }
        for (int s = 0; s < 3; s++) {
            for (int d = 0; d < 13; d++) {
                assertEquals(sums[s][d] / counts[s], mean[s][d] / counts[s], 1e-5);
            }
        }
    }

    private static int partFrames(List<UtteranceFrames> utterances, String label, int s) {
        int n = 0;
        for (UtteranceFrames u : utterances) {
            if (u.utterance().label().equals(label)) {
                int rows = u.frames().rows();
                n += SegmentParts.start(s + 1, rows, 3) - SegmentParts.start(s, rows, 3);
            }
        }
        return n;
    }

    @Test
    void aLabelWithFewFramesGetsFewerComponents() {
        ModelSetTrainer plain = new ModelSetTrainer(ModelSetTrainerTest.STATICS, TrainingConfig.defaults(32), 1);
        assertEquals(32, plain.componentsFor(32, 10_000));
        assertEquals(32, plain.componentsFor(32, 32));
        assertEquals(31, plain.componentsFor(32, 31)); // fewer frames than K: one component per frame
        ModelSetTrainer scaled = plain.withFramesPerComponent(20);
        assertEquals(32, scaled.componentsFor(32, 640));
        assertEquals(31, scaled.componentsFor(32, 639));
        assertEquals(2, scaled.componentsFor(32, 40));
        assertEquals(1, scaled.componentsFor(32, 5));
        assertThrows(IllegalArgumentException.class, () -> plain.withFramesPerComponent(-1));
        assertThrows(IllegalArgumentException.class, () -> plain.withStates(0));
        assertThrows(IllegalArgumentException.class, () -> plain.withStates(ModelSet.MAX_STATES + 1));
    }

    @Test
    void aLabelWithFewerFramesThanKIsTrainedWithOneComponentPerFrame() {
        Random r = new Random(4);
        List<UtteranceFrames> utterances = new ArrayList<>();
        for (int u = 0; u < 4; u++) {
            double[][] rows = new double[u < 2 ? 100 : 3][13];
            for (double[] row : rows) {
                for (int d = 0; d < 13; d++) {
                    row[d] = r.nextGaussian() + (u < 2 ? 0 : 5);
                }
            }
            utterances.add(ModelSetTrainerTest.frames("u" + u, u < 2 ? "many" : "few", rows));
        }
        ModelSet set = new ModelSetTrainer(ModelSetTrainerTest.STATICS, TrainingConfig.defaults(8), 1)
                .withCalibrationFolds(0).train(new CorpusFrames(utterances, List.of()), ModelTrainingListener.none())
                .modelSet();
        assertEquals(8, set.model("many").numComponents());
        assertEquals(6, set.model("few").numComponents());
        assertEquals(6, set.labels().get(0).numComponents());
    }
}
