package org.cepstra.base;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CoderResult;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a whole text file (a manifest, an alignment, a Kaldi table or config file) as strict UTF-8 (or, when
 * asked, UTF-16 announced by its byte-order mark) in bounded memory, whatever the file turns out to be: a device such as {@code /dev/zero}, a pipe, a huge
 * binary file. Limits on bytes and on characters per line are checked as the bytes arrive, so a file
 * without line breaks is never held whole (a regular file of at most 1 MB is read whole, then checked); a
 * leading byte-order mark is dropped.
 */
public final class TextFiles {
    /** No limit on the size of the file. */
    public static final long ANY_SIZE = Long.MAX_VALUE;
    /** A regular file of at most this many bytes is read whole, then checked: faster than streaming it. */
    private static final int WHOLE_READ_BYTES = 1 << 20;

    private TextFiles() {
    }

    /** Why a file is not readable text within the limits. */
    public enum Problem {
        /** A NUL byte (where NUL bytes are refused): a binary file. */
        NUL_BYTE,
        /** More bytes than allowed. */
        TOO_LARGE,
        /** Bytes that are not UTF-8 (or not UTF-16, in a file that starts with its byte-order mark). */
        NOT_UTF8,
        /** A line with more characters than allowed. */
        LINE_TOO_LONG
    }

    /**
     * A file that is not text within the limits: the {@link Problem}, where it is, and a message in words
     * (e.g. {@code line 3 is longer than 65536 characters (not a text file of lines?)}).
     */
    public static final class NotTextException extends IOException {
        private static final long serialVersionUID = 1L;

        private final Problem problem;
        private final long position;
        private final long limit;

        private NotTextException(Problem problem, long position, long limit, String message, Throwable cause) {
            super(message, cause);
            this.problem = problem;
            this.position = position;
            this.limit = limit;
        }

        /** What is wrong. */
        public Problem problem() {
            return problem;
        }

        /** The 0-based byte offset of a NUL byte, the 1-based line that is too long, or 0. */
        public long position() {
            return position;
        }

        /** The limit exceeded: bytes for {@link Problem#TOO_LARGE}, characters for {@link Problem#LINE_TOO_LONG}. */
        public long limit() {
            return limit;
        }
    }

    /**
     * The text of {@code file}.
     *
     * @param maxBytes     the most bytes the file may hold ({@link #ANY_SIZE}: no limit)
     * @param maxLineChars the most characters a line may hold (line breaks: CR LF, CR or LF)
     * @param refuseNul    whether a NUL byte makes the file not text
     * @throws NotTextException if a limit is exceeded, a NUL byte is refused or the bytes are not UTF-8
     * @throws IOException      if the file cannot be read
     */
    public static String readUtf8(Path file, long maxBytes, int maxLineChars, boolean refuseNul) throws IOException {
        return read(file, maxBytes, maxLineChars, refuseNul, false);
    }

    /**
     * The text of {@code file} as {@link #readUtf8} reads it, except that a file starting with a UTF-16
     * byte-order mark ({@code FE FF} or {@code FF FE}) is read as strict UTF-16 of that byte order (Praat,
     * for one, writes its text files so when they hold characters outside ASCII). NUL bytes are refused in
     * UTF-8 files only; in UTF-16 they are half of most characters.
     *
     * @throws NotTextException if a limit is exceeded, a NUL byte is refused or the text is not UTF-8 or UTF-16
     * @throws IOException      if the file cannot be read
     */
    public static String readUtf8OrUtf16(Path file, long maxBytes, int maxLineChars, boolean refuseNul)
            throws IOException {
        return read(file, maxBytes, maxLineChars, refuseNul, true);
    }

