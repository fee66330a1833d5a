package org.cepstra.gmm;

import static org.cepstra.gmm.GmmTestData.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/**
 * {@link MapAdapter}: Reynolds' formulas on hand-made statistics, the two limits (r = 0 is one
 * maximum-likelihood M-step, r = ∞ the UBM), a brute-force double loop over frames and components,
 * components without frames, variance floors and bad input.
 */
class MapAdapterTest {

    /** 1-D UBM: weights (½, ½), means (0, 10), variances (1, 4). */
    private static DiagonalGmm ubm1d() {
        return new DiagonalGmm(new double[] {0.5, 0.5}, new double[][] {{0}, {10}}, new double[][] {{1}, {4}});
    }

    /** Component 0 holds frames 2 and 4 (n = 2), component 1 holds frame 13 (n = 1). */
    private static GmmStatistics handStats() {
        GmmStatistics s = new GmmStatistics(2, 1);
        s.accumulate(new float[] {2}, new double[] {1, 0});
        s.accumulate(new float[] {4}, new double[] {1, 0});
        s.accumulate(new float[] {13}, new double[] {0, 1});
        return s;
    }

    private static MapOptions all(double r) {
        return MapOptions.defaults().withRelevance(r).withAdapted(true, true, true).withVarianceFloors(0, 0);
    }

    @Test
    void closedFormOnTwoComponentsInOneDimension() {
        DiagonalGmm g = new MapAdapter(ubm1d(), all(2)).adapt(handStats());
        // component 0: α = 2/(2+2) = ½, E[x] = 3, E[x²] = 10: μ̂ = 1.5, σ̂² = ½·10 + ½·(1 + 0) − 1.5² = 3.25
        assertEquals(1.5, g.mean(0)[0], 1e-15);
        assertEquals(3.25, g.variance(0)[0], 1e-14);
        // component 1: α = 1/3, E[x] = 13, E[x²] = 169: μ̂ = 13/3 + 20/3 = 11,
        // σ̂² = 169/3 + (2/3)(4 + 100) − 121 = 14/3
        assertEquals(11.0, g.mean(1)[0], 1e-14);
        assertEquals(14.0 / 3, g.variance(1)[0], 1e-13);
        // weights, T = 3: ½·⅔ + ½·½ = 7/12 and ⅓·⅓ + ⅔·½ = 4/9, normalised: 21/37, 16/37
        assertArrayEquals(new double[] {21.0 / 37, 16.0 / 37}, g.weights(), 1e-15);
    }

    @Test
    void defaultsAdaptOnlyTheMeansWithRelevanceSixteen() {
        MapOptions o = MapOptions.defaults();
        assertEquals(16.0, o.meanRelevance());
        DiagonalGmm g = new MapAdapter(ubm1d(), o).adapt(handStats());
        assertEquals(2 * 3.0 / 18, g.mean(0)[0], 1e-15); // α = 2/18
        assertEquals(13.0 / 17 + 16.0 / 17 * 10, g.mean(1)[0], 1e-14); // α = 1/17
        assertArrayEquals(ubm1d().weights(), g.weights(), 0);
        assertArrayEquals(ubm1d().variances(), g.variances());
    }

    @Test
    void perParameterRelevanceFactorsActSeparately() {
        MapOptions o = all(2).withMeanRelevance(0).withWeightRelevance(Double.POSITIVE_INFINITY);
        DiagonalGmm g = new MapAdapter(ubm1d(), o).adapt(handStats());
        assertEquals(3.0, g.mean(0)[0], 0); // α^m = 1: the frames' mean
        assertArrayEquals(ubm1d().weights(), g.weights(), 0); // α^w = 0
        // α^v = ½ around μ̂ = 3: ½·(Var 1 + 0) + ½·(1 + (0 − 3)²) = 5.5
        assertEquals(5.5, g.variance(0)[0], 1e-14);
    }

