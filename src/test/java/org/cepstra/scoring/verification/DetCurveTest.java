package org.cepstra.scoring.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DetCurveTest {
    private static final double EPS = 1e-12;
    private static final double INF = Double.POSITIVE_INFINITY;

    /** Hand example A: four targets, six non-targets, no ties. */
    private static final double[] A_TARGETS = {0.9, 0.8, 0.55, 0.3};
    private static final double[] A_NONTARGETS = {0.7, 0.5, 0.4, 0.2, 0.1, 0.05};
    /** Hand example B: target and non-target scores tie at 1 and 2. */
    private static final double[] B_TARGETS = {1, 2, 2, 3};
    private static final double[] B_NONTARGETS = {0, 1, 2, 2.5};

    private static void assertPoints(List<OperatingPoint> actual, double[]... expected) {
        assertEquals(expected.length, actual.size(), actual.toString());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], actual.get(i).threshold(), "threshold " + i);
            assertEquals(expected[i][1], actual.get(i).pMiss(), EPS, "P_miss " + i);
            assertEquals(expected[i][2], actual.get(i).pFa(), EPS, "P_fa " + i);
        }
    }

    @Test
    void handExampleHasOnePointPerDistinctThresholdPlusRejectAll() {
        DetCurve c = DetCurve.of(A_TARGETS, A_NONTARGETS);
        assertPoints(c.points(),
                new double[] {INF, 1, 0}, new double[] {0.9, 0.75, 0}, new double[] {0.8, 0.5, 0},
                new double[] {0.7, 0.5, 1 / 6.0}, new double[] {0.55, 0.25, 1 / 6.0}, new double[] {0.5, 0.25, 2 / 6.0},
                new double[] {0.4, 0.25, 3 / 6.0}, new double[] {0.3, 0, 3 / 6.0}, new double[] {0.2, 0, 4 / 6.0},
                new double[] {0.1, 0, 5 / 6.0}, new double[] {0.05, 0, 1});
        // the inside of flat stretches goes: 0.9 (P_fa 0 throughout), 0.5 (P_miss 1/4), 0.2 and 0.1 (P_miss 0)
        assertPoints(c.corners(),
                new double[] {INF, 1, 0}, new double[] {0.8, 0.5, 0}, new double[] {0.7, 0.5, 1 / 6.0},
                new double[] {0.55, 0.25, 1 / 6.0}, new double[] {0.4, 0.25, 3 / 6.0}, new double[] {0.3, 0, 3 / 6.0},
                new double[] {0.05, 0, 1});
        assertEquals(4, c.targetCount());
        assertEquals(6, c.nontargetCount());
    }

    @Test
    void handExampleEer() {
        // crossing between 0.55 (1/4, 1/6) and 0.5 (1/4, 2/6): d = 1/12 and -1/12, halfway: 1/6 + 1/12 = 1/4
        assertEquals(0.25, DetCurve.of(A_TARGETS, A_NONTARGETS).equalErrorRate(), EPS);
    }

    @Test
    void handExampleCosts() {
        DetCurve c = DetCurve.of(A_TARGETS, A_NONTARGETS);
        // p = 0.01: any false alarm costs 99/6 > 1, so the best is P_miss 1/2 at P_fa 0 (threshold 0.8)
        CostPoint m = c.minimumCost(DetectionCost.P_TARGET_0_01);
        assertEquals(0.5, m.normalised(), EPS);
        assertEquals(0.8, m.point().threshold());
        // p = 0.5: cost = P_miss + P_fa, least at 0.55: 1/4 + 1/6
        CostPoint half = c.minimumCost(new DetectionCost(0.5, 1, 1));
        assertEquals(0.25 + 1 / 6.0, half.normalised(), EPS);
        assertEquals(0.55, half.point().threshold());
        // actual cost at 0.6: misses 0.55 and 0.3 (1/2), accepts 0.7 (1/6): (0.5 * 0.01 + 0.99 / 6) / 0.01 = 17
        CostPoint actual = c.actualCost(DetectionCost.P_TARGET_0_01, 0.6);
        assertEquals(17.0, actual.normalised(), 1e-9);
        assertEquals(new OperatingPoint(0.6, 0.5, 1 / 6.0), actual.point());
        // a threshold equal to a score accepts it
        assertEquals(new OperatingPoint(0.55, 0.25, 1 / 6.0), c.at(0.55));
        assertEquals(new OperatingPoint(INF, 1, 0), c.at(INF));
        assertEquals(new OperatingPoint(Double.NEGATIVE_INFINITY, 0, 1), c.at(Double.NEGATIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> c.at(Double.NaN));
    }

    @Test
    void tiedTargetAndNontargetScoresMoveTogether() {
        DetCurve c = DetCurve.of(B_TARGETS, B_NONTARGETS);
        assertPoints(c.points(), new double[] {INF, 1, 0}, new double[] {3, 0.75, 0}, new double[] {2.5, 0.75, 0.25},
                new double[] {2, 0.25, 0.5}, new double[] {1, 0, 0.75}, new double[] {0, 0, 1});
        // crossing between 2.5 (3/4, 1/4) and 2 (1/4, 1/2): d = 1/2 and -1/4, 2/3 of the way: 1/4 + (2/3)(1/4)
        assertEquals(0.25 + 1 / 6.0, c.equalErrorRate(), EPS);
        // p = 0.5: cost P_miss + P_fa; best 3/4 at threshold 3 or 1 (3/4 + 0, 0 + 3/4): the higher is reported
        CostPoint half = c.minimumCost(new DetectionCost(0.5, 1, 1));
        assertEquals(0.75, half.normalised(), EPS);
        assertEquals(3.0, half.point().threshold());
        // Kaldi's compute_min_dcf.py splits ties in input order: for targets {1, 1} and non-targets {1, 0} at
        // p = 0.5 it reports 0.5, or 0.0 when the non-targets come first in its input (checked with the script);
        // no threshold reaches 0.0: accepting at 1 takes the tied non-target too
        assertEquals(0.5, DetCurve.of(new double[] {1, 1}, new double[] {1, 0})
                .minimumCost(new DetectionCost(0.5, 1, 1)).normalised(), EPS);
        // negative and positive zero are one tie
        assertEquals(2, DetCurve.of(new double[] {0.0}, new double[] {-0.0}).points().size());
    }

    @Test
    void perfectSeparationHasZeroEerAndZeroMinDcf() {
        DetCurve c = DetCurve.of(new double[] {5, 6}, new double[] {1, 2, 3});
        assertEquals(0.0, c.equalErrorRate());
        assertEquals(0.0, c.minimumCost(DetectionCost.P_TARGET_0_01).normalised());
        assertEquals(0.0, c.minimumCost(DetectionCost.P_TARGET_0_001).normalised());
        assertEquals(5.0, c.minimumCost(DetectionCost.P_TARGET_0_01).point().threshold());
        assertEquals(new KaldiEqualErrorRate(0, 5), c.kaldiEqualErrorRate());
    }

    @Test
    void completelyWrongScoresHaveEerOne() {
        DetCurve c = DetCurve.of(new double[] {1, 2}, new double[] {5, 6, 7});
        assertEquals(1.0, c.equalErrorRate(), EPS);
        assertEquals(1.0, c.minimumCost(DetectionCost.P_TARGET_0_01).normalised(), EPS);
    }

    @Test
    void kaldiEerByHand() {
        // A: sorted targets 0.3 0.55 0.8 0.9, non-targets 0.05 0.1 0.2 0.4 0.5 0.7.
        // k=0: m=0, n_5=0.7 not below 0.3; k=1: m=floor(6/4)=1, n_4=0.5 < 0.55: EER 1/4 at 0.55
        assertEquals(new KaldiEqualErrorRate(0.25, 0.55), DetCurve.of(A_TARGETS, A_NONTARGETS).kaldiEqualErrorRate());
        // B: sorted targets 1 2 2 3, non-targets 0 1 2 2.5. k=0: n_3=2.5 vs 1; k=1: m=1, n_2=2 vs 2 (not below);
        // k=2: m=2, n_1=1 < 2: EER 2/4 at 2, where the interpolated EER is 5/12
        assertEquals(new KaldiEqualErrorRate(0.5, 2), DetCurve.of(B_TARGETS, B_NONTARGETS).kaldiEqualErrorRate());
        // one target: the loop never runs, EER 0 whatever the scores
        assertEquals(new KaldiEqualErrorRate(0, 1), DetCurve.of(new double[] {1}, new double[] {2, 3})
                .kaldiEqualErrorRate());
    }

    /** Counts at a threshold, the slow way. */
    private static OperatingPoint bruteAt(double[] t, double[] n, double threshold) {
        long miss = IntStream.range(0, t.length).filter(i -> t[i] < threshold).count();
        long fa = IntStream.range(0, n.length).filter(i -> n[i] >= threshold).count();
        return new OperatingPoint(threshold, (double) miss / t.length, (double) fa / n.length);
    }

    @Test
    void agreesWithBruteForceOnRandomScoresWithTies() {
        Random r = new Random(20240607);
        for (int round = 0; round < 200; round++) {
            double[] t = new double[1 + r.nextInt(30)];
            double[] n = new double[1 + r.nextInt(60)];
            double shift = r.nextDouble() * 3;
            for (int i = 0; i < t.length; i++) {
                t[i] = Math.round((r.nextGaussian() + shift) * 4) / 4.0;
            }
            for (int i = 0; i < n.length; i++) {
                n[i] = Math.round(r.nextGaussian() * 4) / 4.0;
            }
            DetCurve c = DetCurve.of(t, n);
            // every candidate threshold: +inf and each distinct score, descending
            double[] thresholds = IntStream.range(0, t.length + n.length)
                    .mapToDouble(i -> i < t.length ? t[i] : n[i - t.length]).boxed().distinct()
                    .sorted((a, b) -> Double.compare(b, a)).mapToDouble(Double::doubleValue).toArray();
            List<OperatingPoint> brute = new java.util.ArrayList<>();
            brute.add(bruteAt(t, n, INF));
            for (double th : thresholds) {
                brute.add(bruteAt(t, n, th));
            }
            assertEquals(brute, c.points(), "round " + round);
            // the peer's EER: first point with P_miss <= P_fa, interpolated with the one before
            int k = 0;
            while (brute.get(k).pMiss() > brute.get(k).pFa()) {
                k++;
            }
            OperatingPoint a = brute.get(k - 1);
            OperatingPoint b = brute.get(k);
            double da = a.pMiss() - a.pFa();
            double db = b.pMiss() - b.pFa();
            assertEquals(a.pFa() + da / (da - db) * (b.pFa() - a.pFa()), c.equalErrorRate(), 1e-12, "round " + round);
            for (DetectionCost cost : List.of(DetectionCost.P_TARGET_0_01, DetectionCost.P_TARGET_0_001,
                    new DetectionCost(0.3, 2, 1), new DetectionCost(0.9, 1, 1))) {
                double best = INF;
                for (OperatingPoint p : brute) {
                    best = Math.min(best, (cost.cMiss() * p.pMiss() * cost.pTarget()
                            + cost.cFa() * p.pFa() * (1 - cost.pTarget()))
                            / Math.min(cost.cMiss() * cost.pTarget(), cost.cFa() * (1 - cost.pTarget())));
                }
                assertEquals(best, c.minimumCost(cost).normalised(), 1e-12, "round " + round);
            }
            double th = Math.round(r.nextGaussian() * 4) / 4.0 + (r.nextBoolean() ? 0 : 0.1);
            assertEquals(bruteAt(t, n, th), c.at(th), "round " + round);
        }
    }

    /** Integer-built score lists, evaluated bit for bit the same by Java and Python, with cross ties. */
    private static double[] lcg(int count, int multiplier, int modulus, double scale, double offset) {
        double[] s = new double[count];
        for (int i = 0; i < count; i++) {
            s[i] = ((long) i * multiplier % modulus) / scale + offset;
        }
        return s;
    }

    /**
     * Expected values computed once with the peer's own function, speaker_baseline.eer_and_min_dcf
     * (scikit-learn 1.2.1 roc_curve, numpy 1.24.2), on the same lists, and frozen here. Kaldi's
     * compute_min_dcf.py gave the same minDCF on these lists (to the last digit or one ulp).
     */
    @Test
    void agreesWithThePeerBaselineFrozenFigures() {
        DetCurve a = DetCurve.of(A_TARGETS, A_NONTARGETS);
        assertEquals(0.25, a.equalErrorRate(), EPS);
        assertEquals(0.5, a.minimumCost(DetectionCost.P_TARGET_0_01).normalised(), EPS);
        assertEquals(0.5, a.minimumCost(DetectionCost.P_TARGET_0_001).normalised(), EPS);
        DetCurve b = DetCurve.of(B_TARGETS, B_NONTARGETS);
        assertEquals(0.41666666666666663, b.equalErrorRate(), EPS);
        assertEquals(0.75, b.minimumCost(DetectionCost.P_TARGET_0_01).normalised(), EPS);

        // C: 60 targets ((7919 i) mod 997) / 100 + 2, 400 non-targets ((104729 j) mod 991) / 100; 18 tied values
        assertFigures(DetCurve.of(lcg(60, 7919, 997, 100.0, 2.0), lcg(400, 104729, 991, 100.0, 0.0)),
                0.3675, 0.75, 0.75, 0.75, 0.7091666666666666);
        // E: 80 targets offset 6, 3000 non-targets; 23 tied values
        assertFigures(DetCurve.of(lcg(80, 7919, 997, 100.0, 6.0), lcg(3000, 104729, 991, 100.0, 0.0)),
                0.1875, 0.3375, 0.3375, 0.3375, 0.3345);
        // F: 50 targets ((37 i) mod 101) / 10 + 3, 700 non-targets ((53 j) mod 97) / 10; 33 tied values
        assertFigures(DetCurve.of(lcg(50, 37, 101, 10.0, 3.0), lcg(700, 53, 97, 10.0, 0.0)),
                0.3390909090909091, 0.6599999999999999, 0.6599999999999999, 0.6590000000000001, 0.65);
    }

    /** EER and minDCF at p 0.01, p 0.001 (C_miss = C_fa = 1), p 0.05 with C_miss 10, and p 0.5. */
    private static void assertFigures(DetCurve c, double eer, double p01, double p001, double p05Miss10, double p5) {
        assertEquals(eer, c.equalErrorRate(), EPS);
        assertEquals(p01, c.minimumCost(DetectionCost.P_TARGET_0_01).normalised(), EPS);
        assertEquals(p001, c.minimumCost(DetectionCost.P_TARGET_0_001).normalised(), EPS);
        assertEquals(p05Miss10, c.minimumCost(new DetectionCost(0.05, 10, 1)).normalised(), EPS);
        assertEquals(p5, c.minimumCost(new DetectionCost(0.5, 1, 1)).normalised(), EPS);
    }

    @Test
    void summaryGathersTheHeadlineFigures() {
        VerificationSummary s = VerificationSummary.of(DetCurve.of(B_TARGETS, B_NONTARGETS));
        assertEquals(4, s.targetTrials());
        assertEquals(4, s.nontargetTrials());
        assertEquals(5 / 12.0, s.equalErrorRate(), EPS);
        assertEquals(new KaldiEqualErrorRate(0.5, 2), s.kaldiEer());
        assertEquals(List.of(DetectionCost.P_TARGET_0_01, DetectionCost.P_TARGET_0_001),
                s.minimumCosts().stream().map(CostPoint::cost).toList());
        assertEquals(0.75, s.minimumCosts().get(1).normalised(), EPS);
    }

    @Test
    void fromLabelledScoresAndBadInputs() {
        ScoreList scores = new ScoreList(List.of(new Score("m", "a", 0.9, Optional.of(true)),
                new Score("m", "b", 0.1, Optional.of(false)), new Score("n", "a", 0.5, Optional.of(false))));
        DetCurve c = DetCurve.of(scores);
        assertEquals(1, c.targetCount());
        assertEquals(2, c.nontargetCount());
        assertEquals(0.0, c.equalErrorRate());
        assertEquals("no target trials", assertThrows(IllegalArgumentException.class,
                () -> DetCurve.of(new double[0], new double[] {1})).getMessage());
        assertEquals("no non-target trials", assertThrows(IllegalArgumentException.class,
                () -> DetCurve.of(new double[] {1}, new double[0])).getMessage());
        assertEquals("target score NaN is not finite", assertThrows(IllegalArgumentException.class,
                () -> DetCurve.of(new double[] {Double.NaN}, new double[] {1})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DetectionCost(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DetectionCost(1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DetectionCost(0.5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new DetectionCost(0.5, 1, Double.NaN));
        // C_default: min(C_miss p, C_fa (1 - p))
        assertEquals(0.01, DetectionCost.P_TARGET_0_01.defaultCost(), EPS);
        assertEquals(0.9, new DetectionCost(0.1, 10, 1).defaultCost(), EPS);
    }
}
