package org.cepstra.scoring.verification;

import java.util.Objects;

/**
 * The mean and standard deviation of a set of cohort (impostor) scores, the two numbers a score is
 * normalised by: (s - mean) / sd.
 *
 * @param mean the mean of the cohort scores
 * @param sd   their population standard deviation (divided by n, as numpy's {@code std} by default); positive
 * @param size the number of cohort scores; at least 2
 */
record CohortStatistics(double mean, double sd, int size) {

    /** Validates the fields; throws {@link IllegalArgumentException}. */
    public CohortStatistics {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("cohort mean is " + mean);
        }
        if (!(sd > 0 && Double.isFinite(sd))) {
            throw new IllegalArgumentException("cohort standard deviation must be positive, got " + sd
                    + " (all cohort scores equal?)");
        }
        if (size < 2) {
            throw new IllegalArgumentException("a cohort needs at least 2 scores, got " + size);
        }
    }

    /**
     * The statistics of {@code scores} (two passes: the mean, then the squared deviations from it).
     *
     * @throws IllegalArgumentException if there are fewer than 2 scores, one is not finite, or all are equal
     */
    public static CohortStatistics of(double[] scores) {
        Objects.requireNonNull(scores, "scores");
        if (scores.length < 2) {
            throw new IllegalArgumentException("a cohort needs at least 2 scores, got " + scores.length);
        }
        double sum = 0;
        for (double s : scores) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("cohort score " + s + " is not finite");
            }
            sum += s;
        }
        double mean = sum / scores.length;
        double squares = 0;
        for (double s : scores) {
            squares += (s - mean) * (s - mean);
        }
        return new CohortStatistics(mean, Math.sqrt(squares / scores.length), scores.length);
    }

    /** {@code (score - mean) / sd}. */
    public double normalise(double score) {
        return (score - mean) / sd;
    }
}
