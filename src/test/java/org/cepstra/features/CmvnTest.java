package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CmvnTest {

    private static final FeatureMatrix POWERS = column(1, 2, 4, 8, 16);

    private static FeatureMatrix column(float... values) {
        float[][] rows = new float[values.length][1];
        for (int i = 0; i < values.length; i++) {
            rows[i][0] = values[i];
        }
        return FeatureMatrix.of(rows);
    }

    private static float[] col0(FeatureMatrix m) {
        float[] out = new float[m.rows()];
        for (int t = 0; t < m.rows(); t++) {
            out[t] = m.get(t, 0);
        }
        return out;
    }

    @Test
    void defaultsAreKaldiApplyCmvnSliding() {
        CmvnOptions o = CmvnOptions.sliding();
        assertEquals(CmvnMode.SLIDING, o.mode());
        assertEquals(600, o.cmnWindow());
        assertEquals(100, o.minCmnWindow());
        assertEquals(false, o.center());
        assertEquals(false, o.normVars());
    }

    @Test
    void noneReturnsInput() {
        assertSame(POWERS, new Cmvn(CmvnOptions.none()).apply(POWERS));
    }

    @Test
    void utteranceMeanHandDerived() {
        // mean of 1,2,4,8,16 is 31/5 = 6.2
        FeatureMatrix out = new Cmvn(CmvnOptions.utterance(false)).apply(POWERS);
        assertArrayEquals(new float[] {-5.2f, -4.2f, -2.2f, 1.8f, 9.8f}, col0(out), 1e-5f);
    }

    @Test
    void utteranceMeanAndVarianceHandDerived() {
        // 1, 3, 5, 7: mean 4, variance (9 + 1 + 1 + 9)/4 = 5
        FeatureMatrix out = new Cmvn(CmvnOptions.utterance(true)).apply(column(1, 3, 5, 7));
        double sd = Math.sqrt(5);
        assertArrayEquals(new float[] {(float) (-3 / sd), (float) (-1 / sd), (float) (1 / sd), (float) (3 / sd)},
                col0(out), 1e-6f);
    }

    @Test
    void utteranceConstantDimensionGivesZerosWithVarianceNormalisation() {
        FeatureMatrix in = FeatureMatrix.of(new float[][] {{5f, 1f}, {5f, 2f}, {5f, 3f}});
        FeatureMatrix out = new Cmvn(CmvnOptions.utterance(true)).apply(in);
        for (int t = 0; t < 3; t++) {
            assertEquals(0f, out.get(t, 0), 0f);
        }
        assertEquals(-Math.sqrt(1.5), out.get(0, 1), 1e-6);
    }

    @Test
    void utteranceResultHasZeroMeanAndUnitVariance() {
        FeatureMatrix in = random(new Random(3), 257, 5, 7f, 30f);
        for (boolean normVars : new boolean[] {false, true}) {
            FeatureMatrix out = new Cmvn(CmvnOptions.utterance(normVars)).apply(in);
            for (int c = 0; c < in.cols(); c++) {
                double sum = 0;
                double sumSq = 0;
                double inSumSq = 0;
                double inSum = 0;
                for (int t = 0; t < in.rows(); t++) {
                    sum += out.get(t, c);
                    sumSq += out.get(t, c) * (double) out.get(t, c);
                    inSum += in.get(t, c);
                    inSumSq += in.get(t, c) * (double) in.get(t, c);
                }
                double n = in.rows();
                assertEquals(0.0, sum / n, 1e-5, "mean of column " + c);
                double inVar = inSumSq / n - (inSum / n) * (inSum / n);
                assertEquals(normVars ? 1.0 : inVar, sumSq / n, 1e-4 * Math.max(1, inVar), "variance of column " + c);
            }
        }
    }

    @Test
    void slidingNotCentredHandDerived() {
        // cmnWindow 2, minWindow 1: windows [0,1) [0,2) [0,3) [1,4) [2,5)
        FeatureMatrix out = new Cmvn(CmvnOptions.sliding(2, 1, false, false)).apply(POWERS);
        assertArrayEquals(new float[] {0f, 0.5f, 4f - 7f / 3, 8f - 14f / 3, 16f - 28f / 3}, col0(out), 1e-5f);
    }

    @Test
    void slidingNotCentredMinWindowLooksAhead() {
        // cmnWindow 2, minWindow 3: windows [0,3) [0,3) [0,3) [1,4) [2,5)
        FeatureMatrix out = new Cmvn(CmvnOptions.sliding(2, 3, false, false)).apply(POWERS);
        assertArrayEquals(new float[] {1f - 7f / 3, 2f - 7f / 3, 4f - 7f / 3, 8f - 14f / 3, 16f - 28f / 3},
                col0(out), 1e-5f);
    }

    @Test
    void slidingMinWindowLongerThanUtteranceUsesWholeUtterance() {
        // Kaldi defaults (600, 100) on 5 frames: every window is the whole utterance
        FeatureMatrix out = new Cmvn(CmvnOptions.sliding()).apply(POWERS);
        assertArrayEquals(new float[] {-5.2f, -4.2f, -2.2f, 1.8f, 9.8f}, col0(out), 1e-5f);
    }

    @Test
    void slidingCentredHandDerived() {
        // cmnWindow 3: windows [0,3) [0,3) [1,4) [2,5) [2,5)
        FeatureMatrix out = new Cmvn(CmvnOptions.sliding(3, 1, true, false)).apply(POWERS);
        assertArrayEquals(new float[] {1f - 7f / 3, 2f - 7f / 3, 4f - 14f / 3, 8f - 28f / 3, 16f - 28f / 3},
                col0(out), 1e-5f);
    }

    @Test
    void slidingVarianceHandDerived() {
        // cmnWindow 1, minWindow 1, not centred: windows [0,1) (one frame -> 0) [0,2) [1,3)
        // t=1: frames 1,3: mean 2, variance 1 -> (3-2)/1 = 1; t=2: frames 3,9: mean 6, var 9 -> (9-6)/3 = 1
        FeatureMatrix out = new Cmvn(CmvnOptions.sliding(1, 1, false, true)).apply(column(1, 3, 9));
        assertArrayEquals(new float[] {0f, 1f, 1f}, col0(out), 1e-6f);
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void slidingCentredWithLongWindowEqualsUtterance(boolean normVars) {
        FeatureMatrix in = random(new Random(11), 93, 4, -3f, 10f);
        FeatureMatrix utt = new Cmvn(CmvnOptions.utterance(normVars)).apply(in);
        for (int window : new int[] {93, 94, 600}) {
            FeatureMatrix sliding = new Cmvn(CmvnOptions.sliding(window, 1, true, normVars)).apply(in);
            assertArrayEquals(utt.toArray(), sliding.toArray(), 2e-5f, "window " + window);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "600, 100, false, false", "600, 100, false, true", "10, 3, false, false", "10, 3, false, true",
        "7, 20, false, false", "1, 1, false, true", "1, 0, false, false", "10, 3, true, false",
        "11, 3, true, true", "2, 2, true, false", "1, 1, true, true", "300, 300, true, false",
        "40, 1, false, true"})
    void slidingMatchesBruteForce(int cmnWindow, int minWindow, boolean center, boolean normVars) {
        Random rng = new Random(cmnWindow * 31L + minWindow);
        for (int rows : new int[] {1, 2, 5, 37, 150}) {
            FeatureMatrix in = random(rng, rows, 3, 2f, 5f);
            FeatureMatrix out = new Cmvn(CmvnOptions.sliding(cmnWindow, minWindow, center, normVars)).apply(in);
            float[][] expected = bruteForceSliding(in, cmnWindow, minWindow, center, normVars);
            for (int t = 0; t < rows; t++) {
                assertArrayEquals(expected[t], out.row(t), 1e-4f,
                        "T=" + rows + " frame " + t);
            }
        }
    }

    /** Per-frame window from the closed-form rules, statistics summed afresh for every frame. */
    private static float[][] bruteForceSliding(FeatureMatrix in, int cmn, int min, boolean center, boolean normVars) {
        int n = in.rows();
        int dims = in.cols();
        float[][] out = new float[n][dims];
        for (int t = 0; t < n; t++) {
            int start;
            int end;
            if (center) {
                start = Math.max(0, Math.min(t - cmn / 2, n - cmn));
                end = Math.min(n, start + cmn);
            } else {
                start = Math.max(0, t - cmn);
                end = Math.max(t + 1, min);
                if (end > n) {
                    start = Math.max(0, start - (end - n));
                    end = n;
                }
            }
            int frames = end - start;
            for (int d = 0; d < dims; d++) {
                double mean = 0;
                for (int u = start; u < end; u++) {
                    mean += in.get(u, d);
                }
                mean /= frames;
                double v = in.get(t, d) - mean;
                if (normVars) {
                    double var = 0;
                    for (int u = start; u < end; u++) {
                        var += (in.get(u, d) - mean) * (in.get(u, d) - mean);
                    }
                    var /= frames;
                    v = frames == 1 ? 0 : v / Math.sqrt(Math.max(var, 1e-10));
                }
                out[t][d] = (float) v;
            }
        }
        return out;
    }

    @Test
    void zeroFramesComeBackUnchanged() {
        FeatureMatrix empty = FeatureMatrix.empty(13);
        assertSame(empty, new Cmvn(CmvnOptions.utterance(true)).apply(empty));
        assertSame(empty, new Cmvn(CmvnOptions.sliding()).apply(empty));
    }

    @Test
    void rejectsBadWindows() {
        assertThrows(IllegalArgumentException.class, () -> CmvnOptions.sliding(0, 0, false, false));
        assertThrows(IllegalArgumentException.class, () -> CmvnOptions.sliding(10, -1, false, false));
        assertThrows(IllegalArgumentException.class, () -> CmvnOptions.sliding(10, 11, true, false));
        assertThrows(IllegalArgumentException.class, () -> CmvnOptions.sliding(10, 0, true, false));
        assertThrows(NullPointerException.class, () -> new CmvnOptions(null, false, 1, 1, false));
    }

    static FeatureMatrix random(Random rng, int rows, int cols, float offset, float spread) {
        float[] data = new float[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = offset * (i % cols) + spread * (float) rng.nextGaussian();
        }
        return FeatureMatrix.wrap(rows, cols, data);
    }
}
