package org.cepstra.io.kaldi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FloatTextTest {

    private static String text(float v) {
        byte[] buf = new byte[FloatText.MAX_LENGTH + 3];
        buf[0] = 'x';
        int end = FloatText.write(v, buf, 1);
        assertTrue(end - 1 <= FloatText.MAX_LENGTH, "length of " + v);
        assertEquals('x', buf[0]);
        return new String(buf, 1, end - 1, StandardCharsets.ISO_8859_1);
    }

    @Test
    void writesHandPickedValues() {
        assertEquals("1", text(1f));
        assertEquals("-0.25", text(-0.25f));
        assertEquals("0", text(0f));
        assertEquals("-0", text(-0f));
        assertEquals("0.1", text(0.1f));
        assertEquals("0.001", text(0.001f)); // smallest plain value
        assertEquals("9.999999e-4", text(9.999999e-4f));
        assertEquals("9999999", text(9999999f)); // largest plain integer
        assertEquals("1e7", text(1e7f));
        assertEquals("1234567", text(1234567f));
        assertEquals("123456.7", text(123456.7f));
        assertEquals("-56.123455", text(-56.123455f));
        assertEquals("1.5e-5", text(1.5e-5f));
        assertEquals("1.6777216e7", text(16777216f)); // 2^24
        assertEquals("3.356587e7", text(33565872f)); // needs 7 digits only, not the integer's 8
        assertEquals("3.4028235e38", text(Float.MAX_VALUE));
        assertEquals("1.4e-45", text(Float.MIN_VALUE));
        assertEquals("1.1754944e-38", text(Float.MIN_NORMAL));
        assertEquals("1.1754942e-38", text(Math.nextDown(Float.MIN_NORMAL)));
        assertEquals("2.8e-45", text(2 * Float.MIN_VALUE));
        assertEquals("-1e-10", text(-1e-10f));
        assertEquals("2e10", text(2e10f));
    }

    @Test
    void nanAndInfinitiesAreRejectedOrNamed() {
        assertThrows(IllegalArgumentException.class, () -> FloatText.write(Float.NaN, new byte[32], 0));
        assertThrows(IllegalArgumentException.class, () -> FloatText.write(Float.POSITIVE_INFINITY, new byte[32], 0));
        assertThrows(IllegalArgumentException.class, () -> FloatText.write(Float.NEGATIVE_INFINITY, new byte[32], 0));
        assertEquals("NaN", FloatText.toString(Float.NaN));
        assertEquals("Infinity", FloatText.toString(Float.POSITIVE_INFINITY));
        assertEquals("-Infinity", FloatText.toString(Float.NEGATIVE_INFINITY));
    }

    @Test
    void tableHoldsPowersOfTenRoundedUp() {
        for (int k = -45; k <= 31; k++) {
            int e = FloatText.floorLog2Pow10(-k);
            // floor(10^-k * 2^(62 - e)) + 1, exactly
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            if (k <= 0) {
                num = num.multiply(BigInteger.TEN.pow(-k));
            } else {
                den = den.multiply(BigInteger.TEN.pow(k));
            }
            if (62 - e >= 0) {
                num = num.shiftLeft(62 - e);
            } else {
                den = den.shiftLeft(e - 62);
            }
            BigInteger expected = num.divide(den).add(BigInteger.ONE);
            assertEquals(expected.longValueExact(), FloatText.g(k), "k = " + k);
            assertTrue(FloatText.g(k) >= 1L << 62, "k = " + k);
        }
    }

    @Test
    void logarithmEstimatesAreExactFloors() {
        for (int q = -200; q <= 200; q++) {
            BigDecimal pow2 = new BigDecimal(BigInteger.ONE.shiftLeft(Math.abs(q)));
            BigDecimal x = q >= 0 ? pow2 : BigDecimal.ONE.divide(pow2);
            assertEquals(floorLog10(x), FloatText.floorLog10Pow2(q), "q = " + q);
            assertEquals(floorLog10(x.multiply(new BigDecimal("0.75"))), FloatText.floorLog10ThreeQuartersPow2(q),
                    "q = " + q);
        }
        for (int e = -60; e <= 60; e++) {
            // floor(log2 10^e): the largest j with 2^j <= 10^e
            BigDecimal x = e >= 0 ? BigDecimal.TEN.pow(e) : BigDecimal.ONE.divide(BigDecimal.TEN.pow(-e));
            int j = x.toBigInteger().signum() > 0 ? x.toBigInteger().bitLength() - 1 : -1;
            while (pow2(j).compareTo(x) > 0) {
                j--;
            }
            while (pow2(j + 1).compareTo(x) <= 0) {
                j++;
            }
            assertEquals(j, FloatText.floorLog2Pow10(e), "e = " + e);
        }
    }

    private static BigDecimal pow2(int j) {
        BigDecimal p = new BigDecimal(BigInteger.ONE.shiftLeft(Math.abs(j)));
        return j >= 0 ? p : BigDecimal.ONE.divide(p);
    }

    private static int floorLog10(BigDecimal x) {
        // x = unscaled * 10^-scale; floor(log10 x) = digits(unscaled) - 1 - scale
        BigDecimal s = x.stripTrailingZeros();
        return s.precision() - 1 - s.scale();
    }

    @Test
    void roundTripsRandomBitsAndSpecialValues() {
        Random rng = new Random(11);
        for (int i = 0; i < 300_000; i++) {
            float v = Float.intBitsToFloat(rng.nextInt());
            if (Float.isFinite(v)) {
                assertRoundTrips(v);
            }
        }
        for (int bits = 0; bits < 2_000; bits++) { // smallest subnormals
            assertRoundTrips(Float.intBitsToFloat(bits));
            assertRoundTrips(-Float.intBitsToFloat(bits));
        }
        for (int e = -149; e <= 127; e++) { // powers of two and their neighbours
            float p = Math.scalb(1f, e);
            assertRoundTrips(p);
            assertRoundTrips(Math.nextUp(p));
            assertRoundTrips(Math.nextDown(p));
        }
        for (float v : new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, Float.MIN_NORMAL,
                Math.nextDown(Float.MIN_NORMAL), 0f, -0f}) {
            assertRoundTrips(v);
        }
    }

    private static void assertRoundTrips(float v) {
        String s = text(v);
        assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(Float.parseFloat(s)), s);
    }

    @Test
    void digitsAreTheShortestAndTheClosest() {
        Random rng = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            float v = Math.abs(Float.intBitsToFloat(rng.nextInt()));
            if (!Float.isFinite(v) || v == 0f) {
                continue;
            }
            BigDecimal written = new BigDecimal(text(v));
            BigDecimal exact = new BigDecimal(v);
            int n = written.stripTrailingZeros().precision();
            if (n > 1) { // no decimal of n-1 significant digits reads back as v
                // the values that read back as v form an interval around it: if a shorter decimal were in
                // it, the nearest one below or above v would be
                BigDecimal down = exact.round(new MathContext(n - 1, RoundingMode.FLOOR));
                BigDecimal up = exact.round(new MathContext(n - 1, RoundingMode.CEILING));
                assertFalse(down.floatValue() == v, v + ": " + down + " is shorter than " + written);
                assertFalse(up.floatValue() == v, v + ": " + up + " is shorter than " + written);
            }
            // the neighbours with n digits that also read back as v are not closer
            BigDecimal ulp = BigDecimal.ONE.scaleByPowerOfTen(-written.stripTrailingZeros().scale());
            for (BigDecimal other : new BigDecimal[] {written.subtract(ulp), written.add(ulp)}) {
                if (other.signum() > 0 && other.floatValue() == v) {
                    int cmp = other.subtract(exact).abs().compareTo(written.subtract(exact).abs());
                    assertTrue(cmp >= 0, v + ": " + other + " is closer than " + written);
                }
            }
        }
    }

    @Test
    void matchesJavasDigitsBelowTwoToThe25() {
        // Java 17's Float.toString prints some larger integers with more digits than needed; below 2^25
        // it gives the same digits on every Java version
        Random rng = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            float v = Float.intBitsToFloat(rng.nextInt(0x4C00_0000) | rng.nextInt() & 0x8000_0000); // |v| < 2^25
            assertEquals(javaDigits(v), text(v));
        }
    }

    /** Float.toString without a trailing ".0" and with a lower-case exponent. */
    private static String javaDigits(float v) {
        if (v == 0f) {
            return Float.floatToRawIntBits(v) < 0 ? "-0" : "0";
        }
        String s = Float.toString(v);
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa = mantissa.substring(0, mantissa.length() - 1);
            }
        }
        return e < 0 ? mantissa : mantissa + "e" + s.substring(e + 1);
    }
}
