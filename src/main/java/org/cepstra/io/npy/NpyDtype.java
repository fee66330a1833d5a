package org.cepstra.io.npy;

/** Element types of NumPy .npy arrays that this toolkit reads and writes. */
public enum NpyDtype {
    /** IEEE single precision, numpy {@code float32} ({@code f4}). */
    FLOAT32('f', 4),
    /** IEEE double precision, numpy {@code float64} ({@code f8}). */
    FLOAT64('f', 8),
    /** Signed 32-bit integer, numpy {@code int32} ({@code i4}). */
    INT32('i', 4),
    /** Signed 64-bit integer, numpy {@code int64} ({@code i8}). */
    INT64('i', 8);

    private final char kind;
    private final int itemSize;

    NpyDtype(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** True for the floating-point types. */
    public boolean isFloatingPoint() {
        return kind == 'f';
    }

    /** The little-endian numpy type string this toolkit writes, e.g. {@code <f4}. */
    public String descr() {
        return "<" + kind + itemSize;
    }

    /** The dtype for a kind letter ({@code f} or {@code i}) and size in bytes, or null if not supported. */
    static NpyDtype of(char kind, int itemSize) {
        for (NpyDtype d : values()) {
            if (d.kind == kind && d.itemSize == itemSize) {
                return d;
            }
        }
        return null;
    }
}
