package org.cepstra.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cepstra.app.Recipe;
import org.cepstra.audio.ChannelSelection;
import org.cepstra.features.CmvnMode;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.CmvnPrior;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.KaldiConfigFile;
import org.cepstra.features.MfccPresets;
import org.cepstra.features.MfccSettings;
import org.cepstra.features.VadOptions;
import picocli.CommandLine.Option;

/**
 * The feature options shared by every command that turns audio into frames. Precedence: the
 * preset, then {@code --config FILE}, then (train and evaluate) the {@link Recipe}, then each option
 * given on the command line. The MFCC options
 * carry the names of Kaldi's {@code compute-mfcc-feats}.
 */
final class FeatureOptions {

    /** Presets for the MFCC stage. */
    enum Preset { kaldi, htk, htk_e }

    @Option(names = "--preset", paramLabel = "kaldi|htk|htk_e",
            description = "MFCC conventions: kaldi (default; compute-mfcc-feats), htk (HCopy MFCC_0), htk_e (HCopy MFCC_E)")
    Preset preset = Preset.kaldi;

    @Option(names = "--config", paramLabel = "FILE", description = "read MFCC options from a Kaldi mfcc.conf file")
    Path config;

    @Option(names = "--channel", paramLabel = "N",
            description = "use channel N (0-based) of multi-channel files instead of averaging all channels")
    Integer channel;

    // ---- compute-mfcc-feats options ------------------------------------------------------------
    @Option(names = "--sample-frequency", paramLabel = "HZ",
            description = "resample every file to this rate (default: each file's own rate)")
    Double sampleFrequency;
    @Option(names = "--frame-length", paramLabel = "MS", description = "frame length in ms (25)")
    Double frameLength;
    @Option(names = "--frame-shift", paramLabel = "MS", description = "frame shift in ms (10)")
    Double frameShift;
    @Option(names = "--dither", paramLabel = "X", description = "dithering constant, 0 = none (0, unlike Kaldi's 1)")
    Double dither;
    @Option(names = "--dither-seed", paramLabel = "N", description = "seed of the dither noise (0)")
    Long ditherSeed;
    @Option(names = "--preemphasis-coefficient", paramLabel = "X", description = "pre-emphasis coefficient (0.97)")
    Double preemphasis;
    @Option(names = "--remove-dc-offset", arity = "0..1", paramLabel = "BOOL", description = "subtract each frame's mean (true)")
    Boolean removeDcOffset;
    @Option(names = "--window-type", paramLabel = "TYPE",
            description = "hamming|hanning|povey|rectangular|sine|blackman (povey)")
    String windowType;
    @Option(names = "--round-to-power-of-two", arity = "0..1", paramLabel = "BOOL",
            description = "FFT size rounded up to a power of two (true)")
    Boolean roundToPowerOfTwo;
    @Option(names = "--blackman-coeff", paramLabel = "X", description = "constant of the generalised Blackman window (0.42)")
    Double blackmanCoeff;
    @Option(names = "--snip-edges", arity = "0..1", paramLabel = "BOOL",
            description = "only frames that fit in the file (true); false: frames centred on multiples of the shift")
    Boolean snipEdges;
    @Option(names = "--num-mel-bins", paramLabel = "N", description = "number of triangular mel bins (23)")
    Integer numMelBins;
    @Option(names = "--low-freq", paramLabel = "HZ", description = "low edge of the mel bins in Hz (20)")
    Double lowFreq;
    @Option(names = "--high-freq", paramLabel = "HZ",
            description = "high edge of the mel bins in Hz; <= 0 is an offset from Nyquist (0)")
    Double highFreq;
    @Option(names = "--vtln-low", paramLabel = "HZ", description = "low inflection point of VTLN warping (100)")
    Double vtlnLow;
    @Option(names = "--vtln-high", paramLabel = "HZ", description = "high inflection point of VTLN warping, <= 0 from Nyquist (-500)")
    Double vtlnHigh;
    @Option(names = "--vtln-warp", paramLabel = "X", description = "VTLN warp factor (1.0 = none)")
    Double vtlnWarp;
    @Option(names = "--num-ceps", paramLabel = "N", description = "number of cepstra including C0/energy (13)")
    Integer numCeps;
    @Option(names = "--use-energy", arity = "0..1", paramLabel = "BOOL", description = "C0 replaced by log energy (true)")
    Boolean useEnergy;
    @Option(names = "--energy-floor", paramLabel = "X", description = "floor on the energy, 0 = none (0)")
    Double energyFloor;
    @Option(names = "--raw-energy", arity = "0..1", paramLabel = "BOOL",
            description = "energy before pre-emphasis and window (true)")
    Boolean rawEnergy;
    @Option(names = "--cepstral-lifter", paramLabel = "X", description = "lifter constant, 0 = none (22)")
    Double cepstralLifter;
    @Option(names = "--htk-compat", arity = "0..1", paramLabel = "BOOL",
            description = "energy/C0 last, C0 scaled by sqrt(2) (false)")
    Boolean htkCompat;
    @Option(names = "--subtract-mean", arity = "0..1", paramLabel = "BOOL",
            description = "subtract each file's mean frame (false)")
    Boolean subtractMean;

