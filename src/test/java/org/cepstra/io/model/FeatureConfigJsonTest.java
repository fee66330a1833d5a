package org.cepstra.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.cepstra.features.CmvnMode;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.MfccPresets;
import org.cepstra.features.VadOptions;
import org.cepstra.features.WindowType;
import org.junit.jupiter.api.Test;

class FeatureConfigJsonTest {
    /** Parses as the model-file reader does: floats as exact decimals. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** Through text and back, as in a file. */
    private static FeatureConfig roundTrip(FeatureConfig c) throws Exception {
        String text = MAPPER.writeValueAsString(FeatureConfigJson.toJson(c));
        return FeatureConfigJson.fromJson(MAPPER.readTree(text));
    }

    private static JsonFieldException error(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(
                MAPPER.writeValueAsString(FeatureConfigJson.toJson(FeatureConfig.kaldiDefaults())));
        edit.accept(json);
        return assertThrows(JsonFieldException.class, () -> FeatureConfigJson.fromJson(json));
    }

    private static ObjectNode at(ObjectNode root, String... path) {
        ObjectNode n = root;
        for (String p : path) {
            n = (ObjectNode) n.get(p);
        }
        return n;
    }

    @Test
    void kaldiDefaultsHaveTheDocumentedFieldNamesAndValues() throws Exception {
        JsonNode expected = MAPPER.readTree("""
                {"channels": {"averaged": true, "channel": -1},
                 "targetSampleRateHz": 0.0,
                 "mfcc": {
                   "frame": {"frameLengthMs": 25.0, "frameShiftMs": 10.0, "dither": 0.0, "ditherSeed": 0,
                             "preemphasisCoefficient": 0.97, "removeDcOffset": true, "windowType": "POVEY",
                             "roundToPowerOfTwo": true, "blackmanCoeff": 0.42, "snipEdges": true},
                   "mel": {"numBins": 23, "lowFreqHz": 20.0, "highFreqHz": 0.0, "vtlnLowHz": 100.0,
                           "vtlnHighHz": -500.0, "vtlnWarp": 1.0, "htkMode": false, "usePower": true},
                   "mfcc": {"numCeps": 13, "useEnergy": true, "energyFloor": 0.0, "rawEnergy": true,
                            "cepstralLifter": 22.0, "htkCompat": false, "subtractMean": false}},
                 "cmvn": {"mode": "NONE", "normVars": false, "cmnWindowFrames": 600, "minCmnWindowFrames": 100,
                          "center": false},
                 "cmvnPlacement": "BEFORE_DELTAS",
                 "deltas": {"order": 0, "windowFrames": 2},
                 "vadEnabled": false,
                 "vad": {"energyThreshold": 5.0, "energyMeanScale": 0.5, "framesContext": 0,
                         "proportionThreshold": 0.6}}
                """);
        JsonNode actual = MAPPER.readTree(MAPPER.writeValueAsString(FeatureConfigJson.toJson(
                FeatureConfig.kaldiDefaults())));
        assertEquals(expected, actual);
        assertEquals(FeatureConfig.kaldiDefaults(), FeatureConfigJson.fromJson(expected));
    }

