package org.cepstra.io.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cepstra.base.FeatureFileException;
import org.cepstra.io.kaldi.KaldiTextArchiveReader;
import org.cepstra.io.kaldi.NamedFeatures;
import org.cepstra.io.npy.Npy;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureFileReaderTest {

    @TempDir
    Path tmp;

    private Path file(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private Path resourceCopy(String resource, String name) throws IOException {
        Path p = tmp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/io/" + resource)) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    @Test
    void detectsFormatsByContent() throws IOException {
        assertEquals(FeatureFileFormat.KALDI_TEXT_ARCHIVE, FeatureFileReader.detectFormat(file("a.txt", "u1  [\n  1 2 ]\n")));
        assertEquals(FeatureFileFormat.KALDI_TEXT_ARCHIVE, FeatureFileReader.detectFormat(file("a.csv", "\n\nu1 [ 1 2 ]\n")));
        assertEquals(FeatureFileFormat.KALDI_TEXT_ARCHIVE, FeatureFileReader.detectFormat(file("e.ark", "u1 [ ]\n")));
        assertEquals(FeatureFileFormat.CSV, FeatureFileReader.detectFormat(file("b.ark", "1,2\n3,4\n")));
        assertEquals(FeatureFileFormat.CSV, FeatureFileReader.detectFormat(file("c.txt", "energy [dB] c1\n1 2\n")));
        assertEquals(FeatureFileFormat.NPY, FeatureFileReader.detectFormat(resourceCopy("numpy_f4_3x2.npy", "no-extension")));
        assertEquals(FeatureFileFormat.NPY, FeatureFileReader.detectFormat(file("bad.npy", "1,2\n")));
        assertFalse(FeatureFileReader.looksLikeArchive("1 2 3\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void readsArchiveEntriesByUtterance() throws IOException {
        Path p = file("feats.txt", "u1  [\n  1 2 \n  3 4 ]\nu2  [\n  5 6 ]\n");
        List<NamedFeatures> all = FeatureFileReader.read(p);
        assertEquals(2, all.size());
        assertEquals("u1", all.get(0).name());
        assertEquals(FeatureMatrix.of(new float[][] {{1f, 2f}, {3f, 4f}}), all.get(0).features());
        assertEquals("u2", all.get(1).name());
        assertEquals(FeatureMatrix.of(new float[][] {{1f, 2f}, {3f, 4f}, {5f, 6f}}), FeatureFileReader.readStacked(p));
    }

    @Test
    void readsCsvAndNpyAsOneEntryNamedAfterTheFile() throws IOException {
        Path csv = file("speaker1.csv", "c0,c1\n1,2\n3,4\n");
        List<NamedFeatures> c = FeatureFileReader.read(csv);
        assertEquals(1, c.size());
        assertEquals("speaker1", c.get(0).name());
        assertEquals(FeatureMatrix.of(new float[][] {{1f, 2f}, {3f, 4f}}), FeatureFileReader.readStacked(csv));

        Path npy = resourceCopy("numpy_f4_1d.npy", "column.npy");
        List<NamedFeatures> n = FeatureFileReader.read(npy);
        assertEquals("column", n.get(0).name());
        assertEquals(FeatureMatrix.of(new float[][] {{0.5f}, {-1.25f}, {7f}}), n.get(0).features());
    }

    @Test
    void errorsNameTheFile() throws IOException {
        Path bad = file("bad.csv", "1,2\n3\n");
        FeatureFileException e = assertThrows(FeatureFileException.class, () -> FeatureFileReader.read(bad));
        assertEquals(bad.toString(), e.source());
        assertEquals("line 2", e.location());
        Path empty = file("empty.ark", "u1 [ ]\n");
        assertThrows(FeatureFileException.class, () -> FeatureFileReader.readStacked(empty));
        Path npz = file("x.npz", "PK");
        assertTrue(assertThrows(FeatureFileException.class, () -> FeatureFileReader.read(npz)).getMessage()
                .contains(".npz"));
        Path emptyNpy = tmp.resolve("rows0.npy");
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        Npy.writeFloat32(npy, 0, 4, new float[0]);
        Files.write(emptyNpy, npy.toByteArray());
        assertThrows(FeatureFileException.class, () -> FeatureFileReader.readStacked(emptyNpy));
    }

    @Test
    void atomicArchiveWriteRoundTripsAndLeavesNoTemporaryFiles() throws IOException {
        Map<String, FeatureMatrix> m = new LinkedHashMap<>();
        m.put("a", FeatureMatrix.of(new float[][] {{1.25f, -3f}}));
        m.put("b", FeatureMatrix.of(new float[][] {{0.1f, 2e-40f}, {7f, 8f}}));
        Path p = tmp.resolve("out.ark");
        Files.writeString(p, "old content");
        FeatureFileWriter.writeKaldiTextArchive(p, m);
        assertEquals(m, KaldiTextArchiveReader.readAll(p));
        try (var listing = Files.list(tmp)) {
            assertEquals(List.of(p), listing.toList());
        }
        if (Files.getFileStore(p).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            assertTrue(perms.contains(PosixFilePermission.OWNER_READ) && perms.contains(PosixFilePermission.OWNER_WRITE));
        }
    }

    @Test
    void failedAtomicWriteKeepsTheOldFile() throws IOException {
        Path p = file("keep.ark", "old content");
        assertThrows(IOException.class, () -> FeatureFileWriter.writeAtomically(p, out -> {
            out.write(1);
            throw new IOException("disk full");
        }));
        assertEquals("old content", Files.readString(p));
        try (var listing = Files.list(tmp)) {
            assertEquals(List.of(p), listing.toList());
        }
    }
}
