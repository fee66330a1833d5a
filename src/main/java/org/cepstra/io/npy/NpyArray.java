package org.cepstra.io.npy;

import java.util.Arrays;
import java.util.Objects;

/**
 * A 1-D vector or 2-D matrix as stored in a NumPy .npy file: its shape, its element type and its values
 * in C (row-major) order. Immutable: factories and accessors copy. Holds exactly one typed payload
 * ({@code float[]} or {@code double[]}) matching {@link #dtype()}.
 */
public final class NpyArray {
    private final long[] shape;
    private final NpyDtype dtype;
    private final Object data;
    private final int size;

    private NpyArray(long[] shape, NpyDtype dtype, Object data, int length) {
        this.shape = shape.clone();
        if (this.shape.length != 1 && this.shape.length != 2) {
            throw new IllegalArgumentException("shape " + shapeString(this.shape) + " has " + this.shape.length
                    + " dimensions; only 1-D vectors and 2-D matrices are supported");
        }
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

    /** Takes ownership of a payload array of the dtype's Java type (no copy). */
    static NpyArray wrap(long[] shape, NpyDtype dtype, Object data) {
        int length = switch (dtype) {
            case FLOAT32 -> ((float[]) data).length;
            case FLOAT64 -> ((double[]) data).length;
        };
        return new NpyArray(shape, dtype, data, length);
    }

    /** Product of the dimensions; -1 if it does not fit in a long. */
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

    /** Number of dimensions: 1 or 2. */
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

    /** The values as floats in C order: float64 values are rounded. */
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
        };
    }

    /** The values as doubles in C order (exact). */
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
        };
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
        };
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(dtype, Arrays.hashCode(shape));
        return 31 * h + switch (dtype) {
            case FLOAT32 -> Arrays.hashCode((float[]) data);
            case FLOAT64 -> Arrays.hashCode((double[]) data);
        };
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.descr() + " " + shapeString(shape) + "]";
    }
}
