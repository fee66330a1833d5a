package org.cepstra.scoring.verification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The empirical detection error trade-off of a set of scored trials: the miss and false-alarm rates of
 * the verifier "accept when score &ge; threshold" for every threshold that changes a decision (every
 * distinct score) plus +&infin; (reject everything). These are the points of scikit-learn's
 * {@code roc_curve(..., drop_intermediate=False)} with P_miss = 1 - TPR and P_fa = FPR, and the figures
 * derived from them follow the peer baseline {@code speaker_baseline.py}:
 *
 * <ul>
 *   <li>{@link #equalErrorRate()}: walking the points from the highest threshold down, P_miss falls from
 *       1 and P_fa rises from 0; the EER is where the segment between the last point with
 *       P_miss &gt; P_fa and the first with P_miss &le; P_fa crosses the diagonal P_miss = P_fa
 *       (linear interpolation in both rates).</li>
 *   <li>{@link #minimumCost(DetectionCost)}: the least normalised detection cost over the points
 *       ("minDCF", as NIST SRE and Kaldi's {@code compute_min_dcf.py} report it).</li>
 *   <li>{@link #actualCost(DetectionCost, double)}: the normalised cost at a threshold fixed in advance
 *       ("actual DCF").</li>
 * </ul>
 *
 * <p>How Kaldi differs. {@code compute-eer} does not interpolate: it walks up the sorted target scores and
 * stops at the first one above the non-target score of matching rank, and reports the fraction of target
 * scores below it; that figure is available as {@link #kaldiEqualErrorRate()} and differs from
 * {@link #equalErrorRate()} by up to about 1/(number of target trials). {@code compute_min_dcf.py}
 * sweeps the sorted trials one at a time, rejecting scores &le; each score in turn, so tied target and
 * non-target scores are split in input order (points no threshold can reach) and "accept everything" is
 * not among its points; with no target score equal to a non-target score and
 * C_miss p &le; C_fa (1 - p) (every NIST operating point) its minDCF equals {@link #minimumCost}'s.
 * Its reported threshold is the highest rejected score, ours the lowest accepted one.
 *
 * <p>Immutable; sorting is O(n log n) once, each figure O(n) or less.
 */
public final class DetCurve {
    private final double[] targets;
    private final double[] nontargets;
    private final double[] thresholds;
    private final int[] misses;
    private final int[] falseAlarms;

    private DetCurve(double[] targets, double[] nontargets) {
        this.targets = targets;
        this.nontargets = nontargets;
        int nt = targets.length;
        int nn = nontargets.length;
        double[] thr = new double[nt + nn + 1];
        int[] miss = new int[thr.length];
        int[] fa = new int[thr.length];
        thr[0] = Double.POSITIVE_INFINITY;
        miss[0] = nt;
        int n = 1;
        int i = nt - 1;
        int j = nn - 1;
        while (i >= 0 || j >= 0) {
            double v = i < 0 ? nontargets[j] : j < 0 ? targets[i] : Math.max(targets[i], nontargets[j]);
            while (i >= 0 && targets[i] == v) {
                i--;
            }
            while (j >= 0 && nontargets[j] == v) {
                j--;
            }
            thr[n] = v;
            miss[n] = i + 1;
            fa[n] = nn - 1 - j;
            n++;
        }
        this.thresholds = Arrays.copyOf(thr, n);
        this.misses = Arrays.copyOf(miss, n);
        this.falseAlarms = Arrays.copyOf(fa, n);
    }

    /**
     * The trade-off of the given target and non-target trial scores (copied).
     *
     * @throws IllegalArgumentException if either list is empty or a score is NaN or infinite
     */
    public static DetCurve of(double[] targetScores, double[] nontargetScores) {
        return new DetCurve(sortedFinite(targetScores, "target"), sortedFinite(nontargetScores, "non-target"));
    }

    /**
     * The trade-off of scores that all carry their target flag ({@link ScoreList#labelled(TrialList)}).
     *
     * @throws IllegalStateException    if a score has no target flag
     * @throws IllegalArgumentException if there is no target or no non-target trial
     */
    public static DetCurve of(ScoreList labelledScores) {
        Objects.requireNonNull(labelledScores, "labelledScores");
        return of(labelledScores.targetScores(), labelledScores.nontargetScores());
    }

    private static double[] sortedFinite(double[] scores, String what) {
        Objects.requireNonNull(scores, what + " scores");
        if (scores.length == 0) {
            throw new IllegalArgumentException("no " + what + " trials");
        }
        double[] s = scores.clone();
        for (double v : s) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " score " + v + " is not finite");
            }
        }
        for (int k = 0; k < s.length; k++) {
            s[k] += 0.0; // -0.0 becomes 0.0: one tie, as the comparisons see it
        }
        Arrays.sort(s);
        return s;
    }

    /** The number of target trials. */
    public int targetCount() {
        return targets.length;
    }

    /** The number of non-target trials. */
    public int nontargetCount() {
        return nontargets.length;
    }

    /**
     * The operating points, thresholds from +&infin; (P_miss 1, P_fa 0) down to the lowest score
     * (P_miss 0, P_fa 1), one per distinct threshold; no two points are equal. For a DET plot on probit
     * axes, the first and last points lie at infinity and are usually left out.
     */
    public List<OperatingPoint> points() {
        List<OperatingPoint> out = new ArrayList<>(thresholds.length);
        for (int k = 0; k < thresholds.length; k++) {
            out.add(point(k));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The points where the curve turns: {@link #points()} without those inside a run of points with the same
     * P_miss or the same P_fa (the inside of a horizontal or vertical stretch, drawn the same on linear or
     * probit axes without them). The first and last points are kept.
     */
    public List<OperatingPoint> corners() {
        List<OperatingPoint> out = new ArrayList<>();
        int last = thresholds.length - 1;
        for (int k = 0; k <= last; k++) {
            boolean inside = k > 0 && k < last
                    && (misses[k - 1] == misses[k] && misses[k] == misses[k + 1]
                    || falseAlarms[k - 1] == falseAlarms[k] && falseAlarms[k] == falseAlarms[k + 1]);
            if (!inside) {
                out.add(point(k));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private OperatingPoint point(int k) {
        return new OperatingPoint(thresholds[k], pMiss(k), pFa(k));
    }

    private double pMiss(int k) {
        return (double) misses[k] / targets.length;
    }

    private double pFa(int k) {
        return (double) falseAlarms[k] / nontargets.length;
    }

    /**
     * The equal error rate as a fraction: where P_miss = P_fa on the straight segment between the last
     * point with P_miss &gt; P_fa and the first with P_miss &le; P_fa (compared exactly, in counts). 0 when
     * every target score is above every non-target score.
     */
    public double equalErrorRate() {
        long nt = targets.length;
        long nn = nontargets.length;
        int k = 1;
        while (misses[k] * nn > falseAlarms[k] * nt) {
            k++;
        }
        double da = pMiss(k - 1) - pFa(k - 1);
        double db = pMiss(k) - pFa(k);
        return pFa(k - 1) + da / (da - db) * (pFa(k) - pFa(k - 1));
    }

    /**
     * The equal error rate as Kaldi's {@code compute-eer} defines it, computed in double precision (Kaldi
     * uses float). With the target scores t_0 &le; ... &le; t_{T-1} and the non-target scores
     * n_0 &le; ... &le; n_{N-1} sorted, it takes the first k (from 0, at most T - 1) for which the
     * non-target score n_{N-1-m} is below t_k, where m = floor(N k / T) is the number of non-target scores
     * that would lie above it at an equal error rate (index clamped at 0); the EER is k / T, the fraction of
     * target scores below t_k, and t_k the threshold. No interpolation.
     */
    public KaldiEqualErrorRate kaldiEqualErrorRate() {
        long nt = targets.length;
        long nn = nontargets.length;
        int k = 0;
        for (; k + 1 < nt; k++) {
            long above = nn * k / nt;
            int position = (int) Math.max(nn - 1 - above, 0);
            if (nontargets[position] < targets[k]) {
                break;
            }
        }
        return new KaldiEqualErrorRate((double) k / nt, targets[k]);
    }

    /** The least normalised detection cost over {@link #points()} (the highest such threshold on ties). */
    public CostPoint minimumCost(DetectionCost cost) {
        Objects.requireNonNull(cost, "cost");
        int best = 0;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int k = 0; k < thresholds.length; k++) {
            double c = cost.normalised(pMiss(k), pFa(k));
            if (c < bestCost) {
                bestCost = c;
                best = k;
            }
        }
        return new CostPoint(cost, bestCost, point(best));
    }

    /**
     * The normalised detection cost of accepting the trials scored at least {@code threshold} (the
     * "actual DCF" of a threshold chosen beforehand, e.g. on development data).
     *
     * @throws IllegalArgumentException if {@code threshold} is NaN
     */
    public CostPoint actualCost(DetectionCost cost, double threshold) {
        Objects.requireNonNull(cost, "cost");
        OperatingPoint p = at(threshold);
        return new CostPoint(cost, cost.normalised(p.pMiss(), p.pFa()), p);
    }

    /**
     * The error rates of accepting the trials scored at least {@code threshold}.
     *
     * @throws IllegalArgumentException if {@code threshold} is NaN
     */
    public OperatingPoint at(double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        int below = countBelow(targets, threshold);
        int accepted = nontargets.length - countBelow(nontargets, threshold);
        return new OperatingPoint(threshold, (double) below / targets.length, (double) accepted / nontargets.length);
    }

    /** The number of values in sorted {@code a} that are below {@code x}. */
    private static int countBelow(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
