package org.cepstra.gmm;

import java.util.List;
import java.util.Objects;

/**
 * What {@link GmmTrainer#fit} produced.
 *
 * @param model                       the trained mixture (original feature units): the best iterate
 *                                    of the chosen restart, i.e. the one with the highest mean
 *                                    log-likelihood per frame, which need not be the last one
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
 * @param bestIteration               the iteration whose model is returned (0 = the initial model;
 *                                    below {@code iterations} when a later iterate was worse, e.g.
 *                                    right after a re-seed)
 * @param componentsLeftToConverge    components that were starved again after two re-seeds without
 *                                    gain and were then left to converge on the frames they hold
 *                                    (never re-seeded again)
 */
public record TrainingResult(DiagonalGmm model, int iterations, boolean converged, List<Double> averageLogLikelihoods,
                             int flooredVariances, int reseededComponents, double initialAverageLogLikelihood,
                             int restart, TrainingConfig config, int bestIteration, int componentsLeftToConverge) {
    /** Validates and copies the list. */
    public TrainingResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(config, "config");
        averageLogLikelihoods = List.copyOf(averageLogLikelihoods);
        if (iterations != averageLogLikelihoods.size()) {
            throw new IllegalArgumentException(iterations + " iterations but " + averageLogLikelihoods.size()
                    + " log-likelihoods");
        }
        if (bestIteration < 0 || bestIteration > iterations) {
            throw new IllegalArgumentException("best iteration " + bestIteration + " of " + iterations);
        }
        if (componentsLeftToConverge < 0) {
            throw new IllegalArgumentException("componentsLeftToConverge must be >= 0");
        }
    }

    /** Mean log-likelihood per frame of {@link #model()} on the training data (the best iterate's). */
    public double finalAverageLogLikelihood() {
        return bestIteration == 0 ? initialAverageLogLikelihood : averageLogLikelihoods.get(bestIteration - 1);
    }
}
