package org.cepstra.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.io.kaldi.KaldiGmmText;
import org.cepstra.io.model.ModelFileException;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for the model readers: {@link ModelSetFile#read} (the zip of {@code header.json} and
 * {@code .npy} arrays written by {@code train}) and {@link KaldiGmmText#read} (the model of
 * {@code fit}). Any bytes give a valid model, or the documented exception ({@link ModelFileException},
 * an {@link IOException} for Kaldi text) whose message starts with the file.
 */
@Timeout(60) // seconds per input; in fuzzing mode Jazzer passes it on as libFuzzer's -timeout
class ModelFileFuzzTest {
    /** Allocation allowance per input byte of a zip: DEFLATE inflates by at most ~1,032×, and the
     *  inflated bytes are parsed into doubles once. */
    private static final long ZIP_BYTES_PER_INPUT_BYTE = 4 * 1032;

    /** The model file as raw bytes (seeded with valid files written by {@code train} and by numpy). */
    @FuzzTest
    void read(byte[] data) {
        Path file = FuzzChecks.write(Folder.DIR.resolve("model.npz"), data);
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        readModelSet(file);
        FuzzChecks.requireBoundedAllocation(before, data.length, ZIP_BYTES_PER_INPUT_BYTE);
    }

    /**
     * A well-formed zip built from the entries of a valid model set, with the fuzzer choosing which
     * entries to replace by its own bytes, drop, duplicate under another name, and how to compress
     * them: reaches the checks behind the zip layer (JSON header fields, array shapes and values).
     */
    @DictionaryEntries({"\"format\"", "\"formatVersion\"", "\"labels\"", "\"numComponents\"", "\"dimension\"",
            "\"featureConfig\"", "\"training\"", "<f8", "'shape'", "'descr'", "NaN", "-1", "1e308", "null"})
    @FuzzTest
    void entries(FuzzedDataProvider in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(Seed.ENTRIES);
        List<String> names = new ArrayList<>(entries.keySet());
        int edits = in.consumeInt(1, 4);
        for (int i = 0; i < edits && in.remainingBytes() > 0; i++) {
            String name = names.get(in.consumeInt(0, names.size() - 1));
            switch (in.consumeInt(0, 3)) {
                case 0 -> entries.put(name, in.consumeBytes(in.consumeInt(0, 4096)));
                case 1 -> entries.remove(name);
                case 2 -> entries.put(in.consumeString(24), entries.getOrDefault(name, new byte[0]));
                default -> {
                    byte[] b = entries.getOrDefault(name, new byte[0]).clone();
                    if (b.length > 0) {
                        b[in.consumeInt(0, b.length - 1)] = in.consumeByte();
                    }
                    entries.put(name, b);
                }
            }
        }
        boolean deflate = in.consumeBoolean();
        byte[] zip = zip(entries, deflate);
        Path file = FuzzChecks.write(Folder.DIR.resolve("entries.npz"), zip);
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        readModelSet(file);
        FuzzChecks.requireBoundedAllocation(before, zip.length, ZIP_BYTES_PER_INPUT_BYTE);
    }

    /** Kaldi's text {@code <DiagGMM>} as {@code fit -o} writes it. */
    @DictionaryEntries({"<DiagGMM>", "</DiagGMM>", "<GCONSTS>", "<WEIGHTS>", "<MEANS_INVVARS>", "<INV_VARS>",
            "[", "]", "nan", "inf", "-1e-45", "3.4e38"})
    @FuzzTest
    void kaldiGmmText(byte[] data) {
        Path file = FuzzChecks.write(Folder.DIR.resolve("model.gmm"), data);
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        try {
            checkModel(KaldiGmmText.read(file));
        } catch (IOException e) {
            FuzzChecks.requireMessageNaming(e, file.toString());
        }
        FuzzChecks.requireBoundedAllocation(before, data.length);
    }

    private static void readModelSet(Path file) {
        try {
            ModelSet set = ModelSetFile.read(file);
            assertTrue(set.size() >= 1, "a model set without labels");
            for (String label : set.labelNames()) {
                DiagonalGmm g = set.model(label);
                assertEquals(set.featureConfig().dimension(), g.dimension(), "model and features disagree");
                checkModel(g);
            }
        } catch (ModelFileException e) {
            FuzzChecks.requireMessageNaming(e, file.toString());
        } catch (IOException e) {
            throw new AssertionError("undocumented exception for an existing file: " + e, e);
        }
    }

    private static void checkModel(DiagonalGmm g) {
        double sum = 0;
        for (int c = 0; c < g.numComponents(); c++) {
            assertTrue(g.weight(c) >= 0, "negative weight");
            sum += g.weight(c);
            for (int j = 0; j < g.dimension(); j++) {
                assertTrue(Double.isFinite(g.mean(c)[j]), "non-finite mean");
                assertTrue(g.variance(c)[j] > 0 && Double.isFinite(g.variance(c)[j]), "bad variance");
            }
        }
        assertEquals(1.0, sum, 1e-3, "weights do not sum to 1");
    }

    private static byte[] zip(Map<String, byte[]> entries, boolean deflate) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey().isEmpty() ? "_" : e.getKey());
                if (!deflate) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    ze.setMethod(ZipEntry.STORED);
                    ze.setSize(e.getValue().length);
                    ze.setCrc(crc.getValue());
                }
                try {
                    z.putNextEntry(ze);
                } catch (java.util.zip.ZipException dup) {
                    continue; // a duplicate name: zip writers refuse it, so the reader never sees one this way
                }
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** The entries of the valid model set the {@link #entries} target starts from. */
    private static final class Seed {
        static final Map<String, byte[]> ENTRIES = load();

        private static Map<String, byte[]> load() {
            Map<String, byte[]> m = new LinkedHashMap<>();
            try (InputStream raw = ModelFileFuzzTest.class.getResourceAsStream("/models/small-v1.npz");
                    java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(raw)) {
                for (ZipEntry e; (e = z.getNextEntry()) != null;) {
                    m.put(e.getName(), z.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return m;
        }
    }

    /** The folder the targets write into, made once per test run. */
    private static final class Folder {
        static final Path DIR = FuzzChecks.tempFolder("cepstra-fuzz-model");
    }
}
