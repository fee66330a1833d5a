package org.cepstra.io.kaldi;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.cepstra.base.FeatureFileException;
import org.cepstra.base.FeatureFileNumbers;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Reads a Kaldi text archive of feature matrices ({@code copy-feats ark,t:} output) one entry at a time.
 *
 * <p>Each entry is an utterance id, whitespace, then a matrix in brackets. Inside the brackets a
 * newline or {@code ;} ends a row, so the layout Kaldi writes ({@code utt  [} newline, one row per line,
 * {@code ]} after the last value) and a whole matrix on one line ({@code utt [ 1 2 3 ]}, one row;
 * {@code utt [ 1 2 ; 3 4 ]}, two rows) both read. {@code utt [ ]} and {@code utt []} are matrices with
 * zero frames and zero columns. Values must be plain decimal numbers; NaN, infinities, values
 * outside the float range, rows of different lengths and a matrix without its closing {@code ]} are
 * errors that name the file, line and column. Binary archives are rejected with a hint.
 */
public final class KaldiTextArchiveReader implements Closeable {
    private static final int EOF = -1;

    private final Reader in;
    private final String source;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private long line = 1;
    private long column; // column of the character last returned by read()
    private boolean prevWasCr;
    private long entryLine;

    /** Reads from {@code in}; {@code sourceName} names it in error messages. Closing this closes {@code in}. */
    public KaldiTextArchiveReader(Reader in, String sourceName) {
        this.in = Objects.requireNonNull(in, "in");
        this.source = Objects.requireNonNull(sourceName, "sourceName");
    }

    /** Reads UTF-8 text from {@code in}; {@code sourceName} names it in error messages. */
    public KaldiTextArchiveReader(InputStream in, String sourceName) {
        this(new InputStreamReader(Objects.requireNonNull(in, "in"), StandardCharsets.UTF_8), sourceName);
    }

    /** Opens the archive file {@code path}. */
    public static KaldiTextArchiveReader open(Path path) throws IOException {
        return new KaldiTextArchiveReader(Files.newInputStream(path), path.toString());
    }

    /** Every entry of the archive file, in file order; duplicate utterance ids are an error. */
    public static LinkedHashMap<String, FeatureMatrix> readAll(Path path) throws IOException {
        try (KaldiTextArchiveReader r = open(path)) {
            return r.readAll();
        }
    }

    /** All frames of the archive file stacked in file order; see {@link #stackAll()}. */
    public static FeatureMatrix stackAll(Path path) throws IOException {
        try (KaldiTextArchiveReader r = open(path)) {
            return r.stackAll();
        }
    }

    /**
     * The next entry, or null at the end of the archive.
     *
     * @throws FeatureFileException if the entry is malformed (file, line and column in the message)
     */
    public NamedFeatures next() throws IOException {
        int c = skipWhitespace();
        if (c == EOF) {
            return null;
        }
        long keyLine = line;
        long keyColumn = column;
        entryLine = keyLine;
        if (c == '[' || c == ']') {
            throw FeatureFileException.atLineColumn(source, keyLine, keyColumn,
                    "expected an utterance id, found '" + (char) c + "'");
        }
        StringBuilder key = new StringBuilder();
        while (c != EOF && !isSpace(c)) {
            if (key.length() >= 4096) {
                throw FeatureFileException.atLineColumn(source, keyLine, keyColumn,
                        "utterance id longer than 4096 characters (not a text archive?)");
            }
            key.append((char) c);
            c = read();
        }
        String uttId = key.toString();
        if (c == EOF) {
            throw FeatureFileException.atLine(source, keyLine,
                    "file ends after utterance id " + FeatureFileNumbers.quote(uttId) + " with no matrix");
        }
        c = skipWhitespace();
        if (c == EOF) {
            throw FeatureFileException.atLine(source, keyLine,
                    "file ends after utterance id " + FeatureFileNumbers.quote(uttId) + " with no matrix");
        }
        if (c == 0) {
            throw FeatureFileException.atLineColumn(source, line, column, "binary Kaldi archive (entry "
                    + FeatureFileNumbers.quote(uttId)
                    + "); convert it to text with: copy-feats ark:in.ark ark,t:out.txt");
        }
        if (c != '[') {
            throw FeatureFileException.atLineColumn(source, line, column, "expected '[' after utterance id "
                    + FeatureFileNumbers.quote(uttId) + ", found '" + printable(c) + "'");
        }
        return new NamedFeatures(uttId, readMatrixBody(uttId, keyLine));
    }

