package org.cepstra.gmm;

import static org.cepstra.gmm.GmmTestData.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GmmUpdaterTest {

    /** Statistics of hard-assigned frames: component 0 gets {1, 3}, component 1 gets {10, 10, 13}. */
    private static GmmStatistics hardStats() {
        GmmStatistics s = new GmmStatistics(2, 1);
        for (float x : new float[] {1, 3}) {
            s.accumulate(new float[] {x}, new double[] {1, 0});
        }
        for (float x : new float[] {10, 10, 13}) {
            s.accumulate(new float[] {x}, new double[] {0, 1});
        }
        return s;
    }

    private static DiagonalGmm anyModel() {
        return new DiagonalGmm(new double[] {0.5, 0.5}, new double[][] {{0}, {1}}, new double[][] {{1}, {1}});
    }

    @Test
    void maximumLikelihoodEstimatesFromStatistics() {
        UpdateResult r = new GmmUpdater(new UpdateOptions(new double[] {1e-3}, 0, 0, true)).update(anyModel(), hardStats());
        DiagonalGmm g = r.model();
        assertArrayEquals(new double[] {0.4, 0.6}, g.weights(), 1e-15);
        assertEquals(2.0, g.mean(0)[0], 1e-15);
        assertEquals(11.0, g.mean(1)[0], 1e-14);
        assertEquals(1.0, g.variance(0)[0], 1e-14); // ((1-2)² + (3-2)²)/2
        assertEquals(2.0, g.variance(1)[0], 1e-13); // (1 + 1 + 4)/3
        assertEquals(0, r.flooredVariances());
        assertEquals(0, r.reseededComponents());
    }

    @Test
    void varianceFloorIsAppliedAndCounted() {
        UpdateResult r = new GmmUpdater(new UpdateOptions(new double[] {1.5}, 0, 0, true)).update(anyModel(), hardStats());
        assertEquals(1.5, r.model().variance(0)[0]);
        assertEquals(2.0, r.model().variance(1)[0], 1e-13);
        assertEquals(1, r.flooredVariances());
    }

    @Test
    void starvedComponentIsReseededBySplittingTheHeaviest() {
        GmmStatistics s = new GmmStatistics(3, 2);
        for (int i = 0; i < 40; i++) {
            s.accumulate(new float[] {i % 2 == 0 ? 1f : 3f, 5f}, new double[] {0, 1, 0});
        }
        for (int i = 0; i < 20; i++) {
            s.accumulate(new float[] {-10f, -10f + (i % 2)}, new double[] {0, 0, 1});
        }
        s.accumulate(new float[] {100f, 100f}, new double[] {1, 0, 0});
        DiagonalGmm current = new DiagonalGmm(new double[] {0.2, 0.4, 0.4}, new double[][] {{0, 0}, {1, 1}, {2, 2}},
                new double[][] {{1, 1}, {1, 1}, {1, 1}});
        UpdateResult r = new GmmUpdater(new UpdateOptions(new double[] {0.01, 0.01}, 1e-5, 10, true)).update(current, s);
        DiagonalGmm g = r.model();
        assertEquals(1, r.reseededComponents());
        // component 1 (40 frames, mean (2, 5), variances (1, floor)) is split into itself and component 0
        double sd0 = 1.0;
        double sd1 = Math.sqrt(0.01);
        assertArrayEquals(new double[] {2 + 0.2 * sd0, 5 + 0.2 * sd1}, g.mean(0), 1e-12);
        assertArrayEquals(new double[] {2 - 0.2 * sd0, 5 - 0.2 * sd1}, g.mean(1), 1e-12);
        assertArrayEquals(g.variance(1), g.variance(0), 0);
        // occupancies 1, 40, 20: component 0 takes half of component 1's 40/61, then all is renormalised
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, g.weights(), 1e-15);
        // component 1's constant dimension 1 and component 2's constant dimension 0; not the starved one's
        assertEquals(2, r.flooredVariances());
    }

    @Test
    void withoutReseedingAStarvedComponentKeepsItsParameters() {
        GmmStatistics s = new GmmStatistics(2, 1);
        for (int i = 0; i < 30; i++) {
            s.accumulate(new float[] {i}, new double[] {0, 1});
        }
        s.accumulate(new float[] {7}, new double[] {1e-9, 1 - 1e-9});
        DiagonalGmm current = new DiagonalGmm(new double[] {0.5, 0.5}, new double[][] {{-3}, {4}}, new double[][] {{2}, {3}});
        UpdateResult r = new GmmUpdater(new UpdateOptions(new double[] {0.01}, 1e-5, 10, false)).update(current, s);
        assertEquals(-3, r.model().mean(0)[0]);
        assertEquals(2, r.model().variance(0)[0]);
        assertClose(1e-5 / (1 + 1e-5), r.model().weight(0), 1e-9, "weight raised to the minimum");
        assertEquals(0, r.reseededComponents());
    }

    @Test
    void aStarvedComponentNotAllowedToBeReseededGetsItsMaximumLikelihoodEstimate() {
        // component 0 holds {1, 3} (2 frames < minimum occupancy 2.5), component 1 holds {10, 10, 13}
        GmmUpdater u = new GmmUpdater(new UpdateOptions(new double[] {1e-3}, 1e-5, 2.5, true));
        UpdateResult r = u.update(anyModel(), hardStats(), new boolean[] {false, true});
        assertEquals(0, r.reseededComponents());
        assertArrayEquals(new int[] {0}, r.leftToConverge());
        assertEquals(2.0, r.model().mean(0)[0], 1e-12);
        assertEquals(1.0, r.model().variance(0)[0], 1e-12);
        assertEquals(0.4, r.model().weight(0), 1e-12);
        assertEquals(11.0, r.model().mean(1)[0], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> u.update(anyModel(), hardStats(), new boolean[1]));
    }

    @Test
    void splitHalvesTheHeaviestAndMovesItsMean() {
        DiagonalGmm g = new DiagonalGmm(new double[] {0.3, 0.7}, new double[][] {{0, 0}, {10, 20}},
                new double[][] {{1, 1}, {4, 9}});
        DiagonalGmm s = GmmUpdater.split(g, 4);
        assertEquals(4, s.numComponents());
        // first split: component 1 (0.7) → 1 and 2 with 0.35 each; second: 0.35 vs 0.3 → component 1 again
        assertArrayEquals(new double[] {0.3, 0.175, 0.35, 0.175}, s.weights(), 1e-15);
        assertArrayEquals(new double[] {10 - 0.4 - 0.4, 20 - 0.6 - 0.6}, s.mean(1), 1e-12);
        assertArrayEquals(new double[] {10 + 0.4, 20 + 0.6}, s.mean(2), 1e-12);
        assertArrayEquals(new double[] {10 - 0.4 + 0.4, 20 - 0.6 + 0.6}, s.mean(3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> GmmUpdater.split(g, 1));
    }

    @Test
    void badInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new UpdateOptions(new double[] {0}, 0, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new UpdateOptions(new double[0], 0, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new UpdateOptions(new double[] {1}, 1, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new UpdateOptions(new double[] {1}, 0, -1, true));
        GmmUpdater u = new GmmUpdater(UpdateOptions.withFloor(1, 0.1));
        assertThrows(GmmTrainingException.class, () -> u.update(anyModel(), new GmmStatistics(2, 1)));
        assertThrows(IllegalArgumentException.class, () -> u.update(anyModel(), new GmmStatistics(3, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> new GmmUpdater(UpdateOptions.withFloor(2, 0.1)).update(anyModel(), hardStats()));
    }
}
