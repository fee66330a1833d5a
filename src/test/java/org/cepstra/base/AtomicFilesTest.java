package org.cepstra.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: failures name the target, the target's own problems are refused, leftovers are cleaned. */
class AtomicFilesTest {
    @TempDir
    Path tmp;

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().contains(".tmp-")).toList();
        }
    }

    @Test
    void theRootFolderIsNotAFileName() {
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> AtomicFiles.write(Path.of("/"), out -> out.write(1)));
        assertEquals("/: not a file name", e.getMessage());
    }

    @Test
    void aDeviceIsNotReplaced() {
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> AtomicFiles.write(Path.of("/dev/null"), out -> out.write(1)));
        assertEquals("/dev/null: not a regular file (a device, pipe or socket); it is not replaced", e.getMessage());
        assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null")));
    }

    @Test
    void anIoExceptionOfTheContentItselfPassesUnchangedAndNothingIsLeft() throws IOException {
        Path target = tmp.resolve("out.txt");
        Files.writeString(target, "old");
        IOException own = new IOException("input.wav: cannot read");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("new".getBytes(StandardCharsets.US_ASCII));
            throw own;
        }));
        assertSame(own, e, "a problem of the input is not a problem of the output file");
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void staleLeftoversAreRemovedByTheNextWriteYoungOnesKept() throws IOException {
        Path target = tmp.resolve("out.txt");
        Path stale = Files.writeString(tmp.resolve(".out.txt.tmp-00000000deadbeef"), "partial");
        Path young = Files.writeString(tmp.resolve(".out.txt.tmp-0123456789abcdef"), "partial");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(AtomicFiles.STALE_TEMP_AGE).minusSeconds(1)));
        AtomicFiles.write(target, out -> out.write("x".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("x", Files.readString(target));
        assertEquals(List.of(young), leftovers());
    }
}
