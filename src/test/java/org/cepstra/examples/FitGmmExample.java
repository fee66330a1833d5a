package org.cepstra.examples;

import java.util.Random;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.GmmTrainer;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Fits Gaussian mixtures of 1 to 4 components to 2-D points drawn from two clusters, prints each
 * fit's BIC and the parameters of the fit with the lowest one. ({@code ModelSelection} does the same
 * loop for any list of K.)
 */
public final class FitGmmExample {
    private FitGmmExample() {
    }

    public static void main(String[] args) {
        // 300 points around (0, 0) and 700 around (5, -2), one row per point.
        Random random = new Random(1);
        double[][] points = new double[1000][];
        for (int i = 0; i < points.length; i++) {
            points[i] = i < 300
                    ? new double[] {0.5 * random.nextGaussian(), 0.5 * random.nextGaussian()}
                    : new double[] {5 + random.nextGaussian(), -2 + 0.3 * random.nextGaussian()};
        }
        FeatureMatrix data = FeatureMatrix.of(points);

        DiagonalGmm best = null;
        double bestBic = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= 4; k++) {
            DiagonalGmm gmm = new GmmTrainer(TrainingConfig.defaults(k).withSeed(7)).fit(data).model();
            double bic = gmm.bic(data);
            System.out.printf("K=%d  BIC %.1f%n", k, bic);
            if (bic < bestBic) {
                best = gmm;
                bestBic = bic;
            }
        }
        System.out.printf("lowest BIC: K=%d, %.4f nats per point%n", best.numComponents(),
                best.averageLogLikelihood(data));
        for (int c = 0; c < best.numComponents(); c++) {
            double[] mean = best.mean(c);
            double[] variance = best.variance(c);
            System.out.printf("  weight %.3f  mean (%.3f, %.3f)  variance (%.3f, %.3f)%n",
                    best.weight(c), mean[0], mean[1], variance[0], variance[1]);
        }
    }
}
