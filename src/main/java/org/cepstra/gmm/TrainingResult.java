package org.cepstra.gmm;

import java.util.List;
import java.util.Objects;

/**
 * What {@link GmmTrainer#fit} produced.
 *
 * @param model                       the trained mixture (original feature units)
 * @param iterations                  EM iterations run (of the chosen restart)
 * @param converged                   whether the gain per frame fell below the tolerance
 * @param averageLogLikelihoods       mean log-likelihood per frame after each iteration (natural
 *                                    log; entry i belongs to the model after iteration i + 1)
 * @param flooredVariances            variances raised to their floor, summed over all updates of
 *                                    the chosen restart (initialisation included)
 * @param reseededComponents          starved components re-seeded, summed the same way
 * @param initialAverageLogLikelihood mean log-likelihood per frame of the initial model
 * @param restart                     which restart (0-based) gave the model
 * @param config                      the configuration that produced it
 */
public record TrainingResult(DiagonalGmm model, int iterations, boolean converged, List<Double> averageLogLikelihoods,
                             int flooredVariances, int reseededComponents, double initialAverageLogLikelihood,
                             int restart, TrainingConfig config) {
    /** Validates and copies the list. */
    public TrainingResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(config, "config");
        averageLogLikelihoods = List.copyOf(averageLogLikelihoods);
        if (iterations != averageLogLikelihoods.size()) {
            throw new IllegalArgumentException(iterations + " iterations but " + averageLogLikelihoods.size()
                    + " log-likelihoods");
        }
    }

    /** Mean log-likelihood per frame of {@link #model()} on the training data. */
    public double finalAverageLogLikelihood() {
        return averageLogLikelihoods.isEmpty() ? initialAverageLogLikelihood
                : averageLogLikelihoods.get(averageLogLikelihoods.size() - 1);
    }
}
