package org.cepstra.gmm;

/**
 * The inner loops of scoring and training, written so that HotSpot's C2 compiler turns them into
 * SIMD code on any Java 17+ without flags. Measured rules that every loop here follows:
 * <ul>
 *   <li>one array store per loop (two stores into arrays of the same type stop vectorisation);</li>
 *   <li>every array indexed by the loop variable alone, from 0 (differing offsets stop it);</li>
 *   <li>small bodies, at most about four fused multiply-adds per operand pair (larger bodies are
 *       not unrolled, hence not vectorised);</li>
 *   <li>no int/float conversions, bit casts or reductions inside (none of them vectorise in 17).</li>
 * </ul>
 * Loops over frames run over a block of frames (long, contiguous); loops over components run over
 * rows of length K.
 *
 * <p>The scaled squared distance and the exponential come in two precisions, written twice because
 * Java has no generics over primitive types: float for training (the E-step of {@link EmWorker} and
 * k-means, where float lanes double the SIMD width of the hottest loop and the results only weight
 * sums kept in double), double for scoring ({@link GmmScorer}, whose log-likelihoods are reported and
 * compared). Both nest every sum the same way; the terms they read come from one computation,
 * {@link GmmScorer}'s. Measured: writing the double form as one dimension per pass (which would share
 * the loop with the one-frame path) cost 23 % of batch scoring speed, hence the four-dimension twins.
 */
final class Kernels {
    private Kernels() {
    }

    /**
     * Lowest log-ratio to the best component of a frame that is evaluated in single precision;
     * components further below get posterior exactly 0 (see {@link #POSTERIOR_CUTOFF}).
     */
    static final float EXP_CLAMP = -30f;
    /**
     * Unnormalised posteriors (best component = 1) below this (≈ e^-29.9) are set to exactly 0, and
     * all others are lowered by it: an absolute change of 1e-13, far below float resolution, which
     * lets the statistics skip frames that do not belong to a component.
     */
    static final float POSTERIOR_CUTOFF = 1e-13f;
    /** Same for double precision: e^-700 ≈ 1e-304. */
    static final double EXP_CLAMP_DOUBLE = -700.0;

    // ---------------------------------------------------------------- squared scaled distances

    /** {@code a[i] = c + Σ_j (x_j[i]·s_j + m_j)²} for four dimensions j. */
    static void sqInit4(float[] a, float c, float[] x0, float[] x1, float[] x2, float[] x3,
                        float s0, float m0, float s1, float m1, float s2, float m2, float s3, float m3, int n) {
        for (int i = 0; i < n; i++) {
            float t0 = Math.fma(x0[i], s0, m0);
            float t1 = Math.fma(x1[i], s1, m1);
            float t2 = Math.fma(x2[i], s2, m2);
            float t3 = Math.fma(x3[i], s3, m3);
            a[i] = Math.fma(t0, t0, Math.fma(t1, t1, Math.fma(t2, t2, Math.fma(t3, t3, c))));
        }
    }

    /** {@code a[i] += Σ_j (x_j[i]·s_j + m_j)²} for four dimensions j. */
    static void sq4(float[] a, float[] x0, float[] x1, float[] x2, float[] x3,
                    float s0, float m0, float s1, float m1, float s2, float m2, float s3, float m3, int n) {
        for (int i = 0; i < n; i++) {
            float t0 = Math.fma(x0[i], s0, m0);
            float t1 = Math.fma(x1[i], s1, m1);
            float t2 = Math.fma(x2[i], s2, m2);
            float t3 = Math.fma(x3[i], s3, m3);
            a[i] = Math.fma(t0, t0, Math.fma(t1, t1, Math.fma(t2, t2, Math.fma(t3, t3, a[i]))));
        }
    }

    static void sq3(float[] a, float[] x0, float[] x1, float[] x2,
                    float s0, float m0, float s1, float m1, float s2, float m2, int n) {
        for (int i = 0; i < n; i++) {
            float t0 = Math.fma(x0[i], s0, m0);
            float t1 = Math.fma(x1[i], s1, m1);
            float t2 = Math.fma(x2[i], s2, m2);
            a[i] = Math.fma(t0, t0, Math.fma(t1, t1, Math.fma(t2, t2, a[i])));
        }
    }

    static void sq2(float[] a, float[] x0, float[] x1, float s0, float m0, float s1, float m1, int n) {
        for (int i = 0; i < n; i++) {
            float t0 = Math.fma(x0[i], s0, m0);
            float t1 = Math.fma(x1[i], s1, m1);
            a[i] = Math.fma(t0, t0, Math.fma(t1, t1, a[i]));
        }
    }

