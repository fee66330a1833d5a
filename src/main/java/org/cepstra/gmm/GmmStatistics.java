package org.cepstra.gmm;

import java.util.Objects;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Sufficient statistics of a diagonal GMM over some frames (Kaldi's AccumDiagGmm): per component
 * the occupancy {@code Σ_n γ_nk}, the first-order sums {@code Σ_n γ_nk x_n} and the second-order
 * sums {@code Σ_n γ_nk x_n²} (element-wise), plus the total log-likelihood and the frame count, all
 * in double precision. Statistics of disjoint sets of frames {@link #add merge} into those of their
 * union, which is what parallel and distributed training rest on; {@link GmmUpdater} turns them
 * into the next model.
 *
 * <p>Mutable accumulator; not thread-safe (give each thread its own and merge).
 */
public final class GmmStatistics {
    private final int numComponents;
    private final int dimension;
    final double[] occupancy;   // [k]
    final double[] first;       // [d * K + k]
    final double[] second;      // [d * K + k]
    double totalLogLikelihood;
    long frameCount;

    /** Empty statistics for K components of D dimensions. */
    public GmmStatistics(int numComponents, int dimension) {
        if (numComponents < 1 || dimension < 1) {
            throw new IllegalArgumentException("need at least one component and one dimension, got "
                    + numComponents + " x " + dimension);
        }
        long size = (long) numComponents * dimension;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(numComponents + " x " + dimension + " statistics are too large");
        }
        this.numComponents = numComponents;
        this.dimension = dimension;
        this.occupancy = new double[numComponents];
        this.first = new double[(int) size];
        this.second = new double[(int) size];
    }

    /** Number of components K. */
    public int numComponents() {
        return numComponents;
    }

    /** Number of dimensions D. */
    public int dimension() {
        return dimension;
    }

    /** Number of frames accumulated. */
    public long frameCount() {
        return frameCount;
    }

    /** Total log-likelihood (natural log) of the accumulated frames under the models used. */
    public double totalLogLikelihood() {
        return totalLogLikelihood;
    }

    /** Occupancy {@code Σ_n γ_nk} of each component (in frames). */
    public double[] occupancy() {
        return occupancy.clone();
    }

    /** First-order sums {@code Σ_n γ_nk x_nd}, K × D. */
    public double[][] firstOrder() {
        return unpack(first);
    }

    /** Second-order sums {@code Σ_n γ_nk x_nd²}, K × D. */
    public double[][] secondOrder() {
        return unpack(second);
    }

    private double[][] unpack(double[] flat) {
        double[][] out = new double[numComponents][dimension];
        for (int j = 0; j < dimension; j++) {
            for (int c = 0; c < numComponents; c++) {
                out[c][j] = flat[j * numComponents + c];
            }
        }
        return out;
    }

    /**
     * E-step over frames {@code [firstRow, firstRow + count)} of {@code data} under {@code model}:
     * adds each frame's posteriors γ (double precision) to the statistics.
     *
     * @return the total log-likelihood of those frames
     * @throws IllegalArgumentException if the model's shape differs from these statistics' or the
     *                                  frames' dimension
     */
    public double accumulate(FeatureMatrix data, int firstRow, int count, DiagonalGmm model) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        if (model.numComponents() != numComponents || model.dimension() != dimension) {
            throw new IllegalArgumentException("model has " + model.numComponents() + " x " + model.dimension()
                    + ", statistics are " + numComponents + " x " + dimension);
        }
        if (data.cols() != dimension) {
            throw new IllegalArgumentException("frames have " + data.cols() + " dimensions, statistics have "
                    + dimension);
        }
        Objects.checkFromIndexSize(firstRow, count, data.rows());
        GmmScorer scorer = new GmmScorer(model);
        double[][] columns = new double[dimension][GmmScorer.BLOCK];
        double total = 0;
        for (int done = 0; done < count; done += GmmScorer.BLOCK) {
            int n = Math.min(GmmScorer.BLOCK, count - done);
            total += scorer.score(data, firstRow + done, n, true);
            addBlock(scorer.posteriors(), scorer.loadedRows(), n, columns);
        }
        totalLogLikelihood += total;
        frameCount += count;
        return total;
    }

    /**
     * Adds the sums of one block of n frames ({@code rows}, row-major) with posteriors {@code post[k][i]}:
     * the frames are turned into columns first, so that every sum runs over contiguous frames of one
     * component and one dimension, and each statistic is written once per block.
     */
    private void addBlock(double[][] post, float[] rows, int n, double[][] columns) {
        int k = numComponents;
        int d = dimension;
        for (int i = 0; i < n; i++) {
            for (int j = 0, o = i * d; j < d; j++, o++) {
                columns[j][i] = rows[o];
            }
        }
        for (int c = 0; c < k; c++) {
            double[] g = post[c];
            double occ = 0;
            for (int i = 0; i < n; i++) {
                occ += g[i];
            }
            occupancy[c] += occ;
        }
        for (int j = 0; j < d; j++) {
            double[] x = columns[j];
            int o = j * k;
            for (int c = 0; c < k; c++) {
                double[] g = post[c];
                double s1 = 0;
                double s2 = 0;
                for (int i = 0; i < n; i++) {
                    double gx = g[i] * x[i];
                    s1 += gx;
                    s2 += gx * x[i];
                }
                first[o + c] += s1;
                second[o + c] += s2;
            }
        }
    }

    /**
     * Adds the statistics of one frame with given posteriors (Kaldi's AccumulateFromPosteriors).
     *
     * @param frame      D values
     * @param posteriors K non-negative posteriors of the components for this frame
     */
    public void accumulate(float[] frame, double[] posteriors) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(posteriors, "posteriors");
        if (frame.length != dimension || posteriors.length != numComponents) {
            throw new IllegalArgumentException("frame of " + frame.length + " values with " + posteriors.length
                    + " posteriors, statistics are " + numComponents + " x " + dimension);
        }
        for (int c = 0; c < numComponents; c++) {
            double g = posteriors[c];
            if (!(g >= 0) || !Double.isFinite(g)) {
                throw new IllegalArgumentException("posterior of component " + c + " is " + g);
            }
            occupancy[c] += g;
            for (int j = 0; j < dimension; j++) {
                double v = frame[j];
                first[j * numComponents + c] += g * v;
                second[j * numComponents + c] += g * v * v;
            }
        }
        frameCount++;
    }

    /** Adds {@code other}'s statistics to these (the merge of Kaldi's AccumDiagGmm::Add). */
    public void add(GmmStatistics other) {
        Objects.requireNonNull(other, "other");
        if (other.numComponents != numComponents || other.dimension != dimension) {
            throw new IllegalArgumentException("cannot add " + other.numComponents + " x " + other.dimension
                    + " statistics to " + numComponents + " x " + dimension);
        }
        addArrays(occupancy, other.occupancy);
        addArrays(first, other.first);
        addArrays(second, other.second);
        totalLogLikelihood += other.totalLogLikelihood;
        frameCount += other.frameCount;
    }

    private static void addArrays(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
    }

    /** An independent copy. */
    public GmmStatistics copy() {
        GmmStatistics s = new GmmStatistics(numComponents, dimension);
        s.add(this);
        return s;
    }

    /** Adds one block's float sums (component-minor rows: s1[d][k], s2[d][k]). */
    void addBlock(float[] s0, float[][] s1, float[][] s2) {
        int k = numComponents;
        for (int c = 0; c < k; c++) {
            occupancy[c] += s0[c];
        }
        for (int j = 0; j < dimension; j++) {
            float[] a = s1[j];
            float[] b = s2[j];
            int o = j * k;
            for (int c = 0; c < k; c++) {
                first[o + c] += a[c];
                second[o + c] += b[c];
            }
        }
    }

    @Override
    public String toString() {
        return "GmmStatistics[" + numComponents + " x " + dimension + ", " + frameCount + " frames]";
    }
}
