package org.cepstra.io.kaldi;

/**
 * The shortest decimal text of a float that reads back as the same float, written as ASCII bytes:
 * {@code 1}, {@code -0.25}, {@code 1234567}, {@code 0.001}, {@code 1.5e-5}, {@code 3.4028235e38}.
 *
 * <p>The digits are those of {@code Float.toString} as specified since Java 19 (the fewest significant
 * digits that identify the float; among those, the decimal closest to it; on a tie, the one with an even
 * last digit), written without a trailing {@code .0} and with a lower-case {@code e}. Plain notation is
 * used from 10<sup>-3</sup> up to below 10<sup>7</sup>, scientific notation outside that range, as
 * {@code Float.toString} does.
 *
 * <p>The method is Schubfach (R. Giulietti, "The Schubfach way to render doubles", 2020): the float is
 * v = c·2<sup>q</sup>; with k = ⌊log<sub>10</sub> 2<sup>q</sup>⌋ the numbers 4·v·10<sup>-k</sup> and the
 * two ends of the interval of reals that round to v are computed, rounded to odd, from one 64-bit product
 * with a 63-bit approximation of 10<sup>-k</sup> from above; the shortest decimal is then among
 * ⌊v·10<sup>-k</sup>⌋, one more than that, and their multiples of ten. All of it is integer arithmetic
 * without allocation.
 */
final class FloatText {
    /** Most bytes {@link #write} writes for one float ({@code -1.1754942e-38} is 14). */
    static final int MAX_LENGTH = 16;

    /** Bits of the significand field. */
    private static final int SIGNIFICAND_BITS = 23;
    /** Smallest binary exponent q of v = c·2^q (that of subnormals). */
    private static final int Q_MIN = -149;
    /** Significand of the smallest normal float, 2^23. */
    private static final int C_MIN = 1 << SIGNIFICAND_BITS;
    /** Subnormal significands below this are multiplied by ten so that enough digits come out. */
    private static final int C_TINY = 8;
    /** Smallest decimal exponent k that indexes {@link #G}. */
    private static final int K_MIN = -45;
    /** Digits of the scaled significand at most. */
    private static final int H = 9;
    private static final long MASK_32 = (1L << 32) - 1;
    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /**
     * G[k - K_MIN] = ⌊10<sup>-k</sup>·2<sup>62-e</sup>⌋ + 1 with e = ⌊log<sub>2</sub> 10<sup>-k</sup>⌋, for
     * k from -45 to 31: 10<sup>-k</sup> scaled into [2<sup>62</sup>, 2<sup>63</sup>) and rounded up.
     */
    private static final long[] G = {
            0x59AEDFC10D7279C6L, 0x47BF19673DF52E38L, 0x72CB5BD86321E38DL,
            0x5BD5E313828182D7L, 0x4977E8DC68679BE0L, 0x758CA7C70D7292FFL,
            0x5E0A1FD271287599L, 0x4B3B4CA85A86C47BL, 0x785EE10D5DA46D91L,
            0x604BE73DE4838ADAL, 0x4D0985CB1D3608AFL, 0x7B426FAB61F00DE4L,
            0x629B8C891B267183L, 0x4EE2D6D415B85ACFL, 0x7E37BE2022C0914CL,
            0x64F964E68233A770L, 0x50C783EB9B5C85F3L, 0x409F9CBC7C4A04C3L,
            0x6765C793FA10079EL, 0x52B7D2DCC80CD2E5L, 0x422CA8B0A00A4251L,
            0x69E10DE76676D081L, 0x54B40B1F852BDA01L, 0x43C33C1937564801L,
            0x6C6B935B8BBD4001L, 0x56BC75E2D6310001L, 0x4563918244F40001L,
            0x6F05B59D3B200001L, 0x58D15E1762800001L, 0x470DE4DF82000001L,
            0x71AFD498D0000001L, 0x5AF3107A40000001L, 0x48C2739500000001L,
            0x746A528800000001L, 0x5D21DBA000000001L, 0x4A817C8000000001L,
            0x7735940000000001L, 0x5F5E100000000001L, 0x4C4B400000000001L,
            0x7A12000000000001L, 0x61A8000000000001L, 0x4E20000000000001L,
            0x7D00000000000001L, 0x6400000000000001L, 0x5000000000000001L,
            0x4000000000000001L, 0x6666666666666667L, 0x51EB851EB851EB86L,
            0x4189374BC6A7EF9EL, 0x68DB8BAC710CB296L, 0x53E2D6238DA3C212L,
            0x431BDE82D7B634DBL, 0x6B5FCA6AF2BD215FL, 0x55E63B88C230E77FL,
            0x44B82FA09B5A52CCL, 0x6DF37F675EF6EAE0L, 0x57F5FF85E5925580L,
            0x465E6604B7A84466L, 0x709709A125DA070AL, 0x5A126E1A84AE6C08L,
            0x480EBE7B9D58566DL, 0x734ACA5F6226F0AEL, 0x5C3BD5191B525A25L,
            0x49C97747490EAE84L, 0x760F253EDB4AB0D3L, 0x5E72843249088D76L,
            0x4B8ED0283A6D3DF8L, 0x78E480405D7B9659L, 0x60B6CD004AC94514L,
            0x4D5F0A66A23A9DAAL, 0x7BCB43D769F762A9L, 0x63090312BB2C4EEEL,
            0x4F3A68DBC8F03F25L, 0x7EC3DAF941806507L, 0x65697BFA9ACD1DA0L,
            0x51212FFBAF0A7E19L, 0x40E7599625A1FE7BL,
    };

