package org.cepstra.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.cepstra.audio.ChannelSelection;
import org.cepstra.features.CmvnMode;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FrameExtractionOptions;
import org.cepstra.features.MelBanksOptions;
import org.cepstra.features.MfccOptions;
import org.cepstra.features.MfccSettings;
import org.cepstra.features.VadOptions;
import org.cepstra.features.WindowType;

/**
 * The JSON form of a {@link FeatureConfig}: every field of every nested record, so that reading gives
 * back an equal configuration. The field names are part of the model-file format and do not change;
 * they are the record component names, with the unit added where the Java name lacks it
 * ({@code cmnWindowFrames}, {@code minCmnWindowFrames}, {@code windowFrames}). Enums are written by
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
 *   "vad": {"energyThreshold": 5.0, "energyMeanScale": 0.5, "framesContext": 0, "proportionThreshold": 0.6}
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
        root.put("targetSampleRateHz", config.targetSampleRateHz());

        ObjectNode mfcc = root.putObject("mfcc");
        FrameExtractionOptions fr = config.mfcc().frame();
        ObjectNode frame = mfcc.putObject("frame");
        frame.put("frameLengthMs", fr.frameLengthMs());
        frame.put("frameShiftMs", fr.frameShiftMs());
        frame.put("dither", fr.dither());
        frame.put("ditherSeed", fr.ditherSeed());
        frame.put("preemphasisCoefficient", fr.preemphasisCoefficient());
        frame.put("removeDcOffset", fr.removeDcOffset());
        frame.put("windowType", fr.windowType().name());
        frame.put("roundToPowerOfTwo", fr.roundToPowerOfTwo());
        frame.put("blackmanCoeff", fr.blackmanCoeff());
        frame.put("snipEdges", fr.snipEdges());

        MelBanksOptions me = config.mfcc().mel();
        ObjectNode mel = mfcc.putObject("mel");
        mel.put("numBins", me.numBins());
        mel.put("lowFreqHz", me.lowFreqHz());
        mel.put("highFreqHz", me.highFreqHz());
        mel.put("vtlnLowHz", me.vtlnLowHz());
        mel.put("vtlnHighHz", me.vtlnHighHz());
        mel.put("vtlnWarp", me.vtlnWarp());
        mel.put("htkMode", me.htkMode());
        mel.put("usePower", me.usePower());

        MfccOptions mo = config.mfcc().mfcc();
        ObjectNode cep = mfcc.putObject("mfcc");
        cep.put("numCeps", mo.numCeps());
        cep.put("useEnergy", mo.useEnergy());
        cep.put("energyFloor", mo.energyFloor());
        cep.put("rawEnergy", mo.rawEnergy());
        cep.put("cepstralLifter", mo.cepstralLifter());
        cep.put("htkCompat", mo.htkCompat());
        cep.put("subtractMean", mo.subtractMean());

        CmvnOptions co = config.cmvn();
        ObjectNode cmvn = root.putObject("cmvn");
        cmvn.put("mode", co.mode().name());
        cmvn.put("normVars", co.normVars());
        cmvn.put("cmnWindowFrames", co.cmnWindow());
        cmvn.put("minCmnWindowFrames", co.minCmnWindow());
        cmvn.put("center", co.center());
        root.put("cmvnPlacement", config.cmvnPlacement().name());

        ObjectNode deltas = root.putObject("deltas");
        deltas.put("order", config.deltas().order());
        deltas.put("windowFrames", config.deltas().window());

        root.put("vadEnabled", config.vadEnabled());
        VadOptions vo = config.vad();
        ObjectNode vad = root.putObject("vad");
        vad.put("energyThreshold", vo.energyThreshold());
        vad.put("energyMeanScale", vo.energyMeanScale());
        vad.put("framesContext", vo.framesContext());
        vad.put("proportionThreshold", vo.proportionThreshold());
        return root;
    }

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
        double targetRate = root.doubleValue("targetSampleRateHz");

        JsonFields m = root.object("mfcc");
        JsonFields fr = m.object("frame");
        FrameExtractionOptions frame = frame(fr);
        JsonFields me = m.object("mel");
        MelBanksOptions mel = mel(me);
        JsonFields ce = m.object("mfcc");
        MfccOptions cep = cepstra(ce);
        m.requireNoOtherFields();
        MfccSettings mfcc = m.construct(() -> new MfccSettings(frame, mel, cep));

        JsonFields cm = root.object("cmvn");
        CmvnMode mode = cm.enumValue("mode", CmvnMode.class);
        boolean normVars = cm.booleanValue("normVars");
        int cmnWindow = cm.intValue("cmnWindowFrames");
        int minCmnWindow = cm.intValue("minCmnWindowFrames");
        boolean center = cm.booleanValue("center");
        cm.requireNoOtherFields();
        CmvnOptions cmvn = cm.construct(() -> new CmvnOptions(mode, normVars, cmnWindow, minCmnWindow, center));
        CmvnPlacement placement = root.enumValue("cmvnPlacement", CmvnPlacement.class);

        JsonFields de = root.object("deltas");
        int order = de.intValue("order");
        int window = de.intValue("windowFrames");
        de.requireNoOtherFields();
        DeltaOptions deltas = de.construct(() -> new DeltaOptions(order, window));

        boolean vadEnabled = root.booleanValue("vadEnabled");
        JsonFields va = root.object("vad");
        float threshold = va.floatValue("energyThreshold");
        float meanScale = va.floatValue("energyMeanScale");
        int context = va.intValue("framesContext");
        float proportion = va.floatValue("proportionThreshold");
        va.requireNoOtherFields();
        VadOptions vad = va.construct(() -> new VadOptions(threshold, meanScale, context, proportion));
        root.requireNoOtherFields();
        return root.construct(() -> new FeatureConfig(channels, targetRate, mfcc, cmvn, placement, deltas,
                vadEnabled, vad));
    }

    private static FrameExtractionOptions frame(JsonFields o) throws JsonFieldException {
        double length = o.doubleValue("frameLengthMs");
        double shift = o.doubleValue("frameShiftMs");
        double dither = o.doubleValue("dither");
        long ditherSeed = o.longValue("ditherSeed");
        double preemphasis = o.doubleValue("preemphasisCoefficient");
        boolean removeDc = o.booleanValue("removeDcOffset");
        WindowType window = o.enumValue("windowType", WindowType.class);
        boolean pow2 = o.booleanValue("roundToPowerOfTwo");
        double blackman = o.doubleValue("blackmanCoeff");
        boolean snip = o.booleanValue("snipEdges");
        o.requireNoOtherFields();
        return o.construct(() -> new FrameExtractionOptions(length, shift, dither, ditherSeed, preemphasis, removeDc,
                window, pow2, blackman, snip));
    }

    private static MelBanksOptions mel(JsonFields o) throws JsonFieldException {
        int bins = o.intValue("numBins");
        double low = o.doubleValue("lowFreqHz");
        double high = o.doubleValue("highFreqHz");
        double vtlnLow = o.doubleValue("vtlnLowHz");
        double vtlnHigh = o.doubleValue("vtlnHighHz");
        double warp = o.doubleValue("vtlnWarp");
        boolean htk = o.booleanValue("htkMode");
        boolean power = o.booleanValue("usePower");
        o.requireNoOtherFields();
        return o.construct(() -> new MelBanksOptions(bins, low, high, vtlnLow, vtlnHigh, warp, htk, power));
    }

    private static MfccOptions cepstra(JsonFields o) throws JsonFieldException {
        int numCeps = o.intValue("numCeps");
        boolean useEnergy = o.booleanValue("useEnergy");
        double energyFloor = o.doubleValue("energyFloor");
        boolean rawEnergy = o.booleanValue("rawEnergy");
        double lifter = o.doubleValue("cepstralLifter");
        boolean htkCompat = o.booleanValue("htkCompat");
        boolean subtractMean = o.booleanValue("subtractMean");
        o.requireNoOtherFields();
        return o.construct(() -> new MfccOptions(numCeps, useEnergy, energyFloor, rawEnergy, lifter, htkCompat,
                subtractMean));
    }
}
