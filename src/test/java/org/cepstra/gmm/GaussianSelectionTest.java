package org.cepstra.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/**
 * Gaussian selection in {@link LlrScorer} ({@link ComponentClusters}, {@link LlrOptions#clusters()}): the
 * clusters and parents of a hand-made 1-D mixture, a frame's top C looked for in its best cluster by hand,
 * clusters added when the searched ones hold fewer than C components, searching every cluster equals top-C
 * without selection bit for bit, streaming equals batch, and the options' checks.
 */
class GaussianSelectionTest {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    /** Four unit-variance components at −10, −9, 9, 10, weights ¼. */
    private static final DiagonalGmm FOUR = new DiagonalGmm(new double[] {0.25, 0.25, 0.25, 0.25},
            new double[][] {{-10}, {-9}, {9}, {10}}, new double[][] {{1}, {1}, {1}, {1}});

    @Test
    void twoClustersOfAHandMadeMixtureAndTheirMomentMatchedParents() {
        ComponentClusters c = ComponentClusters.of(FOUR, 2);
        assertEquals(2, c.size());
        assertArrayEquals(new int[] {0, 1}, c.members[0]);
        assertArrayEquals(new int[] {2, 3}, c.members[1]);
        // weight ½, mean ±9.5, variance 1 + ½(0.5² + 0.5²) = 1.25
        assertEquals(0.5, c.parents.weight(0), 1e-15);
        assertEquals(-9.5, c.parents.mean(0)[0], 1e-15);
        assertEquals(9.5, c.parents.mean(1)[0], 1e-15);
        assertEquals(1.25, c.parents.variance(1)[0], 1e-15);
        // as many clusters as components: one each
        ComponentClusters each = ComponentClusters.of(FOUR, 9);
        assertEquals(4, each.size());
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(new int[] {k}, each.members[k]);
            assertEquals(FOUR.mean(k)[0], each.parents.mean(k)[0], 0);
        }
    }

    @Test
    void aFramesTopComponentIsFoundInItsBestClusterClosedForm() {
        // speaker: the UBM with component 2 moved from 9 to 9.5
        DiagonalGmm spk = new DiagonalGmm(new double[] {0.25, 0.25, 0.25, 0.25},
                new double[][] {{-10}, {-9}, {9.5}, {10}}, new double[][] {{1}, {1}, {1}, {1}});
        FeatureMatrix x = FeatureMatrix.wrap(2, 1, new float[] {9.25f, -9.75f});
        // C = 1, one cluster searched: frame 9.25 → cluster {2, 3} → component 2 (9 is nearer than 10);
        // frame −9.75 → cluster {0, 1} → component 0; ratios −(x−9.5)²/2 + (x−9)²/2 and 0
        double got = new LlrScorer(FOUR, new LlrOptions(1, 2, 1)).averageLlr(x, new GmmScorer(spk));
        double want = (-(0.25 * 0.25) / 2 + (0.25 * 0.25) / 2 + 0) / 2;
        assertEquals(want, got, 1e-14);
        // C = 2 in the best cluster: log(¼N(x; 9.5) + ¼N(x; 10)) − log(¼N(x; 9) + ¼N(x; 10)) for the first frame
        double a = 9.25;
        double first = Math.log(Math.exp(-0.5 * (a - 9.5) * (a - 9.5)) + Math.exp(-0.5 * (a - 10) * (a - 10)))
                - Math.log(Math.exp(-0.5 * (a - 9) * (a - 9)) + Math.exp(-0.5 * (a - 10) * (a - 10)));
        assertEquals(first / 2, new LlrScorer(FOUR, new LlrOptions(2, 2, 1)).averageLlr(x, new GmmScorer(spk)), 1e-14);
        // the UBM alone on the first frame, top-1 with selection: log(¼ N(9.25; 9, 1))
        LlrScorer one = new LlrScorer(FOUR, new LlrOptions(1, 2, 1));
        assertEquals(2, one.selectionClusters());
        assertEquals(0.0, one.averageLlr(x, new GmmScorer(FOUR)), 0);
        assertEquals(Math.log(0.25) - HALF_LOG_2PI - 0.5 * 0.25 * 0.25,
                GmmTestData.naiveComponentLogLikelihoods(FOUR, new float[] {9.25f})[2], 1e-14);
    }

    @Test
    void clustersAreAddedWhenTheSearchedOnesHoldFewerThanC() {
        // C = 3, one cluster of 2 searched: the next-best cluster joins, and the top 3 of all 4 are found
        DiagonalGmm spk = new DiagonalGmm(new double[] {0.25, 0.25, 0.25, 0.25},
                new double[][] {{-9.5}, {-9}, {8}, {10.5}}, new double[][] {{1}, {1}, {1}, {1}});
        FeatureMatrix x = FeatureMatrix.wrap(4, 1, new float[] {9.25f, -9.75f, 0.1f, 30f});
        double full = new LlrScorer(FOUR, new LlrOptions(3)).averageLlr(x, new GmmScorer(spk));
        double selected = new LlrScorer(FOUR, new LlrOptions(3, 2, 1)).averageLlr(x, new GmmScorer(spk));
        assertEquals(Double.doubleToRawLongBits(full), Double.doubleToRawLongBits(selected), full + " vs " + selected);
        assertTrue(full != 0);
    }

    @Test
    void searchingEveryClusterEqualsTopCWithoutSelectionBitForBit() {
        for (int d : new int[] {1, 3, 13}) {
            LlrScorerTest.Setup s = new LlrScorerTest.Setup(40, d, 3, GmmScorer.BLOCK * 2 + 29, 60 + d);
            for (int c : new int[] {1, 5, 40}) {
                double[] full = new LlrScorer(s.ubm, new LlrOptions(c)).averageLlrs(s.test, s.speakers);
                for (int p : new int[] {1, 3, 8, 40}) {
                    LlrScorer sel = new LlrScorer(s.ubm, new LlrOptions(c, p, p));
                    double[] got = sel.averageLlrs(s.test, s.speakers);
                    for (int j = 0; j < full.length; j++) {
                        assertEquals(Double.doubleToRawLongBits(full[j]), Double.doubleToRawLongBits(got[j]),
                                "D=" + d + " C=" + c + " P=" + p + " speaker " + j + ": " + full[j] + " vs " + got[j]);
                    }
                }
            }
        }
    }

    @Test
    void selectionStaysCloseToFullTopCAndStreamsAsTheBatch() {
        LlrScorerTest.Setup s = new LlrScorerTest.Setup(128, 8, 3, 2000, 5);
        double[] full = new LlrScorer(s.ubm, new LlrOptions(5)).averageLlrs(s.test, s.speakers);
        LlrScorer sel = new LlrScorer(s.ubm, new LlrOptions(5, 16, 3));
        assertEquals(16, sel.selectionClusters());
        double[] got = sel.averageLlrs(s.test, s.speakers);
        for (int j = 0; j < full.length; j++) {
            assertTrue(Math.abs(full[j] - got[j]) < 0.05, "speaker " + j + ": " + full[j] + " vs " + got[j]);
        }
        LlrScorer stream = sel.withOwnBuffers();
        stream.start(s.speakers);
        for (int t = 0; t < s.test.rows(); t++) {
            stream.accept(s.test.row(t), 0, 1);
        }
        for (int j = 0; j < full.length; j++) {
            assertEquals(got[j], stream.averageLlr(j), 0);
        }
    }

    @Test
    void optionsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LlrOptions(5, -1, 0));
        assertEquals("clusters must be >= 1, or 0 for no Gaussian selection, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LlrOptions(5, 8, 0));
        assertEquals("clustersSearched must be >= 1 with Gaussian selection, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LlrOptions(5, 0, 2));
        assertEquals("clustersSearched must be 0 without Gaussian selection (clusters = 0), got 2", e.getMessage());
        assertFalse(LlrOptions.defaults().selects());
        assertTrue(LlrOptions.defaults().withSelectionFor(256).selects());
        // about 16 components per cluster, 3 searched
        assertEquals(new LlrOptions(5, 16, 3), LlrOptions.defaults().withSelectionFor(256));
        assertEquals(new LlrOptions(3, 32, 3), new LlrOptions(3).withSelectionFor(512));
        // at least twice the clusters searched: a small UBM's frames still skip half of its clusters
        assertEquals(new LlrOptions(5, 6, 3), LlrOptions.defaults().withSelectionFor(47));
        assertEquals(new LlrOptions(5, 6, 3), LlrOptions.defaults().withSelectionFor(8));
        assertEquals(new LlrOptions(5, 6, 3), LlrOptions.defaults().withSelectionFor(96));
        assertEquals(new LlrOptions(5, 7, 3), LlrOptions.defaults().withSelectionFor(127));
        assertEquals(new LlrOptions(5), LlrOptions.defaults().withSelectionFor(256).withoutSelection());
        // as a scorer of K components applies them: C and P at most K, B at most P
        assertEquals(new LlrOptions(5, 8, 8), new LlrOptions(5, 50, 100).appliedTo(8));
        assertEquals(new LlrOptions(8), new LlrOptions(1_000_000).appliedTo(8));
        assertEquals(new LlrOptions(5, 16, 3), new LlrOptions(5, 16, 3).appliedTo(256));
        assertEquals(LlrOptions.allComponents(), LlrOptions.allComponents().appliedTo(8));
        assertTrue(!LlrOptions.allComponents().withSelection(8, 2).selects());
    }
}
