package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/** LDA against the closed form of two classes, a brute-force search over directions, and merged statistics. */
class LdaEstimatorTest {

    /** Class 0: four points around (1, 2); class 1: four points around (3, 1); 2-D, exactly known moments. */
    private static final float[][] CLASS_A = {{0, 2}, {2, 2}, {1, 1}, {1, 3}};
    private static final float[][] CLASS_B = {{3, 0}, {3, 2}, {2, 1}, {4, 1.5f}};

    private static double[] mean(float[][] x) {
        double[] m = new double[x[0].length];
        for (float[] r : x) {
            for (int j = 0; j < m.length; j++) {
                m[j] += r[j] / (double) x.length;
            }
        }
        return m;
    }

    /** Σ (x − μ)(x − μ)ᵀ of one class. */
    private static double[][] scatter(float[][] x) {
        double[] m = mean(x);
        double[][] s = new double[2][2];
        for (float[] r : x) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    s[i][j] += (r[i] - m[i]) * (r[j] - m[j]);
                }
            }
        }
        return s;
    }

    @Test
    void twoClassesGiveFishersDirectionWithUnitWithinClassVariance() {
        LdaEstimator e = new LdaEstimator(2, 2);
        e.add(0, FeatureMatrix.of(CLASS_A));
        e.add(1, FeatureMatrix.of(CLASS_B));
        LdaEstimator.Result r = e.estimate(1);

        // W = (S_A + S_B) / N; B = p_A p_B δδᵀ; a ∝ W⁻¹δ with aᵀWa = 1; λ = p_A p_B δᵀW⁻¹δ
        double[][] sa = scatter(CLASS_A);
        double[][] sb = scatter(CLASS_B);
        double[][] w = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                w[i][j] = (sa[i][j] + sb[i][j]) / 8;
            }
        }
        double[] ma = mean(CLASS_A);
        double[] mb = mean(CLASS_B);
        double[] delta = {ma[0] - mb[0], ma[1] - mb[1]};
        double det = w[0][0] * w[1][1] - w[0][1] * w[1][0];
        double[] winvDelta = {(w[1][1] * delta[0] - w[0][1] * delta[1]) / det,
                (-w[1][0] * delta[0] + w[0][0] * delta[1]) / det};
        double q = delta[0] * winvDelta[0] + delta[1] * winvDelta[1]; // δᵀW⁻¹δ = (W⁻¹δ)ᵀ W (W⁻¹δ)
        double[] expected = {winvDelta[0] / Math.sqrt(q), winvDelta[1] / Math.sqrt(q)};
        double[] a = r.transform().matrix();
        double sign = Math.signum(a[0] * expected[0] + a[1] * expected[1]);
        assertEquals(expected[0], sign * a[0], 1e-12);
        assertEquals(expected[1], sign * a[1], 1e-12);
        assertEquals(0.25 * q, r.eigenvalues()[0], 1e-12);
        assertEquals(0, r.eigenvalues()[1], 1e-12);
        assertEquals(8, r.frames());
        assertEquals(2, r.classes());

        // the projected frames: overall mean 0, pooled within-class variance 1
        double[] all = project(r.transform(), CLASS_A, CLASS_B);
        double sum = 0;
        for (double v : all) {
            sum += v;
        }
        assertEquals(0, sum / 8, 1e-6); // float frames
        double meanA = (all[0] + all[1] + all[2] + all[3]) / 4;
        double meanB = (all[4] + all[5] + all[6] + all[7]) / 4;
        double within = 0;
        for (int i = 0; i < 8; i++) {
            double d = all[i] - (i < 4 ? meanA : meanB);
            within += d * d / 8;
        }
        assertEquals(1, within, 1e-6); // float frames
        assertEquals(r.eigenvalues()[0], 0.25 * (meanA - meanB) * (meanA - meanB), 1e-5);
    }

    private static double[] project(FeatureTransform t, float[][]... classes) {
        int n = 0;
        for (float[][] c : classes) {
            n += c.length;
        }
        double[] out = new double[n];
        int i = 0;
        for (float[][] c : classes) {
            FeatureMatrix y = t.apply(FeatureMatrix.of(c));
            for (int k = 0; k < c.length; k++) {
                out[i++] = y.get(k, 0);
            }
        }
        return out;
    }

    @Test
    void theFirstDirectionMaximisesTheRatioOfBetweenToWithinClassVariance() {
        Random random = new Random(7);
        float[][][] classes = new float[3][][];
        double[][] centres = {{0, 0}, {2, 1}, {-1, 3}};
        for (int c = 0; c < 3; c++) {
            classes[c] = new float[50 + 20 * c][2];
            for (float[] row : classes[c]) {
                double u = random.nextGaussian();
                row[0] = (float) (centres[c][0] + u + 0.3 * random.nextGaussian());
                row[1] = (float) (centres[c][1] + 0.8 * u + 0.5 * random.nextGaussian());
            }
        }
        LdaEstimator e = new LdaEstimator(2, 3);
        for (int c = 0; c < 3; c++) {
            e.add(c, FeatureMatrix.of(classes[c]));
        }
        LdaEstimator.Result r = e.estimate(2);

        // brute force: between / within variance of the projection on every direction of a fine grid
        double best = 0;
        double bestAngle = 0;
        for (int k = 0; k < 200_000; k++) {
            double angle = Math.PI * k / 200_000;
            double ratio = ratio(classes, Math.cos(angle), Math.sin(angle));
            if (ratio > best) {
                best = ratio;
                bestAngle = angle;
            }
        }
        assertEquals(best, r.eigenvalues()[0], 1e-9 * best);
        double[] a = r.transform().matrix();
        double cos = (a[0] * Math.cos(bestAngle) + a[1] * Math.sin(bestAngle)) / Math.hypot(a[0], a[1]);
        assertEquals(1, Math.abs(cos), 1e-8);
        // the second direction has the second eigenvalue as its ratio
        assertEquals(r.eigenvalues()[1], ratio(classes, a[2], a[3]), 1e-9);
        assertTrue(r.eigenvalues()[1] < r.eigenvalues()[0]);
    }

    /** Between-class over pooled within-class variance of the frames projected on (u, v). */
    private static double ratio(float[][][] classes, double u, double v) {
        int n = 0;
        double total = 0;
        for (float[][] c : classes) {
            for (float[] row : c) {
                total += u * row[0] + v * row[1];
                n++;
            }
        }
        double mean = total / n;
        double within = 0;
        double between = 0;
        for (float[][] c : classes) {
            double m = 0;
            for (float[] row : c) {
                m += (u * row[0] + v * row[1]) / c.length;
            }
            for (float[] row : c) {
                double d = u * row[0] + v * row[1] - m;
                within += d * d;
            }
            between += c.length * (m - mean) * (m - mean);
        }
        return between / within;
    }

    @Test
    void mergedStatisticsGiveTheSameProjectionAsOneAccumulator() {
        Random random = new Random(3);
        float[][] x = new float[600][5];
        int[] cls = new int[x.length];
        for (int t = 0; t < x.length; t++) {
            cls[t] = random.nextInt(4);
            for (int j = 0; j < 5; j++) {
                x[t][j] = (float) (100 + cls[t] * (j + 1) * 0.5 + random.nextGaussian() * (1 + j));
            }
        }
        FeatureMatrix m = FeatureMatrix.of(x);
        LdaEstimator one = new LdaEstimator(5, 4);
        LdaEstimator first = new LdaEstimator(5, 4);
        LdaEstimator second = new LdaEstimator(5, 4);
        for (int t = 0; t < x.length; t++) {
            one.add(cls[t], m, t, t + 1);
            (t < 250 ? first : second).add(cls[t], m, t, t + 1);
        }
        first.add(second);
        FeatureTransform a = one.estimate(3).transform();
        FeatureTransform b = first.estimate(3).transform();
        assertArrayEquals(a.matrix(), b.matrix(), 1e-9);
        assertArrayEquals(a.offset(), b.offset(), 1e-7);
        assertEquals(600, first.count());
    }

    @Test
    void aDimensionWithoutWithinClassVarianceStaysFiniteAndComesLast() {
        // the third column is the sum of the first two, as spliced frames with deltas repeat one another
        float[][] x = {{0, 1, 1}, {1, 0, 1}, {2, 2, 4}, {3, 1, 4}, {1, 1, 2}, {2, 3, 5}};
        LdaEstimator e = new LdaEstimator(3, 2);
        FeatureMatrix m = FeatureMatrix.of(x);
        e.add(0, m, 0, 3);
        e.add(1, m, 3, 6);
        LdaEstimator.Result r = e.estimate(3);
        for (double v : r.transform().matrix()) {
            assertTrue(Double.isFinite(v));
        }
        assertEquals(0, r.eigenvalues()[1], 1e-9);
        assertEquals(0, r.eigenvalues()[2], 1e-9);
        assertTrue(r.eigenvalues()[0] > 0.1);
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        LdaEstimator e = new LdaEstimator(2, 2);
        e.add(0, FeatureMatrix.of(CLASS_A));
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> e.estimate(1));
        assertEquals("LDA needs frames of at least two classes, got 1", one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.estimate(3));
        assertThrows(IllegalArgumentException.class, () -> e.add(2, FeatureMatrix.of(CLASS_A)));
        IllegalArgumentException dims = assertThrows(IllegalArgumentException.class,
                () -> e.add(0, FeatureMatrix.of(new float[][] {{1, 2, 3}})));
        assertEquals("LDA of 2-dimensional frames, got 3", dims.getMessage());
    }
}
