package org.cepstra.scoring.verification;

/**
 * The operating point of a detection cost function (NIST SRE): C_det = C_miss P_miss p + C_fa P_fa (1 - p),
 * reported normalised by C_default = min(C_miss p, C_fa (1 - p)), the cost of the better of "accept every
 * trial" and "reject every trial" without looking at the scores. A normalised cost of 1 is thus no better
 * than not listening.
 *
 * @param pTarget the prior probability of a target trial; 0 &lt; p &lt; 1
 * @param cMiss   the cost of a missed target (false rejection); positive, finite
 * @param cFa     the cost of a false alarm (false acceptance); positive, finite
 */
public record DetectionCost(double pTarget, double cMiss, double cFa) {

    /**
     * p_target 0.01, C_miss = C_fa = 1: the default of Kaldi's {@code compute_min_dcf.py}, one of the two
     * minDCF figures of its VoxCeleb recipes, and one of the two operating points of NIST SRE 2012.
     */
    public static final DetectionCost P_TARGET_0_01 = new DetectionCost(0.01, 1, 1);
    /**
     * p_target 0.001, C_miss = C_fa = 1: the "new" DCF of NIST SRE 2010 and the second minDCF figure of
     * Kaldi's VoxCeleb recipes.
     */
    public static final DetectionCost P_TARGET_0_001 = new DetectionCost(0.001, 1, 1);

    /** Validates the fields; throws {@link IllegalArgumentException}. */
    public DetectionCost {
        if (!(pTarget > 0 && pTarget < 1)) {
            throw new IllegalArgumentException("p_target must be between 0 and 1 (exclusive), got " + pTarget);
        }
        if (!(cMiss > 0 && Double.isFinite(cMiss))) {
            throw new IllegalArgumentException("C_miss must be positive and finite, got " + cMiss);
        }
        if (!(cFa > 0 && Double.isFinite(cFa))) {
            throw new IllegalArgumentException("C_fa must be positive and finite, got " + cFa);
        }
    }

    /** C_default = min(C_miss p, C_fa (1 - p)): the cost of deciding without the scores. */
    public double defaultCost() {
        return Math.min(cMiss * pTarget, cFa * (1 - pTarget));
    }

    /** The normalised cost C_det / C_default at miss rate {@code pMiss} and false-alarm rate {@code pFa}. */
    public double normalised(double pMiss, double pFa) {
        return (cMiss * pMiss * pTarget + cFa * pFa * (1 - pTarget)) / defaultCost();
    }
}
