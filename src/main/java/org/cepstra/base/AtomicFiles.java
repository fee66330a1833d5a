package org.cepstra.base;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic file writes: the content goes to {@code .<name>.tmp-<16 hex digits>} in the target's folder,
 * is forced to disk, and is renamed over the target, so readers see the old file or the new one,
 * never a half-written one. A JVM stopped by Ctrl-C or SIGTERM during a write removes the temporary file
 * on its way out (a shutdown hook); a write killed outright (SIGKILL) leaves only its temporary file,
 * which the next write to the same target removes once it is older than {@link #STALE_TEMP_AGE}
 * ({@link #cleanStaleTempFiles(Path, Duration)}). Every failure names the target file.
 */
public final class AtomicFiles {
    /** Writes the content of a file to a stream (which it must not close). */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    private static final String TEMP_MARKER = ".tmp-";
    private static final int TEMP_HEX_DIGITS = 16;

    private AtomicFiles() {
    }

    /**
     * Temporary files older than this are taken to be leftovers of killed writes and removed by the next
     * write to the same target; younger ones may belong to a write still running in another process.
     */
    public static final Duration STALE_TEMP_AGE = Duration.ofMinutes(10);

    /**
     * Writes {@code content} to {@code target} atomically. On any failure the target is left as it was
     * and the temporary file is removed; so it is when the JVM shuts down (Ctrl-C, SIGTERM) during the
     * write. Temporary files of earlier writes to the same target killed outright (SIGKILL, power loss)
     * are removed first, once older than {@link #STALE_TEMP_AGE}.
     *
     * @throws NoSuchFileException   if the target's folder does not exist
     * @throws FileSystemException   naming {@code target} (as given) and the reason, if the file cannot be
     *                               created, written (a full disk), forced to disk or renamed; an
     *                               {@code IOException} thrown by {@code content} itself for another reason
     *                               (reading its input) passes unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || absolute.getFileName() == null) {
            throw new FileSystemException(target.toString(), null, "not a file name");
        }
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such folder to write "
                    + absolute.getFileName() + " into");
        }
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            throw new FileSystemException(target.toString(), null,
                    "not a regular file (a device, pipe or socket); it is not replaced");
        }
        try {
            cleanStaleTempFiles(target, STALE_TEMP_AGE);
        } catch (IOException e) {
            // the folder cannot be listed: creating the temporary file below reports the problem
        }
        Path tmp = null;
        FileChannel channel = null;
        for (int attempt = 0; channel == null; attempt++) {
            tmp = dir.resolve(tempPrefix(absolute) + String.format("%016x", ThreadLocalRandom.current().nextLong()));
            try {
                channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw named(target, "cannot create a temporary file in " + dir, e);
                }
            } catch (IOException e) {
                throw named(target, "cannot create a file in " + dir + ": " + reason(e), e);
            }
        }
        InFlight.add(tmp);
        boolean done = false;
        try {
            RecordingStream recording;
            try (FileChannel ch = channel) {
                recording = new RecordingStream(new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16));
                try {
                    content.writeTo(recording);
                } catch (IOException e) {
                    throw e == recording.failure ? named(target, reason(e), e) : e;
                }
                try {
                    recording.flush();
                    ch.force(true);
                } catch (IOException e) {
                    throw named(target, reason(e), e);
                }
            }
            try {
                try {
                    Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw named(target, "cannot replace the file: " + reason(e), e);
            }
            done = true;
            syncDirectory(dir);
        } finally {
            InFlight.remove(tmp);
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** A failure about {@code target}, as the user named it: {@code "out.ark: No space left on device"}. */
    private static FileSystemException named(Path target, String reason, IOException cause) {
        FileSystemException e = new FileSystemException(target.toString(), null, reason);
        e.initCause(cause);
        return e;
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The stream given to the content: remembers the failure of its own writes, told apart from others. */
    private static final class RecordingStream extends FilterOutputStream {
        IOException failure;

        RecordingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            flush(); // the channel is closed by write()
        }
    }

    /**
     * The temporary files being written in this JVM, deleted by a shutdown hook if the JVM stops before
     * their writes end (Ctrl-C, SIGTERM). Process-wide by nature, as the shutdown itself: the one piece
     * of static mutable state in the library, registered on the first atomic write.
     */
    private static final class InFlight {
        private static final Set<Path> FILES = ConcurrentHashMap.newKeySet();

        static {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(InFlight::deleteAll, "cepstra-temp-cleanup"));
            } catch (IllegalStateException e) {
                // already shutting down: nothing can be registered any more
            }
        }

        static void add(Path tmp) {
            FILES.add(tmp);
        }

        static void remove(Path tmp) {
            FILES.remove(tmp);
        }

        private static void deleteAll() {
            for (Path p : FILES) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException | RuntimeException e) {
                    // nothing more can be done while the JVM stops
                }
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open or sync a directory; the rename itself has happened
        }
    }

    private static String tempPrefix(Path absoluteTarget) {
        return "." + absoluteTarget.getFileName() + TEMP_MARKER;
    }

    /**
     * Removes temporary files left next to {@code target} by writes that were killed before they could
     * rename them: regular files named {@code .<target name>.tmp-<16 hex digits>} last modified at least
     * {@code minAge} ago ({@link Duration#ZERO}: all of them; only safe when no other write to the same
     * target can be running).
     *
     * @return the files removed (files that cannot be removed are left in place)
     * @throws IOException if the folder cannot be listed
     */
    public static List<Path> cleanStaleTempFiles(Path target, Duration minAge) throws IOException {
        Objects.requireNonNull(minAge, "minAge");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        List<Path> removed = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return removed;
        }
        String prefix = tempPrefix(absolute);
        Instant cutoff = Instant.now().minus(minAge);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (!name.startsWith(prefix) || !isHex(name.substring(prefix.length()))) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile() && !a.lastModifiedTime().toInstant().isAfter(cutoff)
                            && Files.deleteIfExists(p)) {
                        removed.add(p);
                    }
                } catch (IOException e) {
                    // vanished or not removable: leave it
                }
            }
        }
        return removed;
    }

    private static boolean isHex(String s) {
        if (s.length() != TEMP_HEX_DIGITS) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
