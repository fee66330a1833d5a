package org.cepstra.gmm;

import static org.cepstra.gmm.GmmTestData.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

class DiagonalGmmTest {

    private static DiagonalGmm twoComponents1d() {
        return new DiagonalGmm(new double[] {0.25, 0.75}, new double[][] {{-1.0}, {2.0}},
                new double[][] {{0.5}, {4.0}});
    }

    @Test
    void singleFrameLogLikelihoodMatchesClosedForm() {
        DiagonalGmm g = twoComponents1d();
        double x = 0.5;
        double p = 0.25 / Math.sqrt(2 * Math.PI * 0.5) * Math.exp(-(x + 1) * (x + 1) / (2 * 0.5))
                + 0.75 / Math.sqrt(2 * Math.PI * 4.0) * Math.exp(-(x - 2) * (x - 2) / (2 * 4.0));
        assertClose(Math.log(p), g.logLikelihood(new float[] {0.5f}), 1e-14, "log p(0.5)");
        double[] lc = g.componentLogLikelihoods(new float[] {0.5f});
        assertClose(Math.log(0.25) - 0.5 * Math.log(2 * Math.PI * 0.5) - 2.25, lc[0], 1e-14, "component 0");
        assertClose(Math.log(0.75) - 0.5 * Math.log(2 * Math.PI * 4.0) - 2.25 / 8, lc[1], 1e-14, "component 1");
    }

    @Test
    void blockedLogLikelihoodsEqualNaiveLoop() {
        DiagonalGmm g = GmmTestData.randomModel(7, 5, 3.0, 11);
        FeatureMatrix data = GmmTestData.gaussianFrames(1000, 5, 4.0, 12); // crosses block boundaries
        double[] ll = g.logLikelihoods(data);
        double total = 0;
        for (int i = 0; i < data.rows(); i++) {
            double ref = GmmTestData.naiveLogLikelihood(g, data.row(i));
            assertClose(ref, ll[i], 1e-9, "frame " + i);
            assertClose(ref, g.logLikelihood(data.row(i)), 1e-12, "single frame " + i);
            total += ref;
        }
        assertClose(total, g.totalLogLikelihood(data), 1e-10, "total");
        assertClose(total / 1000, g.averageLogLikelihood(data), 1e-10, "average");
    }

    @Test
    void farAwayFramesStayFinite() {
        DiagonalGmm g = GmmTestData.randomModel(3, 2, 1.0, 5);
        FeatureMatrix far = FeatureMatrix.of(new float[][] {{1e6f, -1e6f}, {3e30f, 1e-30f}, {0f, 0f}});
        double[] ll = g.logLikelihoods(far);
        for (int i = 0; i < 3; i++) {
            assertClose(GmmTestData.naiveLogLikelihood(g, far.row(i)), ll[i], 1e-9, "frame " + i);
        }
        double[][] post = g.responsibilities(far);
        for (double[] row : post) {
            double s = 0;
            for (double p : row) {
                assertTrue(p >= 0 && Double.isFinite(p));
                s += p;
            }
            assertClose(1.0, s, 1e-12, "row sum");
        }
    }

    @Test
    void responsibilitiesSumToOneAndMatchNaive() {
        DiagonalGmm g = GmmTestData.randomModel(5, 3, 1.5, 21);
        FeatureMatrix data = GmmTestData.gaussianFrames(600, 3, 2.0, 22);
        double[][] post = g.responsibilities(data);
        double[] flat = new double[300 * 5];
        double blockTotal = g.responsibilities(data, 100, 300, flat);
        double refTotal = 0;
        for (int i = 0; i < data.rows(); i++) {
            double[] ref = GmmTestData.naivePosteriors(g, data.row(i));
            double s = 0;
            for (int c = 0; c < 5; c++) {
                assertEquals(ref[c], post[i][c], 1e-12, "frame " + i + " component " + c);
                s += post[i][c];
                if (i >= 100 && i < 400) {
                    assertEquals(post[i][c], flat[(i - 100) * 5 + c], 1e-15);
                }
            }
            assertEquals(1.0, s, 1e-12);
            if (i >= 100 && i < 400) {
                refTotal += GmmTestData.naiveLogLikelihood(g, data.row(i));
            }
        }
        assertClose(refTotal, blockTotal, 1e-10, "block total");
        assertThrows(IllegalArgumentException.class, () -> g.responsibilities(data, 0, 10, new double[49]));
    }

