package org.cepstra.io.kaldi;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Writes feature matrices as a Kaldi text archive, one entry at a time, in the layout of
 * {@code copy-feats ark,t:}:
 * <pre>
 * utt1  [
 *   1.2 3.4
 *   5.6 7.8 ]
 * empty  [ ]
 * </pre>
 * (every value is followed by one space, so rows end in a space before the newline or {@code ]}).
 * Values are written in the shortest decimal form that reads back as the same float, so a write and a
 * read give bit-identical frames. A matrix with no frames or no columns is written as {@code [ ]}.
 */
public final class KaldiTextArchiveWriter implements Closeable, Flushable {
    private final Writer out;
    private long entries;

    /** Writes to {@code out}; closing this writer closes {@code out}. */
    public KaldiTextArchiveWriter(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Writes UTF-8 text to {@code out} through a buffer; closing this writer closes {@code out}. */
    public KaldiTextArchiveWriter(OutputStream out) {
        this(new BufferedWriter(new OutputStreamWriter(Objects.requireNonNull(out, "out"), StandardCharsets.UTF_8),
                1 << 16));
    }

    /**
     * Appends one entry.
     *
     * @param uttId    the utterance id: non-empty, no whitespace or control characters
     * @param features the frames; every value must be finite
     * @throws IllegalArgumentException if the id is not a valid Kaldi key or a value is NaN or infinite
     */
    public void write(String uttId, FeatureMatrix features) throws IOException {
        writeEntry(entry(uttId, features));
    }

    /**
     * The text of one entry, exactly as {@link #write} writes it: lets several threads format their
     * utterances while one thread appends them with {@link #writeEntry}.
     *
     * @throws IllegalArgumentException if the id is not a valid Kaldi key or a value is NaN or infinite
     */
    public static String entry(String uttId, FeatureMatrix features) {
        checkKey(uttId);
        Objects.requireNonNull(features, "features");
        int rows = features.rows();
        int cols = features.cols();
        if (rows == 0 || cols == 0) {
            return uttId + "  [ ]\n";
        }
        float[] data = features.toArray();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException("utterance '" + uttId + "' frame " + (i / cols) + " column "
                        + (i % cols) + " is " + data[i] + "; only finite values can be written");
            }
        }
        // ASCII digits straight into bytes, read back as a Latin-1 string (one copy, no per-value objects)
        int idLength = uttId.length();
        boolean latin1Id = isLatin1(uttId);
        byte[] buf = new byte[(latin1Id ? idLength : 0) + 3 + rows * (3 + cols * (FloatText.MAX_LENGTH + 1)) + 2];
        int pos = 0;
        if (latin1Id) {
            for (int i = 0; i < idLength; i++) {
                buf[pos++] = (byte) uttId.charAt(i);
            }
        }
        buf[pos++] = ' ';
        buf[pos++] = ' ';
        buf[pos++] = '[';
        for (int r = 0; r < rows; r++) {
            buf[pos++] = '\n';
            buf[pos++] = ' ';
            buf[pos++] = ' ';
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                pos = FloatText.write(data[base + c], buf, pos);
                buf[pos++] = ' ';
            }
        }
        buf[pos++] = ']';
        buf[pos++] = '\n';
        String text = new String(buf, 0, pos, StandardCharsets.ISO_8859_1);
        return latin1Id ? text : uttId.concat(text);
    }

    private static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** Appends an entry made by {@link #entry}. */
    public void writeEntry(String entryText) throws IOException {
        out.write(entryText);
        entries++;
    }

    /**
     * Begins an entry written frame by frame, in exactly the text {@link #entry} gives for the whole matrix:
     * {@code uttId  [}, then per frame a newline, two spaces and every value followed by a space, then
     * {@code ]} and a newline. Nothing is written before the first frame.
     *
     * @throws IllegalArgumentException if the id is not a valid Kaldi key
     */
    public EntryRows beginEntry(String uttId) {
        checkKey(uttId);
        return new EntryRows(uttId);
    }

    /** An entry being written one frame at a time; see {@link #beginEntry}. */
    public final class EntryRows {
        private final String uttId;
        private final StringBuilder line = new StringBuilder(256);
        private long count;

        private EntryRows(String uttId) {
            this.uttId = uttId;
        }

        /**
         * Appends one frame (the key too, with the first frame).
         *
         * @throws IllegalArgumentException if a value is NaN or infinite (nothing is written then)
         */
        public void writeFrame(float[] frame) throws IOException {
            for (int c = 0; c < frame.length; c++) {
                if (!Float.isFinite(frame[c])) {
                    throw new IllegalArgumentException("utterance '" + uttId + "' frame " + count + " column " + c
                            + " is " + frame[c] + "; only finite values can be written");
                }
            }
            line.setLength(0);
            if (count == 0) {
                line.append(uttId).append("  [");
            }
            line.append("\n  ");
            for (float v : frame) {
                line.append(FloatText.toString(v)).append(' ');
            }
            out.append(line);
            count++;
        }

        /** Frames written so far. */
        public long framesWritten() {
            return count;
        }

        /** Closes the entry after its last frame. */
        public void end() throws IOException {
            out.write("]\n");
            entries++;
        }
    }

    /** Number of entries written so far. */
    public long entriesWritten() {
        return entries;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /**
     * The shortest decimal text that parses back to exactly {@code value} (the digits of Java's
     * float-to-string, without a trailing {@code .0}, with a lower-case exponent): {@code 1}, {@code -0.25},
     * {@code 1.5e-5}, {@code 3.4028235e38}. Readable by Kaldi, numpy and C's {@code strtof}. NaN and the
     * infinities give {@code NaN}, {@code Infinity} and {@code -Infinity}.
     */
    public static String formatFloat(float value) {
        return FloatText.toString(value);
    }

    static void checkKey(String uttId) {
        Objects.requireNonNull(uttId, "uttId");
        if (uttId.isEmpty()) {
            throw new IllegalArgumentException("utterance id is empty");
        }
        for (int i = 0; i < uttId.length(); i++) {
            char c = uttId.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                throw new IllegalArgumentException("utterance id '" + uttId
                        + "' contains whitespace or a control character at index " + i);
            }
        }
        if (uttId.charAt(0) == '[' || uttId.charAt(0) == ']') {
            throw new IllegalArgumentException("utterance id '" + uttId + "' must not start with a bracket");
        }
    }
}
