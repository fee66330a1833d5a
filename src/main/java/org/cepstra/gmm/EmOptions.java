package org.cepstra.gmm;

import org.cepstra.base.OptionTable;
import org.cepstra.base.OptionType;

/**
 * When EM stops, part of a {@link TrainingConfig}.
 *
 * @param maxIterations most EM iterations per restart (default 100; 0 = initialisation only)
 * @param tolerance     stop when the mean log-likelihood per frame changes by less than this between
 *                      iterations (nats per frame, default 1e-3 as scikit-learn; 0 = always run
 *                      {@code maxIterations})
 */
public record EmOptions(int maxIterations, double tolerance) {

    /** The defaults: 100 iterations, tolerance 1e-3 nats per frame. */
    public static final EmOptions DEFAULTS = new EmOptions(100, 1e-3);

    /** The options of this record; {@code toleranceNatsPerFrame} in model files. */
    public static final OptionTable<EmOptions> OPTIONS = OptionTable.of(DEFAULTS)
            .add("max-iter", "maxIterations", OptionType.integer("N"),
                    "most EM iterations per restart; 0 = initialisation only",
                    EmOptions::maxIterations, EmOptions::withMaxIterations)
            .add("tol", "toleranceNatsPerFrame", OptionType.real("X"),
                    "stop when the average log-likelihood per frame gains less than X nats; 0 runs --max-iter",
                    EmOptions::tolerance, EmOptions::withTolerance)
            .build();

    /** Validates both fields. */
    public EmOptions {
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be >= 0, got " + maxIterations);
        }
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + tolerance);
        }
    }

    /** A copy with another iteration limit. */
    public EmOptions withMaxIterations(int v) {
        return new EmOptions(v, tolerance);
    }

    /** A copy with another convergence tolerance (nats per frame). */
    public EmOptions withTolerance(double v) {
        return new EmOptions(maxIterations, v);
    }
}
