package org.cepstra.gmm;

import org.cepstra.matrix.FeatureMatrix;

/**
 * Double-precision block scorer for one {@link DiagonalGmm}: buffers for {@link #BLOCK} frames,
 * reused block after block (no allocation per frame). Not thread-safe; one per caller.
 */
final class DoubleScorer {
    /** Frames per block. */
    static final int BLOCK = 256;

    private final DiagonalGmm gmm;
    private final int k;
    private final int d;
    private final float[] raw;
    private final double[][] x;
    private final double[][] acc;
    private final double[] best;
    private final double[] total;
    private final double[] scratch;
    private final double[] logLik;

    DoubleScorer(DiagonalGmm gmm) {
        this.gmm = gmm;
        this.k = gmm.numComponents();
        this.d = gmm.dimension();
        this.raw = new float[BLOCK * d];
        this.x = new double[d][BLOCK];
        this.acc = new double[k][BLOCK];
        this.best = new double[BLOCK];
        this.total = new double[BLOCK];
        this.scratch = new double[BLOCK];
        this.logLik = new double[BLOCK];
    }

    /**
     * Fills {@link #posteriors()} with {@code −log(w_k N(x_i | k))} (scaled squared distances plus
     * the component's normaliser) for frames {@code [first, first + n)}.
     */
    void distances(FeatureMatrix data, int first, int n) {
        data.copyRows(first, n, raw, 0);
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                x[j][i] = raw[o + j];
            }
        }
        for (int c = 0; c < k; c++) {
            Kernels.scaledSquaredDistance(acc[c], gmm.negLogNorm[c], x, gmm.scale[c], gmm.shift[c], n);
        }
    }

    /**
     * Scores frames {@code [first, first + n)}, {@code n ≤ BLOCK}: fills {@link #logLikelihoods()}
     * and, if {@code normalise}, {@link #posteriors()} with posteriors summing to 1 per frame.
     *
     * @return the total log-likelihood of the n frames
     */
    double score(FeatureMatrix data, int first, int n, boolean normalise) {
        distances(data, first, n);
        System.arraycopy(acc[0], 0, best, 0, n);
        for (int c = 1; c < k; c++) {
            Kernels.minInto(best, acc[c], n);
        }
        java.util.Arrays.fill(total, 0, n, 0.0);
        for (int c = 0; c < k; c++) {
            Kernels.expDifference(acc[c], best, scratch, n);
            Kernels.addInto(total, acc[c], n);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double ll = Math.log(total[i]) - best[i];
            logLik[i] = ll;
            sum += ll;
            scratch[i] = 1.0 / total[i];
        }
        if (normalise) {
            for (int c = 0; c < k; c++) {
                scale(acc[c], scratch, n);
            }
        }
        return sum;
    }

    private static void scale(double[] a, double[] f, int n) {
        for (int i = 0; i < n; i++) {
            a[i] *= f[i];
        }
    }

    /** Per-frame log-likelihoods of the last scored block. */
    double[] logLikelihoods() {
        return logLik;
    }

    /** Component-major block buffer: {@code [k][i]} for frame i of the last block. */
    double[][] posteriors() {
        return acc;
    }
}