    @Test
    void relevanceZeroIsOneMaximumLikelihoodStepFromTheUbmPosteriors() {
        DiagonalGmm ubm = GmmTestData.randomModel(6, 4, 2.0, 11);
        FeatureMatrix frames = GmmTestData.gaussianFrames(700, 4, 2.5, 12);
        MapAdapter adapter = new MapAdapter(ubm, all(0));
        GmmStatistics stats = adapter.statistics(frames);
        DiagonalGmm map = adapter.adapt(stats);
        double[] floors = new double[4];
        java.util.Arrays.fill(floors, 1e-300);
        DiagonalGmm ml = new GmmUpdater(new UpdateOptions(floors, 0, 0, false)).update(ubm, stats).model();
        assertArrayEquals(ml.weights(), map.weights(), 1e-15);
        for (int c = 0; c < 6; c++) {
            assertArrayEquals(ml.mean(c), map.mean(c), 0, "mean " + c);
            assertArrayEquals(ml.variance(c), map.variance(c), 0, "variance " + c);
        }
        // and r → 0 tends to it
        DiagonalGmm near = new MapAdapter(ubm, all(1e-9)).adapt(stats);
        for (int c = 0; c < 6; c++) {
            for (int j = 0; j < 4; j++) {
                assertClose(ml.mean(c)[j], near.mean(c)[j], 1e-9, "mean " + c + "," + j);
                assertClose(ml.variance(c)[j], near.variance(c)[j], 1e-9, "variance " + c + "," + j);
            }
            assertClose(ml.weight(c), near.weight(c), 1e-9, "weight " + c);
        }
    }

    @Test
    void infiniteRelevanceKeepsTheUbmAndLargeRelevanceTendsToIt() {
        DiagonalGmm ubm = GmmTestData.randomModel(5, 3, 2.0, 21);
        FeatureMatrix frames = GmmTestData.gaussianFrames(300, 3, 2.0, 22);
        MapAdapter adapter = new MapAdapter(ubm, all(Double.POSITIVE_INFINITY));
        assertEquals(ubm, adapter.adapt(frames));
        DiagonalGmm far = new MapAdapter(ubm, all(1e12)).adapt(frames);
        for (int c = 0; c < 5; c++) {
            assertClose(ubm.weight(c), far.weight(c), 1e-9, "weight " + c);
            for (int j = 0; j < 3; j++) {
                assertClose(ubm.mean(c)[j], far.mean(c)[j], 1e-9, "mean");
                assertClose(ubm.variance(c)[j], far.variance(c)[j], 1e-9, "variance");
            }
        }
    }

    @Test
    void equalsABruteForceDoubleLoopOverFramesAndComponents() {
        int k = 7;
        int d = 5;
        double r = 16;
        DiagonalGmm ubm = GmmTestData.randomModel(k, d, 1.5, 31);
        FeatureMatrix frames = GmmTestData.gaussianFrames(400, d, 2.0, 32);
        // E-step straight from the definition
        double[] n = new double[k];
        double[][] f = new double[k][d];
        double[][] s = new double[k][d];
        for (int t = 0; t < frames.rows(); t++) {
            float[] x = frames.row(t);
            double[] post = GmmTestData.naivePosteriors(ubm, x);
            for (int c = 0; c < k; c++) {
                n[c] += post[c];
                for (int j = 0; j < d; j++) {
                    f[c][j] += post[c] * x[j];
                    s[c][j] += post[c] * x[j] * x[j];
                }
            }
        }
        double total = 0;
        for (double v : n) {
            total += v;
        }
        // Reynolds' equations (11)-(13) as printed
        double[] w = new double[k];
        double wsum = 0;
        double[][] mu = new double[k][d];
        double[][] var = new double[k][d];
        for (int c = 0; c < k; c++) {
            double a = n[c] / (n[c] + r);
            w[c] = a * n[c] / total + (1 - a) * ubm.weight(c);
            wsum += w[c];
            for (int j = 0; j < d; j++) {
                double ex = f[c][j] / n[c];
                double ex2 = s[c][j] / n[c];
                double m0 = ubm.mean(c)[j];
                mu[c][j] = a * ex + (1 - a) * m0;
                var[c][j] = a * ex2 + (1 - a) * (ubm.variance(c)[j] + m0 * m0) - mu[c][j] * mu[c][j];
            }
        }
        DiagonalGmm g = new MapAdapter(ubm, all(r)).adapt(frames);
        for (int c = 0; c < k; c++) {
            assertClose(w[c] / wsum, g.weight(c), 1e-12, "weight " + c);
            for (int j = 0; j < d; j++) {
                assertClose(mu[c][j], g.mean(c)[j], 1e-11, "mean " + c + "," + j);
                assertClose(var[c][j], g.variance(c)[j], 1e-10, "variance " + c + "," + j);
            }
        }
    }

