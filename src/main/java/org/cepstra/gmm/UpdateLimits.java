package org.cepstra.gmm;

import org.cepstra.base.OptionTable;
import org.cepstra.base.OptionType;

/**
 * The floors and starvation limits of the M-step, part of a {@link TrainingConfig}: what
 * {@link UpdateOptions} is made of once the data's dimensions and global variances are known
 * ({@link #toUpdateOptions}).
 *
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
 * @param minWeight             so is a component whose weight falls below this (Kaldi's default 1e-5);
 *                              in [0, 1), and below 1/K in a {@link TrainingConfig}
 */
public record UpdateLimits(double relativeVarianceFloor, double absoluteVarianceFloor, double minOccupancy,
                           double minWeight) {

    /**
     * The value of {@link #minOccupancy()} that asks for the automatic minimum occupancy of
     * {@link #effectiveMinOccupancy(long, int)}.
     */
    public static final double AUTO_MIN_OCCUPANCY = -1.0;

    /** Kaldi's minimum occupancy (frames), the automatic rule's upper bound. */
    public static final double KALDI_MIN_OCCUPANCY = 10.0;

    /** The defaults: floors 0.01 (relative) and 1e-10 (absolute), automatic minimum occupancy, weight 1e-5. */
    public static final UpdateLimits DEFAULTS = new UpdateLimits(0.01, 1e-10, AUTO_MIN_OCCUPANCY, 1e-5);

    /** The options of this record; {@code minOccupancyFrames} in model files. */
    public static final OptionTable<UpdateLimits> OPTIONS = OptionTable.of(DEFAULTS)
            .add("var-floor", "relativeVarianceFloor", OptionType.real("X"),
                    "variance floor as a fraction of each dimension's global variance, 0 to 1",
                    UpdateLimits::relativeVarianceFloor, UpdateLimits::withRelativeVarianceFloor)
            .add("abs-var-floor", "absoluteVarianceFloor", OptionType.real("X"),
                    "variance floor in squared feature units",
                    UpdateLimits::absoluteVarianceFloor, UpdateLimits::withAbsoluteVarianceFloor)
            .add("min-occupancy", "minOccupancyFrames", OptionType.realOr("FRAMES", "auto", AUTO_MIN_OCCUPANCY),
                    "a component holding fewer frames is re-seeded (at most twice without gain, then left to "
                            + "converge); auto = min(10, D + 1): Kaldi's 10 for speech features",
                    UpdateLimits::minOccupancy, UpdateLimits::withMinOccupancy)
            .add("min-weight", "minWeight", OptionType.real("X"),
                    "so is a component whose weight falls below X (lowered to 0.1/K for very large K)",
                    UpdateLimits::minWeight, UpdateLimits::withMinWeight)
            .build();

    /** Validates every field. */
    public UpdateLimits {
        checkVarianceFloors(relativeVarianceFloor, absoluteVarianceFloor);
        if (!(minOccupancy >= 0 || minOccupancy == AUTO_MIN_OCCUPANCY) || !Double.isFinite(minOccupancy)) {
            throw new IllegalArgumentException("minOccupancy must be finite and >= 0 (or AUTO_MIN_OCCUPANCY), got "
                    + minOccupancy);
        }
        if (!(minWeight >= 0) || minWeight >= 1) {
            throw new IllegalArgumentException("minWeight must be >= 0 and below 1, got " + minWeight);
        }
    }

    /**
     * The defaults for K components: minimum weight Kaldi's 1e-5, lowered to 0.1 / K where K is so large
     * that 1e-5 would exceed an equal share.
     */
    public static UpdateLimits forComponents(int numComponents) {
        return DEFAULTS.withMinWeight(Math.min(DEFAULTS.minWeight, 0.1 / numComponents));
    }

    /**
     * Checks a relative and an absolute variance floor, as every update that floors variances (ML and MAP)
     * takes them.
     *
     * @throws IllegalArgumentException if either is negative, NaN or infinite
     */
    static void checkVarianceFloors(double relativeVarianceFloor, double absoluteVarianceFloor) {
        if (!(relativeVarianceFloor >= 0) || !Double.isFinite(relativeVarianceFloor)) {
            throw new IllegalArgumentException("relativeVarianceFloor must be finite and >= 0, got "
                    + relativeVarianceFloor);
        }
        if (!(absoluteVarianceFloor >= 0) || !Double.isFinite(absoluteVarianceFloor)) {
            throw new IllegalArgumentException("absoluteVarianceFloor must be finite and >= 0, got "
                    + absoluteVarianceFloor);
        }
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

    /**
     * The update options for a fit of {@code frames} frames of {@code floors.length} dimensions, with the
     * per-dimension variance floors already resolved, re-seeding on.
     */
    public UpdateOptions toUpdateOptions(double[] floors, long frames) {
        return new UpdateOptions(floors, minWeight, effectiveMinOccupancy(frames, floors.length), true);
    }

    /** A copy with another relative variance floor. */
    public UpdateLimits withRelativeVarianceFloor(double v) {
        return new UpdateLimits(v, absoluteVarianceFloor, minOccupancy, minWeight);
    }

    /** A copy with another absolute variance floor (squared feature units). */
    public UpdateLimits withAbsoluteVarianceFloor(double v) {
        return new UpdateLimits(relativeVarianceFloor, v, minOccupancy, minWeight);
    }

    /** A copy with another minimum occupancy (frames, or {@link #AUTO_MIN_OCCUPANCY}). */
    public UpdateLimits withMinOccupancy(double v) {
        return new UpdateLimits(relativeVarianceFloor, absoluteVarianceFloor, v, minWeight);
    }

    /** A copy with another minimum weight. */
    public UpdateLimits withMinWeight(double v) {
        return new UpdateLimits(relativeVarianceFloor, absoluteVarianceFloor, minOccupancy, v);
    }
}
