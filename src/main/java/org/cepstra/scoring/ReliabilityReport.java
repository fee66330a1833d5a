package org.cepstra.scoring;

import java.util.List;
import java.util.Objects;

/**
 * How far the posteriors of an evaluation can be trusted. Each classified utterance contributes its
 * confidence (the best label's posterior) and whether the best label was right.
 *
 * <ul>
 *   <li>Expected calibration error (ECE): the utterances are put in {@link #BINS} equal-width bins of
 *       confidence ([0, 0.1), [0.1, 0.2), …, [0.9, 1.0], the last closed); ECE is
 *       {@code Σ_b (n_b / N) · |accuracy_b − mean confidence_b|}, in [0, 1]. 0 means that among the
 *       answers given with confidence p, a fraction p is right.</li>
 *   <li>Brier score: {@code (1/N) Σ_u Σ_j (p_uj − y_uj)²} over all labels j, with y_uj = 1 for the true
 *       label and 0 otherwise, in [0, 2] (lower is better; a test label without a model has posterior 0).</li>
 *   <li>Confidently wrong: utterances classified wrongly with a confidence above 0.99.</li>
 * </ul>
 *
 * @param expectedCalibrationError ECE as defined above, in [0, 1]
 * @param brierScore               Brier score as defined above, in [0, 2]
 * @param wrongAbove099            utterances classified wrongly with confidence above 0.99
 * @param utterances               utterances counted (N ≥ 1)
 * @param bins                     the reliability table, {@link #BINS} bins in order of confidence
 */
public record ReliabilityReport(double expectedCalibrationError, double brierScore, int wrongAbove099,
                                int utterances, List<Bin> bins) {
    /** Number of equal-width confidence bins of the ECE and the reliability table. */
    public static final int BINS = 10;

    /**
     * One bin of the reliability table.
     *
     * @param from           lower edge of the confidence range (included)
     * @param to             upper edge (excluded, except 1.0 for the last bin)
     * @param count          utterances whose confidence falls in the bin
     * @param meanConfidence their mean confidence (NaN if the bin is empty)
     * @param accuracy       the fraction of them classified right (NaN if the bin is empty)
     */
    public record Bin(double from, double to, int count, double meanConfidence, double accuracy) {
    }

    /** Copies the bins. */
    public ReliabilityReport {
        bins = List.copyOf(Objects.requireNonNull(bins, "bins"));
    }

    /** Fraction of the utterances classified wrongly with confidence above 0.99, in [0, 1]. */
    public double wrongAbove099Fraction() {
        return utterances == 0 ? 0 : (double) wrongAbove099 / utterances;
    }

    /**
     * Computes the report.
     *
     * @param confidence   best label's posterior of each utterance
     * @param correct      whether each utterance's best label is its true label
     * @param squaredError {@code Σ_j (p_j − y_j)²} of each utterance
     * @throws IllegalArgumentException if the arrays differ in length or are empty
     */
    public static ReliabilityReport of(double[] confidence, boolean[] correct, double[] squaredError) {
        int n = confidence.length;
        if (n == 0 || correct.length != n || squaredError.length != n) {
            throw new IllegalArgumentException("a reliability report needs one confidence, outcome and error per "
                    + "utterance, and at least one utterance");
        }
        int[] count = new int[BINS];
        double[] conf = new double[BINS];
        int[] right = new int[BINS];
        double brier = 0;
        int confidentlyWrong = 0;
        for (int u = 0; u < n; u++) {
            int b = Math.min(BINS - 1, Math.max(0, (int) Math.floor(confidence[u] * BINS)));
            count[b]++;
            conf[b] += confidence[u];
            if (correct[u]) {
                right[b]++;
            } else if (confidence[u] > 0.99) {
                confidentlyWrong++;
            }
            brier += squaredError[u];
        }
        double ece = 0;
        Bin[] bins = new Bin[BINS];
        for (int b = 0; b < BINS; b++) {
            double mean = count[b] == 0 ? Double.NaN : conf[b] / count[b];
            double acc = count[b] == 0 ? Double.NaN : (double) right[b] / count[b];
            if (count[b] > 0) {
                ece += (double) count[b] / n * Math.abs(acc - mean);
            }
            bins[b] = new Bin((double) b / BINS, (double) (b + 1) / BINS, count[b], mean, acc);
        }
        return new ReliabilityReport(ece, brier / n, confidentlyWrong, n, List.of(bins));
    }
}
