package org.cepstra.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.Test;

class ScorerTest {
    /** Statics only, 13 dimensions: the models below are built for that. */
    static final FeatureConfig CONFIG = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.none());

    static DiagonalGmm randomGmm(Random r, int k, int d, double offset) {
        double[] w = new double[k];
        double[][] m = new double[k][d];
        double[][] v = new double[k][d];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            w[c] = 0.5 + r.nextDouble();
            sum += w[c];
            for (int j = 0; j < d; j++) {
                m[c][j] = offset + r.nextGaussian();
                v[c][j] = 0.5 + r.nextDouble();
            }
        }
        for (int c = 0; c < k; c++) {
            w[c] /= sum;
        }
        return new DiagonalGmm(w, m, v);
    }

    static ModelSet modelSet(Map<String, DiagonalGmm> models) {
        return new ModelSet(new TreeMap<>(models), CONFIG, TrainingConfig.defaults(3), List.of(), 0);
    }

    /** log N(x; m, v) summed over dims, log-sum-exp over components, summed over frames: the naive way. */
    static double bruteForceTotal(DiagonalGmm g, FeatureMatrix x) {
        double total = 0;
        for (int t = 0; t < x.rows(); t++) {
            double[] comp = new double[g.numComponents()];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < g.numComponents(); k++) {
                double s = Math.log(g.weights()[k]);
                for (int d = 0; d < x.cols(); d++) {
                    double v = g.variances()[k][d];
                    double diff = x.get(t, d) - g.means()[k][d];
                    s += -0.5 * (Math.log(2 * Math.PI * v) + diff * diff / v);
                }
                comp[k] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (double c : comp) {
                sum += Math.exp(c - max);
            }
            total += max + Math.log(sum);
        }
        return total;
    }

    @Test
    void totalsEqualABruteForceSumAndPosteriorsSumToOne() {
        Random r = new Random(3);
        DiagonalGmm a = randomGmm(r, 3, 13, 0);
        DiagonalGmm b = randomGmm(r, 2, 13, 0.5);
        DiagonalGmm c = randomGmm(r, 4, 13, -0.5);
        Scorer scorer = new Scorer(modelSet(Map.of("a", a, "b", b, "c", c)));
        double[][] frames = new double[40][13];
        for (double[] f : frames) {
            for (int d = 0; d < 13; d++) {
                f[d] = 0.5 + r.nextGaussian();
            }
        }
        FeatureMatrix x = FeatureMatrix.of(frames);
        Ranking ranking = scorer.score(x);
        double posteriorSum = 0;
        double previous = Double.POSITIVE_INFINITY;
        for (LabelScore s : ranking.scores()) {
            DiagonalGmm g = Map.of("a", a, "b", b, "c", c).get(s.label());
            double expected = bruteForceTotal(g, x);
            assertEquals(expected, s.totalLogLikelihood(), 1e-9 * Math.abs(expected));
            assertEquals(expected / 40, s.averageLogLikelihood(), 1e-9 * Math.abs(expected));
            posteriorSum += s.posterior();
            assertEquals(true, s.totalLogLikelihood() <= previous, "ranked best first");
            previous = s.totalLogLikelihood();
        }
        assertEquals(1.0, posteriorSum, 1e-12);
        assertEquals(40, ranking.frames());
    }

    @Test
    void posteriorsAreTheSoftmaxOfTheTotalsAndPriorsShiftThem() {
        Random r = new Random(5);
        ModelSet set = modelSet(Map.of("x", randomGmm(r, 1, 13, 0), "y", randomGmm(r, 1, 13, 0)));
        Scorer scorer = new Scorer(set);
        Ranking ranking = scorer.rank(new double[] {-100, -101}, 10);
        assertEquals("x", ranking.bestLabel());
        double px = 1 / (1 + Math.exp(-1));
        assertEquals(px, ranking.best().posterior(), 1e-12);
        // a prior of 0.1 on x against 0.9 on y: log odds 1 + ln(0.1/0.9) < 0, so y wins
        Ranking withPriors = new Scorer(set, Map.of("x", 0.1)).rank(new double[] {-100, -101}, 10);
        assertEquals("y", withPriors.bestLabel());
        double py = 1 / (1 + Math.exp(1 + Math.log(0.1 / 0.9)));
        assertEquals(py, withPriors.best().posterior(), 1e-12);
        // totals are reported without the prior
        assertEquals(-101, withPriors.best().totalLogLikelihood(), 0);
    }

    @Test
    void badInputIsRejectedClearly() {
        Random r = new Random(1);
        ModelSet set = modelSet(Map.of("x", randomGmm(r, 1, 13, 0)));
        Scorer scorer = new Scorer(set);
        assertThrows(IllegalArgumentException.class, () -> scorer.score(FeatureMatrix.empty(13)));
        IllegalArgumentException wrongDim = assertThrows(IllegalArgumentException.class,
                () -> scorer.score(FeatureMatrix.of(new float[][] {{1, 2}})));
        assertEquals("frames have 2 dimensions, the models expect 13", wrongDim.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Scorer(set, Map.of("nope", 0.5)));
        assertThrows(IllegalArgumentException.class, () -> new Scorer(set, Map.of("x", 1.5)));
    }
}
