package org.cepstra.gmm;

/**
 * A mixture (or a set of k-means centres) in the single-precision form the training loops read:
 * per component a constant {@code c_k} and per dimension a scale {@code s_kd} and shift
 * {@code m_kd}, so that {@code c_k + Σ_d (x_d·s_kd + m_kd)²} is {@code −log(w_k N(x | k))} for a
 * mixture and the squared Euclidean distance for centres. Read-only once built; shared by all
 * worker threads.
 */
final class FloatModel {
    final int numComponents;
    final int dimension;
    final float[] constant;
    final float[][] scale;
    final float[][] shift;

    private FloatModel(int k, int d) {
        this.numComponents = k;
        this.dimension = d;
        this.constant = new float[k];
        this.scale = new float[k][d];
        this.shift = new float[k][d];
    }

    /** The float form of a (standardised) mixture: {@link GmmScorer}'s terms rounded to float. */
    static FloatModel of(DiagonalGmm gmm) {
        return GmmScorer.floatForm(gmm);
    }

    /** The given double terms rounded to float (constants above 1e30 become 1e30). */
    static FloatModel of(GmmScorer.Terms gmm) {
        int k = gmm.negLogNorm().length;
        int d = gmm.scale()[0].length;
        FloatModel m = new FloatModel(k, d);
        for (int c = 0; c < k; c++) {
            double nl = gmm.negLogNorm()[c];
            m.constant[c] = (float) Math.min(nl, 1e30);
            for (int j = 0; j < d; j++) {
                m.scale[c][j] = (float) gmm.scale()[c][j];
                m.shift[c][j] = (float) gmm.shift()[c][j];
            }
        }
        return m;
    }

    /**
     * Weighted squared Euclidean distances {@code Σ_d w_d² (x_d − c_kd)²} to the given centres
     * ({@code centres[k][d]}).
     */
    static FloatModel distancesTo(float[][] centres, float[] weights) {
        int k = centres.length;
        int d = centres[0].length;
        FloatModel m = new FloatModel(k, d);
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                m.scale[c][j] = weights[j];
                m.shift[c][j] = -centres[c][j] * weights[j];
            }
        }
        return m;
    }
}
