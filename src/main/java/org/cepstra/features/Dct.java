package org.cepstra.features;

/** The DCT and lifter tables of the cepstral stage, as Kaldi's {@code ComputeDctMatrix} and lifter. */
final class Dct {
    private Dct() {
    }

    /**
     * The first {@code rows} rows of the orthonormal DCT-II of size {@code n}: row 0 is {@code sqrt(1/n)},
     * row {@code k > 0} is {@code sqrt(2/n) cos(π k (j + 0.5) / n)} for column {@code j}.
     */
    static double[][] kaldiDct(int rows, int n) {
        if (rows > n) {
            throw new IllegalArgumentException("cannot keep " + rows + " cepstra from " + n + " mel bins");
        }
        double[][] m = new double[rows][n];
        double first = Math.sqrt(1.0 / n);
        double other = Math.sqrt(2.0 / n);
        for (int k = 0; k < rows; k++) {
            for (int j = 0; j < n; j++) {
                m[k][j] = k == 0 ? first : other * Math.cos(Math.PI / n * (j + 0.5) * k);
            }
        }
        return m;
    }

    /** Lifter coefficients {@code 1 + Q/2 sin(π i / Q)} for {@code i = 0 .. count - 1}; all ones when Q = 0. */
    static double[] lifter(int count, double q) {
        double[] c = new double[count];
        for (int i = 0; i < count; i++) {
            c[i] = q == 0.0 ? 1.0 : 1.0 + 0.5 * q * Math.sin(Math.PI * i / q);
        }
        return c;
    }
}