    static void sq1(float[] a, float[] x0, float s0, float m0, int n) {
        for (int i = 0; i < n; i++) {
            float t0 = Math.fma(x0[i], s0, m0);
            a[i] = Math.fma(t0, t0, a[i]);
        }
    }

    /**
     * For each frame i: {@code a[i] = c + Σ_d (x_d[i]·s[d] + m[d])²} over all dimensions, the
     * scaled squared distance of every frame of a block to one component.
     */
    static void scaledSquaredDistance(float[] a, float c, float[][] x, float[] s, float[] m, int n) {
        int dim = x.length;
        int d = 0;
        if (dim >= 4) {
            sqInit4(a, c, x[0], x[1], x[2], x[3], s[0], m[0], s[1], m[1], s[2], m[2], s[3], m[3], n);
            d = 4;
        } else {
            java.util.Arrays.fill(a, 0, n, c);
        }
        for (; d + 4 <= dim; d += 4) {
            sq4(a, x[d], x[d + 1], x[d + 2], x[d + 3],
                    s[d], m[d], s[d + 1], m[d + 1], s[d + 2], m[d + 2], s[d + 3], m[d + 3], n);
        }
        switch (dim - d) {
            case 3 -> sq3(a, x[d], x[d + 1], x[d + 2], s[d], m[d], s[d + 1], m[d + 1], s[d + 2], m[d + 2], n);
            case 2 -> sq2(a, x[d], x[d + 1], s[d], m[d], s[d + 1], m[d + 1], n);
            case 1 -> sq1(a, x[d], s[d], m[d], n);
            default -> { }
        }
    }

    // ---------------------------------------------------------------- log-sum-exp over components

    /** {@code best[i] = min(best[i], a[i])}. */
    static void minInto(float[] best, float[] a, int n) {
        for (int i = 0; i < n; i++) {
            best[i] = Math.min(best[i], a[i]);
        }
    }

    /**
     * First half of {@code a[i] ← exp(best[i] − a[i])}: leaves {@code expm1(y/256)} with
     * {@code y = max(best[i] − a[i], −30)}, from a degree-6 Taylor polynomial (relative error
     * below 1e-9 on [−0.118, 0]).
     */
    static void expStage1(float[] a, float[] best, int n) {
        for (int i = 0; i < n; i++) {
            float w = Math.max(best[i] - a[i], EXP_CLAMP) * 0.00390625f;
            float p = Math.fma(w, 1.38888889e-3f, 8.33333333e-3f);
            p = Math.fma(w, p, 4.16666667e-2f);
            p = Math.fma(w, p, 1.66666667e-1f);
            p = Math.fma(w, p, 0.5f);
            p = Math.fma(w, p, 1f);
            a[i] = w * p;
        }
    }

    /**
     * Second half: squares {@code 1 + u} eight times, the first seven in the form
     * {@code u ← u·(u + 2)} (which keeps full relative precision of {@code e^y − 1} near the best
     * component), the last one as {@code v·v} (which keeps small values from turning into rounding
     * noise), then subtracts {@link #POSTERIOR_CUTOFF} and clips at 0. Absolute error below 2e-7.
     */
    static void expStage2(float[] a, int n) {
        for (int i = 0; i < n; i++) {
            float u = a[i];
            u = Math.fma(u, u, u + u);
            u = Math.fma(u, u, u + u);
            u = Math.fma(u, u, u + u);
            u = Math.fma(u, u, u + u);
            u = Math.fma(u, u, u + u);
            u = Math.fma(u, u, u + u);
            u = Math.fma(u, u, u + u);
            float v = 1f + u;
            a[i] = Math.max(Math.fma(v, v, -POSTERIOR_CUTOFF), 0f);
        }
    }

    /** {@code s[i] += a[i]}. */
    static void addInto(float[] s, float[] a, int n) {
        for (int i = 0; i < n; i++) {
            s[i] += a[i];
        }
    }

    // ---------------------------------------------------------------- statistics (component rows)

    /** {@code c[k] += x0·r0[k] + x1·r1[k] + x2·r2[k] + x3·r3[k]}. */
    static void axpy4(float[] c, float[] r0, float[] r1, float[] r2, float[] r3,
                      float x0, float x1, float x2, float x3, int n) {
        for (int k = 0; k < n; k++) {
            c[k] = Math.fma(x0, r0[k], Math.fma(x1, r1[k], Math.fma(x2, r2[k], Math.fma(x3, r3[k], c[k]))));
        }
    }

