package org.cepstra.gmm;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.cepstra.matrix.FeatureMatrix;

/** Seeded models and data for the GMM tests, and brute-force reference computations. */
final class GmmTestData {
    private GmmTestData() {
    }

    /** A random mixture: means ~ N(0, spread²), standard deviations in [0.5, 1.5], weights ≥ 0.05. */
    static DiagonalGmm randomModel(int k, int d, double spread, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[k];
        double[][] mu = new double[k][d];
        double[][] var = new double[k][d];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            w[c] = 0.05 + r.nextDouble();
            sum += w[c];
            for (int j = 0; j < d; j++) {
                mu[c][j] = spread * r.nextGaussian();
                double sd = 0.5 + r.nextDouble();
                var[c][j] = sd * sd;
            }
        }
        for (int c = 0; c < k; c++) {
            w[c] /= sum;
        }
        return new DiagonalGmm(w, mu, var);
    }

    /** Standard normal frames. */
    static FeatureMatrix gaussianFrames(int n, int d, double scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (scale * r.nextGaussian());
        }
        return FeatureMatrix.wrap(n, d, x);
    }

    /** log(w_k N(x | k)) per component, straight from the definition. */
    static double[] naiveComponentLogLikelihoods(DiagonalGmm g, float[] x) {
        double[] out = new double[g.numComponents()];
        for (int c = 0; c < g.numComponents(); c++) {
            double[] mu = g.mean(c);
            double[] var = g.variance(c);
            double s = Math.log(g.weight(c));
            for (int j = 0; j < x.length; j++) {
                double t = x[j] - mu[j];
                s += -0.5 * Math.log(2 * Math.PI * var[j]) - 0.5 * t * t / var[j];
            }
            out[c] = s;
        }
        return out;
    }

    /** log p(x) by a naive log-sum-exp over the definition. */
    static double naiveLogLikelihood(DiagonalGmm g, float[] x) {
        double[] lc = naiveComponentLogLikelihoods(g, x);
        double max = Arrays.stream(lc).max().orElseThrow();
        double sum = 0;
        for (double v : lc) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /** Posteriors of the components for one frame, from the definition. */
    static double[] naivePosteriors(DiagonalGmm g, float[] x) {
        double[] lc = naiveComponentLogLikelihoods(g, x);
        double ll = naiveLogLikelihood(g, x);
        double[] p = new double[lc.length];
        for (int c = 0; c < lc.length; c++) {
            p[c] = Math.exp(lc[c] - ll);
        }
        return p;
    }

    static void assertClose(double expected, double actual, double relTol, String what) {
        double tol = relTol * Math.max(1.0, Math.abs(expected));
        if (!(Math.abs(expected - actual) <= tol)) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual + " (tolerance " + tol + ")");
        }
    }
}
