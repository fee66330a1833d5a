package org.cepstra.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes text as UTF-8 into a byte stream, one whole string at a time: an archive entry of ASCII
 * digits becomes its bytes in one copy, where an {@code OutputStreamWriter} behind a
 * {@code BufferedWriter} copies it into chars and encodes those again in 8 kB pieces. Each write must
 * hold whole characters (a surrogate pair split across two writes would become two {@code ?}). No
 * buffering of its own: give it a buffered stream.
 */
final class Utf8Writer extends Writer {
    private final OutputStream out;

    Utf8Writer(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        String part = off == 0 && len == s.length() ? s : s.substring(off, off + len);
        out.write(part.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        out.write(new String(cbuf, off, len).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void write(int c) throws IOException {
        write(String.valueOf((char) c));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
