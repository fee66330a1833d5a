package org.cepstra.scoring;

import java.util.Objects;

/**
 * How well one label's model explains an utterance.
 *
 * @param label                the label
 * @param totalLogLikelihood   sum over frames of the frame log-likelihood under the label's model (nats)
 * @param averageLogLikelihood the same divided by the number of frames (nats per frame)
 * @param posterior            probability of the label given the utterance: softmax over all labels of
 *                             the totals times the model set's calibration scale (plus log priors, if
 *                             any), in [0, 1]; see {@link org.cepstra.models.Calibration}
 */
public record LabelScore(String label, double totalLogLikelihood, double averageLogLikelihood, double posterior) {
    /** Validates the label. */
    public LabelScore {
        Objects.requireNonNull(label, "label");
    }
}
