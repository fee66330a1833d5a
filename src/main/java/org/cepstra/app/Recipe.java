package org.cepstra.app;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.KaldiConfigFile;
import org.cepstra.features.MfccPresets;
import org.cepstra.features.VadOptions;
import org.cepstra.gmm.Initialization;
import org.cepstra.gmm.MapOptions;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.StateAlignment;

/**
 * A named recipe for training and evaluating model sets: a coherent set of feature and training
 * defaults, on top of which a user's explicit options apply. Every recipe is listed and documented here
 * and nowhere else.
 *
 * <p>Every recipe appends Kaldi's deltas and delta-deltas (order 2, window 2). The recipe then sets some
 * {@code compute-mfcc-feats} options ({@link #mfccOptions()}, applied after the MFCC preset and a
 * config file, before options given one by one), a CMVN that applies unless the user chooses one
 * ({@link #cmvn()}), an energy VAD ({@link #vad()}), and the Gaussians per label ({@link #components()}).
 */
public enum Recipe {
    /** MFCC with deltas, no normalisation, 32 Gaussians per label: best when test speakers are in the training data. */
    STANDARD("standard", Recipe.STANDARD_HELP, Map.of(), Optional.empty(), Optional.empty(), 32, 0, 1),
    /**
     * 10 cepstra from mel bins starting at 100 Hz, deltas, per-speaker mean and variance normalisation of
     * all columns after the deltas (a speaker with few frames of its own, such as one file classified alone,
     * borrows 100 frames' worth of the training data's statistics), and each label a left-to-right model of
     * {@value #CROSS_SPEAKER_STATES} states aligned by Viterbi, 2 Gaussians per state grown by mixing up: for
     * speakers the models have never heard.
     */
    CROSS_SPEAKER("cross-speaker", Recipe.CROSS_SPEAKER_HELP, orderedOptions("num-ceps", "10", "low-freq", "100"),
            Optional.of(CmvnOptions.speaker(true)), Optional.empty(), 2, 100, Recipe.CROSS_SPEAKER_STATES),
    /**
     * Whole-word models as HTK's isolated-word recogniser builds them: Kaldi's MFCC (13 cepstra), deltas,
     * Kaldi's energy VAD with its default values (dropping the silence around a short word), mean normalisation
     * over each utterance (over all its frames, silence included, before the VAD drops frames; on every column),
     * and each label a left-to-right model of
     * {@value #KEYWORD_STATES} states aligned by Viterbi ({@link StateAlignment#VITERBI}), 4 Gaussians per state
     * grown by mixing up: for short words or commands spoken by speakers the models have never heard, one file
     * at a time.
     */
    KEYWORDS("keywords", Recipe.KEYWORDS_HELP, Map.of(), Optional.of(CmvnOptions.utterance(false)),
            Optional.of(VadOptions.kaldiDefaults()), 4, 0, Recipe.KEYWORD_STATES),
    /**
     * GMM-UBM speakers (Reynolds, Quatieri and Dunn 2000): Kaldi's MFCC with 40 cepstra from 40 mel bins
     * between 20 Hz and 400 Hz below the Nyquist frequency (7,600 Hz at 16 kHz; C0 the log energy), deltas,
     * no mean normalisation, Kaldi's energy VAD with the sre16/voxceleb {@code vad.conf} values (threshold 5.5 +
     * 0.5 x the mean log energy, voiced when at least 12% of the frames within 2 of the frame are above it), a
     * universal background model of 256 Gaussians (one per {@value #SPEAKER_UBM_FRAMES_PER_COMPONENT} training
     * frames on less data: {@link #ubmFramesPerComponent()}), and speakers enrolled by MAP adaptation of the means,
     * variances and weights (r = 16): for {@code train-ubm}, {@code enroll} and {@code verify}.
     */
    SPEAKER("speaker", Recipe.SPEAKER_HELP, orderedOptions("num-ceps", "40", "num-mel-bins", "40", "high-freq", "-400"),
            Optional.empty(), Optional.of(new VadOptions(5.5f, 0.5f, 2, 0.12f)), 256, 0, 1);

    /** States per word of {@link #KEYWORDS}. */
    public static final int KEYWORD_STATES = 24;
    /** States per label of {@link #CROSS_SPEAKER}. */
    public static final int CROSS_SPEAKER_STATES = 6;

