package org.cepstra.features;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.cepstra.matrix.FeatureMatrix;

/** Reads the reference matrices in {@code kaldi-mfcc/<set>/<name>.txt}: "rows cols", then the rows. */
final class ReferenceMatrices {
    private ReferenceMatrices() {
    }

    static double[][] load(String set, String name) {
        String path = "/kaldi-mfcc/" + set + "/" + name + ".txt";
        try (InputStream in = ReferenceMatrices.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String[] head = r.readLine().trim().split("\\s+");
            int rows = Integer.parseInt(head[0]);
            int cols = Integer.parseInt(head[1]);
            double[][] m = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                String[] f = r.readLine().trim().split("\\s+");
                if (f.length != cols) {
                    throw new IllegalStateException(path + ": row " + i + " has " + f.length + " values");
                }
                for (int j = 0; j < cols; j++) {
                    m[i][j] = Double.parseDouble(f[j]);
                }
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }

    /** Largest |actual - ref| / (1e-3 + 1e-4 |ref|) over all values; <= 1 means within tolerance. */
    static double worstToleranceRatio(FeatureMatrix actual, double[][] ref) {
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            for (int j = 0; j < ref[i].length; j++) {
                double err = Math.abs(actual.get(i, j) - ref[i][j]);
                worst = Math.max(worst, err / (1e-3 + 1e-4 * Math.abs(ref[i][j])));
            }
        }
        return worst;
    }

    /** Largest absolute difference over all values. */
    static double maxAbsError(FeatureMatrix actual, double[][] ref) {
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            for (int j = 0; j < ref[i].length; j++) {
                worst = Math.max(worst, Math.abs(actual.get(i, j) - ref[i][j]));
            }
        }
        return worst;
    }
}
