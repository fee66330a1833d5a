package org.cepstra.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.cepstra.io.npy.Npy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a model file can be wrong gives a {@link ModelFileException} that says what and where. */
class ModelSetFileErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The entries of a valid file of {@link ModelFileFixtures#smallSet()} (labels "no": K=2, "yes": K=1; D=2). */
    private Map<String, byte[]> valid;

    @BeforeEach
    void writeValidFile() throws IOException {
        Path f = tmp.resolve("valid.npz");
        ModelSetFile.write(f, ModelFileFixtures.smallSet(), Instant.parse("2024-05-01T12:00:00Z"));
        valid = ModelFileFixtures.entries(f);
    }

    private ModelFileException readError(Path f) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelSetFile.read(f));
        assertEquals(f.toString(), e.file());
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        return e;
    }

    /** Re-zips the valid entries after {@code edit}, reads, and returns the error. */
    private ModelFileException entriesError(Consumer<Map<String, byte[]>> edit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(valid);
        edit.accept(entries);
        return readError(ModelFileFixtures.zip(tmp.resolve("edited.npz"), entries));
    }

    /** As {@link #entriesError}, editing the parsed header. */
    private ModelFileException headerError(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode header = (ObjectNode) JSON.readTree(valid.get("header.json"));
        edit.accept(header);
        byte[] bytes = JSON.writeValueAsBytes(header);
        return entriesError(e -> e.put("header.json", bytes));
    }

    private ModelFileException headerTextError(String text) throws IOException {
        return entriesError(e -> e.put("header.json", text.getBytes(StandardCharsets.UTF_8)));
    }

    private static ObjectNode at(ObjectNode root, String... path) {
        ObjectNode n = root;
        for (String p : path) {
            n = (ObjectNode) n.get(p);
        }
        return n;
    }

    private static ObjectNode label(ObjectNode root, int i) {
        return (ObjectNode) root.get("labels").get(i);
    }

    private static void assertContains(String expected, String actual) {
        assertTrue(actual.contains(expected), "expected '" + expected + "' in: " + actual);
    }

    // ---------------------------------------------------------------- not a model file at all

    @Test
    void textAndEmptyFilesAreNotZipArchives() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.npz"), "these are not the models you are looking for");
        ModelFileException e = readError(text);
        assertEquals("not a Cepstra model file (not a zip archive)", e.problem());
        assertEquals(text + ": not a Cepstra model file (not a zip archive)", e.getMessage());
        assertEquals("not a Cepstra model file (not a zip archive)",
                readError(Files.write(tmp.resolve("empty.npz"), new byte[0])).problem());
        assertEquals("not a Cepstra model file (not a zip archive)",
                readError(Files.write(tmp.resolve("pk.npz"), new byte[] {'P', 'K'})).problem());
    }

    @Test
    void missingFileIsTheUsualException() {
        assertThrows(NoSuchFileException.class, () -> ModelSetFile.read(tmp.resolve("nowhere.npz")));
    }

    @Test
    void zipWithoutHeaderIsNotAModelFile() throws IOException {
        Path f = ModelFileFixtures.zip(tmp.resolve("other.zip"), Map.of("a.txt", new byte[] {1}));
        assertEquals("not a Cepstra model file (no header.json in the zip archive)", readError(f).problem());
        Path empty = ModelFileFixtures.zip(tmp.resolve("empty.zip"), Map.of());
        assertEquals("not a Cepstra model file (no header.json in the zip archive)", readError(empty).problem());
    }

    @Test
    void zipEndRecordMissingMeansCutShort() throws IOException {
        byte[] good = Files.readAllBytes(ModelFileFixtures.zip(tmp.resolve("g.npz"), valid));
        Path cut = Files.write(tmp.resolve("cut.npz"), java.util.Arrays.copyOf(good, good.length - 30));
        assertContains("the file is damaged or cut short: ", readError(cut).problem());
    }

    // ---------------------------------------------------------------- header

    @Test
    void headerThatIsNotJson() throws IOException {
        ModelFileException e = headerTextError("{\"format\": ");
        assertEquals("header.json", e.location());
        assertContains("not valid JSON", e.problem());
        assertContains("not valid JSON", headerTextError("{} trailing").problem());
        assertContains("not valid JSON", headerTextError("{\"format\": 1, \"format\": 2}").problem());
        assertContains("not valid JSON", headerTextError("{\"a\": NaN}").problem());
        assertContains("not a JSON object", headerTextError("[1, 2]").problem());
        assertContains("not a JSON object", headerTextError("").problem());
    }

    @Test
    void wrongFormatName() throws IOException {
        ModelFileException e = headerError(h -> h.put("format", "kaldi-gmm"));
        assertEquals("not a Cepstra model file (field 'format' is the string \"kaldi-gmm\", expected "
                + "\"cepstra-model-set\")", e.problem());
        assertContains("not a Cepstra model file", headerError(h -> h.remove("format")).problem());
    }

    @Test
    void newerFormatVersionIsRefusedByName() throws IOException {
        ModelFileException e = headerError(h -> {
            h.put("formatVersion", 8);
            h.remove("featureConfig"); // a newer format may change anything else
        });
        assertEquals("written by a newer Cepstra (format 8); this version reads formats 1 to 7", e.problem());
        e = headerError(h -> h.put("formatVersion", "1"));
        assertEquals("header.json, field 'formatVersion'", e.location());
        e = headerError(h -> h.put("formatVersion", 0));
        assertEquals("header.json, field 'formatVersion'", e.location());
        e = headerError(h -> h.remove("formatVersion"));
        assertEquals("header.json, field 'formatVersion'", e.location());
    }

    @Test
    void missingAndInvalidFieldsAreNamed() throws IOException {
        ModelFileException e = headerError(h -> at(h, "featureConfig", "mfcc", "frame").remove("frameLengthMs"));
        assertEquals("header.json, field 'featureConfig.mfcc.frame.frameLengthMs'", e.location());
        assertEquals("missing", e.problem());

        e = headerError(h -> at(h, "training").put("numComponents", 0));
        assertEquals("header.json, field 'training'", e.location());
        assertContains("numComponents must be >= 1", e.problem());

        e = headerError(h -> h.put("createdAt", "yesterday"));
        assertEquals("header.json, field 'createdAt'", e.location());
        assertContains("not an ISO-8601 UTC time", e.problem());

        e = headerError(h -> h.put("dimension", 3));
        assertEquals("header.json, field 'dimension'", e.location());
        assertEquals("is 3 but the feature configuration makes 2-dimensional frames", e.problem());

        e = headerError(h -> h.put("skippedFiles", -1));
        assertEquals("header.json, field 'skippedFiles'", e.location());

        e = headerError(h -> h.put("comment", "hello"));
        assertEquals("header.json, field 'comment'", e.location());
        assertEquals("unknown field", e.problem());

        e = headerError(h -> h.remove("createdBy"));
        assertEquals("header.json, field 'createdBy'", e.location());
    }

    @Test
    void calibrationProblemsAreNamed() throws IOException {
        ModelFileException e = headerError(h -> at(h, "calibration").put("scale", -0.5));
        assertEquals("header.json, field 'calibration'", e.location());
        assertContains("calibration scale must be a finite number > 0, got -0.5", e.problem());

        e = headerError(h -> at(h, "calibration").put("calibrated", true));
        assertEquals("header.json, field 'calibration.calibrated'", e.location());
        assertEquals("is true but heldOut is NONE", e.problem());

        e = headerError(h -> at(h, "calibration").put("heldOut", "FRIENDS"));
        assertEquals("header.json, field 'calibration.heldOut'", e.location());

        e = headerError(h -> at(h, "calibration").remove("frameExponent"));
        assertEquals("header.json, field 'calibration.frameExponent'", e.location());
        assertEquals("missing", e.problem());
    }

    @Test
    void folderGivenAsTheModelIsNamed() throws IOException {
        // was: "Is a directory", without the path
        Path folder = Files.createDirectory(tmp.resolve("models"));
        ModelFileException e = readError(folder);
        assertEquals(folder + ": is a folder, not a model file", e.getMessage());
    }

    @Test
    void labelListProblemsAreNamed() throws IOException {
        ModelFileException e = headerError(h -> label(h, 1).remove("numComponents"));
        assertEquals("header.json, field 'labels[1].numComponents'", e.location());

        e = headerError(h -> label(h, 0).remove("frames"));
        assertEquals("header.json, field 'labels[0].frames'", e.location());
        assertEquals("missing", e.problem());

        e = headerError(h -> label(h, 0).put("utterances", -1));
        assertEquals("header.json, field 'labels[0]'", e.location());

        e = headerError(h -> label(h, 1).put("label", "no"));
        assertEquals("header.json, field 'labels[1].label'", e.location());
        assertEquals("duplicate label 'no' (also labels[0])", e.problem());

        e = headerError(h -> {
            label(h, 0).put("label", "zzz");
        });
        assertEquals("header.json, field 'labels[1].label'", e.location());
        assertContains("not sorted", e.problem());

        e = headerError(h -> label(h, 0).put("label", ""));
        assertEquals("header.json, field 'labels[0].label'", e.location());

        e = headerError(h -> ((ArrayNode) h.get("labels")).removeAll());
        assertEquals("header.json, field 'labels'", e.location());

        e = headerError(h -> label(h, 0).put("averageLogLikelihood", "minus a lot"));
        assertEquals("header.json, field 'labels[0].averageLogLikelihood'", e.location());

        e = headerError(h -> label(h, 1).put("numComponents", 2_000_000_000));
        assertEquals("header.json, field 'labels[1].numComponents'", e.location());
        assertContains("more values than one array can hold", e.problem());
    }

    @Test
    void oversizedHeaderIsRefusedWithoutReadingItAll() throws IOException {
        byte[] huge = new byte[ModelSetFile.MAX_HEADER_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        ModelFileException e = entriesError(m -> m.put("header.json", huge));
        assertEquals("header.json", e.location());
        assertContains("more than the " + ModelSetFile.MAX_HEADER_BYTES + " bytes", e.problem());
    }

    // ---------------------------------------------------------------- entries and arrays

    @Test
    void missingAndUnexpectedEntries() throws IOException {
        ModelFileException e = entriesError(m -> m.remove("means_1.npy"));
        assertEquals("missing entry 'means_1.npy' (means of label 'yes')", e.problem());
        e = entriesError(m -> m.put("README.txt", new byte[] {1}));
        assertContains("unexpected entry 'README.txt'", e.problem());
        e = entriesError(m -> m.put("weights_2.npy", m.get("weights_1.npy")));
        assertContains("unexpected entry 'weights_2.npy'", e.problem());
    }

    @Test
    void duplicateEntryNames() throws IOException {
        byte[] good = Files.readAllBytes(ModelFileFixtures.zip(tmp.resolve("g.npz"), valid));
        byte[] bad = replaceAll(good, "means_1.npy", "means_0.npy");
        Path f = Files.write(tmp.resolve("dup.npz"), bad);
        assertContains("holds entry 'means_0.npy' twice", readError(f).problem());
    }

    @Test
    void arraysOfTheWrongShapeOrType() throws IOException {
        ModelFileException e = entriesError(m -> m.put("weights_0.npy", npy(new long[] {3}, 0.25, 0.25, 0.5)));
        assertEquals("weights_0.npy (label 'no')", e.location());
        assertEquals("has shape (3,), the header implies (2,) (K = 2 components)", e.problem());

        e = entriesError(m -> m.put("means_1.npy", npy(new long[] {2, 1}, 0, 0)));
        assertEquals("means_1.npy (label 'yes')", e.location());
        assertEquals("has shape (2, 1), the header implies (1, 2) (K = 1 components, D = 2 dimensions)",
                e.problem());

        e = entriesError(m -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                Npy.writeFloat32(out, 1, 2, new float[] {1, 1});
            } catch (IOException ex) {
                throw new AssertionError(ex);
            }
            m.put("variances_1.npy", out.toByteArray());
        });
        assertEquals("variances_1.npy (label 'yes')", e.location());
        assertEquals("holds <f4 values, expected float64 (<f8)", e.problem());

        e = entriesError(m -> m.put("means_0.npy", "not an array".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("means_0.npy (label 'no')", e.location());
        assertContains("not a .npy file", e.problem());
    }

    @Test
    void nonFiniteValuesAreRejected() throws IOException {
        byte[] withNan = npy(new long[] {2, 2}, 1, 2, 3, 4);
        ByteBuffer.wrap(withNan).order(ByteOrder.LITTLE_ENDIAN).putDouble(withNan.length - 16, Double.NaN);
        ModelFileException e = entriesError(m -> m.put("means_0.npy", withNan));
        assertEquals("means_0.npy (label 'no')", e.location());
        assertContains("row 1, column 0", e.problem());
        assertContains("NaN", e.problem());
    }

    @Test
    void weightsMustBeNonNegativeAndSumToOne() throws IOException {
        ModelFileException e = entriesError(m -> m.put("weights_0.npy", npy(new long[] {2}, 0.5, 0.4)));
        assertEquals("weights_0.npy (label 'no')", e.location());
        assertEquals("the weights sum to 0.9, not 1 (tolerance 1.0E-6)", e.problem());
        e = entriesError(m -> m.put("weights_0.npy", npy(new long[] {2}, 1.25, -0.25)));
        assertEquals("weight of component 1 is -0.25; weights must be >= 0", e.problem());
        // within the tolerance: accepted (and renormalised, as the model constructor does)
        byte[] close = npy(new long[] {2}, 0.25, 0.75 + 5e-7);
        Map<String, byte[]> entries = new LinkedHashMap<>(valid);
        entries.put("weights_0.npy", close);
        Path f = ModelFileFixtures.zip(tmp.resolve("close.npz"), entries);
        assertEquals(1.0, ModelSetFile.read(f).model("no").weights()[0] + ModelSetFile.read(f).model("no").weights()[1],
                1e-15);
    }

    @Test
    void variancesMustBePositive() throws IOException {
        ModelFileException e = entriesError(m -> m.put("variances_0.npy", npy(new long[] {2, 2}, 1, 1, 0, 1)));
        assertEquals("variances_0.npy (label 'no')", e.location());
        assertEquals("variance of component 1, dimension 0 is 0.0; variances must be > 0", e.problem());
        e = entriesError(m -> m.put("variances_1.npy", npy(new long[] {1, 2}, 1, -2)));
        assertEquals("variance of component 0, dimension 1 is -2.0; variances must be > 0", e.problem());
    }

    @Test
    void modelsThatCannotBeScoredAreRejected() throws IOException {
        ModelFileException e = entriesError(m -> {
            m.put("means_1.npy", npy(new long[] {1, 2}, 1e300, 0));
            m.put("variances_1.npy", npy(new long[] {1, 2}, 1e-320, 1));
        });
        assertEquals("model of label 'yes' (index 1)", e.location());
        assertContains("too small for mean", e.problem());
    }

    @Test
    void zipBombIsStoppedByTheDeclaredSize() throws IOException {
        // 8 MB of zeros deflate to about 8 kB; the header allows 2 x 2 doubles
        byte[] bomb = npy(new long[] {500_000, 2}, new double[1_000_000]);
        ModelFileException e = entriesError(m -> m.put("means_0.npy", bomb));
        assertEquals("means_0.npy", e.location());
        assertContains("entry holds " + bomb.length + " bytes, more than the", e.problem());
    }

    @Test
    void zipBombWithAFalseSizeIsStoppedWhileInflating() throws IOException {
        byte[] bomb = npy(new long[] {500_000, 2}, new double[1_000_000]);
        Map<String, byte[]> entries = new LinkedHashMap<>(valid);
        entries.put("means_0.npy", bomb);
        byte[] zip = Files.readAllBytes(ModelFileFixtures.zip(tmp.resolve("b.npz"), entries));
        // claim 160 bytes in the central directory (where the reader takes sizes from)
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int cen = indexOf(zip, "PK\u0001\u0002", 0);
        boolean patched = false;
        while (cen >= 0) {
            int nameLength = b.getShort(cen + 28) & 0xffff;
            String name = new String(zip, cen + 46, nameLength, StandardCharsets.UTF_8);
            if (name.equals("means_0.npy")) {
                b.putInt(cen + 24, 160);
                patched = true;
            }
            cen = indexOf(zip, "PK\u0001\u0002", cen + 46);
        }
        assertTrue(patched);
        Path f = Files.write(tmp.resolve("liar.npz"), zip);
        ModelFileException e = readError(f);
        assertEquals("means_0.npy", e.location());
        assertContains("entry holds more than the", e.problem());
    }

    private static byte[] npy(long[] shape, double... values) {
        try {
            return ModelFileFixtures.npy(shape, values);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int indexOf(byte[] data, String ascii, int from) {
        byte[] p = ascii.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = from; i <= data.length - p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (data[i + j] != p[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] replaceAll(byte[] data, String from, String to) {
        byte[] out = data.clone();
        byte[] t = to.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = indexOf(out, from, 0); i >= 0; i = indexOf(out, from, i + 1)) {
            System.arraycopy(t, 0, out, i, t.length);
        }
        return out;
    }
}
