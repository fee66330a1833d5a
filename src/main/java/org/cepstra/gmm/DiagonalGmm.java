package org.cepstra.gmm;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.cepstra.matrix.FeatureMatrix;

/**
 * A Gaussian mixture with diagonal covariances: K components over D-dimensional frames, each with a
 * weight, a mean vector and a vector of variances. Immutable; every accessor returns a copy.
 *
 * <p>The density of a frame x is {@code p(x) = Σ_k w_k Π_d N(x_d; μ_kd, σ²_kd)}. All scores are
 * natural logarithms computed in double precision: per component
 * {@code log w_k − ½ Σ_d (log 2π + log σ²_kd) − ½ Σ_d (x_d − μ_kd)²/σ²_kd}, combined by log-sum-exp.
 * The squared term is evaluated as {@code (x_d·s_kd − μ_kd·s_kd)²} with {@code s_kd = √(½/σ²_kd)},
 * which never cancels catastrophically however far the means lie from zero. Components whose
 * log-density lies more than 700 below the best one of a frame contribute e^-700 instead of their
 * (even smaller) exact value.
 *
 * <p>Frames containing NaN give NaN scores; frames must have {@link #dimension()} values.
 */
public final class DiagonalGmm {
    private static final double LOG_2PI = Math.log(2.0 * Math.PI);

    private final int numComponents;
    private final int dimension;
    private final double[] weights;
    private final double[][] means;
    private final double[][] variances;

    // Precomputed for the scoring loops (see class comment).
    final double[] negLogNorm;
    final double[][] scale;
    final double[][] shift;

    /** Weights whose sum is this close to 1 count as normalised and are kept as given. */
    private static final double ALREADY_NORMALISED = 1e-12;

