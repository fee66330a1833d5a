package org.cepstra.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.cepstra.audio.ChannelSelection;
import org.cepstra.base.Option;
import org.cepstra.features.CmvnMode;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.LdaOptions;
import org.cepstra.features.SpliceOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FrameExtractionOptions;
import org.cepstra.features.MelBanksOptions;
import org.cepstra.features.MfccOptions;
import org.cepstra.features.MfccSettings;
import org.cepstra.features.VadOptions;
import org.cepstra.features.WindowType;

/**
 * The JSON form of a {@link FeatureConfig}: every field of every nested record, so that reading gives
 * back an equal configuration. Each options record is written from its option table ({@link OptionJson}):
 * the field names are the tables' keys, part of the model-file format, which do not change; they are the
 * record component names, with the unit added where the Java name lacks it ({@code cmnWindowFrames},
 * {@code minCmnWindowFrames}, {@code windowFrames}). Enums are written by
 * their Java constant names. Numbers are written in the shortest decimal form that reads back to the
 * same double (or float, for the VAD fields).
 *
 * <pre>
 * {
 *   "channels": {"averaged": true, "channel": -1},      // channel: 0-based index, -1 when averaged
 *   "targetSampleRateHz": 0.0,                          // 0 = keep each file's rate
 *   "mfcc": {
 *     "frame": {"frameLengthMs": 25.0, "frameShiftMs": 10.0, "dither": 0.0, "ditherSeed": 0,
 *               "preemphasisCoefficient": 0.97, "removeDcOffset": true, "windowType": "POVEY",
 *               "roundToPowerOfTwo": true, "blackmanCoeff": 0.42, "snipEdges": true},
 *     "mel":   {"numBins": 23, "lowFreqHz": 20.0, "highFreqHz": 0.0, "vtlnLowHz": 100.0,
 *               "vtlnHighHz": -500.0, "vtlnWarp": 1.0, "htkMode": false, "usePower": true},
 *     "mfcc":  {"numCeps": 13, "useEnergy": true, "energyFloor": 0.0, "rawEnergy": true,
 *               "cepstralLifter": 22.0, "htkCompat": false, "subtractMean": false}
 *   },
 *   "cmvn": {"mode": "NONE", "normVars": false, "cmnWindowFrames": 600, "minCmnWindowFrames": 100,
 *            "center": false},
 *   "cmvnPlacement": "BEFORE_DELTAS",
 *   "deltas": {"order": 0, "windowFrames": 2},
 *   "vadEnabled": false,
 *   "vad": {"energyThreshold": 5.0, "energyMeanScale": 0.5, "framesContext": 0, "proportionThreshold": 0.6},
 *   "splice": {"contextFrames": 4},                     // only when splicing
 *   "lda": {"dims": 40, "statesPerLabel": 3}             // only with an LDA stage (its matrix: transform.npy)
 * }
 * </pre>
 *
 * <p>Enum values: {@code windowType} one of {@link WindowType}; {@code cmvn.mode} one of
 * {@link CmvnMode}; {@code cmvnPlacement} one of {@link CmvnPlacement}. Reading requires every field,
 * rejects unknown ones and applies the records' own validation.
 */
final class FeatureConfigJson {

    private FeatureConfigJson() {
    }

