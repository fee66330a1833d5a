package org.cepstra.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.CmvnPrior;
import org.cepstra.features.CmvnStatistics;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-speaker CMVN prior in the model file: format 3, read back exactly, bad fields named. */
class ModelSetFileCmvnPriorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CmvnPrior PRIOR = new CmvnPrior(100, new CmvnStatistics(12_345.5,
            new double[] {0.1, -1234.567890123}, new double[] {1e-300, 9.87654321e12}));

    @TempDir
    Path tmp;

    private static ModelSet withPrior() {
        ModelSet small = ModelFileFixtures.smallSet();
        return new ModelSet(small.models(), small.featureConfig().withCmvn(CmvnOptions.speaker(true),
                CmvnPlacement.BEFORE_DELTAS), small.training(), small.labels(), small.skippedFiles(),
                small.calibration(), Optional.of(PRIOR));
    }

    @Test
    void aPriorIsWrittenAsFormat3AndReadBackExactly() throws IOException {
        Path f = tmp.resolve("prior.npz");
        ModelSetFile.write(f, withPrior(), Instant.EPOCH);
        ObjectNode header = (ObjectNode) JSON.readTree(ModelFileFixtures.entries(f).get("header.json"));
        assertEquals(3, header.get("formatVersion").intValue());
        assertEquals(100.0, header.get("cmvnPrior").get("frames").doubleValue());
        ModelSet back = ModelSetFile.read(f);
        assertEquals(Optional.of(PRIOR), back.cmvnPrior());
        ModelSetFileTest.assertSameModelSet(withPrior(), back);
    }

    @Test
    void aSetWithoutPriorStaysFormat2() throws IOException {
        Path f = tmp.resolve("plain.npz");
        ModelSetFile.write(f, ModelFileFixtures.smallSet(), Instant.EPOCH);
        ObjectNode header = (ObjectNode) JSON.readTree(ModelFileFixtures.entries(f).get("header.json"));
        assertEquals(2, header.get("formatVersion").intValue());
        assertTrue(!header.has("cmvnPrior"));
        assertEquals(Optional.empty(), ModelSetFile.read(f).cmvnPrior());
    }

    @Test
    void badPriorFieldsAreNamed() throws IOException {
        ModelFileException e = headerError(h -> prior(h).putArray("sum").add(1.0));
        assertEquals("header.json, field 'cmvnPrior.sum'", e.location());
        assertEquals("must have 2 elements, found 1", e.problem());
        e = headerError(h -> prior(h).putArray("sumOfSquares").add(1.0).add("x"));
        assertEquals("header.json, field 'cmvnPrior.sumOfSquares'", e.location());
        assertEquals("element 1 must be a finite number, found the string \"x\"", e.problem());
        e = headerError(h -> prior(h).put("count", 0));
        assertEquals("header.json, field 'cmvnPrior'", e.location());
        assertTrue(e.problem().contains("count no frames"), e.problem());
        e = headerError(h -> prior(h).put("frames", -3));
        assertTrue(e.problem().contains(">= 0"), e.problem());
        e = headerError(h -> prior(h).put("extra", 1));
        assertEquals("header.json, field 'cmvnPrior.extra'", e.location());
        e = headerError(h -> ((ObjectNode) h.get("featureConfig").get("cmvn")).put("mode", "UTTERANCE"));
        assertEquals("header.json, field 'cmvnPrior'", e.location());
        assertEquals("a CMVN prior needs per-speaker CMVN, the feature configuration has UTTERANCE", e.problem());
    }

    private static ObjectNode prior(ObjectNode header) {
        return (ObjectNode) header.get("cmvnPrior");
    }

    private ModelFileException headerError(Consumer<ObjectNode> edit) throws IOException {
        return ModelFileFixtures.headerError(tmp, withPrior(), edit);
    }
}