    @Test
    void aComponentWithoutFramesKeepsTheUbmParameters() {
        GmmStatistics s = new GmmStatistics(2, 1);
        s.accumulate(new float[] {2}, new double[] {1, 0});
        s.accumulate(new float[] {4}, new double[] {1, 0});
        DiagonalGmm g = new MapAdapter(ubm1d(), all(2)).adapt(s);
        assertEquals(10.0, g.mean(1)[0], 0);
        assertEquals(4.0, g.variance(1)[0], 0);
        // weight of component 0: ½·1 + ½·½ = ¾; component 1 keeps ½ before normalisation: ¾ : ½
        assertArrayEquals(new double[] {0.6, 0.4}, g.weights(), 1e-15);
    }

    @Test
    void statisticsWithoutFramesGiveTheUbm() {
        MapAdapter adapter = new MapAdapter(ubm1d(), all(16));
        assertEquals(ubm1d(), adapter.adapt(new GmmStatistics(2, 1)));
        assertEquals(ubm1d(), adapter.adapt(FeatureMatrix.wrap(0, 1, new float[0])));
    }

    @Test
    void adaptedVariancesRespectTheFloorsOfTraining() {
        // global variance of the UBM: mean 5, ½(1 + 25) + ½(4 + 25) = 27.5; relative floor 0.1 → 2.75
        MapOptions o = MapOptions.defaults().withRelevance(1).withAdapted(true, true, false).withVarianceFloors(0.1, 0);
        MapAdapter adapter = new MapAdapter(ubm1d(), o);
        assertArrayEquals(new double[] {2.75}, adapter.varianceFloors(), 1e-14);
        GmmStatistics s = new GmmStatistics(2, 1);
        for (int i = 0; i < 1000; i++) {
            s.accumulate(new float[] {0}, new double[] {1, 0}); // a constant: σ̂² = (1/1001)·1 → floored
            s.accumulate(new float[] {10}, new double[] {0, 1}); // component 1: 4/1001, but its UBM variance
        }
        DiagonalGmm g = new MapAdapter(ubm1d(), o).adapt(s);
        // component 0's UBM variance 1 lies below the floor 2.75: the floor stops at the UBM's own value
        assertEquals(1.0, g.variance(0)[0], 0);
        assertEquals(2.75, g.variance(1)[0], 0);
        // the default relative floor is training's (0.01), the absolute one training's too
        TrainingConfig t = TrainingConfig.defaults(1);
        assertEquals(t.update().relativeVarianceFloor(), MapOptions.defaults().relativeVarianceFloor());
        assertEquals(t.update().absoluteVarianceFloor(), MapOptions.defaults().absoluteVarianceFloor());
        assertEquals(0.01 * 27.5, new MapAdapter(ubm1d(), MapOptions.defaults()).varianceFloors()[0], 1e-15);
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        MapAdapter adapter = new MapAdapter(ubm1d(), MapOptions.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adapter.adapt(new GmmStatistics(3, 1)));
        assertEquals("statistics are 3 components x 1 dimensions, the UBM is 2 x 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().withRelevance(-1));
        assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().withMeanRelevance(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().withVarianceFloors(-0.1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> adapter.adapt(FeatureMatrix.wrap(1, 2, new float[] {1, 2})));
        GmmStatistics bad = new GmmStatistics(2, 1);
        bad.accumulate(new float[] {Float.POSITIVE_INFINITY}, new double[] {1, 0});
        e = assertThrows(IllegalArgumentException.class, () -> adapter.adapt(bad));
        assertEquals("sums of component 0, dimension 0 are not finite (mean Infinity, mean square Infinity)",
                e.getMessage());
    }
}
