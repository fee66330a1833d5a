package org.cepstra.gmm;

import static org.cepstra.gmm.GmmTestData.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/**
 * {@link GmmScorer}, the one likelihood kernel: the one-frame path equals the block path bit for bit
 * (more components than a block holds frames included), and so do many mixtures scored on frames laid out once
 * for all of them; both agree with the definition, scorers
 * sharing terms do not share buffers, one frame allocates nothing, and the mixture itself holds no
 * scoring form.
 */
class GmmScorerTest {

    @Test
    void manyMixturesScoredOnFramesLaidOutOnceGiveEachMixturesValuesBitForBit() {
        int d = 6;
        // mixtures of three sizes, interleaved, so that two scorers lay out the frames for the others
        GmmScorer[] mixtures = new GmmScorer[7];
        int[] sizes = {4, 9, 4, 1, 9, 4, 1};
        for (int m = 0; m < mixtures.length; m++) {
            mixtures[m] = new GmmScorer(GmmTestData.randomModel(sizes[m], d, 2.0, 30 + m));
        }
        for (int n : new int[] {1, GmmScorer.ONE_BY_ONE_BELOW - 1, GmmScorer.ONE_BY_ONE_BELOW,
                GmmScorer.BLOCK, 2 * GmmScorer.BLOCK + 37}) {
            FeatureMatrix frames = GmmTestData.gaussianFrames(n, d, 2.0, n);
            double[][] out = new double[mixtures.length][n + 3];
            mixtures[2].logLikelihoods(frames, mixtures, out);
            for (int m = 0; m < mixtures.length; m++) {
                double[] alone = new double[n];
                mixtures[m].withOwnBuffers().logLikelihoods(frames, alone);
                assertTrue(Arrays.equals(alone, Arrays.copyOf(out[m], n)), "mixture " + m + ", " + n + " frames");
            }
        }
        GmmScorer other = new GmmScorer(GmmTestData.randomModel(3, d + 1, 2.0, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mixtures[0].logLikelihoods(
                GmmTestData.gaussianFrames(10, d, 1.0, 1), new GmmScorer[] {mixtures[1], other},
                new double[2][10]));
        assertEquals("mixture 1 has 7 dimensions, 6 expected", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> mixtures[0].logLikelihoods(
                GmmTestData.gaussianFrames(10, d, 1.0, 1), new GmmScorer[] {mixtures[1]}, new double[1][9]));
        assertEquals("room for 9 log-likelihoods, 10 frames", e.getMessage());
    }

    @Test
    void fewFramesScoredOneByOneGiveTheBlockValuesBitForBit() {
        java.util.Random r = new java.util.Random(9);
        int k = 7;
        int d = 5;
        double[] w = new double[k];
        double[][] mu = new double[k][d];
        double[][] var = new double[k][d];
        for (int c = 0; c < k; c++) {
            w[c] = 0.1 + r.nextDouble();
            for (int j = 0; j < d; j++) {
                mu[c][j] = r.nextGaussian();
                var[c][j] = 0.2 + r.nextDouble();
            }
        }
        double sumW = Arrays.stream(w).sum();
        for (int c = 0; c < k; c++) {
            w[c] /= sumW;
        }
        GmmScorer scorer = new GmmScorer(new DiagonalGmm(w, mu, var));
        float[][] rows = new float[40][d];
        for (float[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (2 * r.nextGaussian());
            }
        }
        double[] block = scorer.logLikelihoods(FeatureMatrix.of(rows)); // 40 frames: one block
        for (int n = 1; n < GmmScorer.ONE_BY_ONE_BELOW; n++) {
            FeatureMatrix few = FeatureMatrix.of(Arrays.copyOfRange(rows, 3, 3 + n));
            double[] out = new double[n];
            double expected = 0;
            for (int t = 0; t < n; t++) {
                expected += block[3 + t];
            }
            assertEquals(expected, scorer.logLikelihoods(few, out), 0.0);
            assertEquals(expected, scorer.totalLogLikelihood(few), 0.0);
            for (int t = 0; t < n; t++) {
                assertEquals(block[3 + t], out[t], 0.0);
            }
        }
    }

    @Test
    void oneFrameEqualsTheBlockBitForBitForAnyDimensionAndComponentCount() {
        int[] dims = {1, 2, 3, 4, 5, 7, 8, 39};
        int[] ks = {1, 5, GmmScorer.BLOCK + 44};
        long seed = 100;
        for (int d : dims) {
            for (int k : ks) {
                DiagonalGmm g = GmmTestData.randomModel(k, d, 3.0, seed++);
                FeatureMatrix data = GmmTestData.gaussianFrames(GmmScorer.BLOCK + 3, d, 4.0, seed++);
                GmmScorer scorer = new GmmScorer(g);
                double[] batch = scorer.logLikelihoods(data);
                for (int i = 0; i < data.rows(); i++) {
                    double one = scorer.logLikelihood(data.row(i), 0);
                    assertEquals(Double.doubleToRawLongBits(batch[i]), Double.doubleToRawLongBits(one),
                            "K=" + k + " D=" + d + " frame " + i + ": block " + batch[i] + ", one frame " + one);
                }
            }
        }
    }

    @Test
    void componentTermsAndLogLikelihoodsMatchTheDefinition() {
        DiagonalGmm g = GmmTestData.randomModel(GmmScorer.BLOCK + 1, 6, 2.0, 7);
        FeatureMatrix data = GmmTestData.gaussianFrames(20, 6, 2.0, 8);
        GmmScorer scorer = new GmmScorer(g);
        double[] out = new double[g.numComponents()];
        for (int i = 0; i < data.rows(); i++) {
            float[] x = data.row(i);
            double[] naive = GmmTestData.naiveComponentLogLikelihoods(g, x);
            scorer.componentLogLikelihoods(x, out);
            for (int c = 0; c < out.length; c++) {
                assertClose(naive[c], out[c], 1e-12, "frame " + i + ", component " + c);
            }
            assertClose(GmmTestData.naiveLogLikelihood(g, x), scorer.logLikelihood(x, 0), 1e-12, "frame " + i);
        }
    }

    @Test
    void scorersSharingTermsKeepTheirOwnBuffers() {
        DiagonalGmm g = GmmTestData.randomModel(8, 13, 3.0, 21);
        FeatureMatrix data = GmmTestData.gaussianFrames(40, 13, 3.0, 22);
        GmmScorer a = new GmmScorer(g);
        GmmScorer b = a.withOwnBuffers();
        double[] expected = new GmmScorer(g).logLikelihoods(data);
        for (int i = 0; i < data.rows(); i++) {
            double first = a.logLikelihood(data.row(i), 0);
            double total = b.totalLogLikelihood(data); // uses b's buffers between a's frames
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(first), "frame " + i);
            assertEquals(g.totalLogLikelihood(data), total, 0.0, "total after frame " + i);
        }
        assertEquals(g, b.model());
        assertThrows(IllegalArgumentException.class, () -> a.totalLogLikelihood(FeatureMatrix.of(new float[3][12])));
        assertThrows(IndexOutOfBoundsException.class, () -> a.logLikelihood(new float[20], 8));
    }

    @Test
    void scoringOneFrameAllocatesNothing() {
        java.lang.management.ThreadMXBean plain = ManagementFactory.getThreadMXBean();
        assumeTrue(plain instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) plain;
        assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter switched off");
        DiagonalGmm g = GmmTestData.randomModel(32, 39, 3.0, 31);
        float[][] rows = GmmTestData.gaussianFrames(1000, 39, 3.0, 32).toRows();
        GmmScorer scorer = new GmmScorer(g);
        double sink = 0;
        for (int warm = 0; warm < 20; warm++) {
            for (float[] r : rows) {
                sink += scorer.logLikelihood(r, 0);
            }
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        for (float[] r : rows) {
            sink += scorer.logLikelihood(r, 0);
        }
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertTrue(Double.isFinite(sink));
        assertTrue(allocated < 16L * rows.length, allocated + " bytes for " + rows.length + " frames");
    }

    @Test
    void theMixtureHoldsOnlyItsParameters() {
        Set<String> fields = new TreeSet<>();
        for (Field f : DiagonalGmm.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(f.getName());
            }
        }
        assertEquals(new TreeSet<>(Arrays.asList("dimension", "means", "numComponents", "variances", "weights")),
                fields);
    }
}
