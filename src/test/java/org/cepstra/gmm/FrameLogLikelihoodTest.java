package org.cepstra.gmm;

import static org.cepstra.gmm.GmmTestData.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/**
 * {@link DiagonalGmm#logLikelihood(float[], int, double[])}, the allocation-free one-frame score:
 * bit for bit the blocked batch value, close to the definition, and strict about its arguments.
 */
class FrameLogLikelihoodTest {

    private static void assertBitIdenticalToBatch(DiagonalGmm g, FeatureMatrix data, String what) {
        double[] batch = g.logLikelihoods(data);
        int d = data.cols();
        // Frames inside a longer array at an odd offset, scratch longer than needed.
        float[] padded = new float[data.rows() * d + 5];
        data.copyRows(0, data.rows(), padded, 3);
        double[] scratch = new double[g.numComponents() + 2];
        for (int i = 0; i < data.rows(); i++) {
            double one = g.logLikelihood(padded, 3 + i * d, scratch);
            assertEquals(Double.doubleToRawLongBits(batch[i]), Double.doubleToRawLongBits(one),
                    what + ", frame " + i + ": batch " + batch[i] + ", one frame " + one);
        }
    }

    @Test
    void equalsBatchBitForBitForEveryDimensionRemainder() {
        int[] dims = {1, 2, 3, 4, 5, 6, 7, 13, 39};
        int[] ks = {1, 3, 32};
        long seed = 1;
        for (int d : dims) {
            for (int k : ks) {
                DiagonalGmm g = GmmTestData.randomModel(k, d, 3.0, seed++);
                assertBitIdenticalToBatch(g, GmmTestData.gaussianFrames(300, d, 4.0, seed++), "K=" + k + " D=" + d);
            }
        }
    }

    @Test
    void equalsBatchBitForBitWhenComponentsLieFarApart() {
        // Means ~ N(0, 60²): most components lie hundreds to thousands of nats below the best one of a frame,
        // beyond the −700 clamp of the exponentials.
        DiagonalGmm g = GmmTestData.randomModel(16, 39, 60.0, 77);
        FeatureMatrix data = GmmTestData.gaussianFrames(200, 39, 60.0, 78);
        assertBitIdenticalToBatch(g, data, "far components");
        double[] scratch = new double[16];
        double[] lc = g.componentLogLikelihoods(data.row(0));
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : lc) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertTrue(max - min > 700, "the data reach the clamp: spread " + (max - min));
        assertClose(GmmTestData.naiveLogLikelihood(g, data.row(0)), g.logLikelihood(data.row(0), 0, scratch), 1e-12,
                "far frame against the definition");
    }

    @Test
    void closeToTheDefinitionAndToTheArrayOverload() {
        DiagonalGmm g = GmmTestData.randomModel(8, 13, 2.0, 5);
        FeatureMatrix data = GmmTestData.gaussianFrames(100, 13, 3.0, 6);
        double[] scratch = new double[8];
        for (int i = 0; i < data.rows(); i++) {
            float[] x = data.row(i);
            double one = g.logLikelihood(x, 0, scratch);
            assertClose(GmmTestData.naiveLogLikelihood(g, x), one, 1e-12, "frame " + i + " against the definition");
            assertClose(g.logLikelihood(x), one, 1e-13, "frame " + i + " against logLikelihood(float[])");
        }
    }

    @Test
    void singleComponentClosedForm() {
        // One component, D = 2: log N(x; μ, σ²) = −½ Σ (log 2πσ² + (x−μ)²/σ²).
        DiagonalGmm g = new DiagonalGmm(new double[] {1.0}, new double[][] {{1.0, -2.0}}, new double[][] {{4.0, 0.25}});
        float[] x = {3.0f, -1.5f};
        double expected = -0.5 * (Math.log(2 * Math.PI * 4.0) + 4.0 / 4.0)
                - 0.5 * (Math.log(2 * Math.PI * 0.25) + 0.25 / 0.25);
        assertClose(expected, g.logLikelihood(x, 0, new double[1]), 1e-15, "closed form");
    }

    @Test
    void nanFrameGivesNan() {
        DiagonalGmm g = GmmTestData.randomModel(3, 4, 1.0, 9);
        assertTrue(Double.isNaN(g.logLikelihood(new float[] {0, Float.NaN, 0, 0}, 0, new double[3])));
    }

    @Test
    void rejectsBadArguments() {
        DiagonalGmm g = GmmTestData.randomModel(4, 5, 1.0, 10);
        double[] scratch = new double[4];
        assertThrows(IndexOutOfBoundsException.class, () -> g.logLikelihood(new float[4], 0, scratch));
        assertThrows(IndexOutOfBoundsException.class, () -> g.logLikelihood(new float[9], 5, scratch));
        assertThrows(IndexOutOfBoundsException.class, () -> g.logLikelihood(new float[9], -1, scratch));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.logLikelihood(new float[5], 0, new double[3]));
        assertTrue(e.getMessage().contains("3 values") && e.getMessage().contains("4 components"), e.getMessage());
        assertThrows(NullPointerException.class, () -> g.logLikelihood(null, 0, scratch));
        assertThrows(NullPointerException.class, () -> g.logLikelihood(new float[5], 0, null));
    }

    @Test
    void randomOffsetsInALongStream() {
        SplittableRandom r = new SplittableRandom(3);
        DiagonalGmm g = GmmTestData.randomModel(5, 7, 2.0, 4);
        FeatureMatrix data = GmmTestData.gaussianFrames(40, 7, 2.0, 5);
        double[] batch = g.logLikelihoods(data);
        double[] scratch = new double[5];
        for (int trial = 0; trial < 100; trial++) {
            int row = r.nextInt(40);
            int offset = r.nextInt(50);
            float[] buffer = new float[offset + 7 + r.nextInt(5)];
            data.copyRows(row, 1, buffer, offset);
            assertEquals(batch[row], g.logLikelihood(buffer, offset, scratch), 0.0, "row " + row + " at " + offset);
        }
    }
}
