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
 * The scoring queries here are conveniences that build a {@link GmmScorer} (the one likelihood kernel,
 * which holds the precomputed per-component terms) for each call; to score many frames or matrices
 * against one model, keep a {@link GmmScorer}. Components whose log-density lies more than 700 below
 * the best one of a frame contribute e^-700 instead of their (even smaller) exact value.
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
        for (int c = 0; c < k; c++) {
            this.weights[c] = keepWeights ? weights[c] : weights[c] / sum;
            this.means[c] = means[c].clone();
            this.variances[c] = variances[c].clone();
            for (int j = 0; j < d; j++) {
                // the scoring terms of GmmScorer must be finite
                double v = this.variances[c][j];
                double s = GmmScorer.scaleOf(v);
                double m = GmmScorer.shiftOf(this.means[c][j], s);
                if (!Double.isFinite(s) || !Double.isFinite(m)) {
                    throw new IllegalArgumentException("component " + c + ", dimension " + j + ": variance " + v
                            + " is too small for mean " + this.means[c][j] + " (mean/deviation overflows)");
                }
            }
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
        new GmmScorer(this).componentLogLikelihoods(frame, out);
        return out;
    }

    /** Log-likelihood {@code log p(x)} of one frame (natural log). */
    public double logLikelihood(float[] frame) {
        checkFrame(frame);
        return new GmmScorer(this).logLikelihood(frame, 0);
    }

    /**
     * Log-likelihood {@code log p(x)} (natural log) of the frame {@code frames[offset .. offset + D)}:
     * {@link GmmScorer#logLikelihood(float[], int)} of a scorer built for this call. The result is bit for
     * bit the value {@link #logLikelihoods(FeatureMatrix)} gives for the same frame. To score frames one
     * at a time as they arrive without allocating, keep a {@link GmmScorer} instead. {@code scratch} is
     * checked but no longer used.
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
        return new GmmScorer(this).logLikelihood(frames, offset);
    }

    /** Log-likelihood of every frame of {@code data} (natural log), one value per row. */
    public double[] logLikelihoods(FeatureMatrix data) {
        checkMatrix(data);
        return new GmmScorer(this).logLikelihoods(data);
    }

    /** Sum of the log-likelihoods of all frames of {@code data} (natural log; 0 for no frames). */
    public double totalLogLikelihood(FeatureMatrix data) {
        checkMatrix(data);
        return new GmmScorer(this).totalLogLikelihood(data);
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
        GmmScorer scorer = new GmmScorer(this);
        for (int first = 0; first < data.rows(); first += GmmScorer.BLOCK) {
            int n = Math.min(GmmScorer.BLOCK, data.rows() - first);
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
        GmmScorer scorer = new GmmScorer(this);
        double total = 0;
        for (int done = 0; done < count; done += GmmScorer.BLOCK) {
            int n = Math.min(GmmScorer.BLOCK, count - done);
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
        GmmScorer scorer = new GmmScorer(this);
        for (int first = 0; first < data.rows(); first += GmmScorer.BLOCK) {
            int n = Math.min(GmmScorer.BLOCK, data.rows() - first);
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
