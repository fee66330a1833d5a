package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/** The affine projection: hand-computed frames, Kaldi's [A | b] layout, bad shapes refused. */
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
