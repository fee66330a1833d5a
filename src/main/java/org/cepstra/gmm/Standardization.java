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
    /** Mean of each dimension, rounded to float (the value subtracted in float arithmetic). */
    final double[] mean;
    /** Scale of each dimension: exactly {@code 1 / invScale}. */
    final double[] scale;
    /** {@code 1 / scale}, a float value. */
    final double[] invScale;
    final float[] meanF;
    final float[] invScaleF;
    /** Global (biased) variance of each dimension, original units. */
    final double[] variance;
    /** {@code Σ_d log scale_d}. */
    final double logScaleSum;

    Standardization(double[] mean, double[] variance) {
        int d = mean.length;
        this.variance = variance.clone();
        this.mean = new double[d];
        this.meanF = new float[d];
        this.scale = new double[d];
        this.invScale = new double[d];
        this.invScaleF = new float[d];
        double ls = 0;
        for (int j = 0; j < d; j++) {
            meanF[j] = (float) mean[j];
            this.mean[j] = meanF[j];
            float inv = (float) (1.0 / Math.sqrt(variance[j]));
            if (!(inv > 0) || !Float.isFinite(inv)) {
                inv = 1f;
            }
            invScaleF[j] = inv;
            invScale[j] = inv;
            scale[j] = 1.0 / inv;
            ls += Math.log(scale[j]);
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
                rows[o + j] = (rows[o + j] - meanF[j]) * invScaleF[j];
            }
        }
    }

    /** Means and inverse scales repeated for {@code count} frames (row-major), for SIMD loops. */
    float[][] tiled(int count) {
        int d = mean.length;
        float[] m = new float[count * d];
        float[] s = new float[count * d];
        for (int i = 0; i < count; i++) {
            System.arraycopy(meanF, 0, m, i * d, d);
            System.arraycopy(invScaleF, 0, s, i * d, d);
        }
        return new float[][] {m, s};
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
