package org.cepstra.features;

import java.util.Arrays;
import java.util.Objects;
import org.cepstra.matrix.FeatureMatrix;

/**
 * An affine projection of every frame, {@code y = A·x + b}, estimated from training data (linear
 * discriminant analysis: {@link LdaEstimator}) and stored with the models it was estimated for. Immutable. Kaldi writes
 * the same thing as one matrix {@code [A | b]} ({@code transform-feats}); {@link #asAffineMatrix()} gives it.
 *
 * <p>Made from {@code outputDims} and {@code inputDims} (≥ 1), {@code A} (row-major,
 * {@code outputDims × inputDims}, finite) and {@code b} ({@code outputDims} finite values).
 */
public final class FeatureTransform {
    private final int outputDims;
    private final int inputDims;
    private final double[] matrix;
    private final double[] offset;
    /**
     * Frames projected together: four output dimensions of a block of frames are a run of vectorised axpys that
     * read each input dimension's values once for the four.
     */
    private static final int BLOCK = 256;
    /**
     * Fewer frames than this are projected frame by frame (a run of axpys over the output dimensions per input
     * dimension): a phone segment of 5 to 10 frames is projected 4 to 8 times faster so than by blocks, a
     * whole recording 1.7 times slower (measured, 117 → 40 dimensions).
     */
    private static final int BLOCK_FROM = 48;
    /** {@code A} column by column ({@code columns[i]} = column i of A), for the frame-by-frame form. */
    private final double[][] columns;

    /** Validates the shapes and values and copies the arrays. */
    public FeatureTransform(int outputDims, int inputDims, double[] matrix, double[] offset) {
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(offset, "offset");
        if (outputDims < 1 || inputDims < 1) {
            throw new IllegalArgumentException("a feature transform needs at least one row and one column, got "
                    + outputDims + " x " + inputDims);
        }
        if (matrix.length != (long) outputDims * inputDims || offset.length != outputDims) {
            throw new IllegalArgumentException("a " + outputDims + " x " + inputDims + " feature transform needs "
                    + (long) outputDims * inputDims + " matrix values and " + outputDims + " offsets, got "
                    + matrix.length + " and " + offset.length);
        }
        this.outputDims = outputDims;
        this.inputDims = inputDims;
        this.matrix = matrix.clone();
        this.offset = offset.clone();
        for (double v : matrix) {
            requireFinite(v);
        }
        for (double v : offset) {
            requireFinite(v);
        }
        this.columns = new double[inputDims][outputDims];
        for (int r = 0; r < outputDims; r++) {
            for (int i = 0; i < inputDims; i++) {
                columns[i][r] = matrix[r * inputDims + i];
            }
        }
    }

    /** Rows of {@code A}: dimensions of the projected frames. */
    public int outputDims() {
        return outputDims;
    }

    /** Columns of {@code A}: dimensions of the frames projected. */
    public int inputDims() {
        return inputDims;
    }

