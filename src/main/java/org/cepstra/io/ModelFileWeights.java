package org.cepstra.io;

import java.util.Arrays;

/**
 * Finds the mixture weights to hand to the {@code DiagonalGmm} constructor so that the model it builds
 * has exactly the weights stored in a model file.
 *
 * <p>The constructor divides its weights by their sum (accumulated in component order). Weights that
 * a model already divided by their sum often do not sum to exactly 1 in floating point, so dividing
 * them again can move some of them by an ulp, and the loaded model would score a few ulps differently
 * from the saved one. For a target {@code w} we therefore look for input weights {@code x} with
 * {@code fl(x_c / Σx) = w_c} for every component: for a scale {@code s} a few ulps either side of 1
 * we take {@code x_c} = the double whose quotient by {@code s} rounds to {@code w_c}, and keep the first
 * {@code x} whose own sum reproduces every {@code w_c}. Weights that survive the division unchanged
 * are returned as they are. The search is bounded; in the rare case it finds nothing the target itself
 * is returned, and the loaded weights differ from the stored ones by at most about one ulp.
 */
final class ModelFileWeights {
    /** Scales tried on each side of 1: s = 1 ± j·2⁻⁵² for j = 1..MAX_STEPS. */
    static final int MAX_STEPS = 4096;

    private ModelFileWeights() {
    }

    /** Input weights that the constructor's normalisation turns into exactly {@code target}, if found. */
    static double[] inputFor(double[] target) {
        if (Arrays.equals(normalise(target), target)) {
            return target;
        }
        double[] x = new double[target.length];
        for (int j = 1; j <= MAX_STEPS; j++) {
            for (int sign = 1; sign >= -1; sign -= 2) {
                double s = 1.0 + sign * j * 0x1p-52;
                if (scaled(target, s, x) && Arrays.equals(normalise(x), target)) {
                    return x;
                }
            }
        }
        return target;
    }

    /** Sets x_c to a double whose quotient by s rounds to target_c; false if some component has none. */
    private static boolean scaled(double[] target, double s, double[] x) {
        for (int c = 0; c < target.length; c++) {
            double w = target[c];
            double v = w * s;
            double q = v / s;
            if (q < w) {
                v = Math.nextUp(v);
            } else if (q > w) {
                v = Math.nextDown(v);
            }
            if (v / s != w) {
                return false;
            }
            x[c] = v;
        }
        return true;
    }

    /** The normalisation of the DiagonalGmm constructor: sum in component order, then divide. */
    static double[] normalise(double[] w) {
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        double[] out = new double[w.length];
        for (int c = 0; c < w.length; c++) {
            out[c] = w[c] / sum;
        }
        return out;
    }
}
