package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/**
 * The affine projection: hand-computed frames, the definition's sums in order for frames in several blocks, Kaldi's
 * [A | b] layout, bad shapes refused.
 */
class FeatureTransformTest {
    // A = [[1, 2, 0], [0, -1, 0.5]], b = [0.25, -3]
    private static final FeatureTransform T = new FeatureTransform(2, 3, new double[] {1, 2, 0, 0, -1, 0.5},
            new double[] {0.25, -3});

    @Test
    void framesAreProjectedRowByRow() {
        FeatureMatrix y = T.apply(FeatureMatrix.of(new float[][] {{1, 1, 1}, {2, -1, 4}}));
        assertEquals(2, y.cols());
        assertArrayEquals(new float[] {3.25f, -3.5f, 0.25f, 0f}, y.toArray());
    }

    @Test
    void blocksOfFramesGiveTheSumsOfTheDefinitionInOrderBitForBit() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        int in = 13;
        int out = 5;
        double[] a = new double[out * in];
        double[] b = new double[out];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble(-2, 2);
        }
        for (int i = 0; i < out; i++) {
            b[i] = r.nextDouble(-1, 1);
        }
        FeatureTransform t = new FeatureTransform(out, in, a, b);
        for (int rows : new int[] {0, 1, 7, 47, 48, 255, 256, 257, 600}) {
            float[][] x = new float[rows][in];
            for (float[] row : x) {
                for (int i = 0; i < in; i++) {
                    row[i] = (float) r.nextDouble(-3, 3);
                }
            }
            float[] flat = new float[rows * in];
            for (int f = 0; f < rows; f++) {
                System.arraycopy(x[f], 0, flat, f * in, in);
            }
            FeatureMatrix y = t.apply(FeatureMatrix.wrap(rows, in, flat));
            assertEquals(rows, y.rows());
            for (int f = 0; f < rows; f++) {
                for (int o = 0; o < out; o++) {
                    double sum = b[o];
                    for (int i = 0; i < in; i++) {
                        sum += a[o * in + i] * x[f][i];
                    }
                    assertEquals((float) sum, y.get(f, o), 0f, "frame " + f + ", output " + o);
                }
            }
        }
    }

    @Test
    void theAffineMatrixHoldsTheOffsetInItsLastColumnAndReadsBack() {
        double[] affine = T.asAffineMatrix();
        assertArrayEquals(new double[] {1, 2, 0, 0.25, 0, -1, 0.5, -3}, affine);
        assertEquals(T, FeatureTransform.fromAffineMatrix(2, 4, affine));
    }

    @Test
    void badShapesAndValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FeatureTransform(2, 3, new double[5], new double[2]));
        assertThrows(IllegalArgumentException.class, () -> new FeatureTransform(1, 1, new double[] {Double.NaN},
                new double[1]));
        assertThrows(IllegalArgumentException.class, () -> FeatureTransform.fromAffineMatrix(1, 1, new double[1]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> T.apply(FeatureMatrix.of(new float[][] {{1, 2}})));
        assertEquals("the feature transform takes 3-dimensional frames, got 2", e.getMessage());
    }
}
