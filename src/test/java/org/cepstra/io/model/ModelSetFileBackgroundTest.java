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
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.MapOptions;
import org.cepstra.models.Background;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A MAP-adapted set's background model in the model file: format 4, arrays at index L, bad fields named. */
class ModelSetFileBackgroundTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DiagonalGmm UBM = new DiagonalGmm(new double[] {0.5, 0.25, 0.25},
            new double[][] {{0, 1}, {2, -3}, {0.5, 0.125}}, new double[][] {{1, 2}, {0.5, 0.25}, {4, 8}});
    private static final MapOptions ADAPTATION = MapOptions.defaults().withRelevance(10)
            .withWeightRelevance(Double.POSITIVE_INFINITY).withAdapted(true, true, false);

    @TempDir
    Path tmp;

    private static ModelSet withBackground() {
        ModelSet s = ModelFileFixtures.smallSet();
        return new ModelSet(s.models(), s.featureConfig(), s.training(), s.labels(), s.skippedFiles(), s.calibration(),
                Optional.empty(), Optional.of(new Background(UBM, ADAPTATION)));
    }

    @Test
    void theBackgroundIsWrittenAsFormat4AndReadBackExactly() throws IOException {
        Path f = tmp.resolve("speakers.npz");
        ModelSetFile.write(f, withBackground(), Instant.EPOCH);
        Map<String, byte[]> entries = ModelFileFixtures.entries(f);
        assertTrue(entries.containsKey("means_2.npy"), entries.keySet().toString()); // two labels, then the UBM
        ObjectNode header = (ObjectNode) JSON.readTree(entries.get("header.json"));
        assertEquals(4, header.get("formatVersion").intValue());
        assertEquals("Infinity", header.get("background").get("adaptation").get("weightRelevance").textValue());
        ModelSet back = ModelSetFile.read(f);
        Background b = back.background().orElseThrow();
        assertEquals(ADAPTATION, b.adaptation());
        assertArrayEquals(UBM.means(), b.ubm().means());
        assertArrayEquals(UBM.variances(), b.ubm().variances());
        assertArrayEquals(UBM.weights(), b.ubm().weights());
        ModelSetFileTest.assertSameModelSet(withBackground(), back);
    }

    @Test
    void badBackgroundsAreNamed() throws IOException {
        ModelFileException e = headerError(h -> background(h).put("numComponents", 4));
        assertTrue(e.getMessage().contains("weights_2.npy") || e.getMessage().contains("(background)"), e.getMessage());
        e = headerError(h -> ((ObjectNode) background(h).get("adaptation")).put("meanRelevance", -1));
        assertEquals("header.json, field 'background.adaptation'", e.location());
        e = headerError(h -> ((ObjectNode) background(h).get("adaptation")).put("colour", "red"));
        assertEquals("header.json, field 'background.adaptation.colour'", e.location());
        e = headerError(h -> h.remove("background"));
        assertTrue(e.problem().startsWith("unexpected entry '") && e.problem().contains("_2.npy' (the header lists 2 labels"), e.problem());
    }

    private static ObjectNode background(ObjectNode header) {
        return (ObjectNode) header.get("background");
    }

    private ModelFileException headerError(Consumer<ObjectNode> edit) throws IOException {
        return ModelFileFixtures.headerError(tmp, withBackground(), edit);
    }
}
