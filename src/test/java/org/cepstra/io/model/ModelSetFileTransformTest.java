package org.cepstra.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeatureTransform;
import org.cepstra.features.LdaOptions;
import org.cepstra.features.SpliceOptions;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LDA projection in the model file: format 5, Kaldi's [A | b] in transform.npy, read back exactly. */
class ModelSetFileTransformTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The small set's 2-dimensional models over frames spliced ±1 (2 × 3 = 6 dims) projected to 2 by LDA. */
    static ModelSet withTransform() {
        ModelSet small = ModelFileFixtures.smallSet();
        FeatureConfig features = small.featureConfig().withSplice(new SpliceOptions(1)).withLda(new LdaOptions(2, 3));
        double[] a = new double[12];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.scalb(1.0 + i / 7.0, i - 6) * (i % 3 == 0 ? -1 : 1);
        }
        FeatureTransform t = new FeatureTransform(2, 6, a, new double[] {0.1, -1234.5678901234});
        return new ModelSet(small.models(), features, small.training(), small.labels(), small.skippedFiles(),
                small.calibration(), Optional.empty(), Optional.empty(), Optional.of(t));
    }

    @Test
    void aTransformIsWrittenAsFormat5AndReadBackExactly() throws IOException {
        Path f = tmp.resolve("lda.npz");
        ModelSet set = withTransform();
        ModelSetFile.write(f, set, Instant.EPOCH);
        Map<String, byte[]> entries = ModelFileFixtures.entries(f);
        ObjectNode header = (ObjectNode) JSON.readTree(entries.get("header.json"));
        assertEquals(5, header.get("formatVersion").intValue());
        assertEquals(2, header.get("featureConfig").get("lda").get("dims").intValue());
        assertEquals(3, header.get("featureConfig").get("lda").get("statesPerLabel").intValue());
        assertEquals(2, header.get("dimension").intValue());
        assertTrue(entries.containsKey("transform.npy"));
        ModelSet back = ModelSetFile.read(f);
        assertEquals(set.transform(), back.transform());
        assertArrayEquals(set.transform().get().asAffineMatrix(), back.transform().get().asAffineMatrix());
        assertEquals(set.featureConfig(), back.featureConfig());
        ModelSetFileTest.assertSameModelSet(set, back);
        // the read set's pipeline ends in the stored projection
        assertEquals(set.transform(), back.featurePipeline().transform());
    }

    @Test
    void aSetWithoutTransformHasNoLdaFieldNorEntry() throws IOException {
        Path f = tmp.resolve("plain.npz");
        ModelSetFile.write(f, ModelFileFixtures.smallSet(), Instant.EPOCH);
        Map<String, byte[]> entries = ModelFileFixtures.entries(f);
        ObjectNode header = (ObjectNode) JSON.readTree(entries.get("header.json"));
        assertEquals(2, header.get("formatVersion").intValue());
        assertTrue(!header.get("featureConfig").has("lda"));
        assertTrue(!entries.containsKey("transform.npy"));
        assertEquals(Optional.empty(), ModelSetFile.read(f).transform());
    }

    @Test
    void aMissingWrongOrUnexpectedTransformEntryIsNamed() throws IOException {
        Path f = tmp.resolve("lda.npz");
        ModelSetFile.write(f, withTransform(), Instant.EPOCH);
        Map<String, byte[]> entries = new LinkedHashMap<>(ModelFileFixtures.entries(f));

        Map<String, byte[]> missing = new LinkedHashMap<>(entries);
        missing.remove("transform.npy");
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelSetFile.read(ModelFileFixtures.zip(tmp.resolve("missing.npz"), missing)));
        assertEquals("missing entry 'transform.npy' (the LDA projection the feature configuration ends in)",
                e.problem());

        Map<String, byte[]> shape = new LinkedHashMap<>(entries);
        shape.put("transform.npy", ModelFileFixtures.npy(new long[] {2, 6}, new double[12]));
        e = assertThrows(ModelFileException.class,
                () -> ModelSetFile.read(ModelFileFixtures.zip(tmp.resolve("shape.npz"), shape)));
        assertEquals("transform.npy", e.location());
        assertEquals("has shape (2, 6), the header implies (2, 7) (LDA to 2 dimensions from 6, plus the offset "
                + "column)", e.problem());

        Map<String, byte[]> nan = new LinkedHashMap<>(entries);
        byte[] npy = ModelFileFixtures.npy(new long[] {2, 7}, new double[14]);
        java.nio.ByteBuffer.wrap(npy, npy.length - 14 * 8 + 3 * 8, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putDouble(Double.NaN); // element 3 (the writer refuses NaN)
        nan.put("transform.npy", npy);
        e = assertThrows(ModelFileException.class,
                () -> ModelSetFile.read(ModelFileFixtures.zip(tmp.resolve("nan.npz"), nan)));
        assertEquals("transform.npy", e.location());
        assertTrue(e.problem().contains("NaN"), e.problem());

        Path plain = tmp.resolve("plain.npz");
        ModelSetFile.write(plain, ModelFileFixtures.smallSet(), Instant.EPOCH);
        Map<String, byte[]> extra = new LinkedHashMap<>(ModelFileFixtures.entries(plain));
        extra.put("transform.npy", entries.get("transform.npy"));
        e = assertThrows(ModelFileException.class,
                () -> ModelSetFile.read(ModelFileFixtures.zip(tmp.resolve("extra.npz"), extra)));
        assertTrue(e.problem().startsWith("unexpected entry 'transform.npy'"), e.problem());
    }

    @Test
    void aModelSetRefusesAnLdaStageWithoutItsProjectionAndAProjectionWithoutTheStage() {
        ModelSet set = withTransform();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelSet(set.models(),
                set.featureConfig(), set.training(), set.labels(), 0, set.calibration(), Optional.empty(),
                Optional.empty(), Optional.empty()));
        assertEquals("the feature configuration ends in an LDA projection to 2 dimensions, but the model set holds "
                + "no transform", e.getMessage());
        ModelSet small = ModelFileFixtures.smallSet();
        assertThrows(IllegalArgumentException.class, () -> new ModelSet(small.models(), small.featureConfig(),
                small.training(), small.labels(), 0, small.calibration(), Optional.empty(), Optional.empty(),
                set.transform()));
    }
}
