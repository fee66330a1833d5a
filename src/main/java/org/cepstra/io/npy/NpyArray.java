package org.cepstra.io.npy;

import java.util.Arrays;
import java.util.Objects;
import org.cepstra.matrix.FeatureMatrix;

/**
 * An n-dimensional numeric array as stored in a NumPy .npy file: its shape, its element type and its
 * values in C (row-major) order. Immutable: factories and accessors copy. Holds exactly one typed
 * payload ({@code float[]}, {@code double[]}, {@code int[]} or {@code long[]}) matching {@link #dtype()}.
 */
public final class NpyArray {
    private final long[] shape;
    private final NpyDtype dtype;
    private final Object data;
    private final int size;

    private NpyArray(long[] shape, NpyDtype dtype, Object data, int length) {
        this.shape = shape.clone();
        this.dtype = dtype;
        this.data = data;
        long n = elementCount(this.shape);
        if (n != length) {
            throw new IllegalArgumentException("shape " + shapeString(this.shape) + " holds " + n
                    + " elements, data has " + length);
        }
        this.size = length;
    }

    /** A float32 array of the given shape; copies {@code data}. */
    public static NpyArray ofFloat32(long[] shape, float[] data) {
        return new NpyArray(shape, NpyDtype.FLOAT32, data.clone(), data.length);
    }

    /** A float64 array of the given shape; copies {@code data}. */
    public static NpyArray ofFloat64(long[] shape, double[] data) {
        return new NpyArray(shape, NpyDtype.FLOAT64, data.clone(), data.length);
    }

    /** An int32 array of the given shape; copies {@code data}. */
    public static NpyArray ofInt32(long[] shape, int[] data) {
        return new NpyArray(shape, NpyDtype.INT32, data.clone(), data.length);
    }

    /** An int64 array of the given shape; copies {@code data}. */
    public static NpyArray ofInt64(long[] shape, long[] data) {
        return new NpyArray(shape, NpyDtype.INT64, data.clone(), data.length);
    }

    /** A frames × dims float32 array holding the matrix. */
    public static NpyArray of(FeatureMatrix matrix) {
        return new NpyArray(new long[] {matrix.rows(), matrix.cols()}, NpyDtype.FLOAT32, matrix.toArray(),
                matrix.rows() * matrix.cols());
    }

    /** Takes ownership of a payload array of the dtype's Java type (no copy). */
    static NpyArray wrap(long[] shape, NpyDtype dtype, Object data) {
        int length = switch (dtype) {
            case FLOAT32 -> ((float[]) data).length;
            case FLOAT64 -> ((double[]) data).length;
            case INT32 -> ((int[]) data).length;
            case INT64 -> ((long[]) data).length;
        };
        return new NpyArray(shape, dtype, data, length);
    }

