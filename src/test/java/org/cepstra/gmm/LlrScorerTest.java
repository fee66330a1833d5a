package org.cepstra.gmm;

import static org.cepstra.gmm.GmmTestData.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/**
 * {@link LlrScorer}: closed forms on a hand-made 1-D pair of components, top-C with C = K equals exact
 * scoring, a brute-force reference in double from the definition (with and without Gaussian selection), many
 * utterances scored in shared batches equal each scored alone, streaming in any chunks equals the
 * batch, one pass for many speakers equals one pass per speaker, and bad input.
 */
class LlrScorerTest {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    /** A UBM, speakers adapted from it on different frames, and test frames spanning several blocks. */
    static final class Setup {
        final DiagonalGmm ubm;
        final List<GmmScorer> speakers = new ArrayList<>();
        final FeatureMatrix test;

        Setup(int k, int d, int numSpeakers, int testFrames, long seed) {
            ubm = GmmTestData.randomModel(k, d, 2.0, seed);
            MapAdapter adapter = new MapAdapter(ubm, MapOptions.defaults().withRelevance(4)
                    .withAdapted(true, true, true));
            for (int s = 0; s < numSpeakers; s++) {
                FeatureMatrix enrol = ubm.sample(300, seed + 100 + s);
                speakers.add(new GmmScorer(adapter.adapt(shift(enrol, 0.3 * (s + 1)))));
            }
            test = ubm.sample(testFrames, seed + 7);
        }
    }