    /** One line of help for {@link #STANDARD}. */
    public static final String STANDARD_HELP = "MFCC + deltas, no normalisation; best when test speakers are in "
            + "the training data";
    /** One line of help for {@link #CROSS_SPEAKER}. */
    public static final String CROSS_SPEAKER_HELP = "10 cepstra from 100 Hz, deltas, per-speaker mean and variance "
            + "normalisation after the deltas, whole-word models of " + CROSS_SPEAKER_STATES + " states aligned by "
            + "Viterbi, 2 Gaussians each; for unseen speakers";
    /** One line of help for {@link #KEYWORDS}. */
    public static final String KEYWORDS_HELP = "MFCC + deltas, energy VAD, mean normalisation per utterance, "
            + "whole-word models of " + KEYWORD_STATES + " states aligned by Viterbi, 4 Gaussians each; for short "
            + "words from unseen speakers";
    /** One line of help for {@link #SPEAKER}. */
    public static final String SPEAKER_HELP = "40 cepstra from 40 mel bins up to Nyquist - 400 Hz, deltas, no "
            + "normalisation, energy VAD (Kaldi sre vad.conf), UBM of 256 Gaussians (one per "
            + Recipe.SPEAKER_UBM_FRAMES_PER_COMPONENT + " training frames on less data), MAP of means, variances and "
            + "weights; for speaker verification";
    /** What {@link #SPEAKER}'s {@link #mapOptions()} adapt, as a command line's option help shows it. */
    public static final String SPEAKER_ADAPTATION_HELP = "means,variances,weights";
    /** The recipes' CMVN prior frames in a few words, as a command line's option help shows them. */
    public static final String CMVN_PRIOR_HELP = "100 with cross-speaker, else 0";
    /** The recipes and their help in one sentence, as a command line's option help shows them. */
    public static final String HELP = "standard (" + STANDARD_HELP + "), cross-speaker (" + CROSS_SPEAKER_HELP
            + "), keywords (" + KEYWORDS_HELP + ") or speaker (" + SPEAKER_HELP + ")";

    private final String id;
    private final String help;
    private final Map<String, String> mfccOptions;
    private final Optional<CmvnOptions> cmvn;
    private final Optional<VadOptions> vad;
    private final int components;
    private final double cmvnPriorFrames;
    private final int states;

    Recipe(String id, String help, Map<String, String> mfccOptions, Optional<CmvnOptions> cmvn,
           Optional<VadOptions> vad, int components, double cmvnPriorFrames, int states) {
        this.id = id;
        this.help = help;
        this.mfccOptions = mfccOptions;
        this.cmvn = cmvn;
        this.vad = vad;
        this.components = components;
        this.cmvnPriorFrames = cmvnPriorFrames;
        this.states = states;
    }

    /** The recipe's name as a user types it: {@code standard}, {@code cross-speaker}, {@code speaker}. */
    public String id() {
        return id;
    }

    /** One line saying what the recipe does and when it suits. */
    public String help() {
        return help;
    }

    /**
     * The Kaldi {@code compute-mfcc-feats} options the recipe sets, by their Kaldi names, in the order they
     * are applied (after the MFCC preset and a config file, before options given one by one).
     */
    public Map<String, String> mfccOptions() {
        return mfccOptions;
    }

    /** The normalisation the recipe applies when the user chooses none, or empty for none at all. */
    public Optional<CmvnOptions> cmvn() {
        return cmvn;
    }

    /**
     * The energy voice-activity detection (Kaldi {@code compute-vad} + {@code select-voiced-frames}) the
     * recipe applies unless the user turns it off or sets its values, or empty for none.
     */
    public Optional<VadOptions> vad() {
        return vad;
    }

    /** Where the recipe's {@link #cmvn()} sits: after the deltas, on every column. */
    public CmvnPlacement cmvnPlacement() {
        return CmvnPlacement.AFTER_DELTAS;
    }

    /** The delta features every recipe appends: Kaldi's {@code add-deltas} (order 2, window 2). */
    public DeltaOptions deltas() {
        return DeltaOptions.kaldiDefaults();
    }

    /**
     * How a model is MAP-adapted from a universal background model ({@code enroll}, {@code train --map-from})
     * unless the user says otherwise: for {@link #SPEAKER} the means, variances and weights at r = {@value
     * MapOptions#DEFAULT_RELEVANCE}; the other recipes train by EM and keep {@link MapOptions#defaults()} (means).
     */
    public MapOptions mapOptions() {
        return this == SPEAKER ? MapOptions.defaults().withAdapted(true, true, true) : MapOptions.defaults();
    }

    /** Gaussians per label (K; per state when a label has several) unless the user gives another number. */
    public int components() {
        return components;
    }

