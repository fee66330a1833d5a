package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeltaFeaturesTest {

    private static final DeltaFeatures DEFAULT = new DeltaFeatures(DeltaOptions.kaldiDefaults());

    @Test
    void defaultsAreKaldiAddDeltas() {
        assertEquals(new DeltaOptions(2, 2), DeltaOptions.kaldiDefaults());
        assertEquals(39, DeltaOptions.kaldiDefaults().outputDims(13));
    }

    @Test
    void firstOrderFilterIsRegressionOverFiveFrames() {
        float[] expected = {-0.2f, -0.1f, 0f, 0.1f, 0.2f};
        assertArrayEquals(expected, DEFAULT.filter(1), 1e-7f);
        assertArrayEquals(new float[] {1f}, DEFAULT.filter(0));
    }

    @Test
    void secondOrderFilterIsDeltaFilterConvolvedWithItself() {
        // [-2,-1,0,1,2] * [-2,-1,0,1,2] = [4,4,1,-4,-10,-4,1,4,4], divided by 10 * 10
        float[] expected = {0.04f, 0.04f, 0.01f, -0.04f, -0.10f, -0.04f, 0.01f, 0.04f, 0.04f};
        assertArrayEquals(expected, DEFAULT.filter(2), 1e-7f);
    }

    @Test
    void windowOneFilters() {
        DeltaFeatures d = new DeltaFeatures(new DeltaOptions(2, 1));
        assertArrayEquals(new float[] {-0.5f, 0f, 0.5f}, d.filter(1), 1e-7f);
        // [-1,0,1] * [-1,0,1] = [1,0,-2,0,1], / 4
        assertArrayEquals(new float[] {0.25f, 0f, -0.5f, 0f, 0.25f}, d.filter(2), 1e-7f);
    }

    @Test
    void linearRampGivesConstantDeltaAwayFromEdges() {
        int rows = 20;
        float slope = 0.75f;
        float[][] x = new float[rows][2];
        for (int t = 0; t < rows; t++) {
            x[t][0] = 3f + slope * t;
            x[t][1] = -2f * t;
        }
        FeatureMatrix out = DEFAULT.apply(FeatureMatrix.of(x));
        assertEquals(rows, out.rows());
        assertEquals(6, out.cols());
        for (int t = 0; t < rows; t++) {
            assertEquals(x[t][0], out.get(t, 0), 0f, "statics copied");
            assertEquals(x[t][1], out.get(t, 1), 0f);
        }
        // full window inside the ramp: delta = slope, delta-delta = 0
        for (int t = 2; t < rows - 2; t++) {
            assertEquals(slope, out.get(t, 2), 1e-5f, "delta at " + t);
            assertEquals(-2f, out.get(t, 3), 1e-5f);
        }
        for (int t = 4; t < rows - 4; t++) {
            assertEquals(0f, out.get(t, 4), 1e-5f, "delta-delta at " + t);
            assertEquals(0f, out.get(t, 5), 1e-5f);
        }
    }

    @Test
    void edgeFramesAreRepeated() {
        // ramp x[t] = t, T = 10. At t = 0 the window reads frames 0,0,0,1,2:
        // (-2*0 - 1*0 + 0 + 1*1 + 2*2) / 10 = 0.5; at t = 1: frames 0,0,1,2,3 -> (0 + 0 + 0 + 2 + 6)/10 = 0.8
        float[][] x = new float[10][1];
        for (int t = 0; t < 10; t++) {
            x[t][0] = t;
        }
        FeatureMatrix out = DEFAULT.apply(FeatureMatrix.of(x));
        assertEquals(0.5f, out.get(0, 1), 1e-6f);
        assertEquals(0.8f, out.get(1, 1), 1e-6f);
        assertEquals(1.0f, out.get(2, 1), 1e-6f);
        // symmetric at the end: t = 9 reads 7,8,9,9,9 -> (-14 - 8 + 0 + 9 + 18)/10 = 0.5
        assertEquals(0.5f, out.get(9, 1), 1e-6f);
        assertEquals(0.8f, out.get(8, 1), 1e-6f);
        // delta-delta at t = 0 reads frames 0,0,0,0,0,1,2,3,4 with taps [4,4,1,-4,-10,-4,1,4,4]/100:
        // (-4*1 + 1*2 + 4*3 + 4*4)/100 = 0.26
        assertEquals(0.26f, out.get(0, 2), 1e-6f);
        // t = 9 reads 5,6,7,8,9,9,9,9,9: (4*5 + 4*6 + 7 - 32 - 90 - 36 + 9 + 36 + 36)/100 = -0.26
        assertEquals(-0.26f, out.get(9, 2), 1e-6f);
    }

    @Test
    void constantGivesZeroDerivatives() {
        float[][] x = new float[7][3];
        for (float[] row : x) {
            row[0] = 4.25f;
            row[1] = -1.5f;
            row[2] = 1000f;
        }
        FeatureMatrix out = DEFAULT.apply(FeatureMatrix.of(x));
        for (int t = 0; t < 7; t++) {
            for (int c = 3; c < 9; c++) {
                assertEquals(0f, out.get(t, c), 1e-4f, "frame " + t + " col " + c);
            }
        }
    }

    @Test
    void singleFrameHasZeroDerivatives() {
        FeatureMatrix out = DEFAULT.apply(FeatureMatrix.of(new float[][] {{1f, 2f}}));
        assertEquals(1, out.rows());
        assertEquals(6, out.cols());
        assertArrayEquals(new float[] {1f, 2f, 0f, 0f, 0f, 0f}, out.row(0), 1e-6f);
    }

    @Test
    void zeroFramesGiveZeroFrames() {
        FeatureMatrix out = DEFAULT.apply(FeatureMatrix.empty(13));
        assertEquals(0, out.rows());
        assertEquals(39, out.cols());
    }

    @Test
    void orderZeroCopiesStatics() {
        FeatureMatrix in = FeatureMatrix.of(new float[][] {{1f, 2f}, {3f, 4f}});
        assertEquals(in, new DeltaFeatures(DeltaOptions.none()).apply(in));
    }

    @Test
    void orderZeroGivesTheFilterSumBitForBit() {
        // 0 + 1·x: every value unchanged, except -0, which becomes +0 as in Kaldi's summation
        DeltaFeatures none = new DeltaFeatures(DeltaOptions.none());
        float[] values = {-0f, 0f, 1.5f, -2.25f, Float.MIN_VALUE, -Float.MAX_VALUE};
        FeatureMatrix out = none.apply(FeatureMatrix.wrap(3, 2, values.clone()));
        float[] got = out.toArray();
        for (int i = 0; i < values.length; i++) {
            float expected = 0.0f + 1.0f * values[i];
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(got[i]), "value " + i);
        }
        assertEquals(0, Float.floatToRawIntBits(got[0])); // +0
        FeatureMatrix plain = FeatureMatrix.of(new float[][] {{3f, -4f}});
        assertEquals(Float.floatToRawIntBits(-4f), Float.floatToRawIntBits(none.apply(plain).get(0, 1)));
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new DeltaOptions(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> new DeltaOptions(2, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeltaOptions(1000, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"6_yweweler_3", "3_theo_3", "8_nicolas_31"})
    void matchesKaldiAddDeltasReference(String name) throws IOException {
        float[][] statics = readReference("/kaldi-deltas/" + name + ".statics.txt");
        float[][] reference = readReference("/kaldi-deltas/" + name + ".deltas.txt");
        FeatureMatrix out = DEFAULT.apply(FeatureMatrix.of(statics));
        assertEquals(reference.length, out.rows());
        assertEquals(reference[0].length, out.cols());
        double worst = 0;
        for (int t = 0; t < out.rows(); t++) {
            for (int c = 0; c < out.cols(); c++) {
                double ref = reference[t][c];
                double err = Math.abs(out.get(t, c) - ref);
                assertTrue(err <= 1e-3 + 1e-4 * Math.abs(ref),
                        name + " frame " + t + " col " + c + ": " + out.get(t, c) + " vs " + ref);
                worst = Math.max(worst, err);
            }
        }
        assertTrue(worst < 1e-4, "worst error " + worst);
    }

    static float[][] readReference(String resource) throws IOException {
        try (InputStream in = DeltaFeaturesTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String[] head = r.readLine().trim().split("\\s+");
            int rows = Integer.parseInt(head[0]);
            int cols = Integer.parseInt(head[1]);
            float[][] out = new float[rows][cols];
            for (int t = 0; t < rows; t++) {
                String[] cells = r.readLine().trim().split("\\s+");
                assertEquals(cols, cells.length, resource + " row " + t);
                for (int c = 0; c < cols; c++) {
                    out[t][c] = (float) Double.parseDouble(cells[c]);
                }
            }
            return out;
        }
    }
}
