package org.cepstra.features;

import java.util.Arrays;
import org.cepstra.matrix.FeatureMatrix;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Estimates a linear discriminant analysis (LDA) projection from frames with class labels, as Kaldi's
 * {@code acc-lda} + {@code est-lda}: the directions {@code a} that maximise the between-class variance
 * {@code aᵀBa} over the within-class variance {@code aᵀWa}, i.e. the leading generalised eigenvectors of
 * {@code B a = λ W a}, scaled so that the projected within-class covariance is the identity; the projected
 * between-class covariance is then diagonal, the eigenvalues {@code λ} in decreasing order. The offset
 * removes the global mean, so the projected frames have mean 0.
 *
 * <p>{@code W} is the pooled within-class covariance and {@code B = Σ_c (n_c / N)(μ_c − μ)(μ_c − μ)ᵀ}, both
 * from double-precision sums (second moments about the first frame added, to keep the sums small). A
 * direction in which the frames do not vary (spliced frames with deltas are linear combinations of one
 * another) has no between-class variance either; {@code W}'s eigenvalues are floored at {@value #RELATIVE_FLOOR}
 * of the largest so that such directions stay finite, and they come last. With {@code C} classes, at most
 * {@code C − 1} eigenvalues are above 0.
 *
 * <p>Not thread-safe: one estimator accumulates on one thread (or use {@link #add(LdaEstimator)}).
 */
public final class LdaEstimator {
    /** Eigenvalues of the within-class covariance are floored at this fraction of the largest. */
    public static final double RELATIVE_FLOOR = 1e-8;

    private static final int BLOCK = 256;

    private final int dims;
    private final long[] counts;
    private final double[][] sums;
    /**
     * Σ (x − shift)(x − shift)ᵀ, lower triangle by rows: entry (i, j ≤ i) at {@code scatter[i][j]}. Rows (and the
     * block's frames) are arrays of their own so that the update loops index from 0, which the JIT vectorises.
     */
    private final double[][] scatter;
    private double[] shift;
    /** Frames waiting for the next update, {@code block[t]} = frame t − shift. */
    private final double[][] block;
    private int blockRows;

    /**
     * An empty accumulator of {@code dims}-dimensional frames in {@code classes} classes.
     *
     * @throws IllegalArgumentException if either is below 1
     */
    public LdaEstimator(int dims, int classes) {
        if (dims < 1 || classes < 1) {
            throw new IllegalArgumentException("LDA needs at least one dimension and one class, got " + dims
                    + " dimensions and " + classes + " classes");
        }
        this.dims = dims;
        this.counts = new long[classes];
        this.sums = new double[classes][dims];
        this.scatter = new double[dims][];
        for (int i = 0; i < dims; i++) {
            scatter[i] = new double[i + 1];
        }
        this.block = new double[BLOCK][dims];
    }

    /** Dimensions of the frames. */
    public int dims() {
        return dims;
    }

    /** Number of classes. */
    public int classes() {
        return counts.length;
    }

    /**
     * Adds rows {@code from} (inclusive) to {@code to} (exclusive) of {@code frames}, all of class {@code c}.
     *
     * @throws IllegalArgumentException if the frames have another dimension or the class is out of range
     */
    public void add(int c, FeatureMatrix frames, int from, int to) {
        if (frames.cols() != dims) {
            throw new IllegalArgumentException("LDA of " + dims + "-dimensional frames, got " + frames.cols());
        }
        if (c < 0 || c >= counts.length) {
            throw new IllegalArgumentException("class " + c + " is not in [0, " + counts.length + ")");
        }
        if (from < 0 || to > frames.rows() || from > to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") of " + frames.rows());
        }
        if (from == to) {
            return;
        }
        if (shift == null) {
            shift = new double[dims];
            for (int i = 0; i < dims; i++) {
                shift[i] = frames.get(from, i);
            }
        }
        float[] row = new float[dims];
        double[] sum = sums[c];
        for (int t = from; t < to; t++) {
            frames.copyRows(t, 1, row, 0);
            double[] b = block[blockRows];
            for (int i = 0; i < dims; i++) {
                double v = row[i] - shift[i];
                b[i] = v;
                sum[i] += v;
            }
            counts[c]++;
            if (++blockRows == BLOCK) {
                flush();
            }
        }
    }

    /** Adds every row of {@code frames} to class {@code c}. */
    public void add(int c, FeatureMatrix frames) {
        add(c, frames, 0, frames.rows());
    }

    /**
     * Adds the statistics of {@code other} (same dimensions and classes) to this one.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public void add(LdaEstimator other) {
        if (other.dims != dims || other.counts.length != counts.length) {
            throw new IllegalArgumentException("LDA statistics of another shape");
        }
        other.flush();
        if (other.shift == null) {
            return;
        }
        flush();
        if (shift == null) {
            shift = other.shift.clone();
        }
        // other's sums are about other.shift: moments about this shift follow with delta = other.shift - shift
        double[] delta = new double[dims];
        for (int i = 0; i < dims; i++) {
            delta[i] = other.shift[i] - shift[i];
        }
        double[] otherTotal = new double[dims];
        long n = 0;
        for (int c = 0; c < counts.length; c++) {
            n += other.counts[c];
            counts[c] += other.counts[c];
            for (int i = 0; i < dims; i++) {
                otherTotal[i] += other.sums[c][i];
                sums[c][i] += other.sums[c][i] + other.counts[c] * delta[i];
            }
        }
        for (int i = 0; i < dims; i++) {
            for (int j = 0; j <= i; j++) {
                scatter[i][j] += other.scatter[i][j] + delta[i] * otherTotal[j]
                        + otherTotal[i] * delta[j] + n * delta[i] * delta[j];
            }
        }
    }

    private void flush() {
        if (blockRows == 0) {
            return;
        }
        // rank-four updates of the lower triangle, row by row: each inner loop reads four frames and one row once
        int t = 0;
        for (; t + 4 <= blockRows; t += 4) {
            double[] b0 = block[t];
            double[] b1 = block[t + 1];
            double[] b2 = block[t + 2];
            double[] b3 = block[t + 3];
            for (int i = 0; i < dims; i++) {
                rank4(scatter[i], b0, b1, b2, b3, b0[i], b1[i], b2[i], b3[i], i + 1);
            }
        }
        for (; t < blockRows; t++) {
            double[] b = block[t];
            for (int i = 0; i < dims; i++) {
                rank1(scatter[i], b, b[i], i + 1);
            }
        }
        blockRows = 0;
    }

    /** {@code s[j] += x0·b0[j] + x1·b1[j] + x2·b2[j] + x3·b3[j]} for j &lt; n. */
    private static void rank4(double[] s, double[] b0, double[] b1, double[] b2, double[] b3,
                              double x0, double x1, double x2, double x3, int n) {
        for (int j = 0; j < n; j++) {
            s[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
        }
    }

    /** {@code s[j] += x·b[j]} for j &lt; n. */
    private static void rank1(double[] s, double[] b, double x, int n) {
        for (int j = 0; j < n; j++) {
            s[j] += x * b[j];
        }
    }

    /** Frames added. */
    public long count() {
        return Arrays.stream(counts).sum();
    }

    /**
     * The projection to {@code outputDims} dimensions.
     *
     * @throws IllegalArgumentException if {@code outputDims} is not in [1, dims], or fewer than two classes
     *                                  have frames
     */
    public Result estimate(int outputDims) {
        if (outputDims < 1 || outputDims > dims) {
            throw new IllegalArgumentException("LDA can project " + dims + "-dimensional frames to 1 to " + dims
                    + " dimensions, not " + outputDims);
        }
        flush();
        int used = 0;
        long n = 0;
        for (long c : counts) {
            used += c > 0 ? 1 : 0;
            n += c;
        }
        if (used < 2) {
            throw new IllegalArgumentException("LDA needs frames of at least two classes, got " + used);
        }
        double[] mean = new double[dims];
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < dims; i++) {
                mean[i] += sums[c][i];
            }
        }
        for (int i = 0; i < dims; i++) {
            mean[i] /= n;
        }
        DMatrixRMaj total = new DMatrixRMaj(dims, dims);
        DMatrixRMaj between = new DMatrixRMaj(dims, dims);
        for (int i = 0; i < dims; i++) {
            for (int j = 0; j < dims; j++) {
                double sij = i >= j ? scatter[i][j] : scatter[j][i];
                total.set(i, j, sij / n - mean[i] * mean[j]);
            }
        }
        double[] d = new double[dims];
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                continue;
            }
            double w = (double) counts[c] / n;
            for (int i = 0; i < dims; i++) {
                d[i] = sums[c][i] / counts[c] - mean[i];
            }
            for (int i = 0; i < dims; i++) {
                for (int j = 0; j < dims; j++) {
                    between.add(i, j, w * d[i] * d[j]);
                }
            }
        }
        DMatrixRMaj within = new DMatrixRMaj(dims, dims);
        CommonOps_DDRM.subtract(total, between, within);
        symmetrise(within);
        symmetrise(between);

        // whitening of W: P = Λ^(-1/2) Vᵀ with W = V Λ Vᵀ, eigenvalues floored
        Eigen w = eigen(within);
        double floor = Math.max(w.values[0], 0) * RELATIVE_FLOOR;
        if (!(floor > 0)) {
            throw new IllegalArgumentException("the frames do not vary within their classes: LDA is undefined");
        }
        DMatrixRMaj p = new DMatrixRMaj(dims, dims);
        for (int r = 0; r < dims; r++) {
            double s = 1 / Math.sqrt(Math.max(w.values[r], floor));
            for (int i = 0; i < dims; i++) {
                p.set(r, i, s * w.vectors.get(i, r));
            }
        }
        DMatrixRMaj tmp = new DMatrixRMaj(dims, dims);
        DMatrixRMaj projected = new DMatrixRMaj(dims, dims);
        CommonOps_DDRM.mult(p, between, tmp);
        CommonOps_DDRM.multTransB(tmp, p, projected);
        symmetrise(projected);
        Eigen b = eigen(projected);
        double[] a = new double[outputDims * dims];
        double[] offset = new double[outputDims];
        double[] origin = new double[dims];
        for (int i = 0; i < dims; i++) {
            origin[i] = mean[i] + shift[i];
        }
        for (int r = 0; r < outputDims; r++) {
            double o = 0;
            for (int i = 0; i < dims; i++) {
                double v = 0;
                for (int k = 0; k < dims; k++) {
                    v += b.vectors.get(k, r) * p.get(k, i);
                }
                a[r * dims + i] = v;
                o -= v * origin[i];
            }
            offset[r] = o;
        }
        double[] eigenvalues = Arrays.copyOf(b.values, dims);
        return new Result(new FeatureTransform(outputDims, dims, a, offset), eigenvalues, n, used);
    }

    /**
     * An estimated projection and what it was estimated from.
     *
     * @param transform   the projection
     * @param eigenvalues every generalised eigenvalue (between-class variance of each direction, the
     *                    within-class variance being 1), largest first; the first {@code outputDims} were kept
     * @param frames      frames the statistics hold
     * @param classes     classes that had frames
     */
    public record Result(FeatureTransform transform, double[] eigenvalues, long frames, int classes) {
        /** The eigenvalues (a copy). */
        @Override
        public double[] eigenvalues() {
            return eigenvalues.clone();
        }
    }

    private static void symmetrise(DMatrixRMaj m) {
        int n = m.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, v);
                m.set(j, i, v);
            }
        }
    }

    /** Eigenvalues in decreasing order and the eigenvectors as the columns of {@code vectors}, in that order. */
    private record Eigen(double[] values, DMatrixRMaj vectors) {
    }

    private static Eigen eigen(DMatrixRMaj symmetric) {
        int n = symmetric.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(symmetric.copy())) {
            throw new IllegalArgumentException("the LDA eigen-decomposition did not converge");
        }
        Integer[] order = new Integer[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            values[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[] sorted = new double[n];
        DMatrixRMaj vectors = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            sorted[k] = values[order[k]];
            DMatrixRMaj v = eig.getEigenVector(order[k]);
            for (int i = 0; i < n; i++) {
                vectors.set(i, k, v.get(i, 0));
            }
        }
        return new Eigen(sorted, vectors);
    }
}
