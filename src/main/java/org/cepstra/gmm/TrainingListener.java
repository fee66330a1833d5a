package org.cepstra.gmm;

/** Receives progress of {@link GmmTrainer#fit}: called on the training thread, after each EM iteration. */
@FunctionalInterface
public interface TrainingListener {
    /** One EM iteration of one restart has finished. */
    void iterationCompleted(TrainingProgress progress);
}
