package org.cepstra.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationFitterTest {

    /** n utterances of two labels at totals (0, −margin), the first label true in {@code right} of them. */
    private static List<CalibrationFitter.Scored> twoLabels(int n, int right, double margin, int frames) {
        List<CalibrationFitter.Scored> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new CalibrationFitter.Scored(new double[] {0, -margin}, i < right ? 0 : 1, frames));
        }
        return out;
    }

    @Test
    void scaleIsTheLogisticClosedForm() {
        // Two labels, every margin d, the best label right in a fraction q: the NLL is minimal where
        // sigmoid(a·d) = q, i.e. a = ln(q / (1 − q)) / d. Equal frame counts make every exponent equally
        // good, and the smallest (0) is kept.
        Calibration c = new CalibrationFitter().fit(twoLabels(100, 80, 10, 1), Calibration.HeldOut.UTTERANCES, 5);
        assertEquals(Math.log(4) / 10, c.scale(), 1e-9);
        assertEquals(0.0, c.frameExponent());
        assertEquals(100, c.heldOutUtterances());
        assertEquals(5, c.folds());
        assertTrue(c.calibrated());
    }

    @Test
    void frameExponentFollowsTheData() {
        // Margins grow linearly with the frame count while the accuracy stays at 80%: the evidence per
        // utterance does not grow with its length, so exponent 1 (a scale on the average) fits exactly:
        // a·d/T = ln 4 with d = 2T.
        List<CalibrationFitter.Scored> data = new ArrayList<>();
        for (int frames : new int[] {10, 40, 160}) {
            data.addAll(twoLabels(50, 40, 2.0 * frames, frames));
        }
        Calibration c = new CalibrationFitter().fit(data, Calibration.HeldOut.SPEAKERS, 3);
        assertEquals(1.0, c.frameExponent());
        assertEquals(Math.log(4) / 2, c.scale(), 1e-9);
    }

    @Test
    void matchesABruteForceMinimumOnRandomScores() {
        SplittableRandom random = new SplittableRandom(3);
        List<CalibrationFitter.Scored> data = new ArrayList<>();
        for (int u = 0; u < 200; u++) {
            double[] totals = new double[4];
            int frames = 20 + random.nextInt(60);
            for (int j = 0; j < 4; j++) {
                totals[j] = -50.0 * frames + 30 * random.nextGaussian() * Math.sqrt(frames);
            }
            data.add(new CalibrationFitter.Scored(totals, random.nextInt(4) == 0 ? random.nextInt(4) : argmax(totals),
                    frames));
        }
        Calibration c = new CalibrationFitter().fit(data, Calibration.HeldOut.UTTERANCES, 5);
        double best = nll(data, c.scale(), c.frameExponent());
        for (double gamma : CalibrationFitter.EXPONENTS) {
            for (double logA = -12; logA <= 3; logA += 0.001) {
                double a = Math.exp(logA);
                if (a > Math.pow(50, gamma)) {
                    break; // the cap: factor at most 1 at the median frame count (about 50 here)
                }
                assertTrue(nll(data, a, gamma) >= best - 1e-6, "a=" + a + " gamma=" + gamma);
            }
        }
    }

    @Test
    void allRightIsCappedAtTheRawLikelihoods() {
        Calibration c = new CalibrationFitter().fit(twoLabels(30, 30, 5, 1), Calibration.HeldOut.UTTERANCES, 2);
        assertEquals(1.0, c.scale(), 1e-12);
    }

    @Test
    void labelsWithoutAModelInAFoldAreLeftOut() {
        // −∞ for the absent third label: the same fit as with two labels.
        List<CalibrationFitter.Scored> three = new ArrayList<>();
        for (CalibrationFitter.Scored s : twoLabels(100, 80, 10, 1)) {
            three.add(new CalibrationFitter.Scored(new double[] {s.totals()[0], s.totals()[1], Double.NEGATIVE_INFINITY},
                    s.truth(), 1));
        }
        assertEquals(Math.log(4) / 10, new CalibrationFitter().fit(three, Calibration.HeldOut.UTTERANCES, 2).scale(),
                1e-9);
    }

    @Test
    void refusesNothingToFit() {
        assertThrows(IllegalArgumentException.class,
                () -> new CalibrationFitter().fit(List.of(), Calibration.HeldOut.UTTERANCES, 2));
        assertThrows(IllegalArgumentException.class,
                () -> new CalibrationFitter().fit(twoLabels(3, 2, 1, 1), Calibration.HeldOut.NONE, 2));
    }

    @Test
    void calibrationFactorAndValidation() {
        Calibration c = new Calibration(2.0, 0.5, Calibration.HeldOut.SPEAKERS, 4, 100);
        assertEquals(2.0 / 10, c.factor(100), 1e-15);
        assertEquals(2.0, c.factor(0), 1e-15); // a count below 1 counts as 1
        assertEquals(1.0, Calibration.none().factor(1234));
        assertThrows(IllegalArgumentException.class, () -> new Calibration(0, 0, Calibration.HeldOut.SPEAKERS, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Calibration(1, 1.5, Calibration.HeldOut.SPEAKERS, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Calibration(0.5, 0, Calibration.HeldOut.NONE, 0, 0));
    }

    private static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Direct NLL of the true labels (reference for the fitter). */
    private static double nll(List<CalibrationFitter.Scored> data, double a, double gamma) {
        double sum = 0;
        for (CalibrationFitter.Scored s : data) {
            double f = a * Math.pow(s.frames(), -gamma);
            double max = Double.NEGATIVE_INFINITY;
            for (double t : s.totals()) {
                max = Math.max(max, f * t);
            }
            double z = 0;
            for (double t : s.totals()) {
                z += Math.exp(f * t - max);
            }
            sum += max + Math.log(z) - f * s.totals()[s.truth()];
        }
        return sum;
    }
}
