package org.cepstra.scoring.verification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cepstra.base.FileLineException;
import org.cepstra.base.MessageText;

/**
 * Reads a list file of white-space separated fields one line at a time, so that a file of millions of
 * trials is never held as one string: strict UTF-8 decoded line by line (the error gives the line), a
 * leading byte-order mark dropped, lines split at LF, CR LF or CR, blank lines skipped, and a line longer
 * than {@link #MAX_LINE_BYTES} refused as soon as it is seen. Fields are separated by runs of spaces and
 * tabs, as Kaldi's {@code SplitStringToVector(line, " \t", true, ...)} splits them.
 */
final class TextLines {
    /** The longest line accepted, in bytes. */
    static final int MAX_LINE_BYTES = 1 << 16;

    /** Receives the fields of each non-blank line. */
    @FunctionalInterface
    interface LineHandler {
        /** Handles the fields (at least one) of 1-based line {@code line}. */
        void accept(long line, String[] fields) throws VerificationFileException;
    }

    private TextLines() {
    }

    /**
     * Feeds every non-blank line of {@code file} to {@code handler}.
     *
     * @return the number of non-blank lines
     * @throws VerificationFileException if the file cannot be read, a line is not UTF-8 or too long, or the
     *                                   handler refuses a line
     */
    static long read(Path file, LineHandler handler) throws VerificationFileException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] buf = new byte[256];
        byte[] block = new byte[1 << 16];
        int len = 0;
        long line = 1;
        long used = 0;
        boolean afterCr = false;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(block)) >= 0) {
                for (int i = 0; i < n; i++) {
                    byte b = block[i];
                    if (b == '\n' && afterCr) {
                        afterCr = false;
                        continue;
                    }
                    if (b == '\n' || b == '\r') {
                        used += handle(decoder, buf, len, file, line, handler);
                        afterCr = b == '\r';
                        len = 0;
                        line++;
                        continue;
                    }
                    afterCr = false;
                    if (len == MAX_LINE_BYTES) {
                        throw new VerificationFileException(file, line, "line is longer than " + MAX_LINE_BYTES
                                + " bytes (not a list file?)");
                    }
                    if (len == buf.length) {
                        buf = Arrays.copyOf(buf, Math.min(2 * len, MAX_LINE_BYTES));
                    }
                    buf[len++] = b;
                }
            }
            if (len > 0) {
                used += handle(decoder, buf, len, file, line, handler);
            }
        } catch (VerificationFileException e) {
            throw e;
        } catch (IOException e) {
            throw new VerificationFileException(file, "cannot read: " + FileLineException.describe(e), e);
        }
        return used;
    }

    /** Decodes one line and hands its fields on; 1 if it was not blank, else 0. */
    private static int handle(CharsetDecoder decoder, byte[] buf, int len, Path file, long line, LineHandler handler)
            throws VerificationFileException {
        String[] fields = fields(decode(decoder, buf, len, line == 1, file, line));
        if (fields.length == 0) {
            return 0;
        }
        handler.accept(line, fields);
        return 1;
    }

    private static String decode(CharsetDecoder decoder, byte[] buf, int len, boolean first, Path file, long line)
            throws VerificationFileException {
        CharBuffer chars;
        try {
            chars = decoder.reset().decode(ByteBuffer.wrap(buf, 0, len));
        } catch (CharacterCodingException e) {
            throw new VerificationFileException(file, line, "not valid UTF-8 text");
        }
        String s = chars.toString();
        return first && s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** The fields of {@code line}: maximal runs of characters other than space and tab. */
    static String[] fields(String line) {
        List<String> out = new ArrayList<>(3);
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSeparator(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSeparator(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t';
    }

    /** {@code text} in single quotes, cut to 60 characters, escaped ({@link MessageText#quoted}). */
    static String quote(String text) {
        return MessageText.quoted(text, 60);
    }

    /**
     * Checks that {@code id} can stand as one field of a list file: not empty, and no space, tab, line
     * break or other control character.
     *
     * @throws IllegalArgumentException naming {@code what} and the id
     */
    static String requireId(String what, String id) {
        java.util.Objects.requireNonNull(id, what);
        if (id.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(what + " " + quote(id)
                        + " contains white space or a control character");
            }
        }
        return id;
    }
}
