package org.cepstra.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.cepstra.features.CmvnPrior;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.features.FeatureTransform;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.TrainingConfig;

/**
 * One diagonal-covariance GMM per label (phoneme, word, speaker…), together with the feature
 * configuration the models were trained on, so that classification always extracts the same
 * frames. Immutable and safe to share between threads.
 *
 * @param models        label → model, sorted by label; every model has {@code featureConfig.dimension()} dimensions
 * @param featureConfig how frames are made from audio for these models
 * @param training      the GMM training configuration (provenance; K may differ per label when chosen by BIC)
 * @param labels        per-label training summary (provenance), sorted by label; may be empty
 * @param skippedFiles  how many training files were reported and skipped
 * @param calibration   how total log-likelihoods become posteriors ({@link Calibration#none()}: raw softmax)
 * @param cmvnPrior     the training data's statistics that per-speaker CMVN borrows when a speaker (or one
 *                      file alone) has few frames ({@link CmvnPrior}); empty for none. Part of how frames are
 *                      made for these models: make them with {@link #featurePipeline()}
 * @param background    the universal background model the labels' models were MAP-adapted from, for
 *                      log-likelihood-ratio verification; empty for models trained on their own by EM
 * @param transform     the LDA projection that ends the feature pipeline, estimated on the training frames,
 *                      present exactly when {@code featureConfig} has an LDA stage ({@link FeatureConfig#lda()}).
 *                      Part of how frames are made for these models: make them with {@link #featurePipeline()}
 * @param states        states per label ({@link StateModels}): 1 (the default) scores an utterance with its
 *                      label's model; {@code S > 1} shares its frames among S states in order (see
 *                      {@code stateAlignment}), each part scored by its state, each model being the union of its
 *                      S states
 * @param recipe        the name of the recipe the training options started from (provenance, e.g.
 *                      {@code keywords}, as {@code train --recipe} names it); empty when not recorded
 * @param stateAlignment how an utterance's frames are shared among its label's states ({@link StateAlignment}):
 *                      {@link StateAlignment#EQUAL equal parts} (the default) or the best left-to-right path
 *                      ({@link StateAlignment#VITERBI}, labels in more than one state only)
 */
