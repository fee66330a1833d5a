package org.cepstra.models;

import java.util.Objects;

/**
 * What one label's model was trained on and how training went.
 *
 * @param label                label name (phoneme, word, speaker…)
 * @param utterances           training utterances (files or segments) that gave frames
 * @param frames               training frames
 * @param numComponents        Gaussians in the trained model
 * @param iterations           EM iterations run
 * @param converged            whether EM reached its tolerance
 * @param averageLogLikelihood mean log-likelihood per training frame (nats)
 * @param flooredVariances     variances raised to the floor during training
 * @param reseededComponents   starved components re-seeded during training
 */
public record LabelSummary(String label, int utterances, long frames, int numComponents, int iterations,
                           boolean converged, double averageLogLikelihood, int flooredVariances,
                           int reseededComponents) {
    /** Validates the counts. */
    public LabelSummary {
        Objects.requireNonNull(label, "label");
        if (utterances < 0 || frames < 0 || numComponents < 1 || iterations < 0) {
            throw new IllegalArgumentException("negative count in the summary of label " + label);
        }
    }
}
