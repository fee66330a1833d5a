package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Window values at points where the formulas give exact numbers (N = 5, so a i = π i / 2). */
class WindowTypeTest {
    private static final double EPS = 1e-12;

    @Test
    void hammingIsPoint08AtTheEndsAndOneInTheMiddle() {
        assertArrayEquals(new double[] {0.08, 0.54, 1.0, 0.54, 0.08},
                WindowType.HAMMING.coefficients(5, 0.42), EPS);
    }

    @Test
    void hanningIsZeroAtTheEnds() {
        assertArrayEquals(new double[] {0.0, 0.5, 1.0, 0.5, 0.0}, WindowType.HANNING.coefficients(5, 0.42), EPS);
    }

    @Test
    void poveyIsHanningToThePower085() {
        double h = Math.pow(0.5, 0.85);
        assertArrayEquals(new double[] {0.0, h, 1.0, h, 0.0}, WindowType.POVEY.coefficients(5, 0.42), EPS);
    }

    @Test
    void rectangularIsAllOnes() {
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, WindowType.RECTANGULAR.coefficients(5, 0.42), EPS);
    }

    @Test
    void sineIsSinOfPiIOverNMinus1() {
        double s = Math.sqrt(0.5);
        assertArrayEquals(new double[] {0.0, s, 1.0, s, 0.0}, WindowType.SINE.coefficients(5, 0.42), EPS);
    }

    @Test
    void blackmanUsesItsCoefficient() {
        // b - 0.5 cos(a i) + (0.5 - b) cos(2 a i) at a i = 0, π/2, π with b = 0.42: 0, 0.42 - 0.08, 1.
        assertArrayEquals(new double[] {0.0, 0.34, 1.0, 0.34, 0.0}, WindowType.BLACKMAN.coefficients(5, 0.42), EPS);
        // b = 0.40: -0.0 + ... = 0.4 - 0.5 + 0.1 = 0 at the ends, 0.4 - 0.1 = 0.3 at a quarter, 1.0 mid.
        assertArrayEquals(new double[] {0.0, 0.3, 1.0, 0.3, 0.0}, WindowType.BLACKMAN.coefficients(5, 0.40), EPS);
    }

    @Test
    void windowsAreSymmetric() {
        for (WindowType w : WindowType.values()) {
            double[] c = w.coefficients(200, 0.42);
            for (int i = 0; i < 100; i++) {
                assertEquals(c[i], c[199 - i], 1e-12, w + " at " + i);
            }
            assertTrue(c[100] > 0.99, w.toString());
        }
    }

    @Test
    void kaldiNamesRoundTrip() {
        for (WindowType w : WindowType.values()) {
            assertEquals(w, WindowType.fromKaldiName(w.kaldiName()));
        }
        assertEquals(WindowType.POVEY, WindowType.fromKaldiName("Povey"));
    }

    @Test
    void unknownWindowNameIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WindowType.fromKaldiName("hamm"));
        assertTrue(e.getMessage().contains("hamm"), e.getMessage());
    }

    @Test
    void oneSampleFrameIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> WindowType.HAMMING.coefficients(1, 0.42));
    }
}