    /**
     * Training frames per Gaussian of the universal background model {@code train-ubm} makes with this recipe
     * unless the user gives K: a UBM on fewer frames gets fewer Gaussians, {@code min(K, ⌊frames / F⌋)}
     * ({@code ModelSetTrainer.withFramesPerComponent}); 0 for no such rule. For {@link #SPEAKER},
     * {@value #SPEAKER_UBM_FRAMES_PER_COMPONENT}: the ratio of the setting the recipe was tuned at (256 Gaussians
     * on the 153,600 voiced frames of 18 speakers), so that a UBM of a few speakers (FSDD: 44,937 frames, 74
     * Gaussians) is not spread over more Gaussians than its data fills.
     */
    public int ubmFramesPerComponent() {
        return this == SPEAKER ? SPEAKER_UBM_FRAMES_PER_COMPONENT : 0;
    }

    /** {@link #ubmFramesPerComponent()} of {@link #SPEAKER}. */
    public static final int SPEAKER_UBM_FRAMES_PER_COMPONENT = 600;

    /** States per label unless the user gives another number ({@code ModelSetTrainer.withStates}). */
    public int states() {
        return states;
    }

    /**
     * How a label's states share an utterance unless the user says otherwise: the best path ({@link
     * StateAlignment#VITERBI}) for whole-word models, else equal parts.
     */
    public StateAlignment stateAlignment() {
        return states > 1 ? StateAlignment.VITERBI : StateAlignment.EQUAL;
    }

    /**
     * The feature configuration of this recipe with nothing else given: Kaldi's MFCC preset, each file at
     * its own rate, the recipe's MFCC options, deltas and normalisation.
     */
    public FeatureConfig featureConfig() {
        KaldiConfigFile.Parsed parsed = KaldiConfigFile.Parsed.of(MfccPresets.kaldi());
        for (Map.Entry<String, String> option : mfccOptions.entrySet()) {
            parsed = KaldiConfigFile.applyOption(parsed, option.getKey(), option.getValue());
        }
        FeatureConfig config = FeatureConfig.kaldiDefaults().withMfcc(parsed.settings()).withDeltas(deltas());
        FeatureConfig normalised = cmvn.map(c -> config.withCmvn(c, cmvnPlacement())).orElse(config);
        return vad.map(v -> normalised.withVad(true, v)).orElse(normalised);
    }

    /**
     * The GMM training configuration of this recipe with nothing else given: the library defaults with
     * {@link #components()} Gaussians per label; whole-word models grow their states' Gaussians by mixing up
     * (as HTK's {@code HHEd MU} does), which trains the few frames of a state more steadily than k-means; the
     * initialisation is the recipe's whatever {@code --states} a user gives ({@code --init} changes it).
     */
    public TrainingConfig trainingConfig() {
        TrainingConfig defaults = TrainingConfig.defaults(components);
        return states > 1 ? defaults.withInitialization(Initialization.MIXUP) : defaults;
    }

    /**
     * A trainer of one model per label with this recipe and nothing else given: its features, training
     * configuration, CMVN prior, states and state alignment, calibrated as {@link ModelSetTrainer} calibrates by
     * default; {@code threads} workers.
     */
    public ModelSetTrainer trainer(int threads) {
        return new ModelSetTrainer(featureConfig(), trainingConfig(), List.of(), threads)
                .withCmvnPriorFrames(cmvnPriorFrames).withStates(states).withStateAlignment(stateAlignment());
    }

    /**
     * Frames' worth of the training data's CMVN statistics that a test speaker with few frames of its own
     * borrows when the recipe's per-speaker CMVN applies ({@code CmvnPrior}; {@code
     * ModelSetTrainer.withCmvnPriorFrames}); 0 for none.
     */
    public double cmvnPriorFrames() {
        return cmvnPriorFrames;
    }

    /** Every recipe, in the order a user is shown them. */
    public static List<Recipe> all() {
        return List.of(values());
    }

    /**
     * The recipes {@code --recipe auto} compares ({@link RecipeSelection}), in the order that breaks a tie:
     * standard, cross-speaker and keywords (the speaker recipe trains a background model, not one model per label).
     */
    public static List<Recipe> autoCandidates() {
        return List.of(STANDARD, CROSS_SPEAKER, KEYWORDS);
    }

    /** What {@code --recipe auto} does, in one sentence, as a command line's option help shows it. */
    public static final String AUTO_HELP = "auto (the best of standard, cross-speaker and keywords by cross-validation "
            + "on the training corpus, holding out whole speakers when they are known)";

    /**
     * The recipe named {@code name} ({@code cross-speaker} and {@code cross_speaker} alike, in any case).
     *
     * @throws IllegalArgumentException naming the recipes there are, if there is no such recipe
     */
    public static Recipe named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Recipe r : values()) {
            if (r.id.equals(wanted)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no recipe '" + name + "': the recipes are "
                + Arrays.stream(values()).map(Recipe::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }

    private static Map<String, String> orderedOptions(String... nameValue) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            options.put(nameValue[i], nameValue[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(options);
    }
}
