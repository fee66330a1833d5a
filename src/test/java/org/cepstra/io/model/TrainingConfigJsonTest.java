package org.cepstra.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cepstra.gmm.Initialization;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.gmm.UpdateLimits;
import org.junit.jupiter.api.Test;

class TrainingConfigJsonTest {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static TrainingConfig roundTrip(TrainingConfig c) throws Exception {
        return TrainingConfigJson.fromJson(MAPPER.readTree(MAPPER.writeValueAsString(TrainingConfigJson.toJson(c))));
    }

    private static ObjectNode defaultsJson() throws Exception {
        return (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(TrainingConfigJson.toJson(
                TrainingConfig.defaults(8))));
    }

    @Test
    void defaultsHaveTheDocumentedFieldNamesAndValues() throws Exception {
        JsonNode expected = MAPPER.readTree("""
                {"numComponents": 8, "maxIterations": 100, "toleranceNatsPerFrame": 0.001, "seed": 0,
                 "threads": 1, "initialization": "KMEANS_PLUS_PLUS", "kmeansIterations": 100,
                 "kmeansSampleFrames": 65536, "nInit": 1, "mixupIterations": 4, "relativeVarianceFloor": 0.01,
                 "absoluteVarianceFloor": 1.0E-10, "minOccupancyFrames": -1.0, "minWeight": 1.0E-5}
                """);
        assertEquals(expected, defaultsJson());
        assertEquals(TrainingConfig.defaults(8), TrainingConfigJson.fromJson(expected));
    }

    @Test
    void theCandidateFactorIsWrittenOnlyWhenItIsNotTheDefault() throws Exception {
        assertTrue(!defaultsJson().has("kmeansCandidateFactor"));
        TrainingConfig two = TrainingConfig.defaults(8).withInit(
                TrainingConfig.defaults(8).init().withKmeansCandidateFactor(2));
        assertEquals(2, TrainingConfigJson.toJson(two).get("kmeansCandidateFactor").intValue());
        assertTrue(TrainingConfigJson.needsFormat7(two));
        assertTrue(!TrainingConfigJson.needsFormat7(TrainingConfig.defaults(8)));
        assertEquals(two, roundTrip(two));
        ObjectNode j = defaultsJson();
        j.put("kmeansCandidateFactor", 8); // written by hand: the default, read as such
        assertEquals(TrainingConfig.defaults(8), TrainingConfigJson.fromJson(j));
        j.put("kmeansCandidateFactor", "two");
        JsonFieldException e = assertThrows(JsonFieldException.class, () -> TrainingConfigJson.fromJson(j));
        assertTrue(e.getMessage().contains("kmeansCandidateFactor"), e.getMessage());
    }

    @Test
    void everyFieldRoundTrips() throws Exception {
        TrainingConfig unusual = ModelFileFixtures.unusualTrainingConfig();
        assertEquals(unusual, roundTrip(unusual));
        for (Initialization i : Initialization.values()) {
            TrainingConfig c = TrainingConfig.defaults(3).withInitialization(i).withSeed(Long.MAX_VALUE)
                    .withTolerance(0.1 + 0.2).withMinWeight(Math.nextDown(1.0 / 3));
            assertEquals(c, roundTrip(c));
        }
    }

    @Test
    void automaticMinimumOccupancyRoundTripsAsMinusOne() throws Exception {
        TrainingConfig auto = TrainingConfig.defaults(4);
        assertEquals(UpdateLimits.AUTO_MIN_OCCUPANCY, auto.update().minOccupancy());
        assertEquals(-1.0, TrainingConfigJson.toJson(auto).get("minOccupancyFrames").asDouble());
        assertEquals(auto, roundTrip(auto));
        ObjectNode j = defaultsJson();
        j.put("minOccupancyFrames", -2.0);
        assertThrows(JsonFieldException.class, () -> TrainingConfigJson.fromJson(j));
    }

    @Test
    void badFieldsAreNamed() throws Exception {
        ObjectNode j = defaultsJson();
        j.remove("seed");
        JsonFieldException e = assertThrows(JsonFieldException.class, () -> TrainingConfigJson.fromJson(j));
        assertEquals("seed", e.field());
        assertEquals("missing", e.problem());

        ObjectNode k = defaultsJson();
        k.put("initialization", "RANDOM");
        e = assertThrows(JsonFieldException.class, () -> TrainingConfigJson.fromJson(k));
        assertEquals("initialization", e.field());
        assertTrue(e.problem().contains("KMEANS_PLUS_PLUS, MIXUP"), e.problem());

        ObjectNode m = defaultsJson();
        m.put("minWeight", 0.5);
        e = assertThrows(JsonFieldException.class, () -> TrainingConfigJson.fromJson(m));
        assertEquals("(top level)", e.field());
        assertTrue(e.problem().contains("minWeight"), e.problem());

        ObjectNode n = defaultsJson();
        n.put("tolerance", 0.001);
        e = assertThrows(JsonFieldException.class, () -> TrainingConfigJson.fromJson(n));
        assertEquals("tolerance", e.field());
        assertEquals("unknown field", e.problem());
    }
}