    private static FeatureMatrix shift(FeatureMatrix m, double by) {
        float[] x = new float[m.rows() * m.cols()];
        m.copyRows(0, m.rows(), x, 0);
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) by;
        }
        return FeatureMatrix.wrap(m.rows(), m.cols(), x);
    }

    @Test
    void topOneOnTwoIdenticalUbmComponentsPicksTheLowerIndexClosedForm() {
        // UBM: two identical components N(0, 1), weights ½; speaker: the first moved to 1, the second to −1
        DiagonalGmm ubm = new DiagonalGmm(new double[] {0.5, 0.5}, new double[][] {{0}, {0}}, new double[][] {{1}, {1}});
        DiagonalGmm spk = new DiagonalGmm(new double[] {0.5, 0.5}, new double[][] {{1}, {-1}}, new double[][] {{1}, {1}});
        FeatureMatrix x = FeatureMatrix.wrap(2, 1, new float[] {2, -1});
        // C = 1, component 0 for both frames: log ½N(x; 1, 1) − log ½N(x; 0, 1) = −(x−1)²/2 + x²/2
        double top1 = new LlrScorer(ubm, new LlrOptions(1)).averageLlr(x, new GmmScorer(spk));
        assertEquals(((-0.5 + 2) + (-2 + 0.5)) / 2, top1, 1e-14);
        // exact: log(½e^{−(x−1)²/2} + ½e^{−(x+1)²/2}) − (−x²/2), the ½ and √2π cancel
        double exact = 0;
        for (double v : new double[] {2, -1}) {
            exact += Math.log(0.5 * Math.exp(-0.5 * (v - 1) * (v - 1)) + 0.5 * Math.exp(-0.5 * (v + 1) * (v + 1)))
                    + 0.5 * v * v;
        }
        assertEquals(exact / 2, new LlrScorer(ubm, LlrOptions.allComponents()).averageLlr(x, new GmmScorer(spk)), 1e-14);
        assertEquals(exact / 2, new LlrScorer(ubm, new LlrOptions(2)).averageLlr(x, new GmmScorer(spk)), 1e-14);
        // the UBM scored against itself: ratio 0 in every mode
        assertEquals(0.0, new LlrScorer(ubm, new LlrOptions(1)).averageLlr(x, new GmmScorer(ubm)), 0);
        assertEquals(-HALF_LOG_2PI, ubm.logLikelihood(new float[] {0}), 1e-15);
    }

    @Test
    void topCWithAllComponentsEqualsExactScoringBitForBit() {
        for (int d : new int[] {1, 3, 4, 13}) {
            Setup s = new Setup(9, d, 3, GmmScorer.BLOCK * 2 + 37, 40 + d);
            double[] exact = new LlrScorer(s.ubm, LlrOptions.allComponents()).averageLlrs(s.test, s.speakers);
            for (int c : new int[] {9, 10, 1000}) {
                double[] top = new LlrScorer(s.ubm, new LlrOptions(c)).averageLlrs(s.test, s.speakers);
                for (int j = 0; j < exact.length; j++) {
                    assertEquals(Double.doubleToRawLongBits(exact[j]), Double.doubleToRawLongBits(top[j]),
                            "D=" + d + " C=" + c + " speaker " + j + ": exact " + exact[j] + ", top-C " + top[j]);
                }
            }
        }
    }

    /** The average ratio straight from the definition, with C components chosen per frame (C = K: exact). */
    private static double bruteForce(DiagonalGmm ubm, DiagonalGmm spk, FeatureMatrix x, int c) {
        double sum = 0;
        for (int t = 0; t < x.rows(); t++) {
            float[] f = x.row(t);
            double[] u = GmmTestData.naiveComponentLogLikelihoods(ubm, f);
            double[] v = GmmTestData.naiveComponentLogLikelihoods(spk, f);
            Integer[] order = new Integer[u.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(u[b], u[a]));
            double[] us = new double[c];
            double[] vs = new double[c];
            for (int m = 0; m < c; m++) {
                us[m] = u[order[m]];
                vs[m] = v[order[m]];
            }
            sum += logSumExp(vs) - logSumExp(us);
        }
        return sum / x.rows();
    }

    private static double logSumExp(double[] a) {
        double max = Arrays.stream(a).max().orElseThrow();
        double s = 0;
        for (double v : a) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s);
    }

    @Test
    void equalsABruteForceReferenceInDouble() {
        Setup s = new Setup(16, 6, 2, 400, 7);
        for (int c : new int[] {1, 3, 5, 16}) {
            LlrOptions o = c == 16 ? LlrOptions.allComponents() : new LlrOptions(c);
            double[] got = new LlrScorer(s.ubm, o).averageLlrs(s.test, s.speakers);
            for (int j = 0; j < got.length; j++) {
                double want = bruteForce(s.ubm, s.speakers.get(j).model(), s.test, c);
                assertClose(want, got[j], 1e-11, "C=" + c + ", speaker " + j);
            }
        }
    }

    /**
     * Top-C under Gaussian selection straight from the definition, in double: the frame's clusters ordered by their
     * parent's log-density (ties to the lower cluster), the first {@code searched} taken and more while they hold
     * fewer than C components; the C members with the highest UBM log-density (ties to the lower index).
     */
    private static double bruteForceSelected(DiagonalGmm ubm, ComponentClusters clusters, int searched, DiagonalGmm spk,
                                             FeatureMatrix x, int c) {
        double sum = 0;
        for (int t = 0; t < x.rows(); t++) {
            float[] f = x.row(t);
            double[] parent = GmmTestData.naiveComponentLogLikelihoods(clusters.parents, f);
            Integer[] byParent = new Integer[parent.length];
            for (int q = 0; q < byParent.length; q++) {
                byParent[q] = q;
            }
            Arrays.sort(byParent, (a, b) -> Double.compare(parent[b], parent[a]));
            List<Integer> candidates = new ArrayList<>();
            for (int r = 0; r < byParent.length && (r < searched || candidates.size() < c); r++) {
                for (int k : clusters.members[byParent[r]]) {
                    candidates.add(k);
                }
            }
            double[] u = GmmTestData.naiveComponentLogLikelihoods(ubm, f);
            double[] v = GmmTestData.naiveComponentLogLikelihoods(spk, f);
            candidates.sort(Integer::compare);
            candidates.sort((a, b) -> Double.compare(u[b], u[a]));
            double[] us = new double[c];
            double[] vs = new double[c];
            for (int m = 0; m < c; m++) {
                us[m] = u[candidates.get(m)];
                vs[m] = v[candidates.get(m)];
            }
            sum += logSumExp(vs) - logSumExp(us);
        }
        return sum / x.rows();
    }

    @Test
    void gaussianSelectionEqualsABruteForceReferenceInDouble() {
        Setup s = new Setup(48, 6, 2, 700, 17);
        // {C, P, B}: the last two need more clusters than searched for some frames (clusters of about 3 components)
        for (int[] cpb : new int[][] {{5, 8, 2}, {3, 6, 1}, {5, 16, 1}, {8, 16, 2}}) {
            LlrScorer scorer = new LlrScorer(s.ubm, new LlrOptions(cpb[0], cpb[1], cpb[2]));
            double[] got = scorer.averageLlrs(s.test, s.speakers);
            ComponentClusters clusters = ComponentClusters.of(s.ubm, cpb[1]);
            for (int j = 0; j < got.length; j++) {
                double want = bruteForceSelected(s.ubm, clusters, cpb[2], s.speakers.get(j).model(), s.test, cpb[0]);
                assertClose(want, got[j], 1e-11, Arrays.toString(cpb) + ", speaker " + j);
            }
        }
    }

    @Test
    void manyUtterancesAtOnceEqualOneAtATimeBitForBit() {
        Setup s = new Setup(24, 5, 3, 1, 21);
        // utterances of 1 to 160 frames, more than two batches in all, so that batches cut utterances
        SplittableRandom r = new SplittableRandom(8);
        List<FeatureMatrix> utterances = new ArrayList<>();
        int total = 0;
        while (total < 2 * LlrScorer.BATCH + 300) {
            FeatureMatrix u = shift(s.ubm.sample(1 + r.nextInt(160), 1000 + utterances.size()), 0.1 * r.nextInt(4));
            utterances.add(u);
            total += u.rows();
        }
        for (LlrOptions o : List.of(LlrOptions.allComponents(), LlrOptions.defaults(), new LlrOptions(3, 6, 2),
                new LlrOptions(7, 12, 1), new LlrOptions(30))) {
            LlrScorer scorer = new LlrScorer(s.ubm, o);
            double[][] together = scorer.averageLlrs(utterances, s.speakers);
            assertEquals(0, scorer.frameCount());
            LlrScorer alone = scorer.withOwnBuffers();
            for (int u = 0; u < utterances.size(); u++) {
                double[] want = alone.averageLlrs(utterances.get(u), s.speakers);
                for (int j = 0; j < want.length; j++) {
                    assertEquals(Double.doubleToRawLongBits(want[j]), Double.doubleToRawLongBits(together[u][j]),
                            o + " utterance " + u + " speaker " + j + ": " + want[j] + " vs " + together[u][j]);
                }
            }
        }
        LlrScorer scorer = new LlrScorer(s.ubm, LlrOptions.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scorer.averageLlrs(List.of(s.test, FeatureMatrix.empty(5)), s.speakers));
        assertEquals("utterance 1 has no frames to score", e.getMessage());
    }

    @Test
    void topFiveIsCloseToExactForAdaptedModels() {
        Setup s = new Setup(64, 8, 3, 1000, 77);
        double[] exact = new LlrScorer(s.ubm, LlrOptions.allComponents()).averageLlrs(s.test, s.speakers);
        double[] top = new LlrScorer(s.ubm, LlrOptions.defaults().withoutSelection()).averageLlrs(s.test, s.speakers);
        for (int j = 0; j < exact.length; j++) {
            // components outside a frame's top 5 of 64 (overlapping ones here) carry little of either model
            assertTrue(Math.abs(exact[j] - top[j]) < 5e-3, "speaker " + j + ": exact " + exact[j] + ", top-5 " + top[j]);
        }
    }

    @Test
    void streamingInAnyChunksEqualsTheBatchBitForBit() {
        Setup s = new Setup(20, 5, 3, GmmScorer.BLOCK * 3 + 11, 5);
        for (LlrOptions o : List.of(LlrOptions.defaults(), LlrOptions.defaults().withSelection(4, 2), LlrOptions.allComponents())) {
            LlrScorer batch = new LlrScorer(s.ubm, o);
            double[] want = batch.averageLlrs(s.test, s.speakers);
            double[] wantSums = new double[want.length];
            for (int j = 0; j < want.length; j++) {
                wantSums[j] = batch.llrSum(j);
            }
            LlrScorer stream = batch.withOwnBuffers();
            stream.start(s.speakers);
            SplittableRandom r = new SplittableRandom(3);
            float[] all = new float[s.test.rows() * s.test.cols()];
            s.test.copyRows(0, s.test.rows(), all, 0);
            int done = 0;
            while (done < s.test.rows()) {
                int n = Math.min(s.test.rows() - done, r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(400));
                if (n == 1) {
                    stream.accept(s.test.row(done), 0, 1);
                } else if (r.nextBoolean()) {
                    stream.accept(s.test.rowRange(done, done + n));
                } else {
                    stream.accept(all, done * s.test.cols(), n);
                }
                done += n;
            }
            assertEquals(s.test.rows(), stream.frameCount());
            for (int j = 0; j < want.length; j++) {
                assertEquals(wantSums[j], stream.llrSum(j), 0, o + " speaker " + j);
                assertEquals(want[j], stream.averageLlr(j), 0, o + " speaker " + j);
            }
        }
    }

    @Test
    void onePassForManySpeakersEqualsOnePassPerSpeaker() {
        Setup s = new Setup(12, 4, 4, 300, 9);
        LlrScorer scorer = new LlrScorer(s.ubm, LlrOptions.defaults());
        double[] together = scorer.averageLlrs(s.test, s.speakers);
        for (int j = 0; j < together.length; j++) {
            assertEquals(together[j], scorer.averageLlr(s.test, s.speakers.get(j)), 0);
        }
        // the speaker's own frames score higher against it than the UBM
        assertTrue(scorer.averageLlr(shift(s.ubm.sample(500, 1), 0.3), s.speakers.get(0)) > 0);
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        Setup s = new Setup(4, 2, 1, 10, 1);
        LlrScorer scorer = new LlrScorer(s.ubm, LlrOptions.defaults());
        assertThrows(IllegalStateException.class, () -> scorer.accept(s.test));
        GmmScorer other = new GmmScorer(GmmTestData.randomModel(5, 2, 1.0, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scorer.averageLlr(s.test, other));
        assertEquals("speaker model 0 has 5 components x 2 dimensions, the UBM has 4 x 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> scorer.averageLlr(FeatureMatrix.wrap(1, 3, new float[3]), s.speakers.get(0)));
        assertEquals("frames have 3 dimensions, the UBM has 2", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> scorer.averageLlr(FeatureMatrix.wrap(0, 2, new float[0]), s.speakers.get(0)));
        scorer.start(s.speakers);
        assertThrows(IllegalStateException.class, () -> scorer.averageLlr(0));
        assertThrows(IndexOutOfBoundsException.class, () -> scorer.accept(new float[3], 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new LlrOptions(-1));
        assertEquals(5, LlrOptions.defaults().topComponents());
    }
}
