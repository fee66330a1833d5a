package org.cepstra.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.cepstra.base.FeatureFileException;
import org.cepstra.io.features.NpyFeatures;
import org.cepstra.io.npy.Npy;
import org.cepstra.io.npy.NpyArray;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for {@link Npy}: any bytes give an array whose data fits in the input (and in the
 * {@code maxBytes} limit), or a {@link FeatureFileException} naming the source. Stream and file
 * readings of the same bytes agree.
 */
@Timeout(60) // seconds per input; in fuzzing mode Jazzer passes it on as libFuzzer's -timeout
class NpyFuzzTest {
    private static final String NAME = "fuzz.npy";
    /** The {@code maxBytes} of the stream readings: small, so the limit itself gets exercised. */
    private static final long MAX_BYTES = 4096;

    /** {@link Npy#read(java.io.InputStream, String, long)} and the matrix form, with a small limit. */
    @DictionaryEntries({"'descr'", "'fortran_order'", "'shape'", "True", "False", "<f4", ">f8", "<i4", "<i8",
            "'<f8'", "{}", "(0,)", ",)"})
    @FuzzTest
    void readStream(byte[] data) throws IOException {
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        NpyArray array = readStream(data, MAX_BYTES);
        if (array != null) {
            assertTrue(data.length <= MAX_BYTES, data.length + " bytes accepted with maxBytes " + MAX_BYTES);
        }
        try {
            FeatureMatrix m = NpyFeatures.readMatrix(new ByteArrayInputStream(data), NAME, MAX_BYTES);
            checkMatrix(m, data.length);
        } catch (FeatureFileException e) {
            FuzzChecks.requireMessageNaming(e, NAME);
        }
        FuzzChecks.requireBoundedAllocation(before, data.length);
    }

    /** {@link Npy#read(Path)} and {@link NpyFeatures#readMatrix(Path)}; agrees with the unlimited stream reading. */
    @DictionaryEntries({"'descr'", "'fortran_order'", "'shape'", "True", "False", "<f4", ">f8", "<i4", "<i8",
            "'<f8'", "{}", "(0,)", ",)"})
    @FuzzTest
    void readPath(byte[] data) throws IOException {
        Path file = FuzzChecks.write(Folder.DIR.resolve("fuzz.npy"), data);
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        NpyArray fromFile = null;
        try {
            fromFile = Npy.read(file);
            checkArray(fromFile, data.length);
        } catch (FeatureFileException e) {
            FuzzChecks.requireMessageNaming(e, file.toString());
        }
        try {
            checkMatrix(NpyFeatures.readMatrix(file), data.length);
        } catch (FeatureFileException e) {
            FuzzChecks.requireMessageNaming(e, file.toString());
        }
        FuzzChecks.requireBoundedAllocation(before, data.length);
        NpyArray fromStream = readStream(data, Long.MAX_VALUE);
        assertEquals(fromStream == null, fromFile == null, "file and stream readings disagree on failure");
        assertEquals(fromStream, fromFile, "file and stream readings give different arrays");
    }

    private static NpyArray readStream(byte[] data, long maxBytes) throws IOException {
        try {
            NpyArray array = Npy.read(new ByteArrayInputStream(data), NAME, maxBytes);
            checkArray(array, data.length);
            return array;
        } catch (FeatureFileException e) {
            FuzzChecks.requireMessageNaming(e, NAME);
            return null;
        }
    }

    private static void checkArray(NpyArray a, int inputBytes) {
        assertTrue((long) a.size() * a.dtype().itemSize() + 10 <= inputBytes,
                a + " from only " + inputBytes + " bytes");
        long n = 1;
        for (long d : a.shape()) {
            n *= d;
        }
        assertEquals(n, a.size(), "shape and size disagree");
        for (double v : a.toDoubleArray()) {
            assertTrue(Double.isFinite(v), "non-finite value " + v);
        }
    }

    private static void checkMatrix(FeatureMatrix m, int inputBytes) {
        assertTrue((long) m.rows() * m.cols() * 4 + 10 <= inputBytes, m + " from only " + inputBytes + " bytes");
        assertTrue(m.isFinite(), "non-finite value read");
    }

    /** The folder the file target writes into, made once per test run. */
    private static final class Folder {
        static final Path DIR = FuzzChecks.tempFolder("cepstra-fuzz-npy");
    }
}