    /** The JSON object describing {@code config}. */
    public static ObjectNode toJson(FeatureConfig config) {
        Objects.requireNonNull(config, "config");
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ObjectNode channels = root.putObject("channels");
        channels.put("averaged", config.channels().averaged());
        channels.put("channel", config.channels().channel());
        OptionJson.put(root, TARGET_RATE, config);
        ObjectNode mfcc = root.putObject("mfcc");
        OptionJson.putAll(mfcc.putObject("frame"), FrameExtractionOptions.OPTIONS, config.mfcc().frame());
        OptionJson.putAll(mfcc.putObject("mel"), MelBanksOptions.OPTIONS, config.mfcc().mel());
        OptionJson.putAll(mfcc.putObject("mfcc"), MfccOptions.OPTIONS, config.mfcc().mfcc());
        OptionJson.putAll(root.putObject("cmvn"), CmvnOptions.OPTIONS, config.cmvn());
        OptionJson.put(root, PLACEMENT, config);
        OptionJson.putAll(root.putObject("deltas"), DeltaOptions.OPTIONS, config.deltas());
        OptionJson.put(root, VAD_ENABLED, config);
        OptionJson.putAll(root.putObject("vad"), VadOptions.OPTIONS, config.vad());
        if (config.splice().context() > 0) { // absent in files without splicing, as before splicing existed
            OptionJson.putAll(root.putObject("splice"), SpliceOptions.OPTIONS, config.splice());
        }
        if (config.lda().enabled()) { // absent in files without an LDA stage, as before LDA existed
            OptionJson.putAll(root.putObject("lda"), LdaOptions.OPTIONS, config.lda());
        }
        return root;
    }

    private static final Option<FeatureConfig, ?> TARGET_RATE = FeatureConfig.OPTIONS.option("sample-frequency");
    private static final Option<FeatureConfig, ?> PLACEMENT = FeatureConfig.OPTIONS.option("cmvn-placement");
    private static final Option<FeatureConfig, ?> VAD_ENABLED = FeatureConfig.OPTIONS.option("vad");

    /**
     * The configuration described by {@code json} (the object {@link #toJson} writes).
     *
     * @throws JsonFieldException naming the field (dotted path) that is missing, unknown, of the wrong
     *                            type or out of range
     */
    public static FeatureConfig fromJson(JsonNode json) throws JsonFieldException {
        return read(JsonFields.of(json, ""));
    }

    /** As {@link #fromJson(JsonNode)}, for the object at the given path of a larger document. */
    static FeatureConfig read(JsonFields root) throws JsonFieldException {
        JsonFields ch = root.object("channels");
        boolean averaged = ch.booleanValue("averaged");
        int channel = ch.intValue("channel");
        ch.requireNoOtherFields();
        ChannelSelection channels = ch.construct(() -> new ChannelSelection(averaged, channel));
        Object targetRate = OptionJson.value(root, TARGET_RATE);

        JsonFields m = root.object("mfcc");
        FrameExtractionOptions frame = OptionJson.read(m.object("frame"), FrameExtractionOptions.OPTIONS);
        MelBanksOptions mel = OptionJson.read(m.object("mel"), MelBanksOptions.OPTIONS);
        MfccOptions cep = OptionJson.read(m.object("mfcc"), MfccOptions.OPTIONS);
        m.requireNoOtherFields();
        MfccSettings mfcc = m.construct(() -> new MfccSettings(frame, mel, cep));

        CmvnOptions cmvn = OptionJson.read(root.object("cmvn"), CmvnOptions.OPTIONS);
        Object placement = OptionJson.value(root, PLACEMENT);
        DeltaOptions deltas = OptionJson.read(root.object("deltas"), DeltaOptions.OPTIONS);
        Object vadEnabled = OptionJson.value(root, VAD_ENABLED);
        VadOptions vad = OptionJson.read(root.object("vad"), VadOptions.OPTIONS);
        SpliceOptions splice = root.has("splice") ? OptionJson.read(root.object("splice"), SpliceOptions.OPTIONS)
                : SpliceOptions.none();
        LdaOptions lda = root.has("lda") ? OptionJson.read(root.object("lda"), LdaOptions.OPTIONS) : LdaOptions.none();
        root.requireNoOtherFields();
        FeatureConfig nested = root.construct(() -> FeatureConfig.kaldiDefaults().withChannels(channels)
                .withMfcc(mfcc).withCmvn(cmvn, CmvnPlacement.BEFORE_DELTAS).withDeltas(deltas).withVad(false, vad).withSplice(splice).withLda(lda));
        return OptionJson.construct(root, FeatureConfig.OPTIONS, nested, List.of(targetRate, placement, vadEnabled));
    }
}
