package org.cepstra.gmm;

import java.util.Objects;

/**
 * Maximum-likelihood re-estimation of a diagonal GMM from its {@link GmmStatistics} (Kaldi's
 * MleDiagGmmUpdate): {@code w_k = γ_k / Σγ}, {@code μ_k = Σγx / γ_k},
 * {@code σ²_k = max(Σγx² / γ_k − μ_k², floor)}, with the starved-component handling of
 * {@link UpdateOptions}.
 */
public final class GmmUpdater {
    private static final double SPLIT_OFFSET = 0.2;

    private final UpdateOptions options;

    /** An updater with the given options. */
    public GmmUpdater(UpdateOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options in use. */
    public UpdateOptions options() {
        return options;
    }

    /**
     * The next model from the statistics gathered under {@code current}.
     *
     * @throws IllegalArgumentException if the shapes of model, statistics and floors differ
     * @throws GmmTrainingException     if the statistics hold no occupancy at all or are not finite
     */
    public UpdateResult update(DiagonalGmm current, GmmStatistics stats) {
        return update(current, stats, null);
    }

    /**
     * As {@link #update(DiagonalGmm, GmmStatistics)}, with re-seeding restricted to the components
     * {@code c} with {@code mayReseed[c]} true (all if {@code mayReseed} is null). A starved component
     * that may not be re-seeded is left to converge: it gets its maximum-likelihood estimate (variances
     * floored, weight at least {@code minWeight}), or keeps its previous mean and variances if it holds
     * no occupancy at all.
     *
     * @throws IllegalArgumentException if the shapes of model, statistics, floors and mask differ
     * @throws GmmTrainingException     if the statistics hold no occupancy at all or are not finite
     */
    public UpdateResult update(DiagonalGmm current, GmmStatistics stats, boolean[] mayReseed) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(stats, "stats");
        int k = current.numComponents();
        int d = current.dimension();
        if (stats.numComponents() != k || stats.dimension() != d) {
            throw new IllegalArgumentException("statistics are " + stats.numComponents() + " x " + stats.dimension()
                    + ", model is " + k + " x " + d);
        }
        if (options.dimension() != d) {
            throw new IllegalArgumentException(options.dimension() + " variance floors for " + d
                    + " dimensions");
        }
        if (mayReseed != null && mayReseed.length != k) {
            throw new IllegalArgumentException(mayReseed.length + " re-seeding flags for " + k + " components");
        }
        double total = 0;
        for (int c = 0; c < k; c++) {
            double occ = stats.occupancy[c];
            if (!(occ >= 0) || !Double.isFinite(occ)) {
                throw new GmmTrainingException("occupancy of component " + c + " is " + occ);
            }
            total += occ;
        }
        if (!(total > 0)) {
            throw new GmmTrainingException("the statistics hold no occupancy (no frames accumulated)");
        }
        double[] weights = new double[k];
        double[][] means = new double[k][d];
        double[][] vars = new double[k][d];
        double[] occs = new double[k];
        boolean[] starved = new boolean[k];
        int floored = 0;
        for (int c = 0; c < k; c++) {
            double occ = stats.occupancy[c];
            occs[c] = occ;
            weights[c] = occ / total;
            starved[c] = k > 1 && (occ < options.minOccupancy() || weights[c] < options.minWeight() || occ <= 0);
            boolean counted = !starved[c] || (mayReseed != null && !mayReseed[c]);
            if (occ <= 0) {
                means[c] = current.mean(c);
                vars[c] = current.variance(c);
                continue;
            }
            for (int j = 0; j < d; j++) {
                int idx = j * k + c;
                double mean = stats.first[idx] / occ;
                double var = stats.second[idx] / occ - mean * mean;
                if (!Double.isFinite(mean) || !Double.isFinite(var)) {
                    throw new GmmTrainingException("statistics of component " + c + ", dimension " + j
                            + " are not finite (mean " + mean + ", variance " + var + ")");
                }
                double floor = options.floor(j);
                if (!(var >= floor)) {
                    var = floor;
                    if (counted) {
                        floored++;
                    }
                }
                means[c][j] = mean;
                vars[c][j] = var;
            }
        }
        int[] reseeded = new int[k];
        int numReseeded = 0;
        int[] leftToConverge = new int[k];
        int numLeft = 0;
        for (int c = 0; c < k; c++) {
            if (!starved[c]) {
                continue;
            }
            if (mayReseed != null && !mayReseed[c]) {
                weights[c] = Math.max(weights[c], options.minWeight());
                leftToConverge[numLeft++] = c;
                continue;
            }
            int donor = options.reseed() ? heaviestDonor(weights, occs, starved) : -1;
            if (donor < 0) {
                means[c] = current.mean(c);
                vars[c] = current.variance(c);
                weights[c] = Math.max(weights[c], options.minWeight());
                continue;
            }
            weights[donor] *= 0.5;
            occs[donor] *= 0.5;
            weights[c] = weights[donor];
            occs[c] = occs[donor];
            for (int j = 0; j < d; j++) {
                double sd = Math.sqrt(vars[donor][j]);
                double m = means[donor][j];
                means[c][j] = m + SPLIT_OFFSET * sd;
                means[donor][j] = m - SPLIT_OFFSET * sd;
                vars[c][j] = vars[donor][j];
            }
            starved[c] = false;
            reseeded[numReseeded++] = c;
        }
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        for (int c = 0; c < k; c++) {
            weights[c] /= sum;
        }
        return new UpdateResult(new DiagonalGmm(weights, means, vars), floored,
                java.util.Arrays.copyOf(reseeded, numReseeded), java.util.Arrays.copyOf(leftToConverge, numLeft));
    }

    private int heaviestDonor(double[] weights, double[] occs, boolean[] starved) {
        int best = -1;
        for (int c = 0; c < weights.length; c++) {
            if (starved[c] || occs[c] < 2 * options.minOccupancy() || weights[c] < 2 * options.minWeight()) {
                continue;
            }
            if (best < 0 || weights[c] > weights[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Splits the heaviest component of {@code gmm} until it has {@code target} components (Kaldi's
     * DiagGmm::Split without the random direction, HTK's mixing-up): the heaviest component's
     * weight is halved and shared with the new one, whose mean is the old mean + 0.2 standard
     * deviations while the old one moves by −0.2 standard deviations; variances are copied.
     */
    static DiagonalGmm split(DiagonalGmm gmm, int target) {
        int k = gmm.numComponents();
        if (target < k) {
            throw new IllegalArgumentException("cannot split " + k + " components into " + target);
        }
        int d = gmm.dimension();
        double[] w = java.util.Arrays.copyOf(gmm.weights(), target);
        double[][] mu = java.util.Arrays.copyOf(gmm.means(), target);
        double[][] var = java.util.Arrays.copyOf(gmm.variances(), target);
        for (int c = k; c < target; c++) {
            int heaviest = 0;
            for (int i = 1; i < c; i++) {
                if (w[i] > w[heaviest]) {
                    heaviest = i;
                }
            }
            w[heaviest] *= 0.5;
            w[c] = w[heaviest];
            mu[c] = new double[d];
            var[c] = var[heaviest].clone();
            for (int j = 0; j < d; j++) {
                double sd = Math.sqrt(var[heaviest][j]);
                double m = mu[heaviest][j];
                mu[c][j] = m + SPLIT_OFFSET * sd;
                mu[heaviest][j] = m - SPLIT_OFFSET * sd;
            }
        }
        return new DiagonalGmm(w, mu, var);
    }
}
