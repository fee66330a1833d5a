package org.cepstra.gmm;

import static org.cepstra.gmm.GmmTestData.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GmmTrainerTest {

    /** Three well separated clusters in 2-D with weights 0.2, 0.3, 0.5. */
    private static final double[][] MEANS = {{-10, 0}, {0, 12}, {9, -6}};
    private static final double[][] SDS = {{1, 0.5}, {0.7, 1.2}, {1.5, 1}};
    private static final double[] WEIGHTS = {0.2, 0.3, 0.5};

    private static FeatureMatrix clusters(int n, double scale, double offset, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 2];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            int c = u < 0.2 ? 0 : u < 0.5 ? 1 : 2;
            for (int j = 0; j < 2; j++) {
                x[2 * i + j] = (float) (offset + scale * (MEANS[c][j] + SDS[c][j] * r.nextGaussian()));
            }
        }
        return FeatureMatrix.wrap(n, 2, x);
    }

    private static int nearest(DiagonalGmm g, double[] mean, double scale, double offset) {
        int best = -1;
        double bestD = Double.MAX_VALUE;
        for (int c = 0; c < g.numComponents(); c++) {
            double d = 0;
            for (int j = 0; j < mean.length; j++) {
                double t = (g.mean(c)[j] - offset) / scale - mean[j];
                d += t * t;
            }
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    /** Global variance of each dimension of the cluster mixture (unit scale). */
    private static double globalVariance(int j) {
        double m = 0;
        double q = 0;
        for (int c = 0; c < 3; c++) {
            m += WEIGHTS[c] * MEANS[c][j];
            q += WEIGHTS[c] * (MEANS[c][j] * MEANS[c][j] + SDS[c][j] * SDS[c][j]);
        }
        return q - m * m;
    }

    private static void assertRecovered(DiagonalGmm g, double scale, double offset) {
        assertEquals(3, g.numComponents());
        boolean[] used = new boolean[3];
        for (int t = 0; t < 3; t++) {
            int c = nearest(g, MEANS[t], scale, offset);
            assertFalse(used[c], "two true clusters map to component " + c);
            used[c] = true;
            assertEquals(WEIGHTS[t], g.weight(c), 0.015, "weight of cluster " + t);
            for (int j = 0; j < 2; j++) {
                assertEquals(MEANS[t][j], (g.mean(c)[j] - offset) / scale, 0.05, "mean of cluster " + t);
                // the relative floor keeps variances at or above 1% of the global variance
                double expected = Math.max(SDS[t][j] * SDS[t][j], 0.01 * globalVariance(j));
                assertEquals(expected, g.variance(c)[j] / (scale * scale), 0.1 * expected, "variance of cluster " + t);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Initialization.class)
    void recoversWellSeparatedClusters(Initialization init) {
        FeatureMatrix data = clusters(20_000, 1, 0, 1);
        TrainingResult r = new GmmTrainer(TrainingConfig.defaults(3).withInitialization(init)).fit(data);
        assertRecovered(r.model(), 1, 0);
        assertTrue(r.converged());
        assertEquals(r.finalAverageLogLikelihood(), r.model().averageLogLikelihood(data), 1e-5);
    }

    @Test
    void oneComponentGivesSampleMeanAndBiasedVariance() {
        FeatureMatrix data = GmmTestData.gaussianFrames(5000, 3, 2.0, 7);
        TrainingResult r = new GmmTrainer(TrainingConfig.defaults(1).withMaxIterations(3)).fit(data);
        for (int j = 0; j < 3; j++) {
            double m = 0;
            for (int i = 0; i < data.rows(); i++) {
                m += data.get(i, j);
            }
            m /= data.rows();
            double v = 0;
            for (int i = 0; i < data.rows(); i++) {
                v += (data.get(i, j) - m) * (data.get(i, j) - m);
            }
            v /= data.rows();
            assertClose(m, r.model().mean(0)[j], 1e-6, "mean " + j);
            assertClose(v, r.model().variance(0)[j], 1e-6, "variance " + j);
        }
        assertEquals(1.0, r.model().weight(0));
    }

    @Test
    void logLikelihoodNeverDecreases() {
        for (long seed = 1; seed <= 4; seed++) {
            DiagonalGmm truth = GmmTestData.randomModel(5, 3, 1.2, seed);
            FeatureMatrix data = truth.sample(4000, seed + 100);
            List<Double> exact = new ArrayList<>();
            TrainingConfig cfg = TrainingConfig.defaults(4).withMaxIterations(25).withTolerance(0).withSeed(seed)
                    .withKmeansIterations(2);
            TrainingResult r = new GmmTrainer(cfg, p -> exact.add(p.model().averageLogLikelihood(data))).fit(data);
            assertEquals(0, r.flooredVariances());
            assertEquals(0, r.reseededComponents());
            assertEquals(25, exact.size());
            for (int i = 1; i < exact.size(); i++) {
                double prev = exact.get(i - 1);
                assertTrue(exact.get(i) >= prev - 1e-9 * Math.abs(prev),
                        "seed " + seed + ": iteration " + (i + 1) + " " + exact.get(i) + " < " + prev);
                double prevPass = r.averageLogLikelihoods().get(i - 1);
                assertTrue(r.averageLogLikelihoods().get(i) >= prevPass - 1e-7 * Math.abs(prevPass),
                        "training pass, seed " + seed + ", iteration " + (i + 1));
            }
            assertTrue(r.averageLogLikelihoods().get(0) >= r.initialAverageLogLikelihood() - 1e-7);
            for (int i = 0; i < exact.size(); i++) {
                assertClose(exact.get(i), r.averageLogLikelihoods().get(i), 1e-6, "training pass vs exact");
            }
        }
    }

    @Test
    void sameSeedGivesBitIdenticalModelForAnyThreadCount() {
        FeatureMatrix data = GmmTestData.randomModel(6, 5, 2, 3).sample(30_000, 4);
        TrainingConfig cfg = TrainingConfig.defaults(6).withMaxIterations(8).withTolerance(0).withSeed(42)
                .withKmeansSampleSize(10_000);
        DiagonalGmm one = new GmmTrainer(cfg).fit(data).model();
        DiagonalGmm again = new GmmTrainer(cfg).fit(data).model();
        DiagonalGmm two = new GmmTrainer(cfg.withThreads(2)).fit(data).model();
        DiagonalGmm three = new GmmTrainer(cfg.withThreads(3)).fit(data).model();
        assertEquals(one, again);
        // required: within 1e-6 relative across thread counts; fixed chunks merged in order make it exact
        assertEquals(one, two);
        assertEquals(one, three);
        DiagonalGmm otherSeed = new GmmTrainer(cfg.withSeed(43)).fit(data).model();
        assertFalse(one.equals(otherSeed), "a different seed draws a different subsample");
    }

    @Test
    void duplicateFramesGiveAFiniteModel() {
        float[][] rows = new float[200][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[] {3f, -1f};
        }
        TrainingResult r = new GmmTrainer(TrainingConfig.defaults(3)).fit(FeatureMatrix.of(rows));
        assertFinite(r.model());
        assertEquals(3.0, r.model().mean(0)[0], 1e-4);
        assertTrue(r.flooredVariances() > 0);
    }

    @Test
    void constantDimensionGetsTheAbsoluteFloor() {
        FeatureMatrix base = clusters(3000, 1, 0, 5);
        float[] x = new float[3000 * 3];
        for (int i = 0; i < 3000; i++) {
            x[3 * i] = base.get(i, 0);
            x[3 * i + 1] = 7.5f;
            x[3 * i + 2] = base.get(i, 1);
        }
        TrainingResult r = new GmmTrainer(TrainingConfig.defaults(3)).fit(FeatureMatrix.wrap(3000, 3, x));
        assertFinite(r.model());
        for (int c = 0; c < 3; c++) {
            assertEquals(7.5, r.model().mean(c)[1], 1e-9);
            assertEquals(1e-10, r.model().variance(c)[1], 1e-16);
        }
    }

    @Test
    void moreComponentsThanDistinctFrames() {
        float[][] rows = new float[60][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[] {i % 3, 2f * (i % 3)};
        }
        TrainingResult r = new GmmTrainer(TrainingConfig.defaults(5).withMinOccupancy(1)).fit(FeatureMatrix.of(rows));
        assertFinite(r.model());
        assertTrue(Double.isFinite(r.finalAverageLogLikelihood()));
    }

    @Test
    void oneDimensionalData() {
        FeatureMatrix base = clusters(5000, 1, 0, 9);
        float[] x = new float[5000];
        for (int i = 0; i < 5000; i++) {
            x[i] = base.get(i, 0);
        }
        TrainingResult r = new GmmTrainer(TrainingConfig.defaults(3)).fit(FeatureMatrix.wrap(5000, 1, x));
        assertFinite(r.model());
        double[] means = {r.model().mean(0)[0], r.model().mean(1)[0], r.model().mean(2)[0]};
        java.util.Arrays.sort(means);
        assertEquals(-10, means[0], 0.1);
        assertEquals(0, means[1], 0.1);
        assertEquals(9, means[2], 0.15);
    }

    @Test
    void hugeAndTinyMagnitudes() {
        for (double scale : new double[] {1e30, 1e-30}) {
            FeatureMatrix data = clusters(6000, scale, 0, 3);
            TrainingConfig cfg = TrainingConfig.defaults(3).withAbsoluteVarianceFloor(0);
            TrainingResult r = new GmmTrainer(cfg).fit(data);
            assertFinite(r.model());
            assertRecovered(r.model(), scale, 0);
            double shift = Math.log(scale) * 2;
            TrainingResult unit = new GmmTrainer(cfg).fit(clusters(6000, 1, 0, 3));
            assertClose(unit.finalAverageLogLikelihood() - shift, r.finalAverageLogLikelihood(), 1e-6,
                    "log-likelihood shifts by -D·ln(scale)");
        }
        // a large offset with a small spread keeps its resolution
        TrainingResult r = new GmmTrainer(TrainingConfig.defaults(3)).fit(clusters(6000, 1, 1e4, 3));
        assertRecovered(r.model(), 1, 1e4);
    }

    @Test
    void singleFrame() {
        TrainingResult r = new GmmTrainer(TrainingConfig.defaults(1)).fit(FeatureMatrix.of(new float[][] {{2f, -3f}}));
        assertEquals(2.0, r.model().mean(0)[0]);
        assertEquals(-3.0, r.model().mean(0)[1]);
        assertEquals(1e-10, r.model().variance(0)[0], 1e-20);
        assertFinite(r.model());
    }

    @Test
    void clearErrorsForImpossibleRequests() {
        FeatureMatrix three = GmmTestData.gaussianFrames(3, 2, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GmmTrainer(TrainingConfig.defaults(5)).fit(three));
        assertTrue(e.getMessage().contains("5 components to 3 frames"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GmmTrainer(TrainingConfig.defaults(1)).fit(FeatureMatrix.empty(2)));
        float[] x = GmmTestData.gaussianFrames(100, 3, 1, 1).toArray();
        x[3 * 57 + 2] = Float.NaN;
        e = assertThrows(IllegalArgumentException.class,
                () -> new GmmTrainer(TrainingConfig.defaults(2).withThreads(2)).fit(FeatureMatrix.wrap(100, 3, x)));
        assertTrue(e.getMessage().contains("frame 57, dimension 2"), e.getMessage());
        x[3 * 57 + 2] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> new GmmTrainer(TrainingConfig.defaults(2)).fit(FeatureMatrix.wrap(100, 3, x)));
        float[] far = GmmTestData.gaussianFrames(100, 3, 1, 1).toArray();
        for (int i = 0; i < 100; i++) {
            far[3 * i] = i % 4 == 0 ? 3.4e38f : -3.4e38f; // mean -1.7e38: 3.4e38 - mean overflows a float
        }
        e = assertThrows(IllegalArgumentException.class,
                () -> new GmmTrainer(TrainingConfig.defaults(2)).fit(FeatureMatrix.wrap(100, 3, far)));
        assertTrue(e.getMessage().startsWith("frame 0, dimension 0 is 3.4E38, too far from the dimension's mean"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("scale the data down"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults(0));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults(4).withMinWeight(0.25));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults(4).withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults(4).withTolerance(Double.NaN));
    }

    @Test
    void initialisationOnlyAndConvergence() {
        FeatureMatrix data = clusters(5000, 1, 0, 2);
        TrainingResult init = new GmmTrainer(TrainingConfig.defaults(3).withMaxIterations(0)).fit(data);
        assertEquals(0, init.iterations());
        assertFalse(init.converged());
        assertEquals(init.initialAverageLogLikelihood(), init.finalAverageLogLikelihood());
        TrainingResult conv = new GmmTrainer(TrainingConfig.defaults(3).withTolerance(1e-3)).fit(data);
        assertTrue(conv.converged());
        assertTrue(conv.iterations() < 100);
        List<Double> h = conv.averageLogLikelihoods();
        assertTrue(Math.abs(h.get(h.size() - 1) - (h.size() > 1 ? h.get(h.size() - 2) : conv.initialAverageLogLikelihood())) < 1e-3);
    }

    @Test
    void varianceFloorIsAppliedAndCounted() {
        // the second dimension of each cluster is nearly constant: spread 1e-3 of the global deviation
        SplittableRandom r = new SplittableRandom(8);
        float[] x = new float[4000 * 2];
        for (int i = 0; i < 4000; i++) {
            int c = i % 2;
            x[2 * i] = (float) (c * 10 + r.nextGaussian());
            x[2 * i + 1] = (float) (c * 10 + 1e-3 * r.nextGaussian());
        }
        FeatureMatrix data = FeatureMatrix.wrap(4000, 2, x);
        TrainingResult t = new GmmTrainer(TrainingConfig.defaults(2).withMaxIterations(5).withTolerance(0)).fit(data);
        // dimension 1 of both components, in the initial estimate and in each of the 5 updates
        assertEquals(12, t.flooredVariances());
        double globalVar = 25.0; // two equal clusters 10 apart
        for (int c = 0; c < 2; c++) {
            assertEquals(0.01 * globalVar, t.model().variance(c)[1], 0.01 * globalVar * 0.01);
        }
    }

    @Test
    void starvedComponentsAreReseededAndCounted() {
        // 1900 frames around 0 and 100 far away: the component that takes the 100 starves (< 150)
        SplittableRandom r = new SplittableRandom(4);
        float[] x = new float[2000 * 2];
        for (int i = 0; i < 2000; i++) {
            double centre = i < 1900 ? 0 : 50;
            x[2 * i] = (float) (centre + r.nextGaussian());
            x[2 * i + 1] = (float) (centre + r.nextGaussian());
        }
        TrainingResult t = new GmmTrainer(TrainingConfig.defaults(3).withMinOccupancy(150).withMaxIterations(5)
                .withTolerance(0)).fit(FeatureMatrix.wrap(2000, 2, x));
        assertTrue(t.reseededComponents() > 0, "reseeded " + t.reseededComponents());
        assertFinite(t.model());
    }

    @Test
    void restartsKeepTheBest() {
        FeatureMatrix data = GmmTestData.randomModel(6, 3, 1.5, 11).sample(5000, 12);
        TrainingConfig cfg = TrainingConfig.defaults(6).withMaxIterations(10).withKmeansIterations(1);
        TrainingResult single = new GmmTrainer(cfg).fit(data);
        TrainingResult best = new GmmTrainer(cfg.withNInit(3)).fit(data);
        assertTrue(best.finalAverageLogLikelihood() >= single.finalAverageLogLikelihood());
        if (best.restart() == 0) {
            assertEquals(single.model(), best.model());
        }
    }

    @Test
    void listenerSeesEveryIteration() {
        FeatureMatrix data = clusters(3000, 1, 0, 6);
        List<TrainingProgress> seen = new ArrayList<>();
        TrainingResult r = new GmmTrainer(TrainingConfig.defaults(3).withMaxIterations(4).withTolerance(0), seen::add)
                .fit(data);
        assertEquals(4, seen.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(i + 1, seen.get(i).iteration());
            assertEquals(r.averageLogLikelihoods().get(i), seen.get(i).averageLogLikelihood());
        }
        assertEquals(r.model(), seen.get(3).model());
    }

    private static void assertFinite(DiagonalGmm g) {
        for (int c = 0; c < g.numComponents(); c++) {
            assertTrue(Double.isFinite(g.weight(c)));
            for (int j = 0; j < g.dimension(); j++) {
                assertTrue(Double.isFinite(g.mean(c)[j]), "mean");
                assertTrue(g.variance(c)[j] > 0 && Double.isFinite(g.variance(c)[j]), "variance");
            }
        }
    }
}
