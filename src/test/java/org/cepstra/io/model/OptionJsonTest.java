package org.cepstra.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import org.cepstra.base.Option;
import org.cepstra.base.OptionTable;
import org.cepstra.features.ChangedOptions;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FrameExtractionOptions;
import org.cepstra.features.MelBanksOptions;
import org.cepstra.features.MfccOptions;
import org.cepstra.features.VadOptions;
import org.junit.jupiter.api.Test;

class OptionJsonTest {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @Test
    void aConfigurationWithEveryOptionChangedReadsBackEqual() throws Exception {
        FeatureConfig changed = ChangedOptions.config();
        String text = MAPPER.writeValueAsString(FeatureConfigJson.toJson(changed));
        assertEquals(changed, FeatureConfigJson.fromJson(MAPPER.readTree(text)));
    }

    @Test
    void everyTableOptionIsOneFieldOfItsObject() {
        JsonNode json = FeatureConfigJson.toJson(FeatureConfig.kaldiDefaults());
        assertEquals(keys(FrameExtractionOptions.OPTIONS), fields(json.get("mfcc").get("frame")));
        assertEquals(keys(MelBanksOptions.OPTIONS), fields(json.get("mfcc").get("mel")));
        assertEquals(keys(MfccOptions.OPTIONS), fields(json.get("mfcc").get("mfcc")));
        assertEquals(keys(CmvnOptions.OPTIONS), fields(json.get("cmvn")));
        assertEquals(keys(DeltaOptions.OPTIONS), fields(json.get("deltas")));
        assertEquals(keys(VadOptions.OPTIONS), fields(json.get("vad")));
        for (String key : keys(FeatureConfig.OPTIONS)) {
            assertTrue(json.get(key).isValueNode(), key);
        }
    }

    private static List<String> keys(OptionTable<?> table) {
        return table.options().stream().map(Option::key).toList();
    }

    private static List<String> fields(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