    /**
     * Creates a mixture from its parameters (copied).
     *
     * @param weights   K mixture weights, each ≥ 0, summing to 1 within 1e-6 (divided by their
     *                  sum, unless they already sum to 1 within 1e-12: then kept bit for bit)
     * @param means     K × D component means
     * @param variances K × D component variances, each &gt; 0
     * @throws IllegalArgumentException if K or D is 0, shapes disagree, a value is not finite, a
     *                                  weight is negative, the weights do not sum to 1, or a
     *                                  variance is not positive (or so small that 1/σ² overflows)
     */
    public DiagonalGmm(double[] weights, double[][] means, double[][] variances) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(means, "means");
        Objects.requireNonNull(variances, "variances");
        int k = weights.length;
        if (k < 1) {
            throw new IllegalArgumentException("a mixture needs at least one component, got 0 weights");
        }
        if (means.length != k || variances.length != k) {
            throw new IllegalArgumentException("shape mismatch: " + k + " weights, " + means.length
                    + " mean rows, " + variances.length + " variance rows");
        }
        Objects.requireNonNull(means[0], "means[0]");
        int d = means[0].length;
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, component 0 has 0 means");
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double w = weights[c];
            if (!Double.isFinite(w) || w < 0) {
                throw new IllegalArgumentException("weight of component " + c + " is " + w
                        + "; weights must be finite and >= 0");
            }
            sum += w;
            Objects.requireNonNull(means[c], "means[" + c + "]");
            Objects.requireNonNull(variances[c], "variances[" + c + "]");
            if (means[c].length != d || variances[c].length != d) {
                throw new IllegalArgumentException("component " + c + " has " + means[c].length + " means and "
                        + variances[c].length + " variances, component 0 has " + d + " means");
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(means[c][j])) {
                    throw new IllegalArgumentException("mean of component " + c + ", dimension " + j + " is "
                            + means[c][j]);
                }
                double v = variances[c][j];
                if (!Double.isFinite(v) || !(v > 0)) {
                    throw new IllegalArgumentException("variance of component " + c + ", dimension " + j + " is "
                            + v + "; variances must be finite and > 0");
                }
            }
        }
        if (Math.abs(sum - 1.0) > 1e-6) {
            throw new IllegalArgumentException("weights sum to " + sum + ", not 1 (tolerance 1e-6)");
        }
        // weights already normalised up to rounding are kept bit for bit (so a saved model reloads
        // unchanged); only weights further from a sum of 1 are divided by their sum
        boolean keepWeights = Math.abs(sum - 1.0) <= ALREADY_NORMALISED;
        this.numComponents = k;
        this.dimension = d;
        this.weights = new double[k];
        this.means = new double[k][];
        this.variances = new double[k][];
        this.negLogNorm = new double[k];
        this.scale = new double[k][d];
        this.shift = new double[k][d];
        for (int c = 0; c < k; c++) {
            this.weights[c] = keepWeights ? weights[c] : weights[c] / sum;
            this.means[c] = means[c].clone();
            this.variances[c] = variances[c].clone();
            double logNorm = Math.log(this.weights[c]);
            for (int j = 0; j < d; j++) {
                double v = this.variances[c][j];
                double s = Math.sqrt(0.5 / v);
                double m = -this.means[c][j] * s;
                if (!Double.isFinite(s) || !Double.isFinite(m)) {
                    throw new IllegalArgumentException("component " + c + ", dimension " + j + ": variance " + v
                            + " is too small for mean " + this.means[c][j] + " (mean/deviation overflows)");
                }
                scale[c][j] = s;
                shift[c][j] = m;
                logNorm -= 0.5 * (LOG_2PI + Math.log(v));
            }
            negLogNorm[c] = -logNorm;
        }
    }

    /** Number of components K. */
    public int numComponents() {
        return numComponents;
    }

    /** Number of dimensions D of a frame. */
    public int dimension() {
        return dimension;
    }

    /** The K mixture weights (sum 1). */
    public double[] weights() {
        return weights.clone();
    }

    /** The K × D component means. */
    public double[][] means() {
        return deepCopy(means);
    }

    /** The K × D component variances. */
    public double[][] variances() {
        return deepCopy(variances);
    }

    /** Weight of component {@code k}. */
    public double weight(int k) {
        return weights[Objects.checkIndex(k, numComponents)];
    }

    /** Mean vector of component {@code k}. */
    public double[] mean(int k) {
        return means[Objects.checkIndex(k, numComponents)].clone();
    }

    /** Variance vector of component {@code k}. */
    public double[] variance(int k) {
        return variances[Objects.checkIndex(k, numComponents)].clone();
    }

    /**
     * Kaldi's per-component constant (DiagGmm gconsts): the log-density of component k, weight
     * included, at the zero vector: {@code log w_k − ½ Σ_d (log 2π + log σ²_kd + μ²_kd/σ²_kd)};
     * −∞ for a zero weight.
     */
    public double[] gconsts() {
        double[] g = new double[numComponents];
        for (int c = 0; c < numComponents; c++) {
            double gc = Math.log(weights[c]);
            for (int j = 0; j < dimension; j++) {
                double v = variances[c][j];
                double m = means[c][j];
                gc -= 0.5 * (LOG_2PI + Math.log(v) + m * m / v);
            }
            g[c] = gc;
        }
        return g;
    }

    /** K × D means divided by variances (Kaldi's means_invvars). */
    public double[][] meansInvVars() {
        double[][] out = new double[numComponents][dimension];
        for (int c = 0; c < numComponents; c++) {
            for (int j = 0; j < dimension; j++) {
                out[c][j] = means[c][j] / variances[c][j];
            }
        }
        return out;
    }

    /** K × D inverse variances (Kaldi's inv_vars). */
    public double[][] invVars() {
        double[][] out = new double[numComponents][dimension];
        for (int c = 0; c < numComponents; c++) {
            for (int j = 0; j < dimension; j++) {
                out[c][j] = 1.0 / variances[c][j];
            }
        }
        return out;
    }

    /**
     * Log-density (weight included) of one frame under each component:
     * {@code log(w_k N(x; μ_k, σ²_k))}, natural log.
     */
    public double[] componentLogLikelihoods(float[] frame) {
        checkFrame(frame);
        double[] out = new double[numComponents];
        for (int c = 0; c < numComponents; c++) {
            double[] s = scale[c];
            double[] m = shift[c];
            double a = negLogNorm[c];
            for (int j = 0; j < dimension; j++) {
                double t = Math.fma(frame[j], s[j], m[j]);
                a = Math.fma(t, t, a);
            }
            out[c] = -a;
        }
        return out;
    }

    /** Log-likelihood {@code log p(x)} of one frame (natural log). */
    public double logLikelihood(float[] frame) {
        double[] lc = componentLogLikelihoods(frame);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : lc) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : lc) {
            sum += Math.exp(Math.max(v - max, Kernels.EXP_CLAMP_DOUBLE));
        }
        return max + Math.log(sum);
    }

    /**
     * Log-likelihood {@code log p(x)} (natural log) of the frame {@code frames[offset .. offset + D)},
     * without allocating: for scoring frames one at a time as they arrive. {@code scratch} (at least
     * K values, overwritten) holds the per-component terms. The result is bit for bit the value
     * {@link #logLikelihoods(FeatureMatrix)} gives for the same frame (same operations in the same
     * order); {@link #logLikelihood(float[])} may differ from it in the last bits. Safe to call from
     * many threads at once as long as each passes its own scratch.
     *
     * @throws IndexOutOfBoundsException if the frame does not lie inside {@code frames}
     * @throws IllegalArgumentException  if {@code scratch} holds fewer than K values
     */
    public double logLikelihood(float[] frames, int offset, double[] scratch) {
        Objects.checkFromIndexSize(offset, dimension, frames.length);
        if (scratch.length < numComponents) {
            throw new IllegalArgumentException("scratch holds " + scratch.length + " values, the model has "
                    + numComponents + " components");
        }
        // −log(w_k N(x; μ_k, σ²_k)), summed over dimensions in the order of Kernels.scaledSquaredDistance;
        // four components at a time, so that four independent chains of fused multiply-adds overlap.
        int full = dimension & ~3;
        int rest = dimension - full;
        int c = 0;
        for (; c + 4 <= numComponents; c += 4) {
            double[] s0 = scale[c];
            double[] s1 = scale[c + 1];
            double[] s2 = scale[c + 2];
            double[] s3 = scale[c + 3];
            double[] m0 = shift[c];
            double[] m1 = shift[c + 1];
            double[] m2 = shift[c + 2];
            double[] m3 = shift[c + 3];
            double a0 = negLogNorm[c];
            double a1 = negLogNorm[c + 1];
            double a2 = negLogNorm[c + 2];
            double a3 = negLogNorm[c + 3];
            for (int j = 0; j < full; j += 4) {
                int o = offset + j;
                double x0 = frames[o];
                double x1 = frames[o + 1];
                double x2 = frames[o + 2];
                double x3 = frames[o + 3];
                a0 = addFour(a0, x0, x1, x2, x3, s0, m0, j);
                a1 = addFour(a1, x0, x1, x2, x3, s1, m1, j);
                a2 = addFour(a2, x0, x1, x2, x3, s2, m2, j);
                a3 = addFour(a3, x0, x1, x2, x3, s3, m3, j);
            }
            scratch[c] = addRest(a0, frames, offset + full, s0, m0, full, rest);
            scratch[c + 1] = addRest(a1, frames, offset + full, s1, m1, full, rest);
            scratch[c + 2] = addRest(a2, frames, offset + full, s2, m2, full, rest);
            scratch[c + 3] = addRest(a3, frames, offset + full, s3, m3, full, rest);
        }
        for (; c < numComponents; c++) {
            double[] s0 = scale[c];
            double[] m0 = shift[c];
            double a0 = negLogNorm[c];
            for (int j = 0; j < full; j += 4) {
                int o = offset + j;
                a0 = addFour(a0, frames[o], frames[o + 1], frames[o + 2], frames[o + 3], s0, m0, j);
            }
            scratch[c] = addRest(a0, frames, offset + full, s0, m0, full, rest);
        }
        // Log-sum-exp as DoubleScorer.score: best = smallest term, exp of the differences, summed in order.
        double best = scratch[0];
        for (int k = 1; k < numComponents; k++) {
            best = Math.min(best, scratch[k]);
        }
        double total = 0.0;
        for (int k = 0; k < numComponents; k++) {
            total += Kernels.expDifference(scratch[k], best);
        }
        return Math.log(total) - best;
    }

    /** {@code a + Σ_{i<4} (x_i·s[j+i] + m[j+i])²}, nested as in {@code Kernels.sq4}. */
    private static double addFour(double a, double x0, double x1, double x2, double x3, double[] s, double[] m,
                                  int j) {
        double t0 = Math.fma(x0, s[j], m[j]);
        double t1 = Math.fma(x1, s[j + 1], m[j + 1]);
        double t2 = Math.fma(x2, s[j + 2], m[j + 2]);
        double t3 = Math.fma(x3, s[j + 3], m[j + 3]);
        return Math.fma(t0, t0, Math.fma(t1, t1, Math.fma(t2, t2, Math.fma(t3, t3, a))));
    }

    /** The last {@code n < 4} dimensions from {@code j}, nested as in {@code Kernels.sq3/sq2/sq1}. */
    private static double addRest(double a, float[] f, int o, double[] s, double[] m, int j, int n) {
        switch (n) {
            case 3 -> {
                double t0 = Math.fma(f[o], s[j], m[j]);
                double t1 = Math.fma(f[o + 1], s[j + 1], m[j + 1]);
                double t2 = Math.fma(f[o + 2], s[j + 2], m[j + 2]);
                return Math.fma(t0, t0, Math.fma(t1, t1, Math.fma(t2, t2, a)));
            }
            case 2 -> {
                double t0 = Math.fma(f[o], s[j], m[j]);
                double t1 = Math.fma(f[o + 1], s[j + 1], m[j + 1]);
                return Math.fma(t0, t0, Math.fma(t1, t1, a));
            }
            case 1 -> {
                double t0 = Math.fma(f[o], s[j], m[j]);
                return Math.fma(t0, t0, a);
            }
            default -> {
                return a;
            }
        }
    }

    /** Log-likelihood of every frame of {@code data} (natural log), one value per row. */
    public double[] logLikelihoods(FeatureMatrix data) {
        checkMatrix(data);
        double[] out = new double[data.rows()];
        DoubleScorer scorer = new DoubleScorer(this);
        for (int first = 0; first < data.rows(); first += DoubleScorer.BLOCK) {
            int n = Math.min(DoubleScorer.BLOCK, data.rows() - first);
            scorer.score(data, first, n, false);
            System.arraycopy(scorer.logLikelihoods(), 0, out, first, n);
        }
        return out;
    }

    /** Sum of the log-likelihoods of all frames of {@code data} (natural log; 0 for no frames). */
    public double totalLogLikelihood(FeatureMatrix data) {
        checkMatrix(data);
        DoubleScorer scorer = new DoubleScorer(this);
        double total = 0;
        for (int first = 0; first < data.rows(); first += DoubleScorer.BLOCK) {
            int n = Math.min(DoubleScorer.BLOCK, data.rows() - first);
            total += scorer.score(data, first, n, false);
        }
        return total;
    }

    /**
     * Mean log-likelihood per frame of {@code data} (natural log; scikit-learn's {@code score}).
     *
     * @throws IllegalArgumentException if {@code data} has no frames
     */
    public double averageLogLikelihood(FeatureMatrix data) {
        if (data.rows() == 0) {
            throw new IllegalArgumentException("average log-likelihood of zero frames is undefined");
        }
        return totalLogLikelihood(data) / data.rows();
    }

    /**
     * Posterior probability of each component for every frame: an N × K array whose rows sum to 1.
     * For large N prefer {@link #responsibilities(FeatureMatrix, int, int, double[])}, which fills a
     * caller's buffer block by block.
     */
    public double[][] responsibilities(FeatureMatrix data) {
        checkMatrix(data);
        double[][] out = new double[data.rows()][numComponents];
        DoubleScorer scorer = new DoubleScorer(this);
        for (int first = 0; first < data.rows(); first += DoubleScorer.BLOCK) {
            int n = Math.min(DoubleScorer.BLOCK, data.rows() - first);
            scorer.score(data, first, n, true);
            double[][] post = scorer.posteriors();
            for (int c = 0; c < numComponents; c++) {
                double[] pc = post[c];
                for (int i = 0; i < n; i++) {
                    out[first + i][c] = pc[i];
                }
            }
        }
        return out;
    }

    /**
     * Posterior probabilities of the components for frames {@code [firstRow, firstRow + count)},
     * written row-major into {@code dest} ({@code dest[i·K + k]} for the i-th frame of the range).
     *
     * @return the total log-likelihood of those frames
     * @throws IllegalArgumentException if {@code dest} holds fewer than {@code count·K} values
     */
    public double responsibilities(FeatureMatrix data, int firstRow, int count, double[] dest) {
        checkMatrix(data);
        Objects.checkFromIndexSize(firstRow, count, data.rows());
        if (dest.length < (long) count * numComponents) {
            throw new IllegalArgumentException("destination holds " + dest.length + " values, needs "
                    + (long) count * numComponents);
        }
        DoubleScorer scorer = new DoubleScorer(this);
        double total = 0;
        for (int done = 0; done < count; done += DoubleScorer.BLOCK) {
            int n = Math.min(DoubleScorer.BLOCK, count - done);
            total += scorer.score(data, firstRow + done, n, true);
            double[][] post = scorer.posteriors();
            for (int c = 0; c < numComponents; c++) {
                double[] pc = post[c];
                for (int i = 0; i < n; i++) {
                    dest[(done + i) * numComponents + c] = pc[i];
                }
            }
        }
        return total;
    }

    /** Index of the component with the highest posterior for every frame (hard clustering). */
    public int[] mostLikelyComponents(FeatureMatrix data) {
        checkMatrix(data);
        int[] out = new int[data.rows()];
        DoubleScorer scorer = new DoubleScorer(this);
        for (int first = 0; first < data.rows(); first += DoubleScorer.BLOCK) {
            int n = Math.min(DoubleScorer.BLOCK, data.rows() - first);
            scorer.distances(data, first, n);
            double[][] dist = scorer.posteriors();
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestValue = dist[0][i];
                for (int c = 1; c < numComponents; c++) {
                    if (dist[c][i] < bestValue) {
                        bestValue = dist[c][i];
                        best = c;
                    }
                }
                out[first + i] = best;
            }
        }
        return out;
    }

    /**
     * Draws {@code n} frames from the mixture: a component by its weight, then each dimension from
     * its Gaussian. Deterministic for a given seed (and Java version).
     */
    public FeatureMatrix sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot draw " + n + " frames");
        }
        long size = (long) n * dimension;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " frames of " + dimension + " dimensions do not fit one array");
        }
        double[] cumulative = new double[numComponents];
        double acc = 0;
        for (int c = 0; c < numComponents; c++) {
            acc += weights[c];
            cumulative[c] = acc;
        }
        double[][] std = new double[numComponents][dimension];
        for (int c = 0; c < numComponents; c++) {
            for (int j = 0; j < dimension; j++) {
                std[c][j] = Math.sqrt(variances[c][j]);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[(int) size];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble() * acc;
            int c = Arrays.binarySearch(cumulative, u);
            c = c >= 0 ? c + 1 : -c - 1;
            c = Math.min(c, numComponents - 1);
            while (weights[c] == 0 && c > 0) {
                c--;
            }
            double[] mu = means[c];
            double[] sd = std[c];
            for (int j = 0; j < dimension; j++) {
                out[i * dimension + j] = (float) (mu[j] + sd[j] * random.nextGaussian());
            }
        }
        return FeatureMatrix.wrap(n, dimension, out);
    }

    /** Free parameters of the mixture: {@code K·2D + K − 1} (means, variances, weights). */
    public long numFreeParameters() {
        return (long) numComponents * 2 * dimension + numComponents - 1;
    }

    /**
     * Bayesian information criterion on {@code data}, as scikit-learn defines it:
     * {@code −2·totalLogLikelihood + p·ln N} with p = {@link #numFreeParameters()}. Lower is better.
     */
    public double bic(FeatureMatrix data) {
        if (data.rows() == 0) {
            throw new IllegalArgumentException("BIC of zero frames is undefined");
        }
        return -2.0 * totalLogLikelihood(data) + numFreeParameters() * Math.log(data.rows());
    }

    /**
     * Akaike information criterion on {@code data}, as scikit-learn defines it:
     * {@code −2·totalLogLikelihood + 2p}. Lower is better.
     */
    public double aic(FeatureMatrix data) {
        if (data.rows() == 0) {
            throw new IllegalArgumentException("AIC of zero frames is undefined");
        }
        return -2.0 * totalLogLikelihood(data) + 2.0 * numFreeParameters();
    }

    private void checkFrame(float[] frame) {
        Objects.requireNonNull(frame, "frame");
        if (frame.length != dimension) {
            throw new IllegalArgumentException("frame has " + frame.length + " values, the model has "
                    + dimension + " dimensions");
        }
    }

    private void checkMatrix(FeatureMatrix data) {
        Objects.requireNonNull(data, "data");
        if (data.cols() != dimension) {
            throw new IllegalArgumentException("frames have " + data.cols() + " dimensions, the model has "
                    + dimension);
        }
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiagonalGmm g && Arrays.equals(g.weights, weights)
                && Arrays.deepEquals(g.means, means) && Arrays.deepEquals(g.variances, variances);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(weights) + Arrays.deepHashCode(means)) + Arrays.deepHashCode(variances);
    }

    @Override
    public String toString() {
        return "DiagonalGmm[" + numComponents + " components x " + dimension + " dimensions]";
    }
}
