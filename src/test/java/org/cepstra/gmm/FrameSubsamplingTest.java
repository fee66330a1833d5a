package org.cepstra.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/** {@link FrameSubsampling}: Kaldi's subsample-feats rows, counts, identity and bad options. */
class FrameSubsamplingTest {
    private static FeatureMatrix rows(int n) {
        float[] x = new float[2 * n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
        }
        return FeatureMatrix.wrap(n, 2, x);
    }

    @Test
    void keepsEveryNthFrameFromTheOffset() {
        FeatureMatrix kept = new FrameSubsampling(5, 2).apply(rows(13));
        assertEquals(3, kept.rows()); // frames 2, 7, 12
        assertArrayEquals(new float[] {2, -2, 7, -7, 12, -12}, kept.toArray());
        assertEquals(3, new FrameSubsampling(5, 2).keptOf(13));
        assertEquals(0, new FrameSubsampling(5, 2).keptOf(2));
        assertEquals(2, FrameSubsampling.every(5).keptOf(10)); // 0, 5
        assertEquals(3, FrameSubsampling.every(5).keptOf(11)); // 0, 5, 10
        assertEquals(0, FrameSubsampling.every(3).apply(rows(0)).rows());
    }

    @Test
    void stepOneKeepsTheMatrix() {
        FeatureMatrix m = rows(4);
        assertSame(m, FrameSubsampling.none().apply(m));
    }

    @Test
    void badOptionsAreRefused() {
        assertEquals("subsampling step must be >= 1 (1 keeps every frame), got 0",
                assertThrows(IllegalArgumentException.class, () -> FrameSubsampling.every(0)).getMessage());
        assertEquals("subsampling offset must lie in [0, 3), got 3",
                assertThrows(IllegalArgumentException.class, () -> new FrameSubsampling(3, 3)).getMessage());
    }
}