    /**
     * Two {@link #axpy4} in one pass: first rows 0 to 3, then rows 4 to 7, each added as {@code axpy4} adds
     * it (the same result, bit for bit), with one load and store of {@code c} instead of two.
     */
    static void axpy8(float[] c, float[] r0, float[] r1, float[] r2, float[] r3, float[] r4, float[] r5,
                      float[] r6, float[] r7, float x0, float x1, float x2, float x3, float x4, float x5,
                      float x6, float x7, int n) {
        for (int k = 0; k < n; k++) {
            float first = Math.fma(x0, r0[k], Math.fma(x1, r1[k], Math.fma(x2, r2[k], Math.fma(x3, r3[k], c[k]))));
            c[k] = Math.fma(x4, r4[k], Math.fma(x5, r5[k], Math.fma(x6, r6[k], Math.fma(x7, r7[k], first))));
        }
    }

    /** {@code c[k] += x0·r0[k]}. */
    static void axpy1(float[] c, float[] r0, float x0, int n) {
        for (int k = 0; k < n; k++) {
            c[k] = Math.fma(x0, r0[k], c[k]);
        }
    }

    /** {@code a[i] = (a[i] − m[i])·s[i]}. */
    static void standardise(float[] a, float[] m, float[] s, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = (a[i] - m[i]) * s[i];
        }
    }

    /** {@code a[from + i] = a[from + i]²} for i in [0, n) (short, need not vectorise). */
    static void squareInPlace(float[] a, int from, int n) {
        for (int i = from; i < from + n; i++) {
            a[i] = a[i] * a[i];
        }
    }

    /** {@code a[i] *= f[i]}. */
    static void multiplyInto(float[] a, float[] f, int n) {
        for (int i = 0; i < n; i++) {
            a[i] *= f[i];
        }
    }

    // ---------------------------------------------------------------- double precision (scoring)

    static void sqInit4(double[] a, double c, double[] x0, double[] x1, double[] x2, double[] x3,
                        double s0, double m0, double s1, double m1, double s2, double m2, double s3, double m3,
                        int n) {
        for (int i = 0; i < n; i++) {
            double t0 = Math.fma(x0[i], s0, m0);
            double t1 = Math.fma(x1[i], s1, m1);
            double t2 = Math.fma(x2[i], s2, m2);
            double t3 = Math.fma(x3[i], s3, m3);
            a[i] = Math.fma(t0, t0, Math.fma(t1, t1, Math.fma(t2, t2, Math.fma(t3, t3, c))));
        }
    }

    static void sq4(double[] a, double[] x0, double[] x1, double[] x2, double[] x3,
                    double s0, double m0, double s1, double m1, double s2, double m2, double s3, double m3, int n) {
        for (int i = 0; i < n; i++) {
            double t0 = Math.fma(x0[i], s0, m0);
            double t1 = Math.fma(x1[i], s1, m1);
            double t2 = Math.fma(x2[i], s2, m2);
            double t3 = Math.fma(x3[i], s3, m3);
            a[i] = Math.fma(t0, t0, Math.fma(t1, t1, Math.fma(t2, t2, Math.fma(t3, t3, a[i]))));
        }
    }

    static void sq3(double[] a, double[] x0, double[] x1, double[] x2,
                    double s0, double m0, double s1, double m1, double s2, double m2, int n) {
        for (int i = 0; i < n; i++) {
            double t0 = Math.fma(x0[i], s0, m0);
            double t1 = Math.fma(x1[i], s1, m1);
            double t2 = Math.fma(x2[i], s2, m2);
            a[i] = Math.fma(t0, t0, Math.fma(t1, t1, Math.fma(t2, t2, a[i])));
        }
    }

    static void sq2(double[] a, double[] x0, double[] x1, double s0, double m0, double s1, double m1, int n) {
        for (int i = 0; i < n; i++) {
            double t0 = Math.fma(x0[i], s0, m0);
            double t1 = Math.fma(x1[i], s1, m1);
            a[i] = Math.fma(t0, t0, Math.fma(t1, t1, a[i]));
        }
    }

    static void sq1(double[] a, double[] x0, double s0, double m0, int n) {
        for (int i = 0; i < n; i++) {
            double t0 = Math.fma(x0[i], s0, m0);
            a[i] = Math.fma(t0, t0, a[i]);
        }
    }

    /** Double-precision {@link #scaledSquaredDistance(float[], float, float[][], float[], float[], int)}. */
    static void scaledSquaredDistance(double[] a, double c, double[][] x, double[] s, double[] m, int n) {
        int dim = x.length;
        int d = 0;
        if (dim >= 4) {
            sqInit4(a, c, x[0], x[1], x[2], x[3], s[0], m[0], s[1], m[1], s[2], m[2], s[3], m[3], n);
            d = 4;
        } else {
            java.util.Arrays.fill(a, 0, n, c);
        }
        for (; d + 4 <= dim; d += 4) {
            sq4(a, x[d], x[d + 1], x[d + 2], x[d + 3],
                    s[d], m[d], s[d + 1], m[d + 1], s[d + 2], m[d + 2], s[d + 3], m[d + 3], n);
        }
        switch (dim - d) {
            case 3 -> sq3(a, x[d], x[d + 1], x[d + 2], s[d], m[d], s[d + 1], m[d + 1], s[d + 2], m[d + 2], n);
            case 2 -> sq2(a, x[d], x[d + 1], s[d], m[d], s[d + 1], m[d + 1], n);
            case 1 -> sq1(a, x[d], s[d], m[d], n);
            default -> { }
        }
    }

    static void minInto(double[] best, double[] a, int n) {
        for (int i = 0; i < n; i++) {
            best[i] = Math.min(best[i], a[i]);
        }
    }

    /** {@code w[i] = max(best[i] − a[i], −700) / 1024}, written into {@code a}. */
    static void expReduce(double[] a, double[] best, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = Math.max(best[i] - a[i], EXP_CLAMP_DOUBLE) * 0x1p-10;
        }
    }

    /** Upper part of the degree-14 Taylor polynomial of {@code expm1(w)}: terms 7..14 over w⁷. */
    static void expPolyHigh(double[] p, double[] w, int n) {
        for (int i = 0; i < n; i++) {
            double x = w[i];
            double q = Math.fma(x, 1.0 / 87178291200.0, 1.0 / 6227020800.0);
            q = Math.fma(x, q, 1.0 / 479001600.0);
            q = Math.fma(x, q, 1.0 / 39916800.0);
            q = Math.fma(x, q, 1.0 / 3628800.0);
            q = Math.fma(x, q, 1.0 / 362880.0);
            q = Math.fma(x, q, 1.0 / 40320.0);
            p[i] = Math.fma(x, q, 1.0 / 5040.0);
        }
    }

    /** Lower part: {@code w[i] ← expm1(w[i])} (error below 5e-15 relative on [−0.684, 0]). */
    static void expPolyLow(double[] w, double[] p, int n) {
        for (int i = 0; i < n; i++) {
            double x = w[i];
            double q = Math.fma(x, p[i], 1.0 / 720.0);
            q = Math.fma(x, q, 1.0 / 120.0);
            q = Math.fma(x, q, 1.0 / 24.0);
            q = Math.fma(x, q, 1.0 / 6.0);
            q = Math.fma(x, q, 0.5);
            q = Math.fma(x, q, 1.0);
            w[i] = x * q;
        }
    }

    /** Five squarings of {@code 1 + u} kept as {@code u ← u·(u + 2)}. */
    static void expSquare5(double[] u, int n) {
        for (int i = 0; i < n; i++) {
            double x = u[i];
            x = Math.fma(x, x, x + x);
            x = Math.fma(x, x, x + x);
            x = Math.fma(x, x, x + x);
            x = Math.fma(x, x, x + x);
            u[i] = Math.fma(x, x, x + x);
        }
    }

    /** Five more squarings, then {@code 1 + u}: {@code a[i] = exp(1024·w)}, absolute error ~1e-15. */
    static void expSquare5Finish(double[] u, int n) {
        for (int i = 0; i < n; i++) {
            double x = u[i];
            x = Math.fma(x, x, x + x);
            x = Math.fma(x, x, x + x);
            x = Math.fma(x, x, x + x);
            x = Math.fma(x, x, x + x);
            u[i] = 1.0 + Math.fma(x, x, x + x);
        }
    }

    /** {@code a[i] ← exp(max(best[i] − a[i], −700))} with scratch {@code p}. */
    static void expDifference(double[] a, double[] best, double[] p, int n) {
        expReduce(a, best, n);
        expPolyHigh(p, a, n);
        expPolyLow(a, p, n);
        expSquare5(a, n);
        expSquare5Finish(a, n);
    }

    /** {@code a[i] ← exp(max(best[i] − a[i], −80))}, float; see {@link #expStage1}. */
    static void expDifference(float[] a, float[] best, int n) {
        expStage1(a, best, n);
        expStage2(a, n);
    }

    static void addInto(double[] s, double[] a, int n) {
        for (int i = 0; i < n; i++) {
            s[i] += a[i];
        }
    }

    /** {@code a[i] *= f[i]}. */
    static void multiplyInto(double[] a, double[] f, int n) {
        for (int i = 0; i < n; i++) {
            a[i] *= f[i];
        }
    }

    /**
     * {@code out[j][i] = rows[offset + i·dim + j]} for {@code i < count}: a block of row-major frames in the block
     * layout, single precision.
     */
    static void transposeRows(float[] rows, int offset, int dim, int count, float[][] out) {
        for (int i = 0; i < count; i++) {
            int o = offset + i * dim;
            for (int j = 0; j < dim; j++) {
                out[j][i] = rows[o + j];
            }
        }
    }

    /** Single-precision {@link #gatherColumns(float[], int, int[], int, int, double[][])}. */
    static void gatherColumns(float[] rows, int dim, int[] frames, int from, int count, float[][] out) {
        int i = 0;
        for (; i + 8 <= count; i += 8) {
            int o0 = frames[from + i] * dim;
            int o1 = frames[from + i + 1] * dim;
            int o2 = frames[from + i + 2] * dim;
            int o3 = frames[from + i + 3] * dim;
            int o4 = frames[from + i + 4] * dim;
            int o5 = frames[from + i + 5] * dim;
            int o6 = frames[from + i + 6] * dim;
            int o7 = frames[from + i + 7] * dim;
            for (int j = 0; j < dim; j++) {
                float[] x = out[j];
                x[i] = rows[o0 + j];
                x[i + 1] = rows[o1 + j];
                x[i + 2] = rows[o2 + j];
                x[i + 3] = rows[o3 + j];
                x[i + 4] = rows[o4 + j];
                x[i + 5] = rows[o5 + j];
                x[i + 6] = rows[o6 + j];
                x[i + 7] = rows[o7 + j];
            }
        }
        for (; i < count; i++) {
            int o = frames[from + i] * dim;
            for (int j = 0; j < dim; j++) {
                out[j][i] = rows[o + j];
            }
        }
    }

    /**
     * Gathers frames into the block layout: {@code out[j][i] = rows[frames[from + i]·dim + j]} for {@code i < count}
     * and every dimension j, from row-major frames, so that the block kernel
     * ({@link #scaledSquaredDistance(double[], double, double[][], double[], double[], int)}) scores frames that are
     * not contiguous. Eight frames per pass over the dimensions (measured: about twice as fast as one at a time).
     */
    static void gatherColumns(float[] rows, int dim, int[] frames, int from, int count, double[][] out) {
        int i = 0;
        for (; i + 8 <= count; i += 8) {
            int o0 = frames[from + i] * dim;
            int o1 = frames[from + i + 1] * dim;
            int o2 = frames[from + i + 2] * dim;
            int o3 = frames[from + i + 3] * dim;
            int o4 = frames[from + i + 4] * dim;
            int o5 = frames[from + i + 5] * dim;
            int o6 = frames[from + i + 6] * dim;
            int o7 = frames[from + i + 7] * dim;
            for (int j = 0; j < dim; j++) {
                double[] x = out[j];
                x[i] = rows[o0 + j];
                x[i + 1] = rows[o1 + j];
                x[i + 2] = rows[o2 + j];
                x[i + 3] = rows[o3 + j];
                x[i + 4] = rows[o4 + j];
                x[i + 5] = rows[o5 + j];
                x[i + 6] = rows[o6 + j];
                x[i + 7] = rows[o7 + j];
            }
        }
        for (; i < count; i++) {
            int o = frames[from + i] * dim;
            for (int j = 0; j < dim; j++) {
                out[j][i] = rows[o + j];
            }
        }
    }

    /** Single-precision {@link #addSquare(double[], double, double[], double[], int)}. */
    static void addSquare(float[] a, float x, float[] s, float[] m, int n) {
        for (int k = 0; k < n; k++) {
            float t = Math.fma(x, s[k], m[k]);
            a[k] = Math.fma(t, t, a[k]);
        }
    }

    /**
     * {@code a[k] = fma(t, t, a[k])} with {@code t = x·s[k] + m[k]} (one fused multiply-add): one
     * dimension of one frame against every component, for the one-frame form of
     * {@link #scaledSquaredDistance(double[], double, double[][], double[], double[], int)}.
     */
    static void addSquare(double[] a, double x, double[] s, double[] m, int n) {
        for (int k = 0; k < n; k++) {
            double t = Math.fma(x, s[k], m[k]);
            a[k] = Math.fma(t, t, a[k]);
        }
    }
}
