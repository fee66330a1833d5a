package org.cepstra.gmm;

import java.util.Objects;

/**
 * Outcome of one maximum-likelihood update.
 *
 * @param model              the updated mixture
 * @param flooredVariances   how many of the K·D variances were raised to their floor
 * @param reseededComponents how many starved components were re-seeded by splitting another
 */
public record UpdateResult(DiagonalGmm model, int flooredVariances, int reseededComponents) {
    /** Validates the fields. */
    public UpdateResult {
        Objects.requireNonNull(model, "model");
        if (flooredVariances < 0 || reseededComponents < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }
}
