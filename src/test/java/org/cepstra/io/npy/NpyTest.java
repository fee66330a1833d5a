package org.cepstra.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.cepstra.base.FeatureFileException;
import org.cepstra.io.features.NpyFeatures;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path tmp;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = NpyTest.class.getResourceAsStream("/io/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static NpyArray read(byte[] bytes) throws IOException {
        return Npy.read(new ByteArrayInputStream(bytes), "mem.npy", 1 << 20);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A version 1.0 file with the given header dict (padded to 64 bytes) and payload. */
    private static byte[] npy(String dict, byte[] payload) {
        int hlen = dict.length() + 1;
        int pad = 64 - ((10 + hlen) % 64);
        byte[] text = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] prelude = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length, (byte) (text.length >> 8)};
        return concat(prelude, text, payload);
    }

    private static byte[] floatsLE(float... v) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(v);
        return bb.array();
    }

    @Test
    void writesExactKnownBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeFloat32(out, 1, 2, new float[] {1f, 2f});
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }";
        assertEquals(59, dict.length());
        // 20 spare spaces for the first axis (21 digits minus "1"), then 38 to reach 128 = 2 x 64 bytes
        byte[] expected = concat(
                new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 0x01, 0x00, 0x76, 0x00},
                (dict + " ".repeat(58) + "\n").getBytes(StandardCharsets.US_ASCII),
                new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40});
        assertEquals(136, expected.length);
        assertArrayEquals(expected, out.toByteArray());
    }

    @Test
    void writesTheSameBytesAsNumpy() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeFloat32(out, 3, 2, new float[] {1.5f, -2f, (float) 0.1, (float) 3e-39, (float) 1e30, -0f});
        assertArrayEquals(resource("numpy_f4_3x2.npy"), out.toByteArray());
    }

    @Test
    void readsNumpyFiles() throws IOException {
        NpyArray a = read(resource("numpy_f4_3x2.npy"));
        assertEquals(NpyDtype.FLOAT32, a.dtype());
        assertArrayEquals(new long[] {3, 2}, a.shape());
        assertArrayEquals(new float[] {1.5f, -2f, (float) 0.1, (float) 3e-39, (float) 1e30, -0f}, a.toFloatArray());

        NpyArray f = read(resource("numpy_f8_be_fortran_2x3.npy"));
        assertEquals(NpyDtype.FLOAT64, f.dtype());
        assertArrayEquals(new long[] {2, 3}, f.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6.25}, f.toDoubleArray(), 0.0);

        // integer arrays are not read: nothing here stores integers
        assertTrue(fails(resource("numpy_i8_5.npy")).problem().contains("unsupported dtype '<i8'"));
    }

    @Test
    void readsMatricesFromFiles() throws IOException {
        Path p = tmp.resolve("m.npy");
        Files.write(p, resource("numpy_f8_be_fortran_2x3.npy"));
        assertEquals(FeatureMatrix.of(new float[][] {{1f, 2f, 3f}, {4f, 5f, 6.25f}}), NpyFeatures.readMatrix(p));
        Files.write(p, resource("numpy_f4_1d.npy"));
        assertEquals(FeatureMatrix.of(new float[][] {{0.5f}, {-1.25f}, {7f}}), NpyFeatures.readMatrix(p));
        Files.write(p, resource("numpy_i8_5.npy"));
        FeatureFileException e = assertThrows(FeatureFileException.class, () -> NpyFeatures.readMatrix(p));
        assertTrue(e.getMessage().contains("float32 or float64"), e.getMessage());
    }

    @Test
    void fortranOrderMatrixIsReordered() throws IOException {
        // shape (3, 2); C-order value at (i, j) is 10 i + j, stored column by column
        ByteBuffer bb = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(new float[] {0, 10, 20, 1, 11, 21});
        NpyArray a = read(npy("{'descr': '<f4', 'fortran_order': True, 'shape': (3, 2), }", bb.array()));
        assertArrayEquals(new float[] {0, 1, 10, 11, 20, 21}, a.toFloatArray());
    }

    @Test
    void roundTripsRandomFloat32IncludingSubnormals() throws IOException {
        Random rng = new Random(5);
        float[] data = new float[7 * 33];
        for (int i = 0; i < data.length; i++) {
            float v;
            do {
                v = Float.intBitsToFloat(rng.nextInt());
            } while (!Float.isFinite(v));
            data[i] = v;
        }
        data[0] = Float.MIN_VALUE;
        data[1] = -Float.MAX_VALUE;
        data[2] = -0f;
        FeatureMatrix m = FeatureMatrix.wrap(7, 33, data);
        Path p = tmp.resolve("r.npy");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeFloat32(out, 7, 33, data);
        Files.write(p, out.toByteArray());
        FeatureMatrix back = NpyFeatures.readMatrix(p);
        assertEquals(m, back);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(back.get(0, 2)));
        double[] wide = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            wide[i] = data[i];
        }
        out.reset();
        Npy.writeFloat64(out, new long[] {7, 33}, wide);
        Files.write(p, out.toByteArray());
        assertEquals(NpyDtype.FLOAT64, Npy.read(p).dtype());
        assertEquals(m, NpyFeatures.readMatrix(p));
    }

    @Test
    void roundTripsBothDtypesAndShapes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeFloat64(out, new long[] {2, 2}, new double[] {Math.PI, -Double.MIN_VALUE, 1e300, 0});
        assertEquals(NpyArray.ofFloat64(new long[] {2, 2}, new double[] {Math.PI, -Double.MIN_VALUE, 1e300, 0}),
                read(out.toByteArray()));
        out.reset();
        Npy.writeFloat32(out, new long[] {2}, new float[] {2.5f, -1f});
        NpyArray vector = read(out.toByteArray());
        assertEquals(1, vector.ndim());
        assertArrayEquals(new float[] {2.5f, -1f}, vector.toFloatArray());
        out.reset();
        Npy.writeFloat32(out, 0, 13, new float[0]);
        NpyArray empty = read(out.toByteArray());
        assertArrayEquals(new long[] {0, 13}, empty.shape());
        assertEquals(0, NpyFeatures.toMatrix(empty, "empty").rows());
        // a large array crosses the 64 KiB chunks of reader and writer
        double[] big = new double[50_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5 - 7;
        }
        out.reset();
        Npy.writeFloat64(out, new long[] {big.length}, big);
        assertArrayEquals(big, Npy.read(new ByteArrayInputStream(out.toByteArray()), "big", 1 << 20).toDoubleArray(), 0.0);
    }

    @Test
    void readsVersion2And3Headers() throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
        for (int major : new int[] {2, 3}) {
            int hlen = dict.length() + 1;
            int pad = 64 - ((12 + hlen) % 64);
            byte[] text = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] prelude = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0,
                (byte) text.length, (byte) (text.length >> 8), 0, 0};
            NpyArray a = read(concat(prelude, text, floatsLE(3f, 4f)));
            assertArrayEquals(new float[] {3f, 4f}, a.toFloatArray());
        }
    }

    @Test
    void readsBigEndianFloat32() throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
        bb.asFloatBuffer().put(new float[] {1.25f, -8f});
        NpyArray a = read(npy("{'shape': (1, 2), 'fortran_order': False, 'descr': '>f4'}", bb.array()));
        assertArrayEquals(new float[] {1.25f, -8f}, a.toFloatArray());
    }

    // ---------------------------------------------------------------- bad input

    private static FeatureFileException fails(byte[] bytes) {
        return assertThrows(FeatureFileException.class, () -> read(bytes));
    }

    @Test
    void rejectsBadMagic() {
        byte[] bytes = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floatsLE(1f));
        bytes[1] = 'X';
        FeatureFileException e = fails(bytes);
        assertTrue(e.getMessage().startsWith("mem.npy: byte 0: not a .npy file"), e.getMessage());
        fails("a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("mem.npy: empty file, expected a .npy array", fails(new byte[0]).getMessage());
    }

    @Test
    void rejectsUnsupportedVersion() {
        byte[] bytes = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floatsLE(1f));
        bytes[6] = 4;
        assertTrue(fails(bytes).problem().contains("unsupported .npy format version 4.0"));
    }

    @Test
    void rejectsTruncatedFiles() throws IOException {
        byte[] whole = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", floatsLE(1f, 2f, 3f, 4f));
        // cut inside the data
        FeatureFileException e = fails(Arrays.copyOf(whole, whole.length - 3));
        assertEquals("mem.npy: byte 141: truncated: file ends after 13 of 16 data bytes", e.getMessage());
        // cut inside the header
        assertTrue(fails(Arrays.copyOf(whole, 40)).problem().contains("file ends inside the header"));
        assertTrue(fails(Arrays.copyOf(whole, 7)).problem().contains("file ends inside the .npy header"));
        // on a file, the size is checked before reading the data
        Path p = tmp.resolve("t.npy");
        Files.write(p, Arrays.copyOf(whole, whole.length - 4));
        FeatureFileException f = assertThrows(FeatureFileException.class, () -> Npy.read(p));
        assertEquals(p + ": byte 128: truncated: shape (2, 2) of <f4 needs 16 data bytes, the file has 12",
                f.getMessage());
        Files.write(p, concat(whole, new byte[4]));
        assertTrue(assertThrows(FeatureFileException.class, () -> Npy.read(p)).problem()
                .contains("the file has 20 data bytes but shape (2, 2) of <f4 needs only 16"));
        assertTrue(fails(concat(whole, new byte[1])).problem().contains("data continues past the 16 bytes"));
    }

    @Test
    void rejectsShapeBiggerThanFileWithoutAllocating() throws IOException {
        // 2^30 x 2^30 elements would need 4 EiB; and 100000 x 100000 float64 = 80 GB
        byte[] huge = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1073741824, 1073741824), }", new byte[8]);
        assertTrue(fails(huge).problem().contains("too many elements"));
        byte[] big = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (20000, 20000), }", new byte[8]);
        assertTrue(fails(big).problem().contains("beyond the limit of 1048576 bytes"), fails(big).getMessage());
        Path p = tmp.resolve("big.npy");
        Files.write(p, big);
        assertTrue(assertThrows(FeatureFileException.class, () -> Npy.read(p)).problem()
                .contains("truncated: shape (20000, 20000) of <f4 needs 1600000000 data bytes, the file has 8"));
        // a stream with a generous limit: memory grows only with the data that really arrives
        byte[] lying = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (100000000,), }", floatsLE(1f, 2f));
        FeatureFileException e = assertThrows(FeatureFileException.class,
                () -> Npy.read(new ByteArrayInputStream(lying), "stream", Long.MAX_VALUE));
        assertTrue(e.problem().contains("truncated: file ends after 8 of 400000000 data bytes"), e.getMessage());
    }

    @Test
    void rejectsOversizedHeaderLength() {
        byte[] bytes = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 0, 0, 0, 0x7f};
        assertTrue(fails(bytes).problem().contains("header length 2130706432 bytes exceeds the limit"));
    }

    @Test
    void rejectsUnsupportedDtypes() {
        for (String descr : new String[] {"<i2", "|u1", "<c8", "<U10", "|b1", "<f2", "f4", "<f16"}) {
            FeatureFileException e = fails(npy("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1,), }",
                    new byte[16]));
            assertTrue(e.problem().contains("unsupported dtype '" + descr + "'"), e.getMessage());
        }
        FeatureFileException e = fails(npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }",
                new byte[4]));
        assertTrue(e.problem().contains("malformed header"), e.getMessage());
    }

    @Test
    void rejectsMalformedHeaders() {
        String[] dicts = {
            "{'descr': '<f4', 'fortran_order': False}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1, }",
            "{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } junk",
            "{'descr': '<f4' 'fortran_order': False, 'shape': (1,), }",
            "not a dict",
        };
        for (String d : dicts) {
            assertThrows(FeatureFileException.class, () -> read(npy(d, floatsLE(1f))), d);
        }
    }

    @Test
    void rejectsNonFiniteValuesNamingRowAndColumn() {
        byte[] bytes = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                floatsLE(1f, 2f, 3f, 4f, Float.NaN, 6f));
        FeatureFileException e = fails(bytes);
        assertEquals("mem.npy: row 1, column 1: value is NaN; only finite numbers are accepted", e.getMessage());
        ByteBuffer bb = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        bb.asDoubleBuffer().put(new double[] {1, Double.NEGATIVE_INFINITY});
        assertEquals("row 1", fails(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", bb.array()))
                .location());
    }

    @Test
    void rejectsFloat64OutsideFloatRangeForMatrices() {
        ByteBuffer bb = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        bb.asDoubleBuffer().put(new double[] {1, 1e300});
        byte[] bytes = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", bb.array());
        FeatureFileException e = assertThrows(FeatureFileException.class,
                () -> NpyFeatures.readMatrix(new ByteArrayInputStream(bytes), "wide.npy", 1 << 20));
        assertTrue(e.getMessage().contains("row 0, column 1: 1.0E300 is outside the float range"), e.getMessage());
    }

    @Test
    void rejectsThreeDimensionalMatrices() {
        byte[] bytes = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 2), }", floatsLE(1f, 2f));
        assertThrows(FeatureFileException.class,
                () -> NpyFeatures.readMatrix(new ByteArrayInputStream(bytes), "cube.npy", 1 << 20));
        assertEquals("mem.npy: byte 10: shape (1, 1, 2) has 3 dimensions; only 1-D vectors and 2-D matrices are read",
                fails(bytes).getMessage());
        assertTrue(fails(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", new byte[8])).problem()
                .contains("has 0 dimensions"));
    }

    @Test
    void writerRejectsInconsistentInput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(IllegalArgumentException.class, () -> Npy.writeFloat32(out, 2, 2, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> Npy.writeFloat64(out, new long[] {-1}, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Npy.writeFloat32(out, 1, 1, new float[] {Float.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Npy.writeFloat32(out, new long[] {}, new float[] {1f}));
        assertThrows(IllegalArgumentException.class, () -> Npy.writeFloat64(out, new long[] {1, 1, 1}, new double[1]));
    }
}