public record ModelSet(SortedMap<String, DiagonalGmm> models, FeatureConfig featureConfig, TrainingConfig training,
                       List<LabelSummary> labels, int skippedFiles, Calibration calibration,
                       Optional<CmvnPrior> cmvnPrior, Optional<Background> background,
                       Optional<FeatureTransform> transform, int states, Optional<String> recipe,
                       StateAlignment stateAlignment) {

    /** Validates that there is at least one model and that dimensions agree with the feature configuration. */
    public ModelSet {
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(featureConfig, "featureConfig");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(cmvnPrior, "cmvnPrior");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(stateAlignment, "stateAlignment");
        if (stateAlignment != StateAlignment.EQUAL && states == 1) {
            throw new IllegalArgumentException("a " + stateAlignment.id() + " state alignment needs labels in more "
                    + "than one state");
        }
        if (recipe.isPresent() && (recipe.get().isBlank() || recipe.get().chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("a recipe name must be a non-blank line of text, got '" + recipe.get() + "'");
        }
        if (states < 1 || states > MAX_STATES) {
            throw new IllegalArgumentException("states per label must be in [1, " + MAX_STATES + "], got " + states);
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a model set needs at least one label");
        }
        if (skippedFiles < 0) {
            throw new IllegalArgumentException("skippedFiles must be >= 0");
        }
        int dim = featureConfig.dimension();
        for (Map.Entry<String, DiagonalGmm> e : models.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException("empty label");
            }
            if (e.getValue().dimension() != dim) {
                throw new IllegalArgumentException("model '" + e.getKey() + "' has " + e.getValue().dimension()
                        + " dimensions, the feature configuration makes " + dim);
            }
            if (states > 1) {
                try {
                    StateModels.split(e.getValue(), states);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("model '" + e.getKey() + "': " + ex.getMessage(), ex);
                }
            }
        }
        models = Collections.unmodifiableSortedMap(new TreeMap<>(models));
        labels = List.copyOf(labels);
        if (cmvnPrior.isPresent()) {
            cmvnPrior.get().requireFits(featureConfig);
        }
        if (transform.isPresent()) {
            FeaturePipeline.requireFits(transform.get(), featureConfig);
        } else if (featureConfig.lda().enabled()) {
            throw new IllegalArgumentException("the feature configuration ends in an LDA projection to "
                    + featureConfig.lda().dims() + " dimensions, but the model set holds no transform");
        }
        if (background.isPresent() && background.get().ubm().dimension() != dim) {
            throw new IllegalArgumentException("the background model has " + background.get().ubm().dimension()
                    + " dimensions, the feature configuration makes " + dim);
        }
    }

    /** Most states per label. */
    public static final int MAX_STATES = 32;

    /** A model set whose labels' states (if more than one) take equal parts of an utterance. */
    public ModelSet(SortedMap<String, DiagonalGmm> models, FeatureConfig featureConfig, TrainingConfig training,
                    List<LabelSummary> labels, int skippedFiles, Calibration calibration,
                    Optional<CmvnPrior> cmvnPrior, Optional<Background> background,
                    Optional<FeatureTransform> transform, int states, Optional<String> recipe) {
        this(models, featureConfig, training, labels, skippedFiles, calibration, cmvnPrior, background, transform,
                states, recipe, StateAlignment.EQUAL);
    }

    /** A model set that records no recipe. */
    public ModelSet(SortedMap<String, DiagonalGmm> models, FeatureConfig featureConfig, TrainingConfig training,
                    List<LabelSummary> labels, int skippedFiles, Calibration calibration,
                    Optional<CmvnPrior> cmvnPrior, Optional<Background> background,
                    Optional<FeatureTransform> transform, int states) {
        this(models, featureConfig, training, labels, skippedFiles, calibration, cmvnPrior, background, transform,
                states, Optional.empty());
    }

    /** A model set of one state per label. */
    public ModelSet(SortedMap<String, DiagonalGmm> models, FeatureConfig featureConfig, TrainingConfig training,
                    List<LabelSummary> labels, int skippedFiles, Calibration calibration,
                    Optional<CmvnPrior> cmvnPrior, Optional<Background> background,
                    Optional<FeatureTransform> transform) {
        this(models, featureConfig, training, labels, skippedFiles, calibration, cmvnPrior, background, transform, 1);
    }

    /** A model set without an LDA projection. */
    public ModelSet(SortedMap<String, DiagonalGmm> models, FeatureConfig featureConfig, TrainingConfig training,
                    List<LabelSummary> labels, int skippedFiles, Calibration calibration,
                    Optional<CmvnPrior> cmvnPrior, Optional<Background> background) {
        this(models, featureConfig, training, labels, skippedFiles, calibration, cmvnPrior, background,
                Optional.empty());
    }

    /** A model set without a background model. */
    public ModelSet(SortedMap<String, DiagonalGmm> models, FeatureConfig featureConfig, TrainingConfig training,
                    List<LabelSummary> labels, int skippedFiles, Calibration calibration,
                    Optional<CmvnPrior> cmvnPrior) {
        this(models, featureConfig, training, labels, skippedFiles, calibration, cmvnPrior, Optional.empty());
    }

    /** A model set without a CMVN prior. */
    public ModelSet(SortedMap<String, DiagonalGmm> models, FeatureConfig featureConfig, TrainingConfig training,
                    List<LabelSummary> labels, int skippedFiles, Calibration calibration) {
        this(models, featureConfig, training, labels, skippedFiles, calibration, Optional.empty(), Optional.empty());
    }

    /** A model set without calibration (posteriors are the raw softmax of the totals). */
    public ModelSet(SortedMap<String, DiagonalGmm> models, FeatureConfig featureConfig, TrainingConfig training,
                    List<LabelSummary> labels, int skippedFiles) {
        this(models, featureConfig, training, labels, skippedFiles, Calibration.none());
    }

    /** The same model set recording that its training options started from the recipe named {@code name}. */
    public ModelSet withRecipe(String name) {
        return new ModelSet(models, featureConfig, training, labels, skippedFiles, calibration, cmvnPrior,
                background, transform, states, Optional.of(name), stateAlignment);
    }

    /**
     * The same model set with its labels' states sharing an utterance's frames by {@code alignment}.
     *
     * @throws IllegalArgumentException if the alignment is not {@link StateAlignment#EQUAL} and the labels have
     *                                  one state
     */
    public ModelSet withStateAlignment(StateAlignment alignment) {
        return new ModelSet(models, featureConfig, training, labels, skippedFiles, calibration, cmvnPrior,
                background, transform, states, recipe, alignment);
    }

    /** The same model set with another calibration. */
    public ModelSet withCalibration(Calibration newCalibration) {
        return new ModelSet(models, featureConfig, training, labels, skippedFiles, newCalibration, cmvnPrior,
                background, transform, states, recipe, stateAlignment);
    }

    /**
     * How frames are made for these models: a pipeline of {@link #featureConfig()} with the
     * {@link #cmvnPrior()} and the {@link #transform()} if there are. Thread-safe; make it once and share it.
     */
    public FeaturePipeline featurePipeline() {
        FeaturePipeline pipeline = new FeaturePipeline(featureConfig);
        pipeline = cmvnPrior.map(pipeline::withCmvnPrior).orElse(pipeline);
        return transform.map(pipeline::withTransform).orElse(pipeline);
    }

    /**
     * A model set from models built elsewhere (no training provenance): label → GMM, and the feature
     * configuration their frames come from.
     */
    public static ModelSet of(SortedMap<String, DiagonalGmm> models, FeatureConfig featureConfig) {
        int k = models.isEmpty() ? 1 : models.values().iterator().next().numComponents();
        return new ModelSet(models, featureConfig, TrainingConfig.defaults(k), List.of(), 0);
    }

    /**
     * This model set with the sample rate its features were made at stated by the user, for a model file
     * that does not record it (written before models recorded their rate). A set that records a rate keeps
     * it: stating the same rate is allowed, another is refused.
     *
     * @throws IllegalArgumentException if {@code sampleRateHz} is not a positive number of Hz, or the set
     *                                  already records another rate
     */
    public ModelSet withStatedSampleRate(double sampleRateHz) {
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate must be a positive number of Hz, got " + sampleRateHz);
        }
        double recorded = featureConfig.targetSampleRateHz();
        if (recorded == sampleRateHz) {
            return this;
        }
        if (recorded > 0) {
            throw new IllegalArgumentException("the model set was trained at " + recorded + " Hz, not "
                    + sampleRateHz + " Hz; audio at other rates is resampled to " + recorded + " Hz");
        }
        return new ModelSet(models, featureConfig.withTargetSampleRateHz(sampleRateHz), training, labels, skippedFiles,
                calibration, cmvnPrior, background, transform, states, recipe, stateAlignment);
    }

    /**
     * This model set without the models of {@code labels} (e.g. silence, when only phones are compared);
     * labels it has no model for are ignored. Everything else (features, calibration, prior) is kept.
     *
     * @throws IllegalArgumentException if no model would be left
     */
    public ModelSet withoutLabels(java.util.Set<String> labels) {
        SortedMap<String, DiagonalGmm> kept = new TreeMap<>(models);
        kept.keySet().removeAll(labels);
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("leaving out " + new java.util.TreeSet<>(labels)
                    + " leaves no model");
        }
        List<LabelSummary> summaries = labels().stream().filter(l -> kept.containsKey(l.label())).toList();
        return new ModelSet(kept, featureConfig, training, summaries, skippedFiles, calibration, cmvnPrior,
                background, transform, states, recipe, stateAlignment);
    }

    /** The labels, sorted. */
    public List<String> labelNames() {
        return new ArrayList<>(models.keySet());
    }

    /**
     * The states of {@code label}'s model, in order ({@link StateModels#split}); its model alone with one state
     * per label.
     */
    public List<DiagonalGmm> stateModels(String label) {
        return StateModels.split(model(label), states);
    }

    /** The model of {@code label}. */
    public DiagonalGmm model(String label) {
        DiagonalGmm m = models.get(label);
        if (m == null) {
            throw new IllegalArgumentException("no model for label '" + label + "'");
        }
        return m;
    }

    /** Number of labels. */
    public int size() {
        return models.size();
    }
}