    @Test
    void splicingIsWrittenOnlyWhenOnAndRoundTrips() throws Exception {
        FeatureConfig spliced = FeatureConfig.kaldiDefaults().withSplice(new org.cepstra.features.SpliceOptions(3));
        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(FeatureConfigJson.toJson(spliced)));
        assertEquals(3, json.get("splice").get("contextFrames").asInt());
        assertEquals(spliced, roundTrip(spliced));
        assertEquals(null, FeatureConfigJson.toJson(FeatureConfig.kaldiDefaults()).get("splice"));
        JsonFieldException bad = error(root -> root.putObject("splice").put("contextFrames", 100));
        assertEquals(true, bad.getMessage().contains("splice"), bad.getMessage());
    }

    @Test
    void everyFieldRoundTrips() throws Exception {
        FeatureConfig unusual = ModelFileFixtures.unusualFeatureConfig();
        assertEquals(unusual, roundTrip(unusual));
        FeatureConfig htk = FeatureConfig.kaldiDefaults().withMfcc(MfccPresets.htk(false))
                .withCmvn(CmvnOptions.utterance(true), CmvnPlacement.BEFORE_DELTAS);
        assertEquals(htk, roundTrip(htk));
        assertEquals(FeatureConfig.kaldiDefaults(), roundTrip(FeatureConfig.kaldiDefaults()));
    }

    @Test
    void everyEnumConstantRoundTrips() throws Exception {
        FeatureConfig base = FeatureConfig.kaldiDefaults();
        for (WindowType w : WindowType.values()) {
            FeatureConfig c = base.withMfcc(base.mfcc().withFrame(base.mfcc().frame().withWindowType(w)));
            assertEquals(c, roundTrip(c));
        }
        for (CmvnMode m : CmvnMode.values()) {
            for (CmvnPlacement p : CmvnPlacement.values()) {
                FeatureConfig c = base.withCmvn(new CmvnOptions(m, true, 7, 3, false), p);
                assertEquals(c, roundTrip(c));
            }
        }
    }

    @Test
    void numbersComeBackBitForBit() throws Exception {
        FeatureConfig base = FeatureConfig.kaldiDefaults();
        double[] awkward = {0.1 + 0.2, Math.PI, 1e-300, Double.MIN_VALUE, Math.nextUp(25.0), 1.0 / 3,
            Double.MAX_VALUE};
        for (double v : awkward) {
            FeatureConfig c = base.withMfcc(base.mfcc().withFrame(base.mfcc().frame().withFrameLengthMs(v)))
                    .withTargetSampleRateHz(v);
            FeatureConfig back = roundTrip(c);
            assertEquals(Double.doubleToRawLongBits(v),
                    Double.doubleToRawLongBits(back.mfcc().frame().frameLengthMs()), "frameLengthMs " + v);
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(back.targetSampleRateHz()));
        }
        float[] floats = {Math.nextUp(0.6f), Math.nextDown(0.6f), 1e-30f, 16_777_217f, Float.MIN_VALUE,
            0.1f + 0.2f};
        for (float v : floats) {
            float p = Math.min(Math.abs(v) % 1, 0.99f);
            VadOptions vad = new VadOptions(v, Math.abs(v), 3, p > 0 ? p : 0.5f);
            FeatureConfig c = base.withVad(true, vad);
            assertEquals(vad, roundTrip(c).vad(), "float " + v);
        }
    }

    @Test
    void missingFieldIsNamedByItsPath() throws Exception {
        JsonFieldException e = error(j -> at(j, "mfcc", "frame").remove("frameLengthMs"));
        assertEquals("mfcc.frame.frameLengthMs", e.field());
        assertEquals("missing", e.problem());
        assertEquals("vad", error(j -> j.remove("vad")).field());
    }

    @Test
    void wrongTypesAreNamed() throws Exception {
        JsonFieldException e = error(j -> at(j, "mfcc", "frame").put("frameLengthMs", "25"));
        assertEquals("mfcc.frame.frameLengthMs", e.field());
        assertTrue(e.problem().contains("must be a number"), e.problem());
        e = error(j -> at(j, "mfcc", "mel").put("numBins", 23.5));
        assertEquals("mfcc.mel.numBins", e.field());
        assertTrue(e.problem().contains("integer"), e.problem());
        e = error(j -> at(j, "mfcc", "mfcc").put("useEnergy", 1));
        assertEquals("mfcc.mfcc.useEnergy", e.field());
        e = error(j -> at(j, "mfcc", "frame").put("ditherSeed", new java.math.BigInteger("99999999999999999999")));
        assertEquals("mfcc.frame.ditherSeed", e.field());
        e = error(j -> j.putNull("channels"));
        assertEquals("channels", e.field());
        assertEquals("is null", e.problem());
        e = error(j -> j.put("mfcc", 3));
        assertEquals("mfcc", e.field());
        assertTrue(e.problem().contains("must be a JSON object"), e.problem());
    }

    @Test
    void numbersBeyondTheirTypeAreRejected() throws Exception {
        JsonFieldException e = error(j -> at(j, "vad").put("energyThreshold", new java.math.BigDecimal("1e39")));
        assertEquals("vad.energyThreshold", e.field());
        assertTrue(e.problem().contains("range of a float"), e.problem());
        e = error(j -> j.put("targetSampleRateHz", new java.math.BigDecimal("1e400")));
        assertEquals("targetSampleRateHz", e.field());
        assertTrue(e.problem().contains("range of a double"), e.problem());
    }

    @Test
    void unknownEnumValueListsTheChoices() throws Exception {
        JsonFieldException e = error(j -> at(j, "mfcc", "frame").put("windowType", "povey"));
        assertEquals("mfcc.frame.windowType", e.field());
        assertEquals("unknown value 'povey' (expected one of HAMMING, HANNING, POVEY, RECTANGULAR, SINE, BLACKMAN)",
                e.problem());
        assertEquals("cmvnPlacement", error(j -> j.put("cmvnPlacement", "SOMETIMES")).field());
        assertEquals("cmvn.mode", error(j -> at(j, "cmvn").put("mode", "GLOBAL")).field());
    }

    @Test
    void unknownFieldsAreRejected() throws Exception {
        JsonFieldException e = error(j -> at(j, "deltas").put("window", 2));
        assertEquals("deltas.window", e.field());
        assertEquals("unknown field", e.problem());
        assertEquals("extra", error(j -> j.put("extra", true)).field());
    }

    @Test
    void invalidValuesAreReportedWithTheRecordsOwnMessage() throws Exception {
        JsonFieldException e = error(j -> at(j, "mfcc", "mfcc").put("numCeps", 30));
        assertEquals("mfcc", e.field());
        assertTrue(e.problem().contains("numCeps (30) cannot exceed the number of mel bins (23)"), e.problem());
        e = error(j -> at(j, "mfcc", "frame").put("frameShiftMs", -10.0));
        assertEquals("mfcc.frame", e.field());
        e = error(j -> at(j, "channels").put("channel", 2));
        assertEquals("channels", e.field());
        e = error(j -> at(j, "vad").put("proportionThreshold", 1.0));
        assertEquals("vad", e.field());
        e = error(j -> at(j, "deltas").put("windowFrames", 0));
        assertEquals("deltas", e.field());
    }
}
