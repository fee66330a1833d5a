package org.cepstra.gmm;

import java.util.Objects;

/**
 * Outcome of one maximum-likelihood update.
 *
 * @param model              the updated mixture
 * @param flooredVariances   how many of the K·D variances were raised to their floor
 * @param reseeded           indices of the starved components that were re-seeded by splitting another
 *                           (ascending)
 * @param leftToConverge     indices of the starved components that were not allowed to be re-seeded
 *                           and were given their maximum-likelihood estimate instead (ascending)
 */
public record UpdateResult(DiagonalGmm model, int flooredVariances, int[] reseeded, int[] leftToConverge) {
    /** Validates the fields and copies the indices. */
    public UpdateResult {
        Objects.requireNonNull(model, "model");
        reseeded = Objects.requireNonNull(reseeded, "reseeded").clone();
        leftToConverge = Objects.requireNonNull(leftToConverge, "leftToConverge").clone();
        if (flooredVariances < 0) {
            throw new IllegalArgumentException("flooredVariances must be >= 0");
        }
    }

    /** A copy of the indices of the components left to converge. */
    @Override
    public int[] leftToConverge() {
        return leftToConverge.clone();
    }

    /** A copy of the indices of the re-seeded components. */
    @Override
    public int[] reseeded() {
        return reseeded.clone();
    }

    /** How many starved components were re-seeded. */
    public int reseededComponents() {
        return reseeded.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpdateResult u && u.model.equals(model) && u.flooredVariances == flooredVariances
                && java.util.Arrays.equals(u.reseeded, reseeded) && java.util.Arrays.equals(u.leftToConverge, leftToConverge);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, flooredVariances, java.util.Arrays.hashCode(reseeded),
                java.util.Arrays.hashCode(leftToConverge));
    }

    @Override
    public String toString() {
        return "UpdateResult[flooredVariances=" + flooredVariances + ", reseeded="
                + java.util.Arrays.toString(reseeded) + ", leftToConverge=" + java.util.Arrays.toString(leftToConverge) + "]";
    }
}