    /** Product of the dimensions (1 for shape {@code ()}); -1 if it does not fit in a long. */
    static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + shapeString(shape));
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return n;
    }

    /** The shape as numpy prints it, e.g. {@code (3, 2)}, {@code (5,)} or {@code ()}. */
    public static String shapeString(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        if (shape.length == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }

    /** A copy of the shape: one length per dimension, outermost first. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions (0 for a scalar). */
    public int ndim() {
        return shape.length;
    }

    /** The element type. */
    public NpyDtype dtype() {
        return dtype;
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** The values as floats in C order: float64 values are rounded, integers converted. */
    public float[] toFloatArray() {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) data).clone();
            case FLOAT64 -> {
                double[] d = (double[]) data;
                float[] out = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    out[i] = (float) d[i];
                }
                yield out;
            }
            case INT32 -> {
                int[] d = (int[]) data;
                float[] out = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    out[i] = d[i];
                }
                yield out;
            }
            case INT64 -> {
                long[] d = (long[]) data;
                float[] out = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    out[i] = d[i];
                }
                yield out;
            }
        };
    }

    /** The values as doubles in C order (exact except int64 values beyond 2^53). */
    public double[] toDoubleArray() {
        return switch (dtype) {
            case FLOAT64 -> ((double[]) data).clone();
            case FLOAT32 -> {
                float[] d = (float[]) data;
                double[] out = new double[d.length];
                for (int i = 0; i < d.length; i++) {
                    out[i] = d[i];
                }
                yield out;
            }
            case INT32 -> Arrays.stream((int[]) data).asDoubleStream().toArray();
            case INT64 -> Arrays.stream((long[]) data).asDoubleStream().toArray();
        };
    }

    /**
     * The values as ints in C order.
     *
     * @throws IllegalStateException if the array is floating point or an int64 value does not fit in an int
     */
    public int[] toIntArray() {
        return switch (dtype) {
            case INT32 -> ((int[]) data).clone();
            case INT64 -> {
                long[] d = (long[]) data;
                int[] out = new int[d.length];
                for (int i = 0; i < d.length; i++) {
                    if (d[i] != (int) d[i]) {
                        throw new IllegalStateException("element " + i + " = " + d[i] + " does not fit in an int");
                    }
                    out[i] = (int) d[i];
                }
                yield out;
            }
            default -> throw new IllegalStateException("array is " + dtype + ", not an integer array");
        };
    }

    /**
     * The values as longs in C order.
     *
     * @throws IllegalStateException if the array is floating point
     */
    public long[] toLongArray() {
        return switch (dtype) {
            case INT64 -> ((long[]) data).clone();
            case INT32 -> Arrays.stream((int[]) data).asLongStream().toArray();
            default -> throw new IllegalStateException("array is " + dtype + ", not an integer array");
        };
    }

    /**
     * The array as feature frames: a 2-D array (rows × cols) as is, a 1-D array of n values as n × 1.
     * float64 values are rounded to float.
     *
     * @throws IllegalStateException if the array is not 1-D or 2-D, not floating point, or a float64
     *                               value lies outside the float range
     */
    public FeatureMatrix toFeatureMatrix() {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalStateException("feature frames must be float32 or float64, array is " + dtype);
        }
        if (shape.length != 1 && shape.length != 2) {
            throw new IllegalStateException("feature frames must be a 1-D or 2-D array, shape is "
                    + shapeString(shape));
        }
        for (long d : shape) {
            if (d > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("dimension " + d + " of shape " + shapeString(shape) + " is too large");
            }
        }
        int rows = (int) shape[0];
        int cols = shape.length == 2 ? (int) shape[1] : 1;
        float[] values = toFloatArray();
        if (dtype == NpyDtype.FLOAT64) {
            for (int i = 0; i < values.length; i++) {
                if (Float.isInfinite(values[i])) {
                    throw new IllegalStateException("row " + (i / cols) + ", column " + (i % cols) + ": "
                            + ((double[]) data)[i] + " is outside the float range");
                }
            }
        }
        return FeatureMatrix.wrap(rows, cols, values);
    }

    /** Package access to the payload without copying (the caller must not modify it). */
    Object payload() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NpyArray a) || a.dtype != dtype || !Arrays.equals(a.shape, shape)) {
            return false;
        }
        return switch (dtype) {
            case FLOAT32 -> Arrays.equals((float[]) data, (float[]) a.data);
            case FLOAT64 -> Arrays.equals((double[]) data, (double[]) a.data);
            case INT32 -> Arrays.equals((int[]) data, (int[]) a.data);
            case INT64 -> Arrays.equals((long[]) data, (long[]) a.data);
        };
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(dtype, Arrays.hashCode(shape));
        return 31 * h + switch (dtype) {
            case FLOAT32 -> Arrays.hashCode((float[]) data);
            case FLOAT64 -> Arrays.hashCode((double[]) data);
            case INT32 -> Arrays.hashCode((int[]) data);
            case INT64 -> Arrays.hashCode((long[]) data);
        };
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.descr() + " " + shapeString(shape) + "]";
    }
}
