package org.cepstra.scoring.verification;

import java.util.Objects;

/**
 * A normalised detection cost and the operating point where it is met.
 *
 * @param cost       the cost function's parameters
 * @param normalised C_det / C_default at {@code point} (see {@link DetectionCost})
 * @param point      the threshold and its error rates
 */
public record CostPoint(DetectionCost cost, double normalised, OperatingPoint point) {

    /** Checks that the parts are present. */
    public CostPoint {
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(point, "point");
    }
}