    // ---- post-processing -----------------------------------------------------------------------
    @Option(names = "--deltas", negatable = true,
            description = "append deltas and delta-deltas (Kaldi add-deltas: order 2, window 2); "
                    + "default: off for features, on for train and evaluate")
    Boolean deltas;

    @Option(names = "--recipe", paramLabel = "standard|cross-speaker", converter = RecipeConverter.class,
            description = "train/evaluate feature recipe: " + Recipe.HELP)
    Recipe recipe = Recipe.STANDARD;

    /** Accepts cross-speaker and cross_speaker. */
    static final class RecipeConverter implements picocli.CommandLine.ITypeConverter<Recipe> {
        @Override
        public Recipe convert(String value) {
            try {
                return Recipe.named(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
    @Option(names = "--delta-order", paramLabel = "N", description = "delta order with --deltas (2)")
    Integer deltaOrder;
    @Option(names = "--delta-window", paramLabel = "N", description = "delta window in frames with --deltas (2)")
    Integer deltaWindow;

    @Option(names = "--cmvn", paramLabel = "none|utterance|sliding|speaker",
            description = "cepstral mean normalisation: none (default), per utterance (Kaldi apply-cmvn), "
                    + "sliding window (Kaldi apply-cmvn-sliding), or per speaker (train/evaluate: statistics over "
                    + "all of a speaker's utterances, as Kaldi's apply-cmvn --utt2spk; an utterance without a "
                    + "known speaker is its own speaker)")
    CmvnMode cmvn;
    @Option(names = "--norm-vars", description = "with --cmvn: normalise variances too")
    boolean normVars;
    @Option(names = "--cmn-window", paramLabel = "FRAMES", description = "sliding CMN window in frames (600)")
    Integer cmnWindow;
    @Option(names = "--min-cmn-window", paramLabel = "FRAMES", description = "sliding CMN minimum window in frames (100)")
    Integer minCmnWindow;
    @Option(names = "--center", description = "sliding CMN window centred on the frame (default: the frames up to it)")
    boolean center;
    @Option(names = "--cmvn-prior-frames", paramLabel = "FRAMES",
            description = "with --cmvn speaker (train/evaluate): a speaker with fewer than "
                    + CmvnPrior.FILL_TO_FRAMES + " frames of its own (one file classified alone) borrows up to FRAMES "
                    + "frames' worth of the training data's CMVN statistics, stored in the model (Kaldi's online "
                    + "CMVN --global-frames); default: the recipe's (" + Recipe.CMVN_PRIOR_HELP + ")")
    Double cmvnPriorFrames;
    @Option(names = "--cmvn-placement", paramLabel = "before-deltas|after-deltas",
            description = "normalise the statics before the deltas (default) or all columns after them")
    String cmvnPlacement;

    @Option(names = "--vad", description = "drop unvoiced frames (Kaldi compute-vad + select-voiced-frames)")
    boolean vad;
    @Option(names = "--vad-energy-threshold", paramLabel = "X", description = "VAD energy threshold (5.0)")
    Float vadEnergyThreshold;
    @Option(names = "--vad-energy-mean-scale", paramLabel = "X", description = "VAD: add this times the mean log energy to the threshold (0.5)")
    Float vadEnergyMeanScale;
    @Option(names = "--vad-frames-context", paramLabel = "N", description = "VAD context in frames each side (0)")
    Integer vadFramesContext;
    @Option(names = "--vad-proportion-threshold", paramLabel = "X", description = "VAD: proportion of voiced frames in the context (0.6)")
    Float vadProportionThreshold;

    /**
     * Frames' worth of training CMVN statistics a speaker with few frames borrows (train/evaluate): the
     * {@code --cmvn-prior-frames} given, else the recipe's; 0 unless {@code config} normalises per speaker.
     *
     * @throws InputException if the option is negative or given without per-speaker CMVN
     */
    double cmvnPriorFrames(FeatureConfig config) {
        boolean perSpeaker = config.cmvn().mode() == CmvnMode.SPEAKER;
        if (cmvnPriorFrames == null) {
            return perSpeaker ? recipe.cmvnPriorFrames() : 0;
        }
        if (!(cmvnPriorFrames >= 0) || cmvnPriorFrames.isInfinite()) {
            throw new InputException("--cmvn-prior-frames must be a number of frames >= 0, got " + cmvnPriorFrames);
        }
        if (!perSpeaker) {
            throw new InputException("--cmvn-prior-frames needs per-speaker CMVN (--cmvn speaker or "
                    + "--recipe cross-speaker)");
        }
        return cmvnPriorFrames;
    }

    /** The feature configuration these options describe, as {@code features} uses it (no deltas by default). */
    FeatureConfig toConfig() throws IOException {
        return toConfig(false);
    }

    /**
     * The feature configuration these options describe.
     *
     * @param forModels true for train/evaluate: deltas on by default and the {@code --recipe} applied
     */
    FeatureConfig toConfig(boolean forModels) throws IOException {
        MfccSettings presetSettings = switch (preset) {
            case kaldi -> MfccPresets.kaldi();
            case htk -> MfccPresets.htk(false);
            case htk_e -> MfccPresets.htk(true);
        };
        checkRanges();
        KaldiConfigFile.Parsed parsed = KaldiConfigFile.Parsed.of(presetSettings);
        if (config != null) {
            parsed = KaldiConfigFile.parse(KaldiConfigFile.readLines(config), config.toString(), parsed);
        }
        if (forModels) {
            for (Map.Entry<String, String> option : recipe.mfccOptions().entrySet()) {
                parsed = KaldiConfigFile.applyOption(parsed, option.getKey(), option.getValue());
            }
        }
        // the command-line options go through the same mapping as a config file's lines
        for (Map.Entry<String, Object> option : givenMfccOptions().entrySet()) {
            parsed = KaldiConfigFile.applyOption(parsed, option.getKey(), String.valueOf(option.getValue()));
        }
        MfccSettings settings;
        try {
            settings = parsed.settings();
        } catch (IllegalArgumentException e) {
            throw new InputException("--num-ceps " + parsed.mfcc().numCeps() + " cannot exceed --num-mel-bins "
                    + parsed.mel().numBins() + (config != null ? " (after " + config + ")" : ""));
        }
        double targetRate = parsed.sampleFrequencyHz().orElse(0);

        FeatureConfig result = FeatureConfig.kaldiDefaults()
                .withMfcc(settings)
                .withTargetSampleRateHz(targetRate);
        if (channel != null) {
            result = result.withChannels(ChannelSelection.channel(channel));
        }
        boolean wantDeltas = deltas != null ? deltas : forModels || deltaOrder != null || deltaWindow != null;
        if (wantDeltas) {
            DeltaOptions d = recipe.deltas();
            result = result.withDeltas(new DeltaOptions(deltaOrder != null ? deltaOrder : d.order(),
                    deltaWindow != null ? deltaWindow : d.window()));
        }
        if (forModels && cmvn == null && recipe.cmvn().isPresent()) {
            result = result.withCmvn(recipe.cmvn().get(), recipe.cmvnPlacement());
        }
        if (!forModels && cmvn == CmvnMode.SPEAKER) {
            throw new InputException("--cmvn speaker needs to know the speakers: use it with train or evaluate "
                    + "(a --label-pattern with a speaker group, a manifest's speaker column, or utt2spk)");
        }
        if (cmvn != null && cmvn != CmvnMode.NONE) {
            CmvnOptions base = cmvn == CmvnMode.SLIDING ? CmvnOptions.sliding() : CmvnOptions.utterance(normVars);
            int window = cmnWindow != null ? cmnWindow : base.cmnWindow();
            int minWindow = minCmnWindow != null ? minCmnWindow : base.minCmnWindow();
            if (center && (minWindow < 1 || minWindow > window)) {
                throw new InputException("--min-cmn-window with --center must be between 1 and the --cmn-window ("
                        + window + ") frames, got " + minWindow);
            }
            CmvnOptions o = new CmvnOptions(cmvn, normVars, window, minWindow, center);
            result = result.withCmvn(o, parsePlacement());
        }
        if (vad) {
            VadOptions v = VadOptions.kaldiDefaults();
            result = result.withVad(true, new VadOptions(
                    vadEnergyThreshold != null ? vadEnergyThreshold : v.energyThreshold(),
                    vadEnergyMeanScale != null ? vadEnergyMeanScale : v.energyMeanScale(),
                    vadFramesContext != null ? vadFramesContext : v.framesContext(),
                    vadProportionThreshold != null ? vadProportionThreshold : v.proportionThreshold()));
        }
        return result;
    }

    /**
     * Checks the ranges of the options that are not Kaldi's (those are checked, by their names, as they
     * are applied), so that every error names the option as typed and comes before any file is read.
     */
    private void checkRanges() {
        if (channel != null && channel < 0) {
            throw new InputException("--channel must be >= 0 (0-based), got " + channel);
        }
        if (deltaOrder != null && (deltaOrder < 0 || deltaOrder > 999)) {
            throw new InputException("--delta-order must be between 0 and 999, got " + deltaOrder);
        }
        if (deltaWindow != null && (deltaWindow < 1 || deltaWindow > 999)) {
            throw new InputException("--delta-window must be between 1 and 999 frames, got " + deltaWindow);
        }
        if (cmnWindow != null && cmnWindow < 1) {
            throw new InputException("--cmn-window must be at least 1 frame, got " + cmnWindow);
        }
        if (minCmnWindow != null && minCmnWindow < 0) {
            throw new InputException("--min-cmn-window must be >= 0 frames, got " + minCmnWindow);
        }
        if (vadEnergyThreshold != null && !Float.isFinite(vadEnergyThreshold)) {
            throw new InputException("--vad-energy-threshold must be finite, got " + vadEnergyThreshold);
        }
        if (vadEnergyMeanScale != null && !(Float.isFinite(vadEnergyMeanScale) && vadEnergyMeanScale >= 0)) {
            throw new InputException("--vad-energy-mean-scale must be finite and >= 0, got " + vadEnergyMeanScale);
        }
        if (vadFramesContext != null && vadFramesContext < 0) {
            throw new InputException("--vad-frames-context must be >= 0 frames, got " + vadFramesContext);
        }
        if (vadProportionThreshold != null && !(vadProportionThreshold > 0 && vadProportionThreshold < 1)) {
            throw new InputException("--vad-proportion-threshold must be strictly between 0 and 1, got "
                    + vadProportionThreshold);
        }
        parsePlacement();
    }

    /** The compute-mfcc-feats options given on the command line, by their Kaldi names, in a fixed order. */
    private Map<String, Object> givenMfccOptions() {
        Map<String, Object> given = new LinkedHashMap<>();
        putIfGiven(given, "sample-frequency", sampleFrequency);
        putIfGiven(given, "frame-length", frameLength);
        putIfGiven(given, "frame-shift", frameShift);
        putIfGiven(given, "dither", dither);
        putIfGiven(given, "dither-seed", ditherSeed);
        putIfGiven(given, "preemphasis-coefficient", preemphasis);
        putIfGiven(given, "remove-dc-offset", removeDcOffset);
        putIfGiven(given, "window-type", windowType);
        putIfGiven(given, "round-to-power-of-two", roundToPowerOfTwo);
        putIfGiven(given, "blackman-coeff", blackmanCoeff);
        putIfGiven(given, "snip-edges", snipEdges);
        putIfGiven(given, "num-mel-bins", numMelBins);
        putIfGiven(given, "low-freq", lowFreq);
        putIfGiven(given, "high-freq", highFreq);
        putIfGiven(given, "vtln-low", vtlnLow);
        putIfGiven(given, "vtln-high", vtlnHigh);
        putIfGiven(given, "vtln-warp", vtlnWarp);
        putIfGiven(given, "num-ceps", numCeps);
        putIfGiven(given, "use-energy", useEnergy);
        putIfGiven(given, "energy-floor", energyFloor);
        putIfGiven(given, "raw-energy", rawEnergy);
        putIfGiven(given, "cepstral-lifter", cepstralLifter);
        putIfGiven(given, "htk-compat", htkCompat);
        putIfGiven(given, "subtract-mean", subtractMean);
        return given;
    }

    private static void putIfGiven(Map<String, Object> given, String name, Object value) {
        if (value != null) {
            given.put(name, value);
        }
    }

    private CmvnPlacement parsePlacement() {
        if (cmvnPlacement == null) {
            return CmvnPlacement.BEFORE_DELTAS;
        }
        return switch (cmvnPlacement.toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
            case "before-deltas", "before" -> CmvnPlacement.BEFORE_DELTAS;
            case "after-deltas", "after" -> CmvnPlacement.AFTER_DELTAS;
            default -> throw new InputException(
                    "--cmvn-placement must be before-deltas or after-deltas, got '" + cmvnPlacement + "'");
        };
    }
}
