package org.cepstra.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.cepstra.gmm.Initialization;
import org.cepstra.gmm.TrainingConfig;

/**
 * The JSON form of a {@link TrainingConfig}: every field, so that reading gives back an equal
 * configuration. The field names are part of the model-file format and do not change; they are the
 * record component names, with the unit added where the Java name lacks it
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
 *   "relativeVarianceFloor": 0.01,      // fraction of the global variance of each dimension
 *   "absoluteVarianceFloor": 1.0E-10,   // squared feature units
 *   "minOccupancyFrames": 10.0,         // soft frame count; -1 = automatic (TrainingConfig.AUTO_MIN_OCCUPANCY)
 *   "minWeight": 1.0E-5
 * }
 * </pre>
 *
 * <p>Reading requires every field, rejects unknown ones and applies the record's own validation.
 */
final class TrainingConfigJson {

    private TrainingConfigJson() {
    }

    /** The JSON object describing {@code config}. */
    public static ObjectNode toJson(TrainingConfig config) {
        Objects.requireNonNull(config, "config");
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("numComponents", config.numComponents());
        o.put("maxIterations", config.maxIterations());
        o.put("toleranceNatsPerFrame", config.tolerance());
        o.put("seed", config.seed());
        o.put("threads", config.threads());
        o.put("initialization", config.initialization().name());
        o.put("kmeansIterations", config.kmeansIterations());
        o.put("kmeansSampleFrames", config.kmeansSampleSize());
        o.put("nInit", config.nInit());
        o.put("mixupIterations", config.mixupIterations());
        o.put("relativeVarianceFloor", config.relativeVarianceFloor());
        o.put("absoluteVarianceFloor", config.absoluteVarianceFloor());
        o.put("minOccupancyFrames", config.minOccupancy());
        o.put("minWeight", config.minWeight());
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
        int maxIterations = o.intValue("maxIterations");
        double tolerance = o.doubleValue("toleranceNatsPerFrame");
        long seed = o.longValue("seed");
        int threads = o.intValue("threads");
        Initialization init = o.enumValue("initialization", Initialization.class);
        int kmeansIterations = o.intValue("kmeansIterations");
        int kmeansSample = o.intValue("kmeansSampleFrames");
        int nInit = o.intValue("nInit");
        int mixupIterations = o.intValue("mixupIterations");
        double relFloor = o.doubleValue("relativeVarianceFloor");
        double absFloor = o.doubleValue("absoluteVarianceFloor");
        double minOccupancy = o.doubleValue("minOccupancyFrames");
        double minWeight = o.doubleValue("minWeight");
        o.requireNoOtherFields();
        return o.construct(() -> new TrainingConfig(k, maxIterations, tolerance, seed, threads, init,
                kmeansIterations, kmeansSample, nInit, mixupIterations, relFloor, absFloor, minOccupancy, minWeight));
    }
}