    private static void requireFinite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a feature transform holds a value that is not finite: " + v);
        }
    }

    /**
     * The transform of Kaldi's affine matrix {@code [A | b]}: {@code rows × (inputDims + 1)} values,
     * row-major, the offset in the last column.
     */
    public static FeatureTransform fromAffineMatrix(int rows, int cols, double[] values) {
        if (rows < 1 || cols < 2 || values.length != (long) rows * cols) {
            throw new IllegalArgumentException("an affine feature transform is rows x (input dimensions + 1) "
                    + "with at least one row and two columns, got " + rows + " x " + cols + " and "
                    + values.length + " values");
        }
        double[] a = new double[rows * (cols - 1)];
        double[] b = new double[rows];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * cols, a, r * (cols - 1), cols - 1);
            b[r] = values[r * cols + cols - 1];
        }
        return new FeatureTransform(rows, cols - 1, a, b);
    }

    /** Kaldi's affine matrix {@code [A | b]}, row-major, {@code outputDims × (inputDims + 1)}. */
    public double[] asAffineMatrix() {
        int cols = inputDims + 1;
        double[] out = new double[outputDims * cols];
        for (int r = 0; r < outputDims; r++) {
            System.arraycopy(matrix, r * inputDims, out, r * cols, inputDims);
            out[r * cols + inputDims] = offset[r];
        }
        return out;
    }

    /** {@code A}, row-major (a copy). */
    public double[] matrix() {
        return matrix.clone();
    }

    /** {@code b} (a copy). */
    public double[] offset() {
        return offset.clone();
    }

    /**
     * Every row of {@code frames} projected: {@code frames.rows() × outputDims}, computed in double and
     * stored as float. Each output value is {@code b_r + A_r0·x_0 + A_r1·x_1 + …} added up in that order, the same
     * bit for bit whichever way it is computed: frame by frame for a few frames, else a block of frames at a time,
     * dimension by dimension, so that the loops run over frames.
     *
     * @throws IllegalArgumentException if the frames do not have {@code inputDims} columns
     */
    public FeatureMatrix apply(FeatureMatrix frames) {
        if (frames.cols() != inputDims) {
            throw new IllegalArgumentException("the feature transform takes " + inputDims + "-dimensional frames, got "
                    + frames.cols());
        }
        int rows = frames.rows();
        float[] out = new float[Math.multiplyExact(rows, outputDims)];
        if (rows < BLOCK_FROM) {
            double[] y = new double[outputDims];
            float[] in = new float[inputDims];
            for (int t = 0; t < rows; t++) {
                System.arraycopy(offset, 0, y, 0, outputDims);
                frames.copyRows(t, 1, in, 0);
                for (int i = 0; i < inputDims; i++) {
                    axpy(y, columns[i], in[i], outputDims);
                }
                for (int r = 0; r < outputDims; r++) {
                    out[t * outputDims + r] = (float) y[r];
                }
            }
            return FeatureMatrix.wrap(rows, outputDims, out);
        }
        // a block of frames at a time, read from the frames' own storage (spliced frames are views) and transposed
        int block = Math.min(BLOCK, rows);
        float[] in = new float[block * inputDims];
        double[][] x = new double[inputDims][block];
        double[][] y = new double[4][block];
        for (int first = 0; first < rows; first += BLOCK) {
            int n = Math.min(BLOCK, rows - first);
            frames.copyRows(first, n, in, 0);
            for (int t = 0; t < n; t++) {
                int base = t * inputDims;
                for (int i = 0; i < inputDims; i++) {
                    x[i][t] = in[base + i];
                }
            }
            // four output dimensions at a time, so that each transposed input row is read once for four
            int r = 0;
            for (; r + 4 <= outputDims; r += 4) {
                double[] y0 = y[0];
                double[] y1 = y[1];
                double[] y2 = y[2];
                double[] y3 = y[3];
                java.util.Arrays.fill(y0, 0, n, offset[r]);
                java.util.Arrays.fill(y1, 0, n, offset[r + 1]);
                java.util.Arrays.fill(y2, 0, n, offset[r + 2]);
                java.util.Arrays.fill(y3, 0, n, offset[r + 3]);
                int row = r * inputDims;
                for (int i = 0; i < inputDims; i++) {
                    axpy4(y0, y1, y2, y3, x[i], matrix[row + i], matrix[row + inputDims + i],
                            matrix[row + 2 * inputDims + i], matrix[row + 3 * inputDims + i], n);
                }
                for (int k = 0; k < 4; k++) {
                    double[] yk = y[k];
                    for (int t = 0; t < n; t++) {
                        out[(first + t) * outputDims + r + k] = (float) yk[t];
                    }
                }
            }
            for (; r < outputDims; r++) {
                double[] y0 = y[0];
                java.util.Arrays.fill(y0, 0, n, offset[r]);
                int row = r * inputDims;
                for (int i = 0; i < inputDims; i++) {
                    axpy(y0, x[i], matrix[row + i], n);
                }
                for (int t = 0; t < n; t++) {
                    out[(first + t) * outputDims + r] = (float) y0[t];
                }
            }
        }
        return FeatureMatrix.wrap(rows, outputDims, out);
    }

    /** {@code yk[t] += x[t]·ak} for k = 0..3 and t &lt; n. */
    private static void axpy4(double[] y0, double[] y1, double[] y2, double[] y3, double[] x,
                              double a0, double a1, double a2, double a3, int n) {
        for (int t = 0; t < n; t++) {
            double v = x[t];
            y0[t] += v * a0;
            y1[t] += v * a1;
            y2[t] += v * a2;
            y3[t] += v * a3;
        }
    }

    /** {@code y[t] += x[t]·a} for t &lt; n (for the frame-by-frame form: {@code y[r] += A[r][i]·x_i}). */
    private static void axpy(double[] y, double[] x, double a, int n) {
        for (int t = 0; t < n; t++) {
            y[t] += x[t] * a;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureTransform t && t.outputDims == outputDims && t.inputDims == inputDims
                && Arrays.equals(t.matrix, matrix) && Arrays.equals(t.offset, offset);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * outputDims + inputDims) + Arrays.hashCode(matrix) + 7 * Arrays.hashCode(offset);
    }

    @Override
    public String toString() {
        return "FeatureTransform[" + outputDims + " x " + inputDims + "]";
    }
}
