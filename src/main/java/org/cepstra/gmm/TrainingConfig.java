package org.cepstra.gmm;

import java.util.Objects;

/**
 * Settings of {@link GmmTrainer}. Start from {@link #defaults(int)} and change fields with the
 * {@code with…} methods.
 *
 * @param numComponents         K, the number of Gaussians (≥ 1)
 * @param maxIterations         most EM iterations per restart (default 100; 0 = initialisation only)
 * @param tolerance             stop when the mean log-likelihood per frame changes by less than
 *                              this between iterations (nats per frame, default 1e-3 as
 *                              scikit-learn; 0 = always run {@code maxIterations})
 * @param seed                  seed of every random choice (subsample, k-means++); same seed, same
 *                              data → bit-identical model, for any thread count
 * @param threads               worker threads (default 1). The model does not depend on it: all
 *                              sums are combined in a fixed order. Use the number of cores for speed.
 * @param initialization        how EM starts (default {@link Initialization#KMEANS_PLUS_PLUS})
 * @param kmeansIterations      most Lloyd iterations of the k-means initialisation (default 100;
 *                              stops earlier once the centres move by less than 1e-4 in total,
 *                              squared, in units of the global standard deviations, scikit-learn's
 *                              rule)
 * @param kmeansSampleSize      frames sampled (without replacement, seeded) for k-means++ and
 *                              Lloyd; all frames if fewer (default 65,536; uses 4·D bytes per frame)
 * @param nInit                 independent restarts (different seeds derived from {@code seed}); the
 *                              one with the highest final log-likelihood wins (default 1)
 * @param mixupIterations       EM iterations after each doubling in {@link Initialization#MIXUP}
 *                              (default 4)
 * @param relativeVarianceFloor variances never fall below this fraction of the global variance of
 *                              their dimension (HTK's vFloor style, default 0.01)
 * @param absoluteVarianceFloor nor below this value, in squared feature units (default 1e-10; only
 *                              matters for near-constant dimensions or features on tiny scales).
 *                              Whatever the floors, no variance falls below 1e-10 times its
 *                              dimension's global variance (1e-10 for a constant dimension).
 * @param minOccupancy          a component with fewer frames than this (soft count) is starved: it is
 *                              re-seeded by splitting the heaviest component, at most twice without
 *                              gain, then left to converge (see {@link GmmTrainer}). Frames, ≥ 0, or
 *                              {@link #AUTO_MIN_OCCUPANCY} (the default) for the rule of
 *                              {@link #effectiveMinOccupancy(long, int)}: Kaldi's 10 for speech
 *                              features, D + 1 in fewer dimensions
 * @param minWeight             so is a component whose weight falls below this (Kaldi's default 1e-5)
 */
