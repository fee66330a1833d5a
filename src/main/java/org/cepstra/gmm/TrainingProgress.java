package org.cepstra.gmm;

import java.util.Objects;

/**
 * State after one EM iteration.
 *
 * @param restart               0-based index of the restart ({@link InitOptions#nInit()})
 * @param iteration             1-based iteration number
 * @param maxIterations         the configured maximum
 * @param averageLogLikelihood  mean log-likelihood per frame of the model after this iteration
 * @param gain                  its change since the previous model
 * @param flooredVariances      variances floored in this iteration's update
 * @param reseededComponents    components re-seeded in this iteration's update
 * @param model                 the model after this iteration (original feature units)
 */
public record TrainingProgress(int restart, int iteration, int maxIterations, double averageLogLikelihood,
                               double gain, int flooredVariances, int reseededComponents, DiagonalGmm model) {
    /** Validates the fields. */
    public TrainingProgress {
        Objects.requireNonNull(model, "model");
    }
}
