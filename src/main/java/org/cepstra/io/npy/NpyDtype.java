package org.cepstra.io.npy;

/** Element types of the NumPy .npy arrays read and written here. */
public enum NpyDtype {
    /** IEEE single precision, numpy {@code float32} ({@code f4}). */
    FLOAT32('f', 4),
    /** IEEE double precision, numpy {@code float64} ({@code f8}). */
    FLOAT64('f', 8);

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

    /** The little-endian numpy type string written here, e.g. {@code <f4}. */
    public String descr() {
        return "<" + kind + itemSize;
    }

    /** The dtype for a kind letter ({@code f}) and size in bytes, or null if not supported. */
    static NpyDtype of(char kind, int itemSize) {
        for (NpyDtype d : values()) {
            if (d.kind == kind && d.itemSize == itemSize) {
                return d;
            }
        }
        return null;
    }
}