public record TrainingConfig(int numComponents, int maxIterations, double tolerance, long seed, int threads,
                             Initialization initialization, int kmeansIterations, int kmeansSampleSize, int nInit,
                             int mixupIterations, double relativeVarianceFloor, double absoluteVarianceFloor,
                             double minOccupancy, double minWeight) {

    /**
     * The value of {@link #minOccupancy()} that asks for the automatic minimum occupancy of
     * {@link #effectiveMinOccupancy(long, int)}.
     */
    public static final double AUTO_MIN_OCCUPANCY = -1.0;

    /** Kaldi's minimum occupancy (frames), the automatic rule's upper bound. */
    public static final double KALDI_MIN_OCCUPANCY = 10.0;

    /** Validates every field. */
    public TrainingConfig {
        Objects.requireNonNull(initialization, "initialization");
        if (numComponents < 1) {
            throw new IllegalArgumentException("numComponents must be >= 1, got " + numComponents);
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be >= 0, got " + maxIterations);
        }
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + tolerance);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (kmeansIterations < 0) {
            throw new IllegalArgumentException("kmeansIterations must be >= 0, got " + kmeansIterations);
        }
        if (kmeansSampleSize < 1) {
            throw new IllegalArgumentException("kmeansSampleSize must be >= 1, got " + kmeansSampleSize);
        }
        if (nInit < 1) {
            throw new IllegalArgumentException("nInit must be >= 1, got " + nInit);
        }
        if (mixupIterations < 0) {
            throw new IllegalArgumentException("mixupIterations must be >= 0, got " + mixupIterations);
        }
        if (!(relativeVarianceFloor >= 0) || !Double.isFinite(relativeVarianceFloor)) {
            throw new IllegalArgumentException("relativeVarianceFloor must be finite and >= 0, got "
                    + relativeVarianceFloor);
        }
        if (!(absoluteVarianceFloor >= 0) || !Double.isFinite(absoluteVarianceFloor)) {
            throw new IllegalArgumentException("absoluteVarianceFloor must be finite and >= 0, got "
                    + absoluteVarianceFloor);
        }
        if (!(minOccupancy >= 0 || minOccupancy == AUTO_MIN_OCCUPANCY) || !Double.isFinite(minOccupancy)) {
            throw new IllegalArgumentException("minOccupancy must be finite and >= 0 (or AUTO_MIN_OCCUPANCY), got "
                    + minOccupancy);
        }
        if (!(minWeight >= 0) || minWeight * numComponents >= 1) {
            throw new IllegalArgumentException("minWeight must be >= 0 and below 1/numComponents ("
                    + (1.0 / numComponents) + "), got " + minWeight);
        }
    }

    /**
     * The defaults listed above for K components (minimum occupancy {@link #AUTO_MIN_OCCUPANCY}: Kaldi's
     * 10 frames for speech features, fewer in fewer than 9 dimensions; minimum weight Kaldi's 1e-5, lowered
     * to 0.1 / K where K is so large that 1e-5 would exceed an equal share).
     *
     * @throws IllegalArgumentException if {@code numComponents} is below 1
     */
    public static TrainingConfig defaults(int numComponents) {
        if (numComponents < 1) {
            throw new IllegalArgumentException("numComponents must be >= 1, got " + numComponents);
        }
        return new TrainingConfig(numComponents, 100, 1e-3, 0L, 1, Initialization.KMEANS_PLUS_PLUS, 100, 65_536, 1,
                4, 0.01, 1e-10, AUTO_MIN_OCCUPANCY, Math.min(1e-5, 0.1 / numComponents));
    }

    /** Whether {@link #minOccupancy()} asks for the automatic rule. */
    public boolean automaticMinOccupancy() {
        return minOccupancy == AUTO_MIN_OCCUPANCY;
    }

    /**
     * The minimum occupancy (frames) used when fitting {@code frames} frames of {@code dimension}
     * dimensions: {@link #minOccupancy()} if set, otherwise {@code max(1, min(10, D + 1))}. The two bounds:
     * <ul>
     * <li>10 frames, Kaldi's default, made for speech features (D = 13 to 39), where a component fed by
     * fewer frames models noise; for D ≥ 9 the rule gives exactly this;</li>
     * <li>D + 1 frames, the fewest that are not confined to a flat (D − 1)-dimensional subspace, where a
     * Gaussian's likelihood grows without bound until the variance floor stops it. In few dimensions a
     * compact cluster of a handful of frames (an outlier group, a rare class) thus keeps its own
     * component, as in scikit-learn, which has no minimum at all and relies on its variance
     * regularisation alone.</li>
     * </ul>
     * On tiny data (fewer frames per component than this) the re-seeding limit of the trainer, not the
     * minimum, keeps the fit from looping.
     *
     * @throws IllegalArgumentException if {@code frames} or {@code dimension} is below 1
     */
    public double effectiveMinOccupancy(long frames, int dimension) {
        if (frames < 1 || dimension < 1) {
            throw new IllegalArgumentException("need at least one frame and one dimension, got " + frames
                    + " frames of " + dimension);
        }
        if (!automaticMinOccupancy()) {
            return minOccupancy;
        }
        return Math.max(1.0, Math.min(KALDI_MIN_OCCUPANCY, dimension + 1.0));
    }

    /** A copy with K components. */
    public TrainingConfig withNumComponents(int v) {
        return new TrainingConfig(v, maxIterations, tolerance, seed, threads, initialization, kmeansIterations,
                kmeansSampleSize, nInit, mixupIterations, relativeVarianceFloor, absoluteVarianceFloor,
                minOccupancy, minWeight);
    }

    /** A copy with another iteration limit. */
    public TrainingConfig withMaxIterations(int v) {
        return new TrainingConfig(numComponents, v, tolerance, seed, threads, initialization, kmeansIterations,
                kmeansSampleSize, nInit, mixupIterations, relativeVarianceFloor, absoluteVarianceFloor,
                minOccupancy, minWeight);
    }

    /** A copy with another convergence tolerance (nats per frame). */
    public TrainingConfig withTolerance(double v) {
        return new TrainingConfig(numComponents, maxIterations, v, seed, threads, initialization, kmeansIterations,
                kmeansSampleSize, nInit, mixupIterations, relativeVarianceFloor, absoluteVarianceFloor,
                minOccupancy, minWeight);
    }

    /** A copy with another seed. */
    public TrainingConfig withSeed(long v) {
        return new TrainingConfig(numComponents, maxIterations, tolerance, v, threads, initialization,
                kmeansIterations, kmeansSampleSize, nInit, mixupIterations, relativeVarianceFloor,
                absoluteVarianceFloor, minOccupancy, minWeight);
    }

    /** A copy with another thread count. */
    public TrainingConfig withThreads(int v) {
        return new TrainingConfig(numComponents, maxIterations, tolerance, seed, v, initialization,
                kmeansIterations, kmeansSampleSize, nInit, mixupIterations, relativeVarianceFloor,
                absoluteVarianceFloor, minOccupancy, minWeight);
    }

    /** A copy with another initialisation. */
    public TrainingConfig withInitialization(Initialization v) {
        return new TrainingConfig(numComponents, maxIterations, tolerance, seed, threads, v, kmeansIterations,
                kmeansSampleSize, nInit, mixupIterations, relativeVarianceFloor, absoluteVarianceFloor,
                minOccupancy, minWeight);
    }

    /** A copy with another Lloyd iteration limit. */
    public TrainingConfig withKmeansIterations(int v) {
        return new TrainingConfig(numComponents, maxIterations, tolerance, seed, threads, initialization, v,
                kmeansSampleSize, nInit, mixupIterations, relativeVarianceFloor, absoluteVarianceFloor,
                minOccupancy, minWeight);
    }

    /** A copy with another k-means subsample size. */
    public TrainingConfig withKmeansSampleSize(int v) {
        return new TrainingConfig(numComponents, maxIterations, tolerance, seed, threads, initialization,
                kmeansIterations, v, nInit, mixupIterations, relativeVarianceFloor, absoluteVarianceFloor,
                minOccupancy, minWeight);
    }

    /** A copy with another number of restarts. */
    public TrainingConfig withNInit(int v) {
        return new TrainingConfig(numComponents, maxIterations, tolerance, seed, threads, initialization,
                kmeansIterations, kmeansSampleSize, v, mixupIterations, relativeVarianceFloor,
                absoluteVarianceFloor, minOccupancy, minWeight);
    }

    /** A copy with another number of EM iterations per mixing-up step. */
    public TrainingConfig withMixupIterations(int v) {
        return new TrainingConfig(numComponents, maxIterations, tolerance, seed, threads, initialization,
                kmeansIterations, kmeansSampleSize, nInit, v, relativeVarianceFloor, absoluteVarianceFloor,
                minOccupancy, minWeight);
    }

    /** A copy with another relative variance floor. */
    public TrainingConfig withRelativeVarianceFloor(double v) {
        return new TrainingConfig(numComponents, maxIterations, tolerance, seed, threads, initialization,
                kmeansIterations, kmeansSampleSize, nInit, mixupIterations, v, absoluteVarianceFloor,
                minOccupancy, minWeight);
    }

    /** A copy with another absolute variance floor. */
    public TrainingConfig withAbsoluteVarianceFloor(double v) {
        return new TrainingConfig(numComponents, maxIterations, tolerance, seed, threads, initialization,
                kmeansIterations, kmeansSampleSize, nInit, mixupIterations, relativeVarianceFloor, v,
                minOccupancy, minWeight);
    }

    /** A copy with another minimum occupancy. */
    public TrainingConfig withMinOccupancy(double v) {
        return new TrainingConfig(numComponents, maxIterations, tolerance, seed, threads, initialization,
                kmeansIterations, kmeansSampleSize, nInit, mixupIterations, relativeVarianceFloor,
                absoluteVarianceFloor, v, minWeight);
    }

    /** A copy with another minimum weight. */
    public TrainingConfig withMinWeight(double v) {
        return new TrainingConfig(numComponents, maxIterations, tolerance, seed, threads, initialization,
                kmeansIterations, kmeansSampleSize, nInit, mixupIterations, relativeVarianceFloor,
                absoluteVarianceFloor, minOccupancy, v);
    }
}
