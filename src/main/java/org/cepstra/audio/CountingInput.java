package org.cepstra.audio;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** An input stream that knows its byte position and, for files, the total size in bytes. */
final class CountingInput implements Closeable {
    private final InputStream in;
    private final long size;
    private long position;
    private byte[] scratch;

    /** Wraps {@code in}, whose total length is {@code size} bytes, or -1 when unknown. */
    CountingInput(InputStream in, long size) {
        this.in = in;
        this.size = size;
    }

    /** Bytes consumed so far (the offset of the next byte in the file). */
    long position() {
        return position;
    }

    /** Total size in bytes, or -1 when unknown (a non-file stream). */
    long size() {
        return size;
    }

    /** Bytes left before the end of the file, or {@code Long.MAX_VALUE} when the size is unknown. */
    long remaining() {
        return size < 0 ? Long.MAX_VALUE : Math.max(0, size - position);
    }

    /** Reads until {@code len} bytes arrived or the stream ended; returns the count read. */
    int readUpTo(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        position += done;
        return done;
    }

    /** Skips up to {@code n} bytes, fewer only at the end of the stream; returns the count skipped. */
    long skipUpTo(long n) throws IOException {
        long target = Math.min(n, remaining());
        long done = 0;
        if (size >= 0) {
            // A file: skip() is a seek, and the target is clamped to the file size above.
            while (done < target) {
                long k = in.skip(target - done);
                if (k > 0) {
                    done += k;
                } else if (in.read() >= 0) {
                    done++;
                } else {
                    break;
                }
            }
        } else {
            // A stream of unknown length: skip() may not notice its end, so read through it.
            if (scratch == null) {
                scratch = new byte[8192];
            }
            while (done < target) {
                int n2 = in.read(scratch, 0, (int) Math.min(scratch.length, target - done));
                if (n2 < 0) {
                    break;
                }
                done += n2;
            }
        }
        position += done;
        return done;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
