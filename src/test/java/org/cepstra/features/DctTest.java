package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DctTest {

    @Test
    void fullKaldiDctIsOrthonormal() {
        for (int n : new int[] {3, 23, 26, 40}) {
            double[][] d = Dct.kaldiDct(n, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    for (int k = 0; k < n; k++) {
                        dot += d[i][k] * d[j][k];
                    }
                    assertEquals(i == j ? 1.0 : 0.0, dot, 1e-12, "rows " + i + "," + j + " of n=" + n);
                }
            }
        }
    }

    @Test
    void firstRowIsSqrtOneOverNAndOthersUseSqrtTwoOverN() {
        double[][] d = Dct.kaldiDct(13, 23);
        for (int j = 0; j < 23; j++) {
            assertEquals(Math.sqrt(1.0 / 23), d[0][j], 1e-15);
        }
        // Row 1, column 0: sqrt(2/23) cos(π · 0.5 / 23).
        assertEquals(Math.sqrt(2.0 / 23) * Math.cos(Math.PI * 0.5 / 23), d[1][0], 1e-15);
        // Row k, middle column (j = 11): cos(π k / 2) → 0 for odd k, ±1 for even k.
        assertEquals(0.0, d[1][11], 1e-15);
        assertEquals(-Math.sqrt(2.0 / 23), d[2][11], 1e-15);
    }

    @Test
    void moreCepstraThanBinsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Dct.kaldiDct(24, 23));
    }

    @Test
    void lifterIsOnePlusHalfQSine() {
        double[] l = Dct.lifter(23, 22);
        assertEquals(1.0, l[0], 1e-15);
        assertEquals(12.0, l[11], 1e-12);  // 1 + 11 sin(π/2)
        assertEquals(1.0 + 11 * Math.sin(Math.PI / 22), l[1], 1e-12);
        assertEquals(1.0, l[22], 1e-12);   // sin(π) = 0
        double[] none = Dct.lifter(5, 0);
        for (double v : none) {
            assertEquals(1.0, v);
        }
    }
}
