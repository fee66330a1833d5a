package org.cepstra.models;

import java.util.List;
import java.util.Objects;

/**
 * Fits a {@link Calibration} to held-out utterances: for each candidate frame exponent γ (0, 0.25,
 * 0.5, 0.75, 1) the scale {@code a} minimising the negative log-likelihood of the true labels'
 * posteriors,
 *
 * <pre>
 *   NLL(a) = Σ_u [ log Σ_j exp(a·T_u^(−γ)·total_uj) − a·T_u^(−γ)·total_u,true ],
 * </pre>
 *
 * <p>then the γ with the lowest NLL (the smaller γ on a tie). For a fixed γ the NLL is convex in
 * {@code a} (a log-sum-exp of linear functions minus a linear one), so its derivative is non-decreasing
 * and its zero is found by bisection on {@code log a}. The scale is capped so that the factor at the
 * median frame count is at most 1: calibration never sharpens the raw likelihoods (the optimum is
 * unbounded when the held-out utterances are all classified right).
 */
final class CalibrationFitter {
    /** Frame exponents tried, in order. */
    static final double[] EXPONENTS = {0, 0.25, 0.5, 0.75, 1};
    private static final double MIN_FACTOR = 1e-9;
    private static final int BISECTIONS = 200;

    /**
     * One held-out utterance scored by models that did not see it.
     *
     * @param totals total log-likelihood per label (nats), in a fixed label order; {@code -Infinity}
     *               for a label that had no model in the utterance's fold
     * @param truth  index of the true label in {@code totals} (its total is finite)
     * @param frames frames of the utterance (≥ 1)
     */
    public record Scored(double[] totals, int truth, int frames) {
        /** Validates and copies. */
        public Scored {
            totals = totals.clone();
            if (truth < 0 || truth >= totals.length || !Double.isFinite(totals[truth])) {
                throw new IllegalArgumentException("the true label's total must be finite");
            }
            if (frames < 1) {
                throw new IllegalArgumentException("frames must be >= 1, got " + frames);
            }
        }
    }

    /** The fitted form and its negative log-likelihood. */
    private record Fit(double scale, double exponent, double nll) {
    }

    /**
     * Fits the scale and frame exponent.
     *
     * @param heldOut   held-out utterances, at least one
     * @param how       what the held-out parts are ({@link Calibration.HeldOut#SPEAKERS} or {@code UTTERANCES})
     * @param folds     number of folds they came from (provenance)
     * @throws IllegalArgumentException if there is no utterance or {@code how} is {@code NONE}
     */
    public Calibration fit(List<Scored> heldOut, Calibration.HeldOut how, int folds) {
        Objects.requireNonNull(heldOut, "heldOut");
        if (heldOut.isEmpty()) {
            throw new IllegalArgumentException("no held-out utterance to calibrate on");
        }
        if (how == Calibration.HeldOut.NONE) {
            throw new IllegalArgumentException("a fitted calibration needs held-out data");
        }
        int n = heldOut.size();
        // totals relative to each utterance's best (softmax is shift-invariant; keeps exp() in range)
        double[][] rel = new double[n][];
        int[] frames = new int[n];
        for (int u = 0; u < n; u++) {
            double[] t = heldOut.get(u).totals();
            double max = Double.NEGATIVE_INFINITY;
            for (double v : t) {
                max = Math.max(max, v);
            }
            rel[u] = new double[t.length];
            for (int j = 0; j < t.length; j++) {
                rel[u][j] = t[j] - max;
            }
            frames[u] = heldOut.get(u).frames();
        }
        double medianFrames = medianFrames(heldOut);
        Fit best = null;
        for (double gamma : EXPONENTS) {
            double[] c = new double[n];
            for (int u = 0; u < n; u++) {
                c[u] = Math.pow(frames[u], -gamma);
            }
            double maxScale = Math.pow(medianFrames, gamma);
            double a = minimise(heldOut, rel, c, MIN_FACTOR, maxScale);
            double nll = nll(heldOut, rel, c, a);
            if (best == null || nll < best.nll - 1e-9 * Math.abs(best.nll)) {
                best = new Fit(a, gamma, nll);
            }
        }
        return new Calibration(best.scale, best.exponent, how, folds, n);
    }

    /** The frame count of the median held-out utterance, where the cap on the scale is set. */
    private static int medianFrames(List<Scored> heldOut) {
        int[] sorted = heldOut.stream().mapToInt(Scored::frames).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /**
     * Whether {@code fitted}, fitted on {@code heldOut}, stopped at the cap: a factor of 1 at the median held-out
     * length, i.e. posteriors as sharp as the raw totals (the held-out utterances were (nearly) all right).
     */
    static boolean atCap(Calibration fitted, List<Scored> heldOut) {
        return fitted.factor(medianFrames(heldOut)) >= 1 - 1e-9;
    }

    /** The scale in [lo, hi] where the derivative of the NLL changes sign (an end if it does not). */
    private static double minimise(List<Scored> heldOut, double[][] rel, double[] c, double lo, double hi) {
        if (derivative(heldOut, rel, c, hi) <= 0) {
            return hi;
        }
        if (derivative(heldOut, rel, c, lo) >= 0) {
            return lo;
        }
        double logLo = Math.log(lo);
        double logHi = Math.log(hi);
        for (int i = 0; i < BISECTIONS && logHi - logLo > 1e-10; i++) {
            double mid = 0.5 * (logLo + logHi);
            if (derivative(heldOut, rel, c, Math.exp(mid)) < 0) {
                logLo = mid;
            } else {
                logHi = mid;
            }
        }
        return Math.exp(0.5 * (logLo + logHi));
    }

    /** Negative log-likelihood of the true labels at scale {@code a}. */
    static double nll(List<Scored> heldOut, double[][] rel, double[] c, double a) {
        double sum = 0;
        for (int u = 0; u < rel.length; u++) {
            double f = a * c[u];
            double z = 0;
            for (double d : rel[u]) {
                z += Math.exp(f * d); // d <= 0 and -Infinity gives 0
            }
            sum += Math.log(z) - f * rel[u][heldOut.get(u).truth()];
        }
        return sum;
    }

    /** dNLL/da: Σ_u c_u (E_p[d_u] − d_u,true), non-decreasing in a. */
    private static double derivative(List<Scored> heldOut, double[][] rel, double[] c, double a) {
        double sum = 0;
        for (int u = 0; u < rel.length; u++) {
            double f = a * c[u];
            double z = 0;
            double m = 0;
            for (double d : rel[u]) {
                if (d == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                double w = Math.exp(f * d);
                z += w;
                m += w * d;
            }
            sum += c[u] * (m / z - rel[u][heldOut.get(u).truth()]);
        }
        return sum;
    }
}
