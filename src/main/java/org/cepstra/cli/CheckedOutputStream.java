package org.cepstra.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * An output stream that turns the first failed write or flush into an {@link OutputFailedException}
 * naming the destination, remembers it, and fails every later write with it: nothing written after a
 * failure can be mistaken for complete output. Closing flushes but does not close the stream beneath
 * (standard output stays open for the JVM).
 */
final class CheckedOutputStream extends OutputStream {
    private final OutputStream out;
    private final String destination;
    private volatile OutputFailedException failure;

    /** Checks writes to {@code out}, named {@code destination} in messages ({@code "standard output"}). */
    CheckedOutputStream(OutputStream out, String destination) {
        this.out = Objects.requireNonNull(out, "out");
        this.destination = Objects.requireNonNull(destination, "destination");
    }

    /** The first failure, or null if every write so far succeeded. */
    OutputFailedException failure() {
        return failure;
    }

    @Override
    public void write(int b) {
        check();
        try {
            out.write(b);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        check();
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public void flush() {
        check();
        try {
            out.flush();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public void close() {
        flush();
    }

    private void check() {
        OutputFailedException f = failure;
        if (f != null) {
            throw f;
        }
    }

    private synchronized OutputFailedException fail(IOException e) {
        if (failure == null) {
            failure = new OutputFailedException(destination, e);
        }
        return failure;
    }
}