    private FeatureMatrix readMatrixBody(String uttId, long openLine) throws IOException {
        float[] values = new float[256];
        int count = 0;
        int cols = -1;
        int rows = 0;
        int inRow = 0;
        long rowLine = line;
        StringBuilder token = new StringBuilder();
        int c = read();
        while (true) {
            if (c == EOF) {
                throw FeatureFileException.atLine(source, openLine, "matrix of utterance "
                        + FeatureFileNumbers.quote(uttId) + " is not closed with ']' before the end of the file");
            }
            if (c == '\n' || c == ';' || c == ']') {
                if (inRow > 0) {
                    if (cols == -1) {
                        cols = inRow;
                    } else if (inRow != cols) {
                        throw FeatureFileException.atLine(source, rowLine, "row " + (rows + 1) + " of utterance "
                                + FeatureFileNumbers.quote(uttId) + " has " + inRow + " values, earlier rows have "
                                + cols);
                    }
                    rows++;
                    inRow = 0;
                }
                if (c == ']') {
                    break;
                }
                c = read();
                continue;
            }
            if (isSpace(c)) {
                c = read();
                continue;
            }
            if (c == '[') {
                throw FeatureFileException.atLineColumn(source, line, column, "'[' inside the matrix of utterance "
                        + FeatureFileNumbers.quote(uttId) + " (opened at line " + openLine + "; missing ']'?)");
            }
            long tokenLine = line;
            long tokenColumn = column;
            rowLine = tokenLine;
            token.setLength(0);
            while (c != EOF && !isSpace(c) && c != ';' && c != ']' && c != '[') {
                if (token.length() <= FeatureFileNumbers.MAX_TOKEN_LENGTH) {
                    token.append((char) c);
                }
                c = read();
            }
            String t = token.toString();
            Float v;
            try {
                v = FeatureFileNumbers.parseFloat(t);
            } catch (NumberFormatException e) {
                throw FeatureFileException.atLineColumn(source, tokenLine, tokenColumn, e.getMessage());
            }
            if (v == null) {
                String problem = FeatureFileNumbers.isNonFiniteWord(t)
                        ? "non-finite value " + FeatureFileNumbers.quote(t) + " in utterance " + FeatureFileNumbers.quote(uttId)
                        : "expected a number or ']' in the matrix of utterance " + FeatureFileNumbers.quote(uttId)
                                + ", found " + FeatureFileNumbers.quote(t);
                throw FeatureFileException.atLineColumn(source, tokenLine, tokenColumn, problem);
            }
            if (count == values.length) {
                if (values.length >= Integer.MAX_VALUE / 2 - 8) {
                    throw FeatureFileException.atLine(source, tokenLine, "matrix of utterance "
                            + FeatureFileNumbers.quote(uttId) + " is too large");
                }
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[count++] = v;
            inRow++;
            // c already holds the character after the token
        }
        if (rows == 0) {
            return FeatureMatrix.empty(0);
        }
        return FeatureMatrix.wrap(rows, cols, count == values.length ? values : Arrays.copyOf(values, count));
    }

    /**
     * The remaining entries, in file order.
     *
     * @throws FeatureFileException if an utterance id repeats or an entry is malformed
     */
    public LinkedHashMap<String, FeatureMatrix> readAll() throws IOException {
        LinkedHashMap<String, FeatureMatrix> all = new LinkedHashMap<>();
        NamedFeatures e;
        while ((e = next()) != null) {
            if (all.putIfAbsent(e.name(), e.features()) != null) {
                throw FeatureFileException.atLine(source, entryLine, "utterance id "
                        + FeatureFileNumbers.quote(e.name()) + " appears more than once");
            }
        }
        return all;
    }

    /**
     * The frames of all remaining entries stacked in file order. Entries with zero frames are skipped.
     *
     * @throws FeatureFileException if entries have different numbers of columns or there are no frames
     */
    public FeatureMatrix stackAll() throws IOException {
        List<FeatureMatrix> parts = new ArrayList<>();
        String first = null;
        NamedFeatures e;
        while ((e = next()) != null) {
            FeatureMatrix m = e.features();
            if (m.rows() == 0) {
                continue;
            }
            if (first == null) {
                first = e.name();
            } else if (m.cols() != parts.get(0).cols()) {
                throw FeatureFileException.atLine(source, entryLine, "utterance " + FeatureFileNumbers.quote(e.name())
                        + " has " + m.cols() + " columns, utterance " + FeatureFileNumbers.quote(first)
                        + " has " + parts.get(0).cols());
            }
            parts.add(m);
        }
        if (parts.isEmpty()) {
            throw new FeatureFileException(source, null, "archive holds no feature frames");
        }
        return parts.size() == 1 ? parts.get(0) : FeatureMatrix.stack(parts);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int read() throws IOException {
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return EOF;
            }
        }
        char c = buf[pos++];
        if (c == '\n') {
            if (!prevWasCr) {
                line++;
            }
            column = 0;
            prevWasCr = false;
            return '\n';
        }
        if (c == '\r') {
            line++;
            column = 0;
            prevWasCr = true;
            return '\n';
        }
        prevWasCr = false;
        column++;
        return c;
    }

    private int skipWhitespace() throws IOException {
        int c = read();
        while (c != EOF && isSpace(c)) {
            c = read();
        }
        return c;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == 0x0B;
    }

    private static String printable(int c) {
        return c < 0x20 || c == 0x7F ? String.format("\\u%04x", c) : String.valueOf((char) c);
    }
}
