package org.cepstra.io.npy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cepstra.base.FeatureFileException;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) holding a 1-D vector or a
 * 2-D matrix of float32 or float64: what {@code numpy.save} writes for such an array, and what model-set
 * files hold.
 *
 * <p>Reading accepts {@code <f4 >f4 <f8 >f8} in C or Fortran order and returns the values in C order;
 * other dtypes and dimensionalities are refused by name. It distrusts the file: the
 * header size, the shape × item size and the real number of bytes must agree before any array is
 * allocated from the header's numbers (with a stream of unknown length, memory grows only as data
 * arrives and never beyond {@code maxBytes}), and NaN or infinite values are errors that name the
 * element. Writing produces version 1.0 little-endian files in C order with the header laid out as
 * numpy 1.24 writes it, so {@code numpy.load} opens them. Errors are {@link FeatureFileException}s naming
 * the source, the byte offset or element, and the problem.
 */
public final class Npy {
    /** Largest header accepted, in bytes (numpy itself refuses headers over 10000 bytes by default). */
    public static final int MAX_HEADER_BYTES = 1 << 16;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final int CHUNK_BYTES = 1 << 16;

    private Npy() {
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a .npy file; its size must match the header exactly.
     *
     * @throws FeatureFileException naming the file and the problem, for any malformed or unsupported file
     */
    public static NpyArray read(Path path) throws IOException {
        long size = Files.size(path);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), CHUNK_BYTES)) {
            return read(in, path.toString(), size, size);
        }
    }

    /**
     * Reads one .npy array from a stream (e.g. a zip entry) that must end where the array's data ends.
     *
     * @param sourceName names the stream in error messages
     * @param maxBytes   the most bytes (header and data) the array may take; larger arrays are rejected
     *                   before their data is read
     * @throws FeatureFileException naming the source and the problem, for any malformed or unsupported input
     */
    public static NpyArray read(InputStream in, String sourceName, long maxBytes) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        return read(in, sourceName, maxBytes, -1);
    }

    private static NpyArray read(InputStream in, String source, long maxBytes, long fileSize) throws IOException {
        byte[] prelude = in.readNBytes(8);
        for (int i = 0; i < Math.min(prelude.length, MAGIC.length); i++) {
            if (prelude[i] != MAGIC[i]) {
                throw FeatureFileException.atByte(source, 0, "not a .npy file: it starts with "
                        + hex(prelude) + ", a .npy file starts with 93 4e 55 4d 50 59 (\\x93NUMPY)");
            }
        }
        if (prelude.length < 8) {
            throw prelude.length == 0
                    ? new FeatureFileException(source, null, "empty file, expected a .npy array")
                    : FeatureFileException.atByte(source, prelude.length, "file ends inside the .npy header");
        }
        int major = prelude[6] & 0xff;
        int minor = prelude[7] & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw FeatureFileException.atByte(source, 6, "unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw FeatureFileException.atByte(source, 8 + lengthField.length, "file ends inside the .npy header");
        }
        long headerLength = major == 1
                ? (lengthField[0] & 0xff) | (lengthField[1] & 0xff) << 8
                : ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        long dataStart = 8 + lengthBytes + headerLength;
        if (headerLength > MAX_HEADER_BYTES) {
            throw FeatureFileException.atByte(source, 8, "header length " + headerLength
                    + " bytes exceeds the limit of " + MAX_HEADER_BYTES);
        }
        if (fileSize >= 0 && dataStart > fileSize) {
            throw FeatureFileException.atByte(source, 8, "header length " + headerLength
                    + " bytes runs past the end of the file (" + fileSize + " bytes)");
        }
        if (dataStart > maxBytes) {
            throw FeatureFileException.atByte(source, 8, "header length " + headerLength
                    + " bytes exceeds the limit of " + maxBytes + " bytes for the whole array");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw FeatureFileException.atByte(source, 8 + lengthBytes + headerBytes.length,
                    "file ends inside the header (" + headerLength + " bytes declared)");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = parseHeader(header, source, 8 + lengthBytes);

        long count = NpyArray.elementCount(h.shape);
        if (count < 0 || count > Integer.MAX_VALUE - 8) {
            throw FeatureFileException.atByte(source, 8 + lengthBytes, "shape " + NpyArray.shapeString(h.shape)
                    + " has too many elements for one array");
        }
        long dataBytes = count * h.dtype.itemSize();
        String what = "shape " + NpyArray.shapeString(h.shape) + " of " + h.descr;
        if (fileSize >= 0 && fileSize - dataStart != dataBytes) {
            long have = fileSize - dataStart;
            throw FeatureFileException.atByte(source, dataStart, have < dataBytes
                    ? "truncated: " + what + " needs " + dataBytes + " data bytes, the file has " + have
                    : "the file has " + have + " data bytes but " + what + " needs only " + dataBytes);
        }
        if (dataBytes > maxBytes - dataStart) {
            throw FeatureFileException.atByte(source, dataStart, what + " needs " + dataBytes
                    + " data bytes, beyond the limit of " + maxBytes + " bytes for the whole array");
        }
        Object data = readPayload(in, source, h.dtype, h.order, (int) count, dataStart, fileSize >= 0);
        if (fileSize < 0 && in.read() != -1) {
            throw FeatureFileException.atByte(source, dataStart + dataBytes,
                    "data continues past the " + dataBytes + " bytes that " + what + " needs");
        }
        if (h.fortranOrder && h.shape.length == 2) {
            data = fortranToC(data, h.dtype, (int) h.shape[0], (int) h.shape[1]);
        }
        NpyArray array = NpyArray.wrap(h.shape, h.dtype, data);
        checkFinite(array, source);
        return array;
    }

    private static Object readPayload(InputStream in, String source, NpyDtype dtype, ByteOrder order, int count,
            long dataStart, boolean sizeChecked) throws IOException {
        int item = dtype.itemSize();
        int capacity = sizeChecked ? count : Math.min(count, 1 << 18);
        Object data = allocate(dtype, capacity);
        byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, Math.max(item, (long) count * item))];
        ByteBuffer bb = ByteBuffer.wrap(chunk).order(order);
        int done = 0;
        while (done < count) {
            int want = (int) Math.min((long) chunk.length / item, count - done);
            int got = in.readNBytes(chunk, 0, want * item);
            if (got < want * item) {
                long total = (long) count * item;
                long have = (long) done * item + got;
                throw FeatureFileException.atByte(source, dataStart + have, "truncated: file ends after "
                        + have + " of " + total + " data bytes");
            }
            if (done + want > capacity) {
                capacity = (int) Math.min(count, Math.max((long) capacity * 2, done + want));
                data = grow(data, capacity);
            }
            bb.clear();
            switch (dtype) {
                case FLOAT32 -> bb.asFloatBuffer().get((float[]) data, done, want);
                case FLOAT64 -> bb.asDoubleBuffer().get((double[]) data, done, want);
            }
            done += want;
        }
        return data;
    }

    private static Object allocate(NpyDtype dtype, int n) {
        return switch (dtype) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
        };
    }

    private static Object grow(Object data, int n) {
        if (data instanceof float[] f) {
            return Arrays.copyOf(f, n);
        }
        return Arrays.copyOf((double[]) data, n);
    }

    /** Reorders a column-major (Fortran) rows × cols matrix into row-major (C) order. */
    private static Object fortranToC(Object src, NpyDtype dtype, int rows, int cols) {
        Object dst = allocate(dtype, rows * cols);
        for (int c = 0, from = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++, from++) {
                System.arraycopy(src, from, dst, r * cols + c, 1);
            }
        }
        return dst;
    }

    private static void checkFinite(NpyArray array, String source) throws FeatureFileException {
        Object data = array.payload();
        int bad = -1;
        double value = 0;
        if (data instanceof float[] f) {
            for (int i = 0; i < f.length; i++) {
                if (!Float.isFinite(f[i])) {
                    bad = i;
                    value = f[i];
                    break;
                }
            }
        } else if (data instanceof double[] d) {
            for (int i = 0; i < d.length; i++) {
                if (!Double.isFinite(d[i])) {
                    bad = i;
                    value = d[i];
                    break;
                }
            }
        }
        if (bad < 0) {
            return;
        }
        long[] shape = array.shape();
        String where = shape.length == 2 ? "row " + (bad / shape[1]) + ", column " + (bad % shape[1]) : "row " + bad;
        throw new FeatureFileException(source, where, "value is " + value + "; only finite numbers are accepted");
    }

    // ---------------------------------------------------------------- header parsing

    private record Header(String descr, NpyDtype dtype, ByteOrder order, boolean fortranOrder, long[] shape) {
    }

    private static Header parseHeader(String text, String source, long offset) throws FeatureFileException {
        Map<String, Object> dict;
        try {
            dict = new DictParser(text).parse();
        } catch (IllegalArgumentException e) {
            throw FeatureFileException.atByte(source, offset, "malformed header: " + e.getMessage());
        }
        for (String key : dict.keySet()) {
            if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                throw FeatureFileException.atByte(source, offset, "unexpected key '" + key + "' in header");
            }
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw FeatureFileException.atByte(source, offset, "header has no 'descr' string (or a structured dtype)");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw FeatureFileException.atByte(source, offset, "header has no 'fortran_order' True/False");
        }
        if (!(dict.get("shape") instanceof long[] shape)) {
            throw FeatureFileException.atByte(source, offset, "header has no 'shape' tuple");
        }
        if (shape.length != 1 && shape.length != 2) {
            throw FeatureFileException.atByte(source, offset, "shape " + NpyArray.shapeString(shape) + " has "
                    + shape.length + " dimensions; only 1-D vectors and 2-D matrices are read");
        }
        ByteOrder order;
        NpyDtype dtype = null;
        char byteOrder = descr.isEmpty() ? '?' : descr.charAt(0);
        if (descr.length() >= 3 && (byteOrder == '<' || byteOrder == '>' || byteOrder == '=')
                && descr.substring(2).chars().allMatch(ch -> ch >= '0' && ch <= '9') && descr.length() <= 4) {
            dtype = NpyDtype.of(descr.charAt(1), Integer.parseInt(descr.substring(2)));
        }
        if (dtype == null) {
            throw FeatureFileException.atByte(source, offset, "unsupported dtype '" + descr
                    + "'; only float32 or float64 arrays are read ('<f4', '>f4', '<f8', '>f8')");
        }
        order = byteOrder == '<' ? ByteOrder.LITTLE_ENDIAN
                : byteOrder == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.nativeOrder();
        return new Header(descr, dtype, order, fortran, shape);
    }

    /** Parses the Python dict literal of a .npy header: string keys; string, bool or int-tuple values. */
    private static final class DictParser {
        private final String s;
        private int i;

        DictParser(String s) {
            this.s = s;
        }

        Map<String, Object> parse() {
            Map<String, Object> out = new HashMap<>();
            skip();
            expect('{');
            while (true) {
                skip();
                if (peek() == '}') {
                    i++;
                    break;
                }
                String key = string();
                skip();
                expect(':');
                skip();
                Object value = value();
                if (out.put(key, value) != null) {
                    throw new IllegalArgumentException("key '" + key + "' appears twice");
                }
                skip();
                if (peek() == ',') {
                    i++;
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' at character " + i);
                }
            }
            skip();
            if (i != s.length()) {
                throw new IllegalArgumentException("unexpected text after the dictionary at character " + i);
            }
            return out;
        }

        private Object value() {
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (s.startsWith("True", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("unsupported value at character " + i);
        }

        private long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            boolean trailingComma = false;
            while (true) {
                skip();
                if (peek() == ')') {
                    i++;
                    break;
                }
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    throw new IllegalArgumentException("expected a non-negative integer in the shape at character " + i);
                }
                if (i - start > 18) {
                    throw new IllegalArgumentException("shape dimension too large at character " + start);
                }
                dims.add(Long.parseLong(s.substring(start, i)));
                if (i < s.length() && s.charAt(i) == 'L') {
                    i++; // Python 2 long suffix
                }
                skip();
                trailingComma = false;
                if (peek() == ',') {
                    i++;
                    trailingComma = true;
                } else if (peek() != ')') {
                    throw new IllegalArgumentException("expected ',' or ')' in the shape at character " + i);
                }
            }
            if (dims.size() == 1 && !trailingComma) {
                // (5) is an int in Python, not a tuple; numpy would reject it too
                throw new IllegalArgumentException("shape (" + dims.get(0) + ") is not a tuple; expected ("
                        + dims.get(0) + ",)");
            }
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        private String string() {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw new IllegalArgumentException("expected a quoted string at character " + i);
            }
            int end = s.indexOf(q, i + 1);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated string at character " + i);
            }
            String v = s.substring(i + 1, end);
            if (v.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("escape sequences are not supported in header strings");
            }
            i = end + 1;
            return v;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("header ends early");
            }
            return s.charAt(i);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at character " + i + ", found '" + s.charAt(i) + "'");
            }
            i++;
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes a rows × cols float32 array ({@code <f4}, C order) holding {@code data} in row-major order.
     * The stream is flushed, not closed.
     *
     * @throws IllegalArgumentException if the sizes disagree or a value is NaN or infinite
     */
    public static void writeFloat32(OutputStream out, int rows, int cols, float[] data) throws IOException {
        writeFloat32(out, new long[] {rows, cols}, data);
    }

    /** Writes a 1-D or 2-D float32 array ({@code <f4}); see {@link #writeFloat32(OutputStream, int, int, float[])}. */
    public static void writeFloat32(OutputStream out, long[] shape, float[] data) throws IOException {
        write(out, NpyArray.wrap(shape, NpyDtype.FLOAT32, Objects.requireNonNull(data, "data")));
    }

    /**
     * Writes a 1-D or 2-D float64 array ({@code <f8}, C order). The stream is flushed, not closed.
     *
     * @throws IllegalArgumentException if the shape does not match the data length or a value is not finite
     */
    public static void writeFloat64(OutputStream out, long[] shape, double[] data) throws IOException {
        write(out, NpyArray.wrap(shape, NpyDtype.FLOAT64, Objects.requireNonNull(data, "data")));
    }

    /** Writes {@code array} as a version 1.0 little-endian C-order .npy. The stream is flushed, not closed. */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        Objects.requireNonNull(out, "out");
        Object data = array.payload();
        checkFiniteForWrite(data);
        long[] shape = array.shape();
        out.write(header(array.dtype(), shape));
        int item = array.dtype().itemSize();
        int n = array.size();
        byte[] chunk = new byte[(int) Math.max(item, Math.min(CHUNK_BYTES, (long) n * item))];
        ByteBuffer bb = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int done = 0;
        while (done < n) {
            int want = Math.min(chunk.length / item, n - done);
            bb.clear();
            switch (array.dtype()) {
                case FLOAT32 -> bb.asFloatBuffer().put((float[]) data, done, want);
                case FLOAT64 -> bb.asDoubleBuffer().put((double[]) data, done, want);
            }
            out.write(chunk, 0, want * item);
            done += want;
        }
        out.flush();
    }

    private static void checkFiniteForWrite(Object data) {
        if (data instanceof float[] f) {
            for (int i = 0; i < f.length; i++) {
                if (!Float.isFinite(f[i])) {
                    throw new IllegalArgumentException("element " + i + " is " + f[i] + "; only finite values are written");
                }
            }
        } else if (data instanceof double[] d) {
            for (int i = 0; i < d.length; i++) {
                if (!Double.isFinite(d[i])) {
                    throw new IllegalArgumentException("element " + i + " is " + d[i] + "; only finite values are written");
                }
            }
        }
    }

    /**
     * The magic, version 1.0, header length and header dict of a C-order little-endian array, padded as
     * numpy 1.24 pads it (spare room for the first axis to grow to 21 digits, then spaces to a multiple of
     * 64 bytes, then a newline).
     */
    static byte[] header(NpyDtype dtype, long[] shape) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(dtype.descr())
                .append("', 'fortran_order': False, 'shape': ").append(NpyArray.shapeString(shape)).append(", }");
        dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length())));
        int hlen = dict.length() + 1;
        int pad = ALIGN - ((MAGIC.length + 2 + 2 + hlen) % ALIGN);
        dict.append(" ".repeat(pad)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + text.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) (text.length & 0xff);
        out[9] = (byte) (text.length >>> 8);
        System.arraycopy(text, 0, out, 10, text.length);
        return out;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 8); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return b.length == 0 ? "(nothing)" : sb.toString();
    }
}