    private static String read(Path file, long maxBytes, int maxLineChars, boolean refuseNul, boolean utf16)
            throws IOException {
        Objects.requireNonNull(file, "file");
        if (Files.isRegularFile(file)) {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(maxBytes);
            }
            if (size <= WHOLE_READ_BYTES) {
                byte[] whole;
                try (InputStream in = Files.newInputStream(file)) {
                    whole = in.readNBytes((int) size + 1);
                }
                if (whole.length <= size) { // else it grew while being read: streamed below
                    return decode(whole, maxLineChars, refuseNul, utf16);
                }
            }
        }
        StringBuilder text = new StringBuilder();
        InputStream bytes = new BufferedInputStream(Files.newInputStream(file));
        Charset charset = StandardCharsets.UTF_8;
        if (utf16) {
            try {
                bytes.mark(2);
                int b0 = bytes.read();
                int b1 = b0 < 0 ? -1 : bytes.read();
                bytes.reset();
                charset = charsetOf(b0, b1);
            } catch (IOException e) {
                bytes.close();
                throw e;
            }
        }
        boolean isUtf8 = charset == StandardCharsets.UTF_8;
        try (Reader in = new InputStreamReader(new CheckedBytes(bytes, maxBytes, refuseNul && isUtf8),
                strictDecoder(charset))) {
            char[] block = new char[1 << 16];
            LineLengths lines = new LineLengths(maxLineChars);
            int n;
            while ((n = in.read(block)) > 0) {
                lines.check(block, 0, n);
                text.append(block, 0, n);
            }
        } catch (CharacterCodingException e) {
            throw notText(charset, e);
        }
        return text.length() > 0 && text.charAt(0) == '\uFEFF' ? text.substring(1) : text.toString();
    }

    /**
     * The text of a small file read whole: the checks of the streamed read, in the order it makes them for a
     * file that fits in its first block (NUL bytes, bytes that are not text, then the lengths of lines).
     */
    private static String decode(byte[] bytes, int maxLineChars, boolean refuseNul, boolean utf16)
            throws NotTextException {
        Charset charset = utf16 && bytes.length >= 2 ? charsetOf(bytes[0] & 0xff, bytes[1] & 0xff)
                : StandardCharsets.UTF_8;
        boolean isUtf8 = charset == StandardCharsets.UTF_8;
        if (refuseNul && isUtf8) {
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    throw nulByte(i);
                }
            }
        }
        CharBuffer chars = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = strictDecoder(charset).decode(ByteBuffer.wrap(bytes), chars, true);
        if (result.isError()) {
            try {
                result.throwException();
            } catch (CharacterCodingException e) {
                throw notText(charset, e);
            }
        }
        char[] text = chars.array();
        new LineLengths(maxLineChars).check(text, 0, chars.position());
        int from = chars.position() > 0 && text[0] == '\uFEFF' ? 1 : 0;
        return new String(text, from, chars.position() - from);
    }

    /** UTF-16 of the byte order that the first two bytes (-1: none) mark, else UTF-8. */
    private static Charset charsetOf(int b0, int b1) {
        if (b0 == 0xFE && b1 == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        return b0 == 0xFF && b1 == 0xFE ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8;
    }

    /** A decoder of {@code charset} that reports malformed and unmappable input instead of replacing it. */
    private static CharsetDecoder strictDecoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static NotTextException notText(Charset charset, CharacterCodingException e) {
        return new NotTextException(Problem.NOT_UTF8, 0, 0, charset == StandardCharsets.UTF_8
                ? "not valid UTF-8 text" : "not valid " + charset.name() + " text", e);
    }

    /** Counts lines (line breaks: CR LF, CR or LF) and refuses one longer than the limit, block by block. */
    private static final class LineLengths {
        private final int maxLineChars;
        private long line = 1;
        private int length;
        private boolean afterCr;

        LineLengths(int maxLineChars) {
            this.maxLineChars = maxLineChars;
        }

        void check(char[] block, int from, int to) throws NotTextException {
            for (int i = from; i < to; i++) {
                char c = block[i];
                if (c == '\r' || c == '\n') {
                    if (!(c == '\n' && afterCr)) {
                        line++;
                    }
                    afterCr = c == '\r';
                    length = 0;
                } else {
                    afterCr = false;
                    if (++length > maxLineChars) {
                        throw new NotTextException(Problem.LINE_TOO_LONG, line, maxLineChars, "line " + line
                                + " is longer than " + maxLineChars + " characters (not a text file of lines?)",
                                null);
                    }
                }
            }
        }
    }

    /**
     * The lines of {@code text}, split at CR LF, CR or LF (the breaks {@link #readUtf8} counts lines by); a
     * trailing break gives a last empty line, so line {@code i + 1} of the file is element {@code i}.
     */
    public static String[] lines(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int n = text.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out.toArray(new String[0]);
    }

    /** A NUL byte at 0-based byte offset {@code at}: not a text file. */
    private static NotTextException nulByte(long at) {
        return new NotTextException(Problem.NUL_BYTE, at, 0, "not a text file (byte " + at + " is NUL)", null);
    }

    private static NotTextException tooLarge(long maxBytes) {
        return new NotTextException(Problem.TOO_LARGE, 0, maxBytes, "larger than " + maxBytes + " bytes", null);
    }

    /** Counts the bytes read and refuses more than the limit and, if asked, NUL bytes. */
    private static final class CheckedBytes extends FilterInputStream {
        private final long maxBytes;
        private final boolean refuseNul;
        private long count;

        CheckedBytes(InputStream in, long maxBytes, boolean refuseNul) {
            super(in);
            this.maxBytes = maxBytes;
            this.refuseNul = refuseNul;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n <= 0) {
                return n;
            }
            if (refuseNul) {
                for (int i = 0; i < n; i++) {
                    if (b[off + i] == 0) {
                        throw nulByte(count + i);
                    }
                }
            }
            count += n;
            if (count > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return n;
        }
    }
}
