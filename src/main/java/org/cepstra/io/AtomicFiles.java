package org.cepstra.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
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
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic file writes: the content goes to {@code .<name>.tmp-<16 hex digits>} in the target's folder,
 * is forced to disk, and is renamed over the target, so readers see the old file or the new one,
 * never a half-written one. A write killed before the rename leaves only its temporary file, which
 * {@link #cleanStaleTempFiles(Path, Duration)} removes later.
 */
public final class AtomicFiles {
    private static final String TEMP_MARKER = ".tmp-";
    private static final int TEMP_HEX_DIGITS = 16;

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to {@code target} atomically. On any failure the target is left as it was
     * and the temporary file is removed.
     *
     * @throws NoSuchFileException if the target's folder does not exist
     */
    public static void write(Path target, FeatureFileWriter.Content content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such folder to write "
                    + absolute.getFileName() + " into");
        }
        Path tmp = null;
        FileChannel channel = null;
        for (int attempt = 0; channel == null; attempt++) {
            tmp = dir.resolve(tempPrefix(absolute) + String.format("%016x", ThreadLocalRandom.current().nextLong()));
            try {
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
