package org.cepstra.matrix;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable matrix of feature frames: {@code rows} frames, each of {@code cols} dimensions,
 * stored as floats in row-major order. MFCC frames, GMM training data and any other frame-level
 * data move through the toolkit in this form.
 */
public final class FeatureMatrix {
    private final int rows;
    private final int cols;
    private final float[] data;

    private FeatureMatrix(int rows, int cols, float[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * Wraps a copy of {@code data} (row-major, {@code rows * cols} values).
     *
     * @throws IllegalArgumentException if the sizes disagree or are negative
     */
    public static FeatureMatrix of(int rows, int cols, float[] data) {
        Objects.requireNonNull(data, "data");
        checkShape(rows, cols, data.length);
        return new FeatureMatrix(rows, cols, data.clone());
    }

    /**
     * Takes ownership of {@code data} without copying: the caller must not modify it afterwards.
     * For producers that build a fresh array and hand it over.
     */
    public static FeatureMatrix wrap(int rows, int cols, float[] data) {
        Objects.requireNonNull(data, "data");
        checkShape(rows, cols, data.length);
        return new FeatureMatrix(rows, cols, data);
    }

    /** Copies a rectangular array of frames; every row must have the same length. */
    public static FeatureMatrix of(float[][] frames) {
        Objects.requireNonNull(frames, "frames");
        int cols = frames.length == 0 ? 0 : frames[0].length;
        float[] data = new float[Math.multiplyExact(frames.length, cols)];
        for (int r = 0; r < frames.length; r++) {
            if (frames[r].length != cols) {
                throw new IllegalArgumentException(
                        "row " + r + " has " + frames[r].length + " values, row 0 has " + cols);
            }
            System.arraycopy(frames[r], 0, data, r * cols, cols);
        }
        return new FeatureMatrix(frames.length, cols, data);
    }

    /** Copies a rectangular array of doubles, rounding each value to float. */
    public static FeatureMatrix of(double[][] frames) {
        Objects.requireNonNull(frames, "frames");
        int cols = frames.length == 0 ? 0 : frames[0].length;
        float[] data = new float[Math.multiplyExact(frames.length, cols)];
        for (int r = 0; r < frames.length; r++) {
            if (frames[r].length != cols) {
                throw new IllegalArgumentException(
                        "row " + r + " has " + frames[r].length + " values, row 0 has " + cols);
            }
            for (int c = 0; c < cols; c++) {
                data[r * cols + c] = (float) frames[r][c];
            }
        }
        return new FeatureMatrix(frames.length, cols, data);
    }

    /** An empty matrix with zero frames of {@code cols} dimensions. */
    public static FeatureMatrix empty(int cols) {
        checkShape(0, cols, 0);
        return new FeatureMatrix(0, cols, new float[0]);
    }

    /**
     * Stacks matrices with the same number of columns, one after the other.
     *
     * @throws IllegalArgumentException if the column counts differ or the list is empty
     */
    public static FeatureMatrix stack(List<FeatureMatrix> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to stack");
        }
        int cols = parts.get(0).cols;
        long total = 0;
        for (FeatureMatrix part : parts) {
            if (part.cols != cols) {
                throw new IllegalArgumentException(
                        "cannot stack a matrix of " + part.cols + " columns onto " + cols + " columns");
            }
            total += part.data.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("stacked matrix too large: " + total + " values");
        }
        float[] data = new float[(int) total];
        int offset = 0;
        for (FeatureMatrix part : parts) {
            System.arraycopy(part.data, 0, data, offset, part.data.length);
            offset += part.data.length;
        }
        return new FeatureMatrix((int) (total / Math.max(cols, 1)), cols, data);
    }

    private static void checkShape(int rows, int cols, int length) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
        }
        if ((long) rows * cols != length) {
            throw new IllegalArgumentException(
                    "shape " + rows + " x " + cols + " needs " + ((long) rows * cols) + " values, got " + length);
        }
    }

    /** Number of frames. */
    public int rows() {
        return rows;
    }

    /** Number of dimensions per frame. */
    public int cols() {
        return cols;
    }

    /** The value of dimension {@code col} in frame {@code row}. */
    public float get(int row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        return data[row * cols + col];
    }

    /** A copy of frame {@code row}. */
    public float[] row(int row) {
        Objects.checkIndex(row, rows);
        return Arrays.copyOfRange(data, row * cols, (row + 1) * cols);
    }

    /**
     * Copies {@code count} consecutive frames starting at {@code firstRow} into {@code dest}
     * (row-major, starting at {@code destOffset}). The fast path for blocked hot loops.
     */
    public void copyRows(int firstRow, int count, float[] dest, int destOffset) {
        Objects.checkFromIndexSize(firstRow, count, rows);
        System.arraycopy(data, firstRow * cols, dest, destOffset, count * cols);
    }

    /** A new matrix holding frames {@code [fromRow, toRow)}. */
    public FeatureMatrix rowRange(int fromRow, int toRow) {
        Objects.checkFromToIndex(fromRow, toRow, rows);
        return new FeatureMatrix(toRow - fromRow, cols,
                Arrays.copyOfRange(data, fromRow * cols, toRow * cols));
    }

    /** A copy of all values, row-major. */
    public float[] toArray() {
        return data.clone();
    }

    /** A copy as a rectangular array of frames. */
    public float[][] toRows() {
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = row(r);
        }
        return out;
    }

    /** True if every value is finite (no NaN, no infinity). */
    public boolean isFinite() {
        for (float v : data) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + rows + " x " + cols + "]";
    }
}
