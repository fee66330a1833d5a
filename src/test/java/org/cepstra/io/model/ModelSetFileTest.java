package org.cepstra.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.io.npy.Npy;
import org.cepstra.io.npy.NpyArray;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.LabelSummary;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSetFileTest {
    private static final Instant WHEN = Instant.parse("2024-05-01T12:34:56Z");

    @TempDir
    Path tmp;

    /** Asserts that two sets are equal in every part, and that every model scores random frames identically. */
    static void assertSameModelSet(ModelSet expected, ModelSet actual) {
        assertEquals(expected.labelNames(), actual.labelNames());
        for (String label : expected.labelNames()) {
            DiagonalGmm a = expected.model(label);
            DiagonalGmm b = actual.model(label);
            assertArrayEquals(a.weights(), b.weights(), "weights of " + label);
            assertArrayEquals(a.means(), b.means(), "means of " + label);
            assertArrayEquals(a.variances(), b.variances(), "variances of " + label);
            assertEquals(a, b);
            FeatureMatrix frames = a.sample(50, label.hashCode());
            float[] noise = new float[frames.rows() * frames.cols()];
            Random r = new Random(label.hashCode());
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) (30 * r.nextGaussian());
            }
            FeatureMatrix far = FeatureMatrix.wrap(frames.rows(), frames.cols(), noise);
            assertEquals(a.totalLogLikelihood(frames), b.totalLogLikelihood(frames), 0.0, "score of " + label);
            assertEquals(a.totalLogLikelihood(far), b.totalLogLikelihood(far), 0.0, "score of " + label);
            assertArrayEquals(a.logLikelihoods(frames), b.logLikelihoods(frames));
        }
        assertEquals(expected.featureConfig(), actual.featureConfig());
        assertEquals(expected.training(), actual.training());
        assertEquals(expected.labels(), actual.labels());
        assertEquals(expected.skippedFiles(), actual.skippedFiles());
    }

    @Test
    void roundTripIsExact() throws IOException {
        ModelSet set = ModelFileFixtures.randomSet(1, 5, 8, ModelFileFixtures.unusualFeatureConfig(),
                ModelFileFixtures.unusualTrainingConfig());
        Path f = tmp.resolve("set.npz");
        ModelSetFile.write(f, set);
        assertSameModelSet(set, ModelSetFile.read(f));
    }

    @Test
    void weightsComeBackBitForBitForManyRandomMixtures() throws IOException {
        // Two thirds of normalised weight vectors change in the last bit when divided by their sum again;
        // the saved weights must still come back exactly.
        ModelSet set = ModelFileFixtures.randomSet(2, 120, 64, ModelFileFixtures.tinyFeatureConfig(),
                TrainingConfig.defaults(64));
        int notFixedPoints = 0;
        for (DiagonalGmm g : set.models().values()) {
            double[] w = g.weights();
            double sum = 0;
            for (double x : w) {
                sum += x;
            }
            double[] again = w.clone();
            for (int i = 0; i < again.length; i++) {
                again[i] /= sum;
            }
            if (!java.util.Arrays.equals(again, w)) {
                notFixedPoints++;
            }
        }
        assertTrue(notFixedPoints > 30, "the test needs weights that do not survive renormalisation: "
                + notFixedPoints);
        Path f = tmp.resolve("many.npz");
        ModelSetFile.write(f, set);
        assertSameModelSet(set, ModelSetFile.read(f));
    }

    @Test
    void summariesWithNonFiniteLogLikelihoodRoundTrip() throws IOException {
        ModelSet small = ModelFileFixtures.smallSet();
        for (double ll : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}) {
            List<LabelSummary> s = List.of(new LabelSummary("no", 1, 2, 2, 3, false, ll, 0, 0),
                    new LabelSummary("yes", 4, 5, 1, 6, true, -1.5, 2, 1));
            ModelSet set = new ModelSet(small.models(), small.featureConfig(), small.training(), s, 0);
            Path f = tmp.resolve("nan.npz");
            ModelSetFile.write(f, set);
            assertEquals(s, ModelSetFile.read(f).labels());
        }
    }

    @Test
    void sameSetAndTimeGiveSameBytes() throws IOException {
        ModelSet set = ModelFileFixtures.randomSet(3, 3, 4, FeatureConfig.kaldiDefaults(), TrainingConfig.defaults(4));
        Path a = tmp.resolve("a.npz");
        Path b = tmp.resolve("b.npz");
        ModelSetFile.write(a, set, WHEN);
        ModelSetFile.write(b, set, WHEN);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void archiveHoldsTheHeaderAndOneNpyPerArray() throws IOException {
        ModelSet set = ModelFileFixtures.smallSet();
        Path f = tmp.resolve("small.npz");
        ModelSetFile.write(f, set, WHEN);
        try (ZipFile z = new ZipFile(f.toFile())) {
            List<String> names = new ArrayList<>();
            z.stream().forEach(e -> {
                names.add(e.getName());
                assertEquals(ZipEntry.DEFLATED, e.getMethod(), e.getName());
            });
            assertEquals(List.of("header.json", "weights_0.npy", "means_0.npy", "variances_0.npy", "weights_1.npy",
                    "means_1.npy", "variances_1.npy"), names);
        }
        Map<String, byte[]> entries = ModelFileFixtures.entries(f);
        NpyArray means1 = Npy.read(new ByteArrayInputStream(entries.get("means_1.npy")), "m", 1 << 20);
        assertArrayEquals(new long[] {1, 2}, means1.shape());
        assertArrayEquals(new double[] {-1.0, 0.5}, means1.toDoubleArray());
        NpyArray weights0 = Npy.read(new ByteArrayInputStream(entries.get("weights_0.npy")), "w", 1 << 20);
        assertArrayEquals(new long[] {2}, weights0.shape());
        assertArrayEquals(new double[] {0.25, 0.75}, weights0.toDoubleArray());
        NpyArray vars0 = Npy.read(new ByteArrayInputStream(entries.get("variances_0.npy")), "v", 1 << 20);
        assertArrayEquals(new double[] {0.5, 2.0, 1.0, 0.25}, vars0.toDoubleArray());

        JsonNode h = new ObjectMapper().readTree(entries.get("header.json"));
        assertEquals("cepstra-model-set", h.get("format").textValue());
        assertEquals(2, h.get("formatVersion").intValue()); // 2: calibration and the automatic minimum occupancy
        assertEquals("2024-05-01T12:34:56Z", h.get("createdAt").textValue());
        assertTrue(h.get("createdBy").textValue().startsWith("cepstra "), h.get("createdBy").textValue());
        assertEquals(2, h.get("dimension").intValue());
        assertEquals(1, h.get("skippedFiles").intValue());
        JsonNode no = h.get("labels").get(0);
        assertEquals("no", no.get("label").textValue());
        assertEquals(2, no.get("numComponents").intValue());
        assertEquals(3456, no.get("frames").longValue());
        assertEquals(-3.25, no.get("averageLogLikelihood").doubleValue());
        JsonNode yes = h.get("labels").get(1);
        assertEquals(2, yes.size(), "a label without summary has only label and numComponents: " + yes);
        assertEquals(25.0, h.at("/featureConfig/mfcc/frame/frameLengthMs").doubleValue());
        assertEquals(2, h.at("/training/numComponents").intValue());
    }

    @Test
    void writeRejectsSummariesThatDoNotMatchTheModels() {
        ModelSet small = ModelFileFixtures.smallSet();
        LabelSummary no = small.labels().get(0);
        List<List<LabelSummary>> bad = List.of(
                List.of(new LabelSummary("maybe", 1, 1, 1, 1, true, 0, 0, 0)),
                List.of(no, no),
                List.of(new LabelSummary("no", 1, 1, 3, 1, true, 0, 0, 0)),
                List.of(new LabelSummary("yes", 1, 1, 1, 1, true, 0, 0, 0), no));
        Path f = tmp.resolve("bad.npz");
        for (List<LabelSummary> s : bad) {
            ModelSet set = new ModelSet(small.models(), small.featureConfig(), small.training(), s, 0);
            assertThrows(IllegalArgumentException.class, () -> ModelSetFile.write(f, set));
            assertFalse(Files.exists(f));
        }
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path f = tmp.resolve("model.npz");
        Files.writeString(f, "old content");
        ModelSet set = ModelFileFixtures.smallSet();
        ModelSetFile.write(f, set);
        assertSameModelSet(set, ModelSetFile.read(f));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(f), s.toList());
        }
    }

    @Test
    void failedWriteLeavesTargetAndNoTemporaryFile() throws IOException {
        Path target = tmp.resolve("occupied");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside"), "x");
        assertThrows(IOException.class, () -> ModelSetFile.write(target, ModelFileFixtures.smallSet()));
        assertTrue(Files.isDirectory(target));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(target), s.toList());
        }
    }

    @Test
    void writingIntoAMissingFolderNamesTheFolder() {
        Path missing = tmp.resolve("no-such-folder");
        java.nio.file.NoSuchFileException e = assertThrows(java.nio.file.NoSuchFileException.class,
                () -> ModelSetFile.write(missing.resolve("m.npz"), ModelFileFixtures.smallSet()));
        assertEquals(missing.toString(), e.getFile());
        assertFalse(Files.exists(missing));
    }

    @Test
    void staleTemporaryFilesAreRemovedBeforeWriting() throws IOException {
        Path target = tmp.resolve("digits.npz");
        Path stale = tmp.resolve(".digits.npz.tmp-0123456789abcdef");
        Path fresh = tmp.resolve(".digits.npz.tmp-fedcba9876543210");
        Path otherTarget = tmp.resolve(".other.npz.tmp-0123456789abcdef");
        Path notOurs = tmp.resolve(".digits.npz.tmp-notahexname12345");
        Path shortName = tmp.resolve(".digits.npz.tmp-0123");
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        for (Path p : List.of(stale, fresh, otherTarget, notOurs, shortName)) {
            Files.writeString(p, "half a model");
            if (p != fresh) {
                Files.setLastModifiedTime(p, old);
            }
        }
        ModelSetFile.write(target, ModelFileFixtures.smallSet());
        assertFalse(Files.exists(stale));
        for (Path p : List.of(fresh, otherTarget, notOurs, shortName, target)) {
            assertTrue(Files.exists(p), p.toString());
        }
        assertEquals(List.of(fresh), ModelSetFile.cleanStaleTempFiles(target, Duration.ZERO));
        assertFalse(Files.exists(fresh));
        assertEquals(List.of(), ModelSetFile.cleanStaleTempFiles(tmp.resolve("missing-dir").resolve("x.npz")));
    }

    @Test
    void singleLabelWithOneComponentAndNoSummaries() throws IOException {
        SortedMap<String, DiagonalGmm> models = new TreeMap<>();
        models.put("only", new DiagonalGmm(new double[] {1}, new double[][] {{0, 0}}, new double[][] {{1, 1}}));
        ModelSet set = new ModelSet(models, ModelFileFixtures.tinyFeatureConfig(), TrainingConfig.defaults(1),
                List.of(), 0);
        Path f = tmp.resolve("one.npz");
        ModelSetFile.write(f, set);
        assertSameModelSet(set, ModelSetFile.read(f));
    }

    @Test
    void unicodeLabelsRoundTrip() throws IOException {
        SortedMap<String, DiagonalGmm> models = new TreeMap<>();
        Random r = new Random(5);
        for (String l : List.of("ünï", "日本", "a b\"c\\d", "\u0001")) {
            models.put(l, ModelFileFixtures.randomGmm(r, 2, 2));
        }
        ModelSet set = new ModelSet(models, ModelFileFixtures.tinyFeatureConfig(), TrainingConfig.defaults(2),
                List.of(), 0);
        Path f = tmp.resolve("unicode.npz");
        ModelSetFile.write(f, set);
        assertSameModelSet(set, ModelSetFile.read(f));
    }
}