    @Test
    void mostLikelyComponentIsArgmaxOfPosterior() {
        DiagonalGmm g = GmmTestData.randomModel(6, 4, 2.0, 31);
        FeatureMatrix data = GmmTestData.gaussianFrames(500, 4, 2.0, 32);
        int[] labels = g.mostLikelyComponents(data);
        for (int i = 0; i < data.rows(); i++) {
            double[] lc = GmmTestData.naiveComponentLogLikelihoods(g, data.row(i));
            int best = 0;
            for (int c = 1; c < lc.length; c++) {
                if (lc[c] > lc[best]) {
                    best = c;
                }
            }
            assertEquals(best, labels[i], "frame " + i);
        }
    }

    @Test
    void bicAndAicMatchHandComputation() {
        DiagonalGmm g = twoComponents1d();
        FeatureMatrix data = FeatureMatrix.of(new float[][] {{0f}, {1f}, {-2f}, {3.5f}});
        double ll = 0;
        for (int i = 0; i < 4; i++) {
            ll += GmmTestData.naiveLogLikelihood(g, data.row(i));
        }
        long p = 2 * 2 * 1 + 2 - 1; // K·2D + K − 1 = 5
        assertEquals(5, g.numFreeParameters());
        assertClose(-2 * ll + p * Math.log(4), g.bic(data), 1e-12, "BIC");
        assertClose(-2 * ll + 2 * p, g.aic(data), 1e-12, "AIC");
        assertEquals(64L * 2 * 39 + 63, GmmTestData.randomModel(64, 39, 1, 1).numFreeParameters());
    }

    @Test
    void kaldiFormTermsFollowTheirDefinitions() {
        DiagonalGmm g = twoComponents1d();
        double[] gc = g.gconsts();
        assertClose(Math.log(0.25) - 0.5 * (Math.log(2 * Math.PI) + Math.log(0.5) + 1.0 / 0.5), gc[0], 1e-14, "gc0");
        assertClose(Math.log(0.75) - 0.5 * (Math.log(2 * Math.PI) + Math.log(4.0) + 4.0 / 4.0), gc[1], 1e-14, "gc1");
        assertArrayEquals(new double[] {-2.0}, g.meansInvVars()[0], 1e-15);
        assertArrayEquals(new double[] {0.5}, g.meansInvVars()[1], 1e-15);
        assertArrayEquals(new double[] {2.0}, g.invVars()[0], 1e-15);
        assertArrayEquals(new double[] {0.25}, g.invVars()[1], 1e-15);
    }