    private FloatText() {
    }

    /** The text of {@code value}; NaN and the infinities as {@code Float.toString} writes them. */
    static String toString(float value) {
        if (!Float.isFinite(value)) {
            return Float.toString(value);
        }
        byte[] buf = new byte[MAX_LENGTH];
        int n = write(value, buf, 0);
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the text of finite {@code value} into {@code buf} from {@code pos} (at most
     * {@link #MAX_LENGTH} bytes) and returns the position after it.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    static int write(float value, byte[] buf, int pos) {
        int bits = Float.floatToRawIntBits(value);
        int t = bits & (C_MIN - 1);
        int bq = (bits >>> SIGNIFICAND_BITS) & 0xFF;
        if (bq == 0xFF) {
            throw new IllegalArgumentException("not a finite float: " + value);
        }
        if (bits < 0) {
            buf[pos++] = '-';
        }
        // every other case is decided inside decimal(), which is too large to be inlined into callers:
        // a case met late (the first zero, a subnormal) then recompiles only that method
        return decimal(bq, t, buf, pos);
    }

    /** Writes the shortest decimal of the finite, non-negative float with these exponent and fraction fields. */
    private static int decimal(int bq, int t, byte[] buf, int pos) {
        int q;
        int c;
        int dk = 0; // -1 if c was multiplied by ten
        if (bq != 0) {
            q = bq - 1 + Q_MIN;
            c = C_MIN | t;
        } else if (t == 0) {
            buf[pos] = '0';
            return pos + 1;
        } else {
            q = Q_MIN;
            c = t < C_TINY ? 10 * t : t;
            dk = t < C_TINY ? -1 : 0;
        }
        int out = c & 1; // an odd significand excludes the ends of its rounding interval
        long cb = (long) c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = floorLog10Pow2(q);
        } else { // at a power of two the float below is half as far away
            cbl = cb - 1;
            k = floorLog10ThreeQuartersPow2(q);
        }
        int h = q + floorLog2Pow10(-k) + 33;
        long g = G[k - K_MIN];
        int vb = roundToOdd(g, cb << h);
        int vbl = roundToOdd(g, cbl << h);
        int vbr = roundToOdd(g, cbr << h);
        int s = vb >> 2;
        if (s >= 100) {
            int sp10 = 10 * (int) (s * 1_717_986_919L >>> 34); // 10·⌊s/10⌋
            int tp10 = sp10 + 10;
            boolean upin = vbl + out <= sp10 << 2;
            boolean wpin = (tp10 << 2) + out <= vbr;
            if (upin != wpin) {
                return digits(upin ? sp10 : tp10, k, buf, pos);
            }
        }
        int sp1 = s + 1;
        boolean uin = vbl + out <= s << 2;
        boolean win = (sp1 << 2) + out <= vbr;
        if (uin != win) {
            return digits(uin ? s : sp1, k + dk, buf, pos);
        }
        int cmp = vb - (s + sp1 << 1);
        return digits(cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : sp1, k + dk, buf, pos);
    }

    /** ⌊g·cp / 2^95⌋, with its lowest bit set if the product was not exact (rounding to odd). */
    private static int roundToOdd(long g, long cp) {
        long x1 = Math.multiplyHigh(g, cp);
        long vbp = x1 >>> 31;
        return (int) (vbp | (x1 & MASK_32) + MASK_32 >>> 32);
    }

    /** ⌊log10 2^q⌋ for |q| ≤ 5456. */
    static int floorLog10Pow2(int q) {
        return (int) (q * 661_971_961_083L >> 41);
    }

    /** ⌊log10 (3/4·2^q)⌋ for |q| ≤ 5456. */
    static int floorLog10ThreeQuartersPow2(int q) {
        return (int) (q * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** ⌊log2 10^e⌋ for |e| ≤ 1233. */
    static int floorLog2Pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /** The table entry for decimal exponent {@code k} (for the tests). */
    static long g(int k) {
        return G[k - K_MIN];
    }

    /**
     * Writes f·10^e (f &gt; 0, at most {@value #H} digits) without trailing zeros: plain from 10^-3 up to
     * below 10^7, otherwise as {@code d.ddde±x}.
     */
    private static int digits(int f, int e, byte[] buf, int pos) {
        while (f % 10 == 0) {
            f /= 10;
            e++;
        }
        int n = digitCount(f);
        int exp = n + e; // value = 0.d1d2...dn · 10^exp
        if (exp > 0 && exp <= 7) {
            if (e >= 0) { // an integer: its digits, then e zeros
                putDigits(f, buf, pos + n - 1, n);
                pos += n;
                for (int i = 0; i < e; i++) {
                    buf[pos++] = '0';
                }
                return pos;
            }
            int end = pos + n + 1; // exp digits, a point, n - exp digits
            putDigits(f, buf, end - 1, n - exp);
            buf[pos + exp] = '.';
            putDigits(f / pow10(n - exp), buf, pos + exp - 1, exp);
            return end;
        }
        if (exp > -3 && exp <= 0) { // 0.00ddd
            buf[pos++] = '0';
            buf[pos++] = '.';
            for (int i = exp; i < 0; i++) {
                buf[pos++] = '0';
            }
            putDigits(f, buf, pos + n - 1, n);
            return pos + n;
        }
        if (n == 1) {
            buf[pos++] = (byte) ('0' + f);
        } else {
            putDigits(f, buf, pos + n, n - 1);
            buf[pos] = (byte) ('0' + f / pow10(n - 1));
            buf[pos + 1] = '.';
            pos += n + 1;
        }
        buf[pos++] = 'e';
        int x = exp - 1;
        if (x < 0) {
            buf[pos++] = '-';
            x = -x;
        }
        if (x >= 10) {
            buf[pos++] = (byte) ('0' + x / 10);
        }
        buf[pos++] = (byte) ('0' + x % 10);
        return pos;
    }

    /** Writes the lowest {@code count} decimal digits of {@code f}, the last one at {@code last}. */
    private static void putDigits(int f, byte[] buf, int last, int count) {
        for (int i = 0; i < count; i++) {
            int q = f / 10;
            buf[last - i] = (byte) ('0' + f - q * 10);
            f = q;
        }
    }

    private static int digitCount(int f) {
        int n = 1;
        while (n < H && f >= POW10[n]) {
            n++;
        }
        return n;
    }

    private static int pow10(int n) {
        return POW10[n];
    }
}
