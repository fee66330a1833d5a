package org.cepstra.cli;

import org.cepstra.app.Recipe;
import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.StateAlignment;
import picocli.CommandLine.Option;

/** How each label's model is shaped ({@code train}, {@code evaluate}): states, and K by the label's frames. */
final class LabelModelOptions {

    @Option(names = "--states", paramLabel = "N",
            description = "model each label in N states: every utterance (segment) is shared among N states in "
                    + "order (--state-alignment), state s trained on and scoring part s (a left-to-right HMM; 3 for "
                    + "phones); 1 to " + ModelSet.MAX_STATES + " (default 1; " + Recipe.KEYWORD_STATES + " with --recipe "
                    + "keywords, " + Recipe.CROSS_SPEAKER_STATES + " with cross-speaker)")
    Integer states;

    @Option(names = "--state-alignment", paramLabel = "equal|viterbi",
            description = "with --states: how an utterance's frames are shared among its label's states: equal "
                    + "(N equal parts, the default) or viterbi (the best left-to-right path, in training after "
                    + "equal parts and up to " + ModelSetTrainer.REALIGNMENT_ROUNDS + " rounds of re-alignment, "
                    + "and in scoring; for whole words, as the keywords and cross-speaker recipes do)")
    String stateAlignment;

    @Option(names = "--frames-per-component", paramLabel = "F",
            description = "give a label (each of its states) with n training frames min(K, n / F) components, at "
                    + "least 1 (default 0: every label K, or one per frame when it has fewer than K frames)")
    Integer framesPerComponent;

    /** Whether any option was given. */
    boolean given() {
        return states != null || framesPerComponent != null || stateAlignment != null;
    }

    /**
     * Refuses states per label (given with {@code --states}, or the recipe's; with {@code --recipe auto}, any
     * candidate's) together with {@code other}, an
     * option that makes one model per label by other means (e.g. {@code --map-from}, {@code --k-candidates}).
     *
     * @throws InputException naming where the states come from
     */
    void refuseStatesWith(String other, FeatureOptions features) {
        if (states != null) {
            if (states > 1) {
                throw new InputException("--states cannot be used with " + other);
            }
            return;
        }
        java.util.List<Recipe> candidates = features.autoRecipe ? Recipe.autoCandidates()
                : java.util.List.of(features.recipe);
        java.util.List<String> withStates = candidates.stream().filter(r -> r.states() > 1)
                .map(r -> r.id() + " (" + r.states() + " states per label)").toList();
        if (withStates.isEmpty()) {
            return;
        }
        String source = features.autoRecipe ? "--recipe auto compares recipes with states, " + String.join(" and ",
                withStates) + ", which" : "--recipe " + withStates.get(0);
        throw new InputException(source + " cannot be used with " + other + ": give --states 1 or "
                + (features.autoRecipe ? "name a recipe" : "another recipe"));
    }

    /** Checks the values, naming the option. */
    void validate() {
        if (stateAlignment != null) {
            StateAlignment alignment;
            try {
                alignment = StateAlignment.of(stateAlignment);
            } catch (IllegalArgumentException e) {
                throw new InputException("--state-alignment must be equal or viterbi, got '" + stateAlignment + "'");
            }
            if (states != null) {
                requireStatesFor(alignment, states);
            }
        }
        if (states != null && (states < 1 || states > ModelSet.MAX_STATES)) {
            throw new InputException("--states must be between 1 and " + ModelSet.MAX_STATES + ", got " + states);
        }
        if (framesPerComponent != null && framesPerComponent < 0) {
            throw new InputException("--frames-per-component must be >= 0, got " + framesPerComponent);
        }
    }

    /**
     * Reports each label that got fewer components than K because it has fewer training frames than K
     * (one line each, on {@code err}); nothing when {@code --frames-per-component} or candidate K values
     * chose the components.
     */
    void reportFewerComponents(java.io.PrintWriter err, ModelSet models, boolean candidates) {
        if (candidates || (framesPerComponent != null && framesPerComponent > 0)) {
            return;
        }
        int k = models.training().numComponents();
        int states = models.states();
        for (org.cepstra.models.LabelSummary l : models.labels()) {
            int perState = l.numComponents() / states;
            if (perState < k) {
                err.println("cepstra: label '" + l.label() + "': " + l.frames() + " training frames"
                        + (states > 1 ? " in " + states + " states, " + perState + " components per state"
                        : ", " + perState + " components") + " instead of K = " + k);
            }
        }
    }

    /**
     * The trainer with these options applied on top of {@code recipe}'s states ({@link Recipe#states()},
     * {@link Recipe#stateAlignment()}); one state has no alignment to choose.
     */
    ModelSetTrainer apply(ModelSetTrainer trainer, Recipe recipe) {
        validate();
        int n = states != null ? states : recipe.states();
        StateAlignment alignment = stateAlignment != null ? StateAlignment.of(stateAlignment)
                : n > 1 ? recipe.stateAlignment() : StateAlignment.EQUAL;
        requireStatesFor(alignment, n);
        ModelSetTrainer t = trainer.withStates(n).withStateAlignment(alignment);
        return framesPerComponent != null ? t.withFramesPerComponent(framesPerComponent) : t;
    }

    /** Refuses an alignment other than equal parts for labels of fewer than two states. */
    private void requireStatesFor(StateAlignment alignment, int n) {
        if (alignment != StateAlignment.EQUAL && n < 2) {
            throw new InputException("--state-alignment " + stateAlignment + " needs --states 2 or more");
        }
    }
}
