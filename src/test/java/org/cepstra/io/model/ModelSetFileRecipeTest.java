package org.cepstra.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.cepstra.gmm.InitOptions;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipe a model set's training started from, in the model file: format 5, read back, bad values named. */
class ModelSetFileRecipeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theRecipeIsWrittenAsFormat5AndReadBack() throws IOException {
        ModelSet set = ModelFileFixtures.smallSet().withRecipe("keywords");
        Path f = tmp.resolve("words.npz");
        ModelSetFile.write(f, set, Instant.EPOCH);
        ObjectNode header = (ObjectNode) JSON.readTree(ModelFileFixtures.entries(f).get("header.json"));
        assertEquals(5, header.get("formatVersion").intValue());
        assertEquals("keywords", header.get("recipe").textValue());
        ModelSet back = ModelSetFile.read(f);
        assertEquals(Optional.of("keywords"), back.recipe());
        ModelSetFileTest.assertSameModelSet(set, back);
        // what keeps the rest of the set keeps the recipe too
        assertEquals(Optional.of("keywords"), back.withCalibration(back.calibration()).recipe());
        assertEquals(Optional.of("keywords"), back.withoutLabels(java.util.Set.of(back.labelNames().get(0))).recipe());
    }

    @Test
    void aCandidateFactorOtherThanTheDefaultIsWrittenAsFormat7AndReadBack() throws IOException {
        ModelSet plain = ModelFileFixtures.smallSet();
        ModelSet set = new ModelSet(plain.models(), plain.featureConfig(),
                plain.training().withInit(plain.training().init().withKmeansCandidateFactor(2)), plain.labels(),
                plain.skippedFiles(), plain.calibration(), plain.cmvnPrior(), plain.background());
        Path f = tmp.resolve("factor.npz");
        ModelSetFile.write(f, set, Instant.EPOCH);
        ObjectNode header = (ObjectNode) JSON.readTree(ModelFileFixtures.entries(f).get("header.json"));
        assertEquals(7, header.get("formatVersion").intValue());
        assertEquals(2, header.get("training").get("kmeansCandidateFactor").intValue());
        assertEquals(2, ModelSetFile.read(f).training().init().kmeansCandidateFactor());
        // the default factor is not written, and the file keeps the format it had before the field existed
        Path g = tmp.resolve("default-factor.npz");
        ModelSetFile.write(g, plain, Instant.EPOCH);
        ObjectNode plainHeader = (ObjectNode) JSON.readTree(ModelFileFixtures.entries(g).get("header.json"));
        assertTrue(plainHeader.get("formatVersion").intValue() < 7);
        assertFalse(plainHeader.get("training").has("kmeansCandidateFactor"));
        assertEquals(InitOptions.DEFAULT_CANDIDATE_FACTOR, ModelSetFile.read(g).training().init().kmeansCandidateFactor());
        ModelFileException e = ModelFileFixtures.headerError(tmp, set,
                h -> ((ObjectNode) h.get("training")).put("kmeansCandidateFactor", 0));
        assertTrue(e.getMessage().contains("kmeansCandidateFactor must be from 1 to 1000, got 0"), e.getMessage());
    }

    @Test
    void aSetWithoutRecipeStaysInAnOlderFormat() throws IOException {
        Path f = tmp.resolve("plain.npz");
        ModelSetFile.write(f, ModelFileFixtures.smallSet(), Instant.EPOCH);
        ObjectNode header = (ObjectNode) JSON.readTree(ModelFileFixtures.entries(f).get("header.json"));
        assertTrue(header.get("formatVersion").intValue() < 5);
        assertFalse(header.has("recipe"));
        assertEquals(Optional.empty(), ModelSetFile.read(f).recipe());
    }

    @Test
    void badStateAlignmentsAreRefused() throws IOException {
        ModelSet set = ModelFileFixtures.smallSet();
        ModelFileException e = ModelFileFixtures.headerError(tmp, set, h -> h.put("stateAlignment", "hmm"));
        assertEquals("header.json, field 'stateAlignment'", e.location());
        assertTrue(e.getMessage().contains("must be \"equal\" or \"viterbi\", found \"hmm\""), e.getMessage());
        e = ModelFileFixtures.headerError(tmp, set, h -> h.put("stateAlignment", "viterbi"));
        assertTrue(e.getMessage().contains("the labels have one state"), e.getMessage());
        e = ModelFileFixtures.headerError(tmp, set, h -> h.put("stateAlignment", 2));
        assertEquals("header.json, field 'stateAlignment'", e.location());
        e = ModelFileFixtures.headerError(tmp, set, h -> h.put("formatVersion", 8));
        assertTrue(e.getMessage().contains("written by a newer Cepstra (format 8)"), e.getMessage());
    }

    @Test
    void badRecipesAreRefused() throws IOException {
        ModelSet set = ModelFileFixtures.smallSet().withRecipe("standard");
        ModelFileException e = ModelFileFixtures.headerError(tmp, set, h -> h.put("recipe", 3));
        assertEquals("header.json, field 'recipe'", e.location());
        e = ModelFileFixtures.headerError(tmp, set, h -> h.put("recipe", " "));
        assertTrue(e.getMessage().contains("recipe name"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelFileFixtures.smallSet().withRecipe("a\nb"));
    }
}
