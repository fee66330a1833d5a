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
        e = ModelFileFixtures.headerError(tmp, set, h -> h.put("formatVersion", 7));
        assertTrue(e.getMessage().contains("written by a newer Cepstra (format 7)"), e.getMessage());
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
