package org.cepstra.matrix;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable matrix of feature frames: {@code rows} frames, each of {@code cols} dimensions,
 * stored as floats in row-major order. MFCC frames, GMM training data and any other frame-level
 * data move through the toolkit in this form.
 *
 * <p>Frame r is stored at {@code data[offset + r·stride ...]}: one after the other (stride = cols), or,
 * for {@link #slidingRows spliced frames}, overlapping, so that the frames spliced from a recording hold
 * its cepstra once instead of once per frame of context; and {@link #rowView views} of some frames share
 * the storage of the whole. Every method gives the same values whatever the storage.
 */
public final class FeatureMatrix {
    private final int rows;
    private final int cols;
    private final float[] data;
    private final int offset;
    private final int stride;

    private FeatureMatrix(int rows, int cols, float[] data) {
        this(rows, cols, data, 0, cols);
    }

    private FeatureMatrix(int rows, int cols, float[] data, int offset, int stride) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.offset = offset;
        this.stride = stride;
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

    /**
     * Takes ownership of {@code data} as {@code rows} frames of {@code cols} values, frame r being
     * {@code data[r·stride, r·stride + cols)}: with {@code stride < cols} consecutive frames overlap. Splicing
     * ±c frames of d dimensions is such a matrix (cols = d·(2c + 1), stride = d) over the frames with the
     * first and last repeated c times at the ends.
     *
     * @throws IllegalArgumentException if a size is negative, the stride is not positive while there are
     *                                  several rows of values, the frames run past the end of {@code data}, or
     *                                  they hold more values than an array can (so that any copy of them fits)
     */
    public static FeatureMatrix slidingRows(float[] data, int rows, int cols, int stride) {
        Objects.requireNonNull(data, "data");
        if (rows < 0 || cols < 0 || stride < 0 || (rows > 1 && cols > 0 && stride == 0)) {
            throw new IllegalArgumentException("negative shape or stride: " + rows + " x " + cols + ", stride "
                    + stride);
        }
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(rows + " frames of " + cols + " values are more than a matrix holds ("
                    + (Integer.MAX_VALUE - 8) + " values)");
        }
        long needed = rows == 0 ? 0 : (long) (rows - 1) * stride + cols;
        if (needed > data.length) {
            throw new IllegalArgumentException(rows + " frames of " + cols + " values every " + stride + " need "
                    + needed + " values, got " + data.length);
        }
        return new FeatureMatrix(rows, cols, data, 0, rows > 1 ? stride : cols);
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
            total += (long) part.rows * cols;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("stacked matrix too large: " + total + " values");
        }
        float[] data = new float[(int) total];
        int offset = 0;
        for (FeatureMatrix part : parts) {
            part.copyRows(0, part.rows, data, offset);
            offset += part.rows * cols;
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
        return data[offset + row * stride + col];
    }

    /** A copy of frame {@code row}. */
    public float[] row(int row) {
        Objects.checkIndex(row, rows);
        int at = offset + row * stride;
        return Arrays.copyOfRange(data, at, at + cols);
    }

    /**
     * Copies {@code count} consecutive frames starting at {@code firstRow} into {@code dest}
     * (row-major, starting at {@code destOffset}). The fast path for blocked hot loops.
     */
    public void copyRows(int firstRow, int count, float[] dest, int destOffset) {
        Objects.checkFromIndexSize(firstRow, count, rows);
        if (stride == cols) {
            System.arraycopy(data, offset + firstRow * cols, dest, destOffset, count * cols);
            return;
        }
        Objects.checkFromIndexSize(destOffset, count * cols, dest.length);
        for (int r = 0; r < count; r++) {
            System.arraycopy(data, offset + (firstRow + r) * stride, dest, destOffset + r * cols, cols);
        }
    }

    /** A new matrix holding frames {@code [fromRow, toRow)}. */
    public FeatureMatrix rowRange(int fromRow, int toRow) {
        Objects.checkFromToIndex(fromRow, toRow, rows);
        float[] out = new float[(toRow - fromRow) * cols];
        copyRows(fromRow, toRow - fromRow, out, 0);
        return new FeatureMatrix(toRow - fromRow, cols, out);
    }

    /**
     * Frames {@code [fromRow, toRow)} without copying them: the view shares this matrix's storage, which
     * stays in memory as long as the view does (the segments of a recording, for one, share its frames).
     */
    public FeatureMatrix rowView(int fromRow, int toRow) {
        Objects.checkFromToIndex(fromRow, toRow, rows);
        return fromRow == 0 && toRow == rows ? this
                : new FeatureMatrix(toRow - fromRow, cols, data, offset + fromRow * stride, stride);
    }

    /** A copy of all values, row-major. */
    public float[] toArray() {
        float[] out = new float[rows * cols];
        copyRows(0, rows, out, 0);
        return out;
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
        return !any(NOT_FINITE);
    }

    /** Whether any value is −0 (bits 0x80000000), which some transforms must keep apart from +0. */
    public boolean containsNegativeZero() {
        return any(NEGATIVE_ZERO);
    }

    /** What {@link #any(int)} looks for (not a lambda: the launcher's class-data archive holds no lambda for it). */
    private static final int NOT_FINITE = 0;
    private static final int NEGATIVE_ZERO = 1;

    /** Whether any value is of the {@code kind} asked for. */
    private boolean any(int kind) {
        // frames that overlap or follow one another cover one run of the storage, checked in one pass
        int from = offset;
        int to = rows == 0 ? offset : offset + (rows - 1) * stride + cols;
        if (stride <= cols) {
            return any(data, from, to, kind);
        }
        for (int r = 0; r < rows; r++) {
            int at = offset + r * stride;
            if (any(data, at, at + cols, kind)) {
                return true;
            }
        }
        return false;
    }

    private static boolean any(float[] a, int from, int to, int kind) {
        for (int i = from; i < to; i++) {
            float v = a[i];
            if (kind == NOT_FINITE ? !Float.isFinite(v) : Float.floatToRawIntBits(v) == 0x8000_0000) {
                return true;
            }
        }
        return false;
    }

    /** Same shape and the same values (compared as {@link Float#floatToIntBits}), whatever the storage. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FeatureMatrix m) || m.rows != rows || m.cols != cols) {
            return false;
        }
        for (int r = 0; r < rows; r++) {
            int a = offset + r * stride;
            int b = m.offset + r * m.stride;
            if (!Arrays.equals(data, a, a + cols, m.data, b, b + cols)) {
                return false;
            }
        }
        return true;
    }

    /** {@code 31·(31·rows + cols)} plus {@link Arrays#hashCode(float[])} of the values in row-major order. */
    @Override
    public int hashCode() {
        int h = 1;
        for (int r = 0; r < rows; r++) {
            int at = offset + r * stride;
            for (int c = 0; c < cols; c++) {
                h = 31 * h + Float.floatToIntBits(data[at + c]);
            }
        }
        return 31 * (31 * rows + cols) + h;
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + rows + " x " + cols + "]";
    }
}