    @Test
    void sampleMomentsMatchTheModel() {
        DiagonalGmm g = new DiagonalGmm(new double[] {0.3, 0.7}, new double[][] {{-2, 10}, {1, 12}},
                new double[][] {{1, 0.25}, {4, 1}});
        int n = 200_000;
        FeatureMatrix s = g.sample(n, 99);
        assertEquals(n, s.rows());
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            double second = 0;
            for (int c = 0; c < 2; c++) {
                mean += g.weight(c) * g.mean(c)[j];
                second += g.weight(c) * (g.variance(c)[j] + g.mean(c)[j] * g.mean(c)[j]);
            }
            double var = second - mean * mean;
            double m = 0;
            double q = 0;
            for (int i = 0; i < n; i++) {
                m += s.get(i, j);
            }
            m /= n;
            for (int i = 0; i < n; i++) {
                double t = s.get(i, j) - m;
                q += t * t;
            }
            q /= n;
            double seMean = Math.sqrt(var / n);
            assertTrue(Math.abs(m - mean) < 5 * seMean, "mean of dimension " + j + ": " + m + " vs " + mean);
            // the variance of a sample variance is about (μ4 − σ⁴)/n; 5% of σ² is far beyond 5 standard errors here
            assertTrue(Math.abs(q - var) < 0.02 * var, "variance of dimension " + j + ": " + q + " vs " + var);
        }
        assertEquals(s, g.sample(n, 99), "same seed, same frames");
    }

    @Test
    void zeroWeightComponentIsAllowedAndIgnored() {
        DiagonalGmm g = new DiagonalGmm(new double[] {0, 1}, new double[][] {{0}, {1}}, new double[][] {{1}, {1}});
        float[] x = {0.3f};
        double t = x[0] - 1.0;
        assertClose(-0.5 * Math.log(2 * Math.PI) - 0.5 * t * t, g.logLikelihood(x), 1e-14, "ll");
        assertEquals(1, g.mostLikelyComponents(FeatureMatrix.of(new float[][] {{0f}}))[0]);
        assertTrue(g.responsibilities(FeatureMatrix.of(new float[][] {{0f}}))[0][0] < 1e-300);
    }

    @Test
    void weightsAreRenormalisedAndAccessorsReturnCopies() {
        DiagonalGmm g = new DiagonalGmm(new double[] {0.5 + 4e-7, 0.5}, new double[][] {{0}, {1}},
                new double[][] {{1}, {1}});
        assertEquals(1.0, g.weight(0) + g.weight(1), 1e-16);
        double[][] m = g.means();
        m[0][0] = 42;
        assertEquals(0.0, g.mean(0)[0]);
        assertNotSame(g.weights(), g.weights());
    }

    @Test
    void invalidParametersAreRejected() {
        double[][] one = {{0.0}};
        assertThrows(IllegalArgumentException.class, () -> new DiagonalGmm(new double[0], new double[0][], new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> new DiagonalGmm(new double[] {1}, new double[][] {{}}, new double[][] {{}}));
        assertThrows(IllegalArgumentException.class, () -> new DiagonalGmm(new double[] {0.5, 0.5}, one, one));
        assertThrows(IllegalArgumentException.class, () -> new DiagonalGmm(new double[] {0.9}, one, new double[][] {{1}}));
        assertThrows(IllegalArgumentException.class, () -> new DiagonalGmm(new double[] {-0.5, 1.5}, new double[][] {{0}, {0}}, new double[][] {{1}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> new DiagonalGmm(new double[] {1}, one, new double[][] {{0}}));
        assertThrows(IllegalArgumentException.class, () -> new DiagonalGmm(new double[] {1}, one, new double[][] {{-1}}));
        assertThrows(IllegalArgumentException.class, () -> new DiagonalGmm(new double[] {1}, new double[][] {{Double.NaN}}, new double[][] {{1}}));
        assertThrows(IllegalArgumentException.class, () -> new DiagonalGmm(new double[] {1}, one, new double[][] {{Double.POSITIVE_INFINITY}}));
        assertThrows(IllegalArgumentException.class, () -> new DiagonalGmm(new double[] {1}, one, new double[][] {{Double.MIN_VALUE}}));
        assertThrows(IllegalArgumentException.class, () -> new DiagonalGmm(new double[] {0.5, 0.5}, new double[][] {{0}, {0, 1}}, new double[][] {{1}, {1, 1}}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiagonalGmm(new double[] {0.6, 0.6}, new double[][] {{0}, {0}}, new double[][] {{1}, {1}}));
        assertTrue(e.getMessage().contains("sum to 1.2"), e.getMessage());
        DiagonalGmm g = twoComponents1d();
        assertThrows(IllegalArgumentException.class, () -> g.logLikelihood(new float[2]));
        assertThrows(IllegalArgumentException.class, () -> g.logLikelihoods(FeatureMatrix.of(new float[][] {{1f, 2f}})));
        assertThrows(IllegalArgumentException.class, () -> g.averageLogLikelihood(FeatureMatrix.empty(1)));
        assertThrows(IllegalArgumentException.class, () -> g.sample(-1, 0));
    }
}
