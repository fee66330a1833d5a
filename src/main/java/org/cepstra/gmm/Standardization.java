package org.cepstra.gmm;

/**
 * The affine map {@code x' = (x − mean_d) / scale_d} under which training runs: every dimension of
 * the training data gets mean 0 and variance 1 (a constant dimension keeps scale 1). Float
 * arithmetic on the standardised values cannot overflow or lose the data's resolution, whatever the
 * original magnitudes (1e-30 or 1e30 alike), and a model fitted in standardised units maps back
 * exactly: {@code μ = mean + scale·μ'}, {@code σ² = scale²·σ'²}, log-likelihoods shift by
 * {@code −Σ_d log scale_d} per frame.
 */
final class Standardization {
    final double[] mean;
    final double[] scale;
    final double[] invScale;
    /** Global (biased) variance of each dimension, original units. */
    final double[] variance;
    /** {@code Σ_d log scale_d}. */
    final double logScaleSum;

    Standardization(double[] mean, double[] variance) {
        int d = mean.length;
        this.mean = mean.clone();
        this.variance = variance.clone();
        this.scale = new double[d];
        this.invScale = new double[d];
        double ls = 0;
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(variance[j]);
            if (!(s > 0) || !Double.isFinite(1.0 / s)) {
                s = 1.0;
            }
            scale[j] = s;
            invScale[j] = 1.0 / s;
            ls += Math.log(s);
        }
        this.logScaleSum = ls;
    }

    int dimension() {
        return mean.length;
    }

    /** Standardises {@code count} frames of {@code dim} values in place (row-major). */
    void apply(float[] rows, int count) {
        int d = mean.length;
        for (int i = 0; i < count; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                rows[o + j] = (float) ((rows[o + j] - mean[j]) * invScale[j]);
            }
        }
    }

    /** Maps a model fitted on standardised frames back to original units. */
    DiagonalGmm toOriginal(DiagonalGmm std) {
        int k = std.numComponents();
        int d = std.dimension();
        double[][] mu = std.means();
        double[][] var = std.variances();
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                mu[c][j] = mean[j] + scale[j] * mu[c][j];
                var[c][j] = scale[j] * scale[j] * var[c][j];
            }
        }
        return new DiagonalGmm(std.weights(), mu, var);
    }

    /** Average log-likelihood per frame in original units from one in standardised units. */
    double toOriginalLogLikelihood(double standardisedPerFrame) {
        return standardisedPerFrame - logScaleSum;
    }
}
