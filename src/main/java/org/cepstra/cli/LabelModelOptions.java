package org.cepstra.cli;

import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelSetTrainer;
import picocli.CommandLine.Option;

/** How each label's model is shaped ({@code train}, {@code evaluate}): states, and K by the label's frames. */
final class LabelModelOptions {

    @Option(names = "--states", paramLabel = "N",
            description = "model each label in N states: every utterance (segment) is cut into N equal parts, state "
                    + "s trained on and scoring part s (as a left-to-right phone model with fixed durations; 3 for "
                    + "phones); 1 to " + ModelSet.MAX_STATES + " (default 1)")
    Integer states;

    @Option(names = "--frames-per-component", paramLabel = "F",
            description = "give a label (each of its states) with n training frames min(K, n / F) components, at "
                    + "least 1 (default 0: every label K, or one per frame when it has fewer than K frames)")
    Integer framesPerComponent;

    /** Whether any option was given. */
    boolean given() {
        return states != null || framesPerComponent != null;
    }

    /** Checks the values, naming the option. */
    void validate() {
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

    /** The trainer with these options applied. */
    ModelSetTrainer apply(ModelSetTrainer trainer) {
        validate();
        ModelSetTrainer t = states != null ? trainer.withStates(states) : trainer;
        return framesPerComponent != null ? t.withFramesPerComponent(framesPerComponent) : t;
    }
}
