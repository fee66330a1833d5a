package org.cepstra.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureMatrixTest {
    /** Frames 0..4 of 2 dims spliced ±1 by hand: rows of 6 values, the first and last frame repeated. */
    private static final float[][] SPLICED = {
        {0, 1, 0, 1, 10, 11},
        {0, 1, 10, 11, 20, 21},
        {10, 11, 20, 21, 30, 31},
        {20, 21, 30, 31, 40, 41},
        {30, 31, 40, 41, 40, 41},
    };

    /** The 5 frames with frame 0 and frame 4 once more at the ends: spliced frame t starts at value 2t. */
    private static FeatureMatrix sliding() {
        float[] padded = {0, 1, 0, 1, 10, 11, 20, 21, 30, 31, 40, 41, 40, 41};
        return FeatureMatrix.slidingRows(padded, 5, 6, 2);
    }

    @Test
    void slidingRowsReadAsTheFramesTheyOverlapIn() {
        FeatureMatrix s = sliding();
        FeatureMatrix plain = FeatureMatrix.of(SPLICED);
        assertEquals(5, s.rows());
        assertEquals(6, s.cols());
        for (int r = 0; r < 5; r++) {
            assertArrayEquals(SPLICED[r], s.row(r));
            for (int c = 0; c < 6; c++) {
                assertEquals(SPLICED[r][c], s.get(r, c));
            }
        }
        assertArrayEquals(plain.toArray(), s.toArray());
        float[] dest = new float[2 + 3 * 6];
        s.copyRows(1, 3, dest, 2);
        float[] expected = new float[2 + 3 * 6];
        plain.copyRows(1, 3, expected, 2);
        assertArrayEquals(expected, dest);
        assertEquals(plain, s);
        assertEquals(s, plain);
        assertEquals(plain.hashCode(), s.hashCode());
        assertEquals(plain.rowRange(1, 4), s.rowRange(1, 4));
        assertEquals(FeatureMatrix.stack(List.of(plain, plain.rowRange(2, 3))),
                FeatureMatrix.stack(List.of(s, s.rowView(2, 3))));
        assertArrayEquals(plain.toRows()[4], s.toRows()[4]);
    }

    @Test
    void negativeZeroAndNonFiniteValuesAreFoundOnlyInsideTheFrames() {
        // storage of 4 rows of 2 values at stride 3: the third value of each row is outside the frames
        float[] data = {1, 2, -0f, 3, 4, Float.NaN, 5, 6, Float.POSITIVE_INFINITY, 7, 8};
        FeatureMatrix strided = FeatureMatrix.slidingRows(data, 4, 2, 3);
        assertTrue(strided.isFinite());
        assertFalse(strided.containsNegativeZero());
        data[3] = -0f;
        assertTrue(strided.containsNegativeZero());
        assertFalse(FeatureMatrix.slidingRows(data, 4, 2, 3).rowView(2, 4).containsNegativeZero());
        data[7] = Float.NaN;
        assertFalse(strided.isFinite());
        assertTrue(strided.rowView(0, 2).isFinite());
        assertFalse(FeatureMatrix.of(new float[][] {{0f, 1f}}).containsNegativeZero());
        assertTrue(FeatureMatrix.of(new float[][] {{1f}, {-0f}}).containsNegativeZero());
        assertFalse(FeatureMatrix.wrap(0, 3, new float[0]).containsNegativeZero());
    }

    @Test
    void viewsShareTheFramesAndEqualCopies() {
        SplittableRandom random = new SplittableRandom(3);
        float[] values = new float[7 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        FeatureMatrix m = FeatureMatrix.wrap(7, 3, values);
        FeatureMatrix view = m.rowView(2, 6);
        FeatureMatrix copy = m.rowRange(2, 6);
        assertEquals(copy, view);
        assertEquals(copy.hashCode(), view.hashCode());
        assertArrayEquals(copy.toArray(), view.toArray());
        assertArrayEquals(m.row(3), view.row(1));
        assertEquals(m.get(5, 2), view.get(3, 2));
        assertEquals(m.rowRange(3, 5), view.rowView(1, 3));
        assertSame(m, m.rowView(0, 7));
        assertEquals(0, m.rowView(4, 4).rows());
        assertThrows(IndexOutOfBoundsException.class, () -> view.get(4, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> view.rowView(2, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> view.copyRows(3, 2, new float[6], 0));
        // one more row of the same values is another matrix
        assertNotEquals(m.rowRange(2, 7), view);
    }

    @Test
    void finiteLooksAtTheFramesOnly() {
        float[] values = {1, 2, Float.NaN, 4, 5, 6, 7, Float.POSITIVE_INFINITY};
        FeatureMatrix m = FeatureMatrix.wrap(4, 2, values);
        assertFalse(m.isFinite());
        assertTrue(m.rowView(0, 1).isFinite()); // the NaN is in the next frame
        assertFalse(m.rowView(1, 2).isFinite());
        assertTrue(m.rowView(2, 3).isFinite());
        assertFalse(m.rowView(3, 4).isFinite());
        // frames 2 values wide every 3 values skip the values between them
        FeatureMatrix gaps = FeatureMatrix.slidingRows(new float[] {1, 2, Float.NaN, 4, 5}, 2, 2, 3);
        assertTrue(gaps.isFinite());
        assertArrayEquals(new float[] {1, 2, 4, 5}, gaps.toArray());
        assertFalse(FeatureMatrix.slidingRows(new float[] {1, Float.NaN, 3, 4}, 2, 3, 1).isFinite());
    }

    @Test
    void slidingRowsRefuseFramesPastTheEnd() {
        float[] six = new float[6];
        assertEquals("5 frames of 3 values every 1 need 7 values, got 6", assertThrows(IllegalArgumentException.class,
                () -> FeatureMatrix.slidingRows(six, 5, 3, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeatureMatrix.slidingRows(six, -1, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> FeatureMatrix.slidingRows(six, 2, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> FeatureMatrix.slidingRows(six, 2, 3, -1));
        assertEquals(1, FeatureMatrix.slidingRows(six, 1, 6, 0).rows());
        assertEquals(0, FeatureMatrix.slidingRows(new float[0], 0, 117, 13).rows());
        // frames of no values need no stride; more values than an array holds would not survive a copy
        FeatureMatrix none = FeatureMatrix.slidingRows(new float[0], 5, 0, 0);
        assertEquals(5, none.rows());
        assertEquals(0, none.toArray().length);
        assertEquals("1048576 frames of 4096 values are more than a matrix holds (2147483639 values)",
                assertThrows(IllegalArgumentException.class,
                        () -> FeatureMatrix.slidingRows(new float[1 << 20], 1 << 20, 1 << 12, 1)).getMessage());
    }
}
