package org.cepstra.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cepstra.app.Recipe;
import org.cepstra.audio.ChannelSelection;
import org.cepstra.features.CmvnMode;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.CmvnPrior;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.LdaOptions;
import org.cepstra.features.SpliceOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.KaldiConfigFile;
import org.cepstra.features.MfccPresets;
import org.cepstra.features.MfccSettings;
import org.cepstra.features.VadOptions;
import org.cepstra.base.OptionTable;
import org.cepstra.features.FrameExtractionOptions;
import org.cepstra.features.MelBanksOptions;
import org.cepstra.features.MfccOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The feature options shared by every command that turns audio into frames. Precedence: the
 * preset, then {@code --config FILE}, then (train and evaluate) the {@link Recipe}, then each option
 * given on the command line. The options of the feature option tables ({@link FrameExtractionOptions#OPTIONS}
 * and the others) are registered from the tables, with the names of Kaldi's {@code compute-mfcc-feats},
 * {@code add-deltas}, {@code apply-cmvn-sliding} and {@code compute-vad}.
 */
@Command(modelTransformer = TableOptions.Registration.class)
final class FeatureOptions implements TableOptions.Mixin {

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

    // ---- post-processing -----------------------------------------------------------------------
    @Option(names = "--deltas", negatable = true,
            description = "append deltas and delta-deltas (Kaldi add-deltas: order 2, window 2); "
                    + "default: off for features, on for train and evaluate")
    Boolean deltas;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    /** Why {@code --cmvn speaker} cannot make frames without the speakers (in {@code features}). */
    static final String SPEAKER_CMVN_NEEDS_SPEAKERS = "--cmvn speaker needs to know the speakers: use it with train or "
            + "evaluate (a --label-pattern with a speaker group, a manifest's speaker column, or utt2spk)";

    /** Why {@code --lda} cannot make frames without labelled training frames (in {@code features}). */
    static final String LDA_NEEDS_LABELS = "--lda projects frames with LDA estimated on labelled training frames: use "
            + "it with train or evaluate (the model file stores the projection)";

    /** The recipe given with {@code --recipe} (standard unless given; standard too with {@code auto}). */
    Recipe recipe = Recipe.STANDARD;

    /** Whether {@code --recipe auto} was given: train and evaluate choose the recipe by cross-validation. */
    boolean autoRecipe;

    /** Accepts every recipe's name (cross-speaker and cross_speaker alike) and {@code auto}. */
    @Option(names = "--recipe", paramLabel = "RECIPE",
            description = "train/evaluate feature recipe: " + Recipe.HELP + ", or " + Recipe.AUTO_HELP)
    void recipe(String value) {
        if (value.strip().equalsIgnoreCase("auto")) {
            autoRecipe = true;
            recipe = Recipe.STANDARD;
            return;
        }
        try {
            recipe = Recipe.named(value);
            autoRecipe = false;
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(mixee.commandLine(),
                    "Invalid value for option '--recipe': " + e.getMessage() + ", or auto");
        }
    }

    /** The options registered from the feature option tables, with the values given for them. */
    final TableOptions tables = new TableOptions(Set.of("norm-vars", "center", "vad"));
    @Option(names = "--cmvn-prior-frames", paramLabel = "FRAMES",
            description = "with --cmvn speaker (train/evaluate): a speaker with fewer than "
                    + CmvnPrior.FILL_TO_FRAMES + " frames of its own (one file classified alone) borrows up to FRAMES "
                    + "frames' worth of the training data's CMVN statistics, stored in the model (Kaldi's online "
                    + "CMVN --global-frames); default: the recipe's (" + Recipe.CMVN_PRIOR_HELP + ")")
    Double cmvnPriorFrames;

    /** The tables whose options every feature command takes, in the order of the usage help. */
    static final List<OptionTable<?>> TABLES = List.of(FrameExtractionOptions.OPTIONS,
            MelBanksOptions.OPTIONS, MfccOptions.OPTIONS, DeltaOptions.OPTIONS, CmvnOptions.OPTIONS,
            FeatureConfig.OPTIONS, VadOptions.OPTIONS, SpliceOptions.OPTIONS, LdaOptions.OPTIONS);

    /** The tables of the options that go through the Kaldi config mapping, as a config file's lines do. */
    private static final List<OptionTable<?>> MFCC_TABLES = List.of(FrameExtractionOptions.OPTIONS,
            MelBanksOptions.OPTIONS, MfccOptions.OPTIONS);

    private static final org.cepstra.base.Option<FeatureConfig, ?> PLACEMENT =
            FeatureConfig.OPTIONS.option("cmvn-placement");

    /** Adds the options of the feature option tables (Kaldi's names; defaults from the default records). */
    @Override
    public void register(CommandSpec spec) {
        for (OptionTable<?> table : TABLES) {
            tables.register(spec, table);
        }
    }

    /** {@code --sample-frequency} in Hz as given, or null. */
    Double sampleFrequency() {
        return (Double) tables.get("sample-frequency");
    }

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
        String rate = tables.text("sample-frequency");
        if (rate != null) {
            parsed = KaldiConfigFile.applyOption(parsed, "sample-frequency", rate);
        }
        for (OptionTable<?> table : MFCC_TABLES) {
            for (org.cepstra.base.Option<?, ?> option : table.options()) {
                String value = tables.text(option.name());
                if (value != null) {
                    parsed = KaldiConfigFile.applyOption(parsed, option.name(), value);
                }
            }
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
        Integer deltaOrder = (Integer) tables.get("delta-order");
        Integer deltaWindow = (Integer) tables.get("delta-window");
        boolean wantDeltas = deltas != null ? deltas : forModels || deltaOrder != null || deltaWindow != null;
        if (wantDeltas) {
            result = result.withDeltas(tables.apply(DeltaOptions.OPTIONS, recipe.deltas()));
        }
        CmvnMode cmvn = (CmvnMode) tables.get("cmvn");
        if (forModels && cmvn == null && recipe.cmvn().isPresent()) {
            result = result.withCmvn(recipe.cmvn().get(), recipe.cmvnPlacement());
        }
        if (!forModels && cmvn == CmvnMode.SPEAKER) {
            throw new InputException(SPEAKER_CMVN_NEEDS_SPEAKERS);
        }
        if (cmvn != null && cmvn != CmvnMode.NONE) {
            CmvnOptions base = CmvnOptions.OPTIONS.defaults();
            Integer cmnWindow = (Integer) tables.get("cmn-window");
            Integer minCmnWindow = (Integer) tables.get("min-cmn-window");
            int window = cmnWindow != null ? cmnWindow : base.cmnWindow();
            int minWindow = minCmnWindow != null ? minCmnWindow : base.minCmnWindow();
            if (tables.get("center") != null && (minWindow < 1 || minWindow > window)) {
                throw new InputException("--min-cmn-window with --center must be between 1 and the --cmn-window ("
                        + window + ") frames, got " + minWindow);
            }
            result = tables.apply(PLACEMENT, result.withCmvn(tables.apply(CmvnOptions.OPTIONS, base),
                    CmvnPlacement.BEFORE_DELTAS));
        }
        if (tables.get("vad") != null) {
            result = result.withVad(true, tables.apply(VadOptions.OPTIONS, VadOptions.kaldiDefaults()));
        }
        result = result.withSplice(tables.apply(SpliceOptions.OPTIONS, SpliceOptions.none()));
        LdaOptions lda = tables.apply(LdaOptions.OPTIONS, LdaOptions.none());
        if (!lda.enabled() && tables.get("lda-states") != null) {
            throw new InputException("--lda-states says how --lda classes are made: give --lda DIMS too");
        }
        if (lda.enabled() && !forModels) {
            throw new InputException(LDA_NEEDS_LABELS);
        }
        if (lda.dims() > result.splicedDimension()) {
            throw new InputException("--lda " + lda.dims() + " asks for more dimensions than the "
                    + result.splicedDimension() + " of the frames it projects (with --splice N, (2N + 1) times "
                    + "those of one frame)");
        }
        return result.withLda(lda);
    }

    /**
     * Checks the ranges of the options that are not Kaldi's (those are checked, by their names, as they
     * are applied), so that every error names the option as typed and comes before any file is read.
     */
    private void checkRanges() {
        if (channel != null && channel < 0) {
            throw new InputException("--channel must be >= 0 (0-based), got " + channel);
        }
        Integer deltaOrder = (Integer) tables.get("delta-order");
        if (deltaOrder != null && (deltaOrder < 0 || deltaOrder > 999)) {
            throw new InputException("--delta-order must be between 0 and 999, got " + deltaOrder);
        }
        Integer deltaWindow = (Integer) tables.get("delta-window");
        if (deltaWindow != null && (deltaWindow < 1 || deltaWindow > 999)) {
            throw new InputException("--delta-window must be between 1 and 999 frames, got " + deltaWindow);
        }
        Integer cmnWindow = (Integer) tables.get("cmn-window");
        if (cmnWindow != null && cmnWindow < 1) {
            throw new InputException("--cmn-window must be at least 1 frame, got " + cmnWindow);
        }
        Integer minCmnWindow = (Integer) tables.get("min-cmn-window");
        if (minCmnWindow != null && minCmnWindow < 0) {
            throw new InputException("--min-cmn-window must be >= 0 frames, got " + minCmnWindow);
        }
        Float vadEnergyThreshold = (Float) tables.get("vad-energy-threshold");
        if (vadEnergyThreshold != null && !Float.isFinite(vadEnergyThreshold)) {
            throw new InputException("--vad-energy-threshold must be finite, got " + vadEnergyThreshold);
        }
        Float vadEnergyMeanScale = (Float) tables.get("vad-energy-mean-scale");
        if (vadEnergyMeanScale != null && !(Float.isFinite(vadEnergyMeanScale) && vadEnergyMeanScale >= 0)) {
            throw new InputException("--vad-energy-mean-scale must be finite and >= 0, got " + vadEnergyMeanScale);
        }
        Integer vadFramesContext = (Integer) tables.get("vad-frames-context");
        if (vadFramesContext != null && vadFramesContext < 0) {
            throw new InputException("--vad-frames-context must be >= 0 frames, got " + vadFramesContext);
        }
        Float vadProportionThreshold = (Float) tables.get("vad-proportion-threshold");
        if (vadProportionThreshold != null && !(vadProportionThreshold > 0 && vadProportionThreshold < 1)) {
            throw new InputException("--vad-proportion-threshold must be strictly between 0 and 1, got "
                    + vadProportionThreshold);
        }
        tables.apply(PLACEMENT, FeatureConfig.kaldiDefaults());
    }
}
