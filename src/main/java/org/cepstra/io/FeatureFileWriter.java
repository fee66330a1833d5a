package org.cepstra.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Writes feature files atomically: the content goes to a temporary file in the target's folder, is
 * forced to disk, and is then renamed over the target, so readers never see a half-written file.
 */
public final class FeatureFileWriter {

    /** Writes the content of a file to a stream (which it must not close). */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    private FeatureFileWriter() {
    }

    /**
     * Writes {@code content} to {@code target} atomically. On any failure the target is left as it was
     * and the temporary file is removed.
     */
    public static void writeAtomically(Path target, Content content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        FileChannel channel = null;
        for (int attempt = 0; channel == null; attempt++) {
            tmp = dir.resolve("." + absolute.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + ".tmp");
            try {
                // CREATE_NEW without explicit permissions: the file gets the usual umask-based mode
                channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
        boolean done = false;
        try {
            try (FileChannel ch = channel) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            syncDirectory(dir);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes utterances (id → frames, in map order) as a Kaldi text archive, atomically. */
    public static void writeKaldiTextArchive(Path target, Map<String, FeatureMatrix> utterances) throws IOException {
        Objects.requireNonNull(utterances, "utterances");
        writeAtomically(target, out -> {
            KaldiTextArchiveWriter w = new KaldiTextArchiveWriter(out);
            for (Map.Entry<String, FeatureMatrix> e : utterances.entrySet()) {
                w.write(e.getKey(), e.getValue());
            }
            w.flush();
        });
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open or sync a directory; the rename itself has happened
        }
    }
}
