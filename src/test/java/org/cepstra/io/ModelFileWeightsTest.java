package org.cepstra.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.cepstra.gmm.DiagonalGmm;
import org.junit.jupiter.api.Test;

class ModelFileWeightsTest {

    /** The weights a DiagonalGmm built from {@code input} ends up with. */
    private static double[] modelWeights(double[] input) {
        double[][] zeros = new double[input.length][1];
        double[][] ones = new double[input.length][1];
        for (double[] row : ones) {
            row[0] = 1;
        }
        return new DiagonalGmm(input, zeros, ones).weights();
    }

    @Test
    void weightsThatSurviveNormalisationAreKept() {
        for (double[] w : new double[][] {{1.0}, {0.25, 0.75}, {0.5, 0.25, 0.125, 0.125}}) {
            assertSame(w, ModelFileWeights.inputFor(w));
        }
    }

    @Test
    void normaliseDoesWhatTheModelConstructorDoes() {
        Random r = new Random(7);
        for (int t = 0; t < 300; t++) {
            double[] w = new double[1 + r.nextInt(40)];
            for (int c = 0; c < w.length; c++) {
                w[c] = r.nextDouble() + 1e-3;
            }
            double[] scaled = ModelFileWeights.normalise(w);
            assertArrayEquals(modelWeights(scaled), ModelFileWeights.normalise(scaled));
        }
    }

    @Test
    void savedWeightsAreRebuiltExactly() {
        Random r = new Random(11);
        int trials = 2000;
        int needed = 0;
        int exact = 0;
        for (int t = 0; t < trials; t++) {
            double[] raw = new double[1 + r.nextInt(64)];
            for (int c = 0; c < raw.length; c++) {
                raw[c] = -Math.log(r.nextDouble()) + (r.nextInt(10) == 0 ? 1e-6 : 0);
            }
            double[] saved = modelWeights(ModelFileWeights.normalise(raw));
            if (!Arrays.equals(modelWeights(saved), saved)) {
                needed++;
            }
            double[] input = ModelFileWeights.inputFor(saved);
            double[] loaded = modelWeights(input);
            if (Arrays.equals(loaded, saved)) {
                exact++;
            } else {
                assertSame(saved, input, "a failed search hands back the saved weights");
                for (int c = 0; c < saved.length; c++) {
                    assertTrue(Math.abs(loaded[c] - saved[c]) <= 2 * Math.ulp(saved[c]), "within 2 ulps");
                }
            }
        }
        assertTrue(needed > trials / 4, "many saved weight vectors change when renormalised: " + needed);
        assertTrue(exact >= trials - trials / 200, exact + " of " + trials + " rebuilt exactly");
    }
}
