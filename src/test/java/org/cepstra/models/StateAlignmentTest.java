package org.cepstra.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cepstra.features.SegmentParts;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.TrainingConfig;
import org.junit.jupiter.api.Test;

/** The parts of an utterance among a label's states: equal parts, the best left-to-right path, and training on it. */
class StateAlignmentTest {

    /** Every split of {@code n} frames into {@code s} non-empty runs, as bounds, in lexicographic order. */
    private static void splits(int n, int s, int[] bounds, int state, List<int[]> out) {
        if (state == s) {
            if (bounds[s - 1] < n) {
                int[] b = bounds.clone();
                b[s] = n;
                out.add(b);
            }
            return;
        }
        int from = state == 0 ? 0 : bounds[state - 1] + 1;
        int to = state == 0 ? 0 : n - (s - state);
        for (int t = from; t <= to; t++) {
            bounds[state] = t;
            splits(n, s, bounds, state + 1, out);
        }
    }

    private static double total(double[][] ll, int offset, int[] b) {
        double sum = 0;
        for (int s = 0; s + 1 < b.length; s++) {
            for (int t = b[s]; t < b[s + 1]; t++) {
                sum += ll[s][offset + t];
            }
        }
        return sum;
    }

    @Test
    void viterbiFindsTheBestSplitOfEveryBruteForceCase() {
        Random r = new Random(5);
        for (int trial = 0; trial < 300; trial++) {
            int states = 1 + r.nextInt(5);
            int n = states + r.nextInt(9);
            int offset = r.nextInt(3);
            double[][] ll = new double[states][offset + n + 2];
            for (double[] row : ll) {
                for (int t = 0; t < row.length; t++) {
                    row[t] = -5 * r.nextDouble() - (r.nextInt(4) == 0 ? 20 : 0);
                }
            }
            List<int[]> all = new ArrayList<>();
            splits(n, states, new int[states + 1], 0, all);
            double best = Double.NEGATIVE_INFINITY;
            for (int[] b : all) {
                best = Math.max(best, total(ll, offset, b));
            }
            int[] found = StateAlignment.VITERBI.bounds(ll, offset, n);
            assertEquals(0, found[0]);
            assertEquals(n, found[states]);
            for (int s = 0; s < states; s++) {
                assertTrue(found[s + 1] > found[s], "state " + s + " is empty");
            }
            assertEquals(best, total(ll, offset, found), 1e-9, "trial " + trial);
        }
    }

    @Test
    void aTieKeepsTheFrameInTheEarlierState() {
        double[][] ll = {{-1, -1, -1, -1}, {-1, -1, -1, -1}};
        assertArrayEquals(new int[] {0, 3, 4}, StateAlignment.VITERBI.bounds(ll, 0, 4));
    }

    @Test
    void equalPartsAndTooFewFramesForTheStatesGiveTheEqualSplit() {
        double[][] ll = new double[3][7];
        for (int n : new int[] {0, 1, 2, 7}) {
            int[] expected = new int[4];
            for (int s = 0; s <= 3; s++) {
                expected[s] = SegmentParts.start(s, n, 3);
            }
            assertArrayEquals(expected, StateAlignment.EQUAL.bounds(ll, 0, n));
            if (n < 3) {
                assertArrayEquals(expected, StateAlignment.VITERBI.bounds(ll, 0, n));
            }
        }
    }

    @Test
    void logLikelihoodsWithoutAFinitePathAreRefused() {
        double[][] ll = {{Double.NaN, Double.NaN, Double.NaN}, {Double.NaN, Double.NaN, Double.NaN}};
        assertThrows(IllegalArgumentException.class, () -> StateAlignment.VITERBI.bounds(ll, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> StateAlignment.VITERBI.bounds(new double[0][], 0, 3));
        assertEquals(StateAlignment.VITERBI, StateAlignment.of("viterbi"));
        assertThrows(IllegalArgumentException.class, () -> StateAlignment.of("hmm"));
    }

    /**
     * A word of three sounds at levels 0, 6 and 12 of very unequal lengths (2, 12 and 2 frames, then 3, 9 and 4):
     * equal parts mix the levels in every state; Viterbi training finds each state's level.
     */
    @Test
    void viterbiTrainingFindsStatesOfUnequalLengths() {
        Random r = new Random(3);
        List<UtteranceFrames> utterances = new ArrayList<>();
        int[][] lengths = {{2, 12, 2}, {3, 9, 4}, {2, 10, 3}, {4, 11, 2}};
        for (int u = 0; u < 8; u++) {
            int[] len = lengths[u % lengths.length];
            List<double[]> rows = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                for (int t = 0; t < len[s]; t++) {
                    double[] row = new double[13];
                    for (int d = 0; d < 13; d++) {
                        row[d] = 6 * s + 0.3 * r.nextGaussian();
                    }
                    rows.add(row);
                }
            }
            utterances.add(ModelSetTrainerTest.frames("u" + u, "w", rows.toArray(double[][]::new)));
        }
        ModelSetTrainer trainer = new ModelSetTrainer(ModelSetTrainerTest.STATICS, TrainingConfig.defaults(1), 1)
                .withStates(3).withCalibrationFolds(0);
        ModelSet equal = trainer.train(new CorpusFrames(utterances, List.of()), ModelTrainingListener.none())
                .modelSet();
        ModelSet viterbi = trainer.withStateAlignment(StateAlignment.VITERBI)
                .train(new CorpusFrames(utterances, List.of()), ModelTrainingListener.none()).modelSet();
        assertEquals(StateAlignment.EQUAL, equal.stateAlignment());
        assertEquals(StateAlignment.VITERBI, viterbi.stateAlignment());
        List<DiagonalGmm> found = viterbi.stateModels("w");
        List<DiagonalGmm> cut = equal.stateModels("w");
        for (int s = 0; s < 3; s++) {
            for (int d = 0; d < 13; d++) {
                assertEquals(6 * s, found.get(s).means()[0][d], 0.3, "state " + s);
            }
        }
        // equal thirds put middle frames in the first and last states: their means lie well inside
        assertTrue(cut.get(0).means()[0][0] > 2, "first state's mean " + cut.get(0).means()[0][0]);
        assertTrue(cut.get(2).means()[0][0] < 10, "last state's mean " + cut.get(2).means()[0][0]);
        // and the best path scores the training utterances higher than equal parts do under the same states
        for (UtteranceFrames u : utterances) {
            assertTrue(StateModels.totalLogLikelihood(found, u.frames(), StateAlignment.VITERBI)
                    >= StateModels.totalLogLikelihood(found, u.frames(), StateAlignment.EQUAL));
        }
    }

    @Test
    void aViterbiAlignmentNeedsStates() {
        ModelSet one = ModelSet.of(new java.util.TreeMap<>(java.util.Map.of("a",
                new DiagonalGmm(new double[] {1}, new double[][] {new double[13]}, new double[][] {filled(13)}))),
                ModelSetTrainerTest.STATICS);
        assertThrows(IllegalArgumentException.class, () -> one.withStateAlignment(StateAlignment.VITERBI));
        assertEquals(one, one.withStateAlignment(StateAlignment.EQUAL));
    }

    private static double[] filled(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1);
        return v;
    }
}
