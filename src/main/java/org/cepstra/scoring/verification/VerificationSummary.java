package org.cepstra.scoring.verification;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The headline figures of a verification experiment.
 *
 * @param targetTrials    the number of target trials
 * @param nontargetTrials the number of non-target trials
 * @param equalErrorRate  the interpolated EER as a fraction ({@link DetCurve#equalErrorRate()})
 * @param kaldiEer        the EER as Kaldi's {@code compute-eer} reports it, for comparison with Kaldi recipes
 * @param minimumCosts    minDCF at each requested operating point, in the order requested
 */
public record VerificationSummary(int targetTrials, int nontargetTrials, double equalErrorRate,
                                  KaldiEqualErrorRate kaldiEer, List<CostPoint> minimumCosts) {

    /** The operating points reported by default: p_target 0.01 and 0.001, C_miss = C_fa = 1. */
    public static final List<DetectionCost> DEFAULT_COSTS =
            List.of(DetectionCost.P_TARGET_0_01, DetectionCost.P_TARGET_0_001);

    /** Copies the list. */
    public VerificationSummary {
        Objects.requireNonNull(kaldiEer, "kaldiEer");
        minimumCosts = List.copyOf(minimumCosts);
    }

    /** The figures of {@code curve}, with minDCF at each of {@code costs}. */
    public static VerificationSummary of(DetCurve curve, List<DetectionCost> costs) {
        List<CostPoint> min = new ArrayList<>(costs.size());
        for (DetectionCost c : costs) {
            min.add(curve.minimumCost(c));
        }
        return new VerificationSummary(curve.targetCount(), curve.nontargetCount(), curve.equalErrorRate(),
                curve.kaldiEqualErrorRate(), min);
    }

    /** The figures of {@code curve} at the {@link #DEFAULT_COSTS}. */
    public static VerificationSummary of(DetCurve curve) {
        return of(curve, DEFAULT_COSTS);
    }
}
