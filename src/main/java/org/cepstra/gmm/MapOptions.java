package org.cepstra.gmm;

/**
 * Options of maximum-a-posteriori adaptation of a universal background model to a speaker's frames
 * ({@link MapAdapter}; Reynolds, Quatieri and Dunn 2000, §3.1). Start from {@link #defaults()} (means
 * only, relevance factor 16, the variance floors of EM training) and change fields with the
 * {@code with…} methods.
 *
 * <p>Each kind of parameter has its own relevance factor r (in frames, soft counts), as Kaldi's
 * {@code --mean-tau}, {@code --variance-tau}, {@code --weight-tau}; Reynolds uses one r for all three,
 * which {@link #withRelevance(double)} sets. A component holding n frames of the speaker moves towards
 * the speaker's statistics by {@code α = n / (n + r)}: r = 0 is one maximum-likelihood M-step from the
 * UBM's posteriors, r = ∞ keeps the UBM.
 *
 * @param meanRelevance         r of the means (frames, ≥ 0, may be +∞; default 16)
 * @param varianceRelevance     r of the variances (frames, ≥ 0, may be +∞; default 16)
 * @param weightRelevance       r of the weights (frames, ≥ 0, may be +∞; default 16)
 * @param adaptMeans            adapt the means (default true)
 * @param adaptVariances        adapt the variances (default false)
 * @param adaptWeights          adapt the weights (default false)
 * @param relativeVarianceFloor an adapted variance never falls below this fraction of its dimension's
 *                              global variance, as in EM training (default: training's, 0.01); the
 *                              global variance is the UBM's own (see {@link MapAdapter})
 * @param absoluteVarianceFloor nor below this value, in squared feature units (default: training's, 1e-10)
 */
public record MapOptions(double meanRelevance, double varianceRelevance, double weightRelevance,
                         boolean adaptMeans, boolean adaptVariances, boolean adaptWeights,
                         double relativeVarianceFloor, double absoluteVarianceFloor) {

    /** Reynolds' relevance factor, the default of all three. */
    public static final double DEFAULT_RELEVANCE = 16.0;

    /** Validates every field. */
    public MapOptions {
        checkRelevance("meanRelevance", meanRelevance);
        checkRelevance("varianceRelevance", varianceRelevance);
        checkRelevance("weightRelevance", weightRelevance);
        UpdateLimits.checkVarianceFloors(relativeVarianceFloor, absoluteVarianceFloor);
    }

    private static void checkRelevance(String name, double r) {
        if (!(r >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0 (frames; +Infinity keeps the UBM), got " + r);
        }
    }

    /**
     * Means only, r = {@value #DEFAULT_RELEVANCE} for all parameters, the variance floors of
     * {@link TrainingConfig#defaults(int)}.
     */
    public static MapOptions defaults() {
        TrainingConfig training = TrainingConfig.defaults(1);
        return new MapOptions(DEFAULT_RELEVANCE, DEFAULT_RELEVANCE, DEFAULT_RELEVANCE, true, false, false,
                training.update().relativeVarianceFloor(), training.update().absoluteVarianceFloor());
    }

    /** A copy with one relevance factor r for means, variances and weights (Reynolds' form). */
    public MapOptions withRelevance(double r) {
        return new MapOptions(r, r, r, adaptMeans, adaptVariances, adaptWeights, relativeVarianceFloor,
                absoluteVarianceFloor);
    }

    /** A copy with another relevance factor of the means. */
    public MapOptions withMeanRelevance(double r) {
        return new MapOptions(r, varianceRelevance, weightRelevance, adaptMeans, adaptVariances, adaptWeights,
                relativeVarianceFloor, absoluteVarianceFloor);
    }

    /** A copy with another relevance factor of the variances. */
    public MapOptions withVarianceRelevance(double r) {
        return new MapOptions(meanRelevance, r, weightRelevance, adaptMeans, adaptVariances, adaptWeights,
                relativeVarianceFloor, absoluteVarianceFloor);
    }

    /** A copy with another relevance factor of the weights. */
    public MapOptions withWeightRelevance(double r) {
        return new MapOptions(meanRelevance, varianceRelevance, r, adaptMeans, adaptVariances, adaptWeights,
                relativeVarianceFloor, absoluteVarianceFloor);
    }

    /** A copy that adapts the given parameters (Kaldi's update flags {@code m}, {@code v}, {@code w}). */
    public MapOptions withAdapted(boolean means, boolean variances, boolean weights) {
        return new MapOptions(meanRelevance, varianceRelevance, weightRelevance, means, variances, weights,
                relativeVarianceFloor, absoluteVarianceFloor);
    }

    /** A copy with other variance floors (see the record's fields). */
    public MapOptions withVarianceFloors(double relative, double absolute) {
        return new MapOptions(meanRelevance, varianceRelevance, weightRelevance, adaptMeans, adaptVariances,
                adaptWeights, relative, absolute);
    }
}
