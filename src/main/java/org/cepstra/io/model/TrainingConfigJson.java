package org.cepstra.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.cepstra.gmm.EmOptions;
import org.cepstra.gmm.InitOptions;
import org.cepstra.gmm.RunOptions;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.gmm.UpdateLimits;

/**
 * The JSON form of a {@link TrainingConfig}: K and every option of its four parts, in one flat object,
 * so that reading gives back an equal configuration. The parts are written from their option tables
 * ({@link OptionJson}); the field names are the tables' keys, part of the model-file format, which do not
 * change: the record component names, with the unit added where the Java name lacks it
 * ({@code toleranceNatsPerFrame}, {@code kmeansSampleFrames}, {@code minOccupancyFrames}).
 *
 * <pre>
 * {
 *   "numComponents": 8,                 // K (the K of each label is in the label list)
 *   "maxIterations": 100,
 *   "toleranceNatsPerFrame": 0.001,
 *   "seed": 0,
 *   "threads": 1,
 *   "initialization": "KMEANS_PLUS_PLUS",   // or "MIXUP"
 *   "kmeansIterations": 10,
 *   "kmeansSampleFrames": 65536,
 *   "nInit": 1,
 *   "mixupIterations": 4,
 *   "kmeansCandidateFactor": 2,         // optional (format 7), written when not the default 8
 *   "relativeVarianceFloor": 0.01,      // fraction of the global variance of each dimension
 *   "absoluteVarianceFloor": 1.0E-10,   // squared feature units
 *   "minOccupancyFrames": 10.0,         // soft frame count; -1 = automatic (UpdateLimits.AUTO_MIN_OCCUPANCY)
 *   "minWeight": 1.0E-5
 * }
 * </pre>
 *
 * <p>Reading requires every field but those of {@link #FORMAT_7_FIELDS} (absent: the default), rejects unknown
 * ones and applies the record's own validation.
 */
final class TrainingConfigJson {

    /** Fields added by format 7, written only when they differ from the default. */
    static final Set<String> FORMAT_7_FIELDS = Set.of("kmeansCandidateFactor");

    private TrainingConfigJson() {
    }

    /** Whether {@link #toJson} of {@code config} writes a field of {@link #FORMAT_7_FIELDS}: the file needs format 7. */
    static boolean needsFormat7(TrainingConfig config) {
        return OptionJson.writesAny(InitOptions.OPTIONS, config.init(), FORMAT_7_FIELDS);
    }

    /** The JSON object describing {@code config}. */
    public static ObjectNode toJson(TrainingConfig config) {
        Objects.requireNonNull(config, "config");
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("numComponents", config.numComponents());
        OptionJson.putAll(o, EmOptions.OPTIONS, config.em());
        OptionJson.putAll(o, RunOptions.OPTIONS, config.run());
        OptionJson.putAll(o, InitOptions.OPTIONS, config.init(), FORMAT_7_FIELDS);
        OptionJson.putAll(o, UpdateLimits.OPTIONS, config.update());
        return o;
    }

    /**
     * The configuration described by {@code json} (the object {@link #toJson} writes).
     *
     * @throws JsonFieldException naming the field that is missing, unknown, of the wrong type or out of range
     */
    public static TrainingConfig fromJson(JsonNode json) throws JsonFieldException {
        return read(JsonFields.of(json, ""));
    }

    /** As {@link #fromJson(JsonNode)}, for an object inside a larger document. */
    static TrainingConfig read(JsonFields o) throws JsonFieldException {
        int k = o.intValue("numComponents");
        List<Object> em = OptionJson.values(o, EmOptions.OPTIONS);
        List<Object> run = OptionJson.values(o, RunOptions.OPTIONS);
        List<Object> init = OptionJson.values(o, InitOptions.OPTIONS, FORMAT_7_FIELDS);
        List<Object> update = OptionJson.values(o, UpdateLimits.OPTIONS);
        o.requireNoOtherFields();
        // K is checked first (defaults(k) refuses K < 1), then each part, then K against the minimum weight
        return o.construct(() -> new TrainingConfig(TrainingConfig.defaults(k).numComponents(),
                EmOptions.OPTIONS.withValues(EmOptions.DEFAULTS, em),
                RunOptions.OPTIONS.withValues(RunOptions.DEFAULTS, run),
                InitOptions.OPTIONS.withValues(InitOptions.DEFAULTS, init),
                UpdateLimits.OPTIONS.withValues(UpdateLimits.DEFAULTS, update)));
    }
}
