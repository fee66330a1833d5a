package org.cepstra.io.features;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.cepstra.base.FeatureFileException;
import org.cepstra.io.npy.Npy;
import org.cepstra.io.npy.NpyArray;
import org.cepstra.io.npy.NpyDtype;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Feature frames in a {@code .npy} file ({@link Npy}): a 2-D float32 or float64 array (frames × dims) as
 * is, a 1-D array of n values as n × 1; float64 values are rounded to float.
 */
public final class NpyFeatures {

    private NpyFeatures() {
    }

    /**
     * Reads the frames in a .npy file.
     *
     * @throws FeatureFileException if the file is malformed or a float64 value lies outside the float range
     */
    public static FeatureMatrix readMatrix(Path path) throws IOException {
        return toMatrix(Npy.read(path), path.toString());
    }

    /** As {@link #readMatrix(Path)}, from a stream; see {@link Npy#read(InputStream, String, long)}. */
    public static FeatureMatrix readMatrix(InputStream in, String sourceName, long maxBytes) throws IOException {
        return toMatrix(Npy.read(in, sourceName, maxBytes), sourceName);
    }

    /**
     * The array as feature frames.
     *
     * @param source names the array in error messages
     * @throws FeatureFileException if a dimension is too large for a matrix or a float64 value lies outside
     *                              the float range
     */
    public static FeatureMatrix toMatrix(NpyArray array, String source) throws FeatureFileException {
        long[] shape = array.shape();
        for (long d : shape) {
            if (d > Integer.MAX_VALUE - 8) {
                throw new FeatureFileException(source, null, "dimension " + d + " of shape "
                        + NpyArray.shapeString(shape) + " is too large");
            }
        }
        int rows = (int) shape[0];
        int cols = shape.length == 2 ? (int) shape[1] : 1;
        float[] values = array.toFloatArray();
        if (array.dtype() == NpyDtype.FLOAT64) {
            for (int i = 0; i < values.length; i++) {
                if (Float.isInfinite(values[i])) {
                    throw new FeatureFileException(source, null, "row " + (i / cols) + ", column " + (i % cols)
                            + ": " + array.toDoubleArray()[i] + " is outside the float range");
                }
            }
        }
        return FeatureMatrix.wrap(rows, cols, values);
    }
}
