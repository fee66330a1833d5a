package org.cepstra.gmm;

import java.util.Arrays;
import java.util.Objects;

/**
 * Options of the maximum-likelihood update of a diagonal GMM (Kaldi's MleDiagGmmOptions).
 *
 * @param varianceFloors per-dimension lower bound of every variance (squared feature units), each
 *                       &gt; 0 and finite
 * @param minWeight      components whose new weight falls below this are treated as starved
 *                       (Kaldi's min-gaussian-weight, default 1e-5)
 * @param minOccupancy   components whose occupancy (in frames) falls below this are treated as
 *                       starved (Kaldi's min-gaussian-occupancy, default 10)
 * @param reseed         if true, a starved component is re-seeded by splitting the heaviest
 *                       component (means ± 0.2 standard deviations, weight halved); if false, or
 *                       if no component is heavy enough to split (occupancy ≥ 2·minOccupancy and
 *                       weight ≥ 2·minWeight), it keeps its previous mean and variances and gets
 *                       weight max(occupancy share, minWeight)
 */
public record UpdateOptions(double[] varianceFloors, double minWeight, double minOccupancy, boolean reseed) {

    /** Validates and copies the floors. */
    public UpdateOptions {
        Objects.requireNonNull(varianceFloors, "varianceFloors");
        if (varianceFloors.length == 0) {
            throw new IllegalArgumentException("need one variance floor per dimension, got none");
        }
        varianceFloors = varianceFloors.clone();
        for (int d = 0; d < varianceFloors.length; d++) {
            double f = varianceFloors[d];
            if (!(f > 0) || !Double.isFinite(f)) {
                throw new IllegalArgumentException("variance floor of dimension " + d + " is " + f
                        + "; floors must be finite and > 0");
            }
        }
        if (!(minWeight >= 0) || minWeight >= 1) {
            throw new IllegalArgumentException("minWeight must lie in [0, 1), got " + minWeight);
        }
        if (!(minOccupancy >= 0) || !Double.isFinite(minOccupancy)) {
            throw new IllegalArgumentException("minOccupancy must be finite and >= 0, got " + minOccupancy);
        }
    }

    /** The same floor for all {@code dimension} dimensions, Kaldi's other defaults, re-seeding on. */
    public static UpdateOptions withFloor(int dimension, double varianceFloor) {
        double[] f = new double[dimension];
        Arrays.fill(f, varianceFloor);
        return new UpdateOptions(f, 1e-5, 10, true);
    }

    /** A copy of the per-dimension variance floors. */
    @Override
    public double[] varianceFloors() {
        return varianceFloors.clone();
    }

    /** Number of dimensions the floors are given for. */
    public int dimension() {
        return varianceFloors.length;
    }

    double floor(int d) {
        return varianceFloors[d];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpdateOptions u && Arrays.equals(u.varianceFloors, varianceFloors)
                && Double.compare(u.minWeight, minWeight) == 0 && Double.compare(u.minOccupancy, minOccupancy) == 0
                && u.reseed == reseed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(varianceFloors), minWeight, minOccupancy, reseed);
    }

    @Override
    public String toString() {
        return "UpdateOptions[varianceFloors=" + Arrays.toString(varianceFloors) + ", minWeight=" + minWeight
                + ", minOccupancy=" + minOccupancy + ", reseed=" + reseed + "]";
    }
}
