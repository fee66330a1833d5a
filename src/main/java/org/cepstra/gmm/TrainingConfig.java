package org.cepstra.gmm;

import java.util.Objects;

/**
 * Settings of {@link GmmTrainer}: the number of components and four parts, each an options record with its
 * own option table (names, help, defaults). Start from {@link #defaults(int)} and change fields with the
 * {@code with…} methods.
 *
 * @param numComponents K, the number of Gaussians (≥ 1)
 * @param em            when EM stops ({@link EmOptions}: iterations, tolerance)
 * @param run           how the fit runs ({@link RunOptions}: seed, threads)
 * @param init          how EM starts ({@link InitOptions}: initialisation, k-means, restarts, mixing up)
 * @param update        floors and starvation limits of the M-step ({@link UpdateLimits})
 */
public record TrainingConfig(int numComponents, EmOptions em, RunOptions run, InitOptions init,
                             UpdateLimits update) {

    /** Validates K and the minimum weight against it (K components cannot all weigh 1/K or more). */
    public TrainingConfig {
        Objects.requireNonNull(em, "em");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(update, "update");
        if (numComponents < 1) {
            throw new IllegalArgumentException("numComponents must be >= 1, got " + numComponents);
        }
        if (update.minWeight() * numComponents >= 1) {
            throw new IllegalArgumentException("minWeight must be >= 0 and below 1/numComponents ("
                    + (1.0 / numComponents) + "), got " + update.minWeight());
        }
    }

    /**
     * The defaults of the four parts for K components (minimum occupancy automatic: Kaldi's 10 frames for
     * speech features, fewer in fewer than 9 dimensions; minimum weight Kaldi's 1e-5, lowered to 0.1 / K
     * where K is so large that 1e-5 would exceed an equal share).
     *
     * @throws IllegalArgumentException if {@code numComponents} is below 1
     */
    public static TrainingConfig defaults(int numComponents) {
        if (numComponents < 1) {
            throw new IllegalArgumentException("numComponents must be >= 1, got " + numComponents);
        }
        return new TrainingConfig(numComponents, EmOptions.DEFAULTS, RunOptions.DEFAULTS, InitOptions.DEFAULTS,
                UpdateLimits.forComponents(numComponents));
    }

    /** A copy with K components. */
    public TrainingConfig withNumComponents(int v) {
        return new TrainingConfig(v, em, run, init, update);
    }

    /** A copy with other EM stopping rules. */
    public TrainingConfig withEm(EmOptions v) {
        return new TrainingConfig(numComponents, v, run, init, update);
    }

    /** A copy with other run options. */
    public TrainingConfig withRun(RunOptions v) {
        return new TrainingConfig(numComponents, em, v, init, update);
    }

    /** A copy with other initialisation options. */
    public TrainingConfig withInit(InitOptions v) {
        return new TrainingConfig(numComponents, em, run, v, update);
    }

    /** A copy with other floors and limits. */
    public TrainingConfig withUpdate(UpdateLimits v) {
        return new TrainingConfig(numComponents, em, run, init, v);
    }

    // shorthands: one field of one part

    /** A copy with another iteration limit. */
    public TrainingConfig withMaxIterations(int v) {
        return withEm(em.withMaxIterations(v));
    }

    /** A copy with another convergence tolerance (nats per frame). */
    public TrainingConfig withTolerance(double v) {
        return withEm(em.withTolerance(v));
    }

    /** A copy with another seed. */
    public TrainingConfig withSeed(long v) {
        return withRun(run.withSeed(v));
    }

    /** A copy with another thread count. */
    public TrainingConfig withThreads(int v) {
        return withRun(run.withThreads(v));
    }

    /** A copy with another initialisation. */
    public TrainingConfig withInitialization(Initialization v) {
        return withInit(init.withInitialization(v));
    }

    /** A copy with another number of restarts. */
    public TrainingConfig withNInit(int v) {
        return withInit(init.withNInit(v));
    }

    /** A copy with another Lloyd iteration limit. */
    public TrainingConfig withKmeansIterations(int v) {
        return withInit(init.withKmeansIterations(v));
    }

    /** A copy with another k-means subsample size (frames). */
    public TrainingConfig withKmeansSampleSize(int v) {
        return withInit(init.withKmeansSampleSize(v));
    }

    /** A copy with another number of EM iterations per mixing-up step. */
    public TrainingConfig withMixupIterations(int v) {
        return withInit(init.withMixupIterations(v));
    }

    /** A copy with another relative variance floor. */
    public TrainingConfig withRelativeVarianceFloor(double v) {
        return withUpdate(update.withRelativeVarianceFloor(v));
    }

    /** A copy with another absolute variance floor (squared feature units). */
    public TrainingConfig withAbsoluteVarianceFloor(double v) {
        return withUpdate(update.withAbsoluteVarianceFloor(v));
    }

    /** A copy with another minimum weight. */
    public TrainingConfig withMinWeight(double v) {
        return withUpdate(update.withMinWeight(v));
    }

    /** A copy with another minimum occupancy (frames, or {@link UpdateLimits#AUTO_MIN_OCCUPANCY}). */
    public TrainingConfig withMinOccupancy(double v) {
        return withUpdate(update.withMinOccupancy(v));
    }
}
