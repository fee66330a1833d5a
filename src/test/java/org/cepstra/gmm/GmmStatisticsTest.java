package org.cepstra.gmm;

import static org.cepstra.gmm.GmmTestData.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

class GmmStatisticsTest {

    @Test
    void accumulateEqualsDefinition() {
        DiagonalGmm g = GmmTestData.randomModel(4, 3, 2.0, 1);
        FeatureMatrix data = GmmTestData.gaussianFrames(700, 3, 2.5, 2);
        GmmStatistics s = new GmmStatistics(4, 3);
        double ll = s.accumulate(data, 0, 700, g);
        double[] occ = new double[4];
        double[][] first = new double[4][3];
        double[][] second = new double[4][3];
        double total = 0;
        for (int i = 0; i < 700; i++) {
            float[] x = data.row(i);
            double[] p = GmmTestData.naivePosteriors(g, x);
            total += GmmTestData.naiveLogLikelihood(g, x);
            for (int c = 0; c < 4; c++) {
                occ[c] += p[c];
                for (int j = 0; j < 3; j++) {
                    first[c][j] += p[c] * x[j];
                    second[c][j] += p[c] * x[j] * x[j];
                }
            }
        }
        assertClose(total, ll, 1e-10, "returned LL");
        assertClose(total, s.totalLogLikelihood(), 1e-10, "stored LL");
        assertEquals(700, s.frameCount());
        for (int c = 0; c < 4; c++) {
            assertClose(occ[c], s.occupancy()[c], 1e-10, "occupancy " + c);
            for (int j = 0; j < 3; j++) {
                assertClose(first[c][j], s.firstOrder()[c][j], 1e-10, "first " + c + "," + j);
                assertClose(second[c][j], s.secondOrder()[c][j], 1e-10, "second " + c + "," + j);
            }
        }
    }

    @Test
    void statisticsOfTwoHalvesMergeIntoThoseOfTheWhole() {
        DiagonalGmm g = GmmTestData.randomModel(5, 4, 2.0, 3);
        FeatureMatrix data = GmmTestData.gaussianFrames(1001, 4, 2.0, 4);
        GmmStatistics whole = new GmmStatistics(5, 4);
        whole.accumulate(data, 0, 1001, g);
        GmmStatistics a = new GmmStatistics(5, 4);
        GmmStatistics b = new GmmStatistics(5, 4);
        a.accumulate(data, 0, 333, g);
        b.accumulate(data, 333, 668, g);
        GmmStatistics merged = a.copy();
        merged.add(b);
        assertEquals(1001, merged.frameCount());
        assertEquals(333, a.frameCount(), "copy is independent");
        assertClose(whole.totalLogLikelihood(), merged.totalLogLikelihood(), 1e-12, "LL");
        for (int c = 0; c < 5; c++) {
            assertClose(whole.occupancy()[c], merged.occupancy()[c], 1e-12, "occupancy");
            for (int j = 0; j < 4; j++) {
                assertClose(whole.firstOrder()[c][j], merged.firstOrder()[c][j], 1e-12, "first");
                assertClose(whole.secondOrder()[c][j], merged.secondOrder()[c][j], 1e-12, "second");
            }
        }
    }

    @Test
    void frameWithGivenPosteriors() {
        GmmStatistics s = new GmmStatistics(2, 2);
        s.accumulate(new float[] {1f, -2f}, new double[] {0.25, 0.75});
        s.accumulate(new float[] {3f, 4f}, new double[] {1, 0});
        assertEquals(1.25, s.occupancy()[0]);
        assertEquals(0.75, s.occupancy()[1]);
        assertEquals(0.25 * 1 + 3, s.firstOrder()[0][0]);
        assertEquals(0.25 * -2 + 4, s.firstOrder()[0][1]);
        assertEquals(0.75 * 4, s.secondOrder()[1][1]);
        assertEquals(0.25 * 4 + 16, s.secondOrder()[0][1]);
        assertEquals(2, s.frameCount());
        assertThrows(IllegalArgumentException.class, () -> s.accumulate(new float[] {1f, 2f}, new double[] {-1, 2}));
        assertThrows(IllegalArgumentException.class, () -> s.accumulate(new float[] {1f}, new double[] {1, 0}));
    }

    @Test
    void mismatchedShapesAreRejected() {
        GmmStatistics s = new GmmStatistics(2, 3);
        assertThrows(IllegalArgumentException.class, () -> s.add(new GmmStatistics(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> new GmmStatistics(0, 3));
        DiagonalGmm g = GmmTestData.randomModel(2, 2, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> s.accumulate(GmmTestData.gaussianFrames(3, 3, 1, 1), 0, 3, g));
        DiagonalGmm g3 = GmmTestData.randomModel(2, 3, 1, 1);
        assertThrows(IndexOutOfBoundsException.class, () -> s.accumulate(GmmTestData.gaussianFrames(3, 3, 1, 1), 2, 3, g3));
    }
}
