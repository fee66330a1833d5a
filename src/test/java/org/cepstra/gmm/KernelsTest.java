package org.cepstra.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelsTest {

    @Test
    void singlePrecisionExponentialIsAccurateAndCutsOffAtMinus30() {
        int n = 100_000;
        float[] a = new float[n];
        float[] best = new float[n];
        float[] y = new float[n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            y[i] = (float) (i < n / 2 ? -3 * r.nextDouble() : -45 * r.nextDouble());
            best[i] = (float) (10 * r.nextGaussian());
            a[i] = best[i] - y[i];
            y[i] = best[i] - a[i]; // the difference the kernel sees
        }
        Kernels.expDifference(a, best, n);
        for (int i = 0; i < n; i++) {
            double exact = Math.exp(y[i]);
            if (y[i] < -29.94) {
                assertEquals(0f, a[i], "below the cutoff at y=" + y[i]);
            } else {
                assertTrue(Math.abs(a[i] - exact) <= 2e-7, "y=" + y[i] + ": " + a[i] + " vs " + exact);
                if (y[i] > -5) {
                    // relative accuracy where it matters; far below the best component only the
                    // absolute error (above) counts
                    assertTrue(Math.abs(a[i] / exact - 1) <= 2e-5, "relative at y=" + y[i]);
                }
            }
        }
    }

    @Test
    void doublePrecisionExponentialIsAccurate() {
        int n = 50_000;
        double[] a = new double[n];
        double[] best = new double[n];
        double[] y = new double[n];
        double[] scratch = new double[n];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < n; i++) {
            y[i] = i < n / 2 ? -5 * r.nextDouble() : -800 * r.nextDouble();
            a[i] = -y[i];
        }
        Kernels.expDifference(a, best, scratch, n);
        for (int i = 0; i < n; i++) {
            double exact = Math.exp(Math.max(y[i], -700));
            assertTrue(Math.abs(a[i] - exact) <= 1e-15, "y=" + y[i]);
            if (y[i] > -5) {
                assertEquals(exact, a[i], 2e-13 * exact, "relative at y=" + y[i]);
            }
        }
    }

    @Test
    void scaledSquaredDistanceForEveryRemainderOfFourDimensions() {
        SplittableRandom r = new SplittableRandom(3);
        for (int d = 1; d <= 9; d++) {
            int n = 37;
            float[][] x = new float[d][n];
            float[] s = new float[d];
            float[] m = new float[d];
            for (int j = 0; j < d; j++) {
                s[j] = (float) r.nextDouble();
                m[j] = (float) r.nextGaussian();
                for (int i = 0; i < n; i++) {
                    x[j][i] = (float) r.nextGaussian();
                }
            }
            float[] a = new float[n];
            Kernels.scaledSquaredDistance(a, 1.5f, x, s, m, n);
            for (int i = 0; i < n; i++) {
                double ref = 1.5;
                for (int j = 0; j < d; j++) {
                    double t = (double) x[j][i] * s[j] + m[j];
                    ref += t * t;
                }
                assertEquals(ref, a[i], 1e-5 * ref, "d=" + d + " i=" + i);
            }
        }
    }

    @Test
    void gatherColumnsCopiesTheNamedRowsIntoTheBlockLayout() {
        int dim = 7;
        int rows = 40;
        float[] frames = new float[rows * dim];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = i * 0.25f - 3;
        }
        // 19 frames (two passes of eight, then three one at a time), in any order, some twice, from index 2
        int[] which = {0, 0, 39, 5, 7, 7, 12, 1, 38, 20, 21, 22, 2, 30, 31, 9, 9, 17, 3, 11, 8};
        double[][] out = new double[dim][19];
        Kernels.gatherColumns(frames, dim, which, 2, 19, out);
        for (int i = 0; i < 19; i++) {
            for (int j = 0; j < dim; j++) {
                assertEquals(frames[which[2 + i] * dim + j], out[j][i], 0, "frame " + i + " dimension " + j);
            }
        }
    }
}
