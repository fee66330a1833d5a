package org.cepstra.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The contract every fuzz target checks: a documented exception escapes with a message that is
 * not blank and names the source, and one read allocates no more than a fixed budget plus a small
 * multiple of the input size (so no header field can size an allocation unchecked).
 */
final class FuzzChecks {
    /** Bytes any one read may allocate on top of {@link #BYTES_PER_INPUT_BYTE} × input size. */
    static final long BASE_ALLOCATION_BYTES = 16L << 20;
    /** Bytes a read may allocate per byte of input (strings, boxed cells, growing arrays). */
    static final long BYTES_PER_INPUT_BYTE = 64;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();

    private FuzzChecks() {
    }

    /** Asserts that {@code e}'s message is not blank and starts with {@code source}. */
    static void requireMessageNaming(Exception e, String source) {
        String m = e.getMessage();
        assertNotNull(m, () -> e.getClass().getName() + " without a message");
        assertTrue(!m.isBlank(), () -> e.getClass().getName() + " with a blank message");
        assertTrue(m.startsWith(source), () -> "message does not start with the source '" + source + "': " + m);
        assertTrue(m.length() > source.length() + 2, () -> "message names no problem: " + m);
    }

    /**
     * A mark to measure allocation from: the bytes the current thread allocated so far and the
     * number of classes loaded so far (loading and instrumenting a class allocates once, on the
     * thread that first uses it, so a measurement during which classes were loaded is not judged).
     */
    static Mark allocationMark() {
        return new Mark(THREADS.getCurrentThreadAllocatedBytes(), CLASSES.getTotalLoadedClassCount());
    }

    /** Allocated bytes of the current thread and loaded classes of the JVM at one moment. */
    record Mark(long allocatedBytes, long loadedClasses) {
    }

    /** Asserts that the current thread allocated at most the budget for {@code inputBytes} since {@code mark}. */
    static void requireBoundedAllocation(Mark mark, long inputBytes) {
        requireBoundedAllocation(mark, inputBytes, BYTES_PER_INPUT_BYTE);
    }

    /**
     * As {@link #requireBoundedAllocation(Mark, long)} with another allowance per input byte (e.g. for
     * compressed input, which may legitimately inflate by up to ~1,032 times under DEFLATE).
     */
    static void requireBoundedAllocation(Mark mark, long inputBytes, long bytesPerInputByte) {
        long used = THREADS.getCurrentThreadAllocatedBytes() - mark.allocatedBytes();
        if (CLASSES.getTotalLoadedClassCount() != mark.loadedClasses()) {
            return;
        }
        long budget = BASE_ALLOCATION_BYTES + bytesPerInputByte * inputBytes;
        assertTrue(used <= budget, () -> "allocated " + used + " bytes for " + inputBytes
                + " input bytes (budget " + budget + ")");
    }

    /** Writes {@code data} to {@code file}, replacing it. */
    static Path write(Path file, byte[] data) {
        try {
            return Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new temporary folder, deleted (with its files) when the JVM exits. */
    static Path tempFolder(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at exit
        }
    }
}
