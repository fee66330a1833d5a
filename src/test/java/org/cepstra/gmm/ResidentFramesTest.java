package org.cepstra.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/**
 * The E-step on frames kept resident in the workers' layout ({@link EmWorker.Resident}) gives the statistics of the
 * E-step that loads the raw frames anew, bit for bit: every block size at the edges (a partial last block, a
 * block of fewer than four frames), one thread and several, with and without accumulation.
 */
class ResidentFramesTest {

    @Test
    void residentFramesGiveTheStatisticsOfFramesLoadedAnewBitForBit() {
        int d = 7;
        int k = 5;
        DiagonalGmm gmm = GmmTestData.randomModel(k, d, 2.0, 11);
        for (int n : new int[] {3, EmWorker.BLOCK_MAX, 2 * EmWorker.BLOCK_MAX + 6, 3 * ChunkScheduler.CHUNK_ROWS + 130}) {
            FeatureMatrix frames = GmmTestData.gaussianFrames(n, d, 2.5, n);
            for (int threads : new int[] {1, 3}) {
                TrainingContext anew = new TrainingContext(frames, k, new ChunkScheduler(threads), 0);
                TrainingContext resident = new TrainingContext(frames, k, new ChunkScheduler(threads), Long.MAX_VALUE);
                FloatModel model = FloatModel.of(gmm); // a model in standardised units
                for (int round = 0; round < 2; round++) {
                    for (boolean accumulate : new boolean[] {true, false}) {
                        GmmStatistics a = anew.eStep(model, anew.workers, accumulate);
                        GmmStatistics b = resident.eStep(model, resident.workers, accumulate);
                        String what = n + " frames, " + threads + " threads, round " + round;
                        assertEquals(a.totalLogLikelihood, b.totalLogLikelihood, 0.0, what);
                        assertArrayEquals(a.occupancy, b.occupancy, 0.0, what);
                        assertArrayEquals(a.first, b.first, 0.0, what);
                        assertArrayEquals(a.second, b.second, 0.0, what);
                    }
                }
            }
        }
    }

    @Test
    void residentColumnsGiveTheHardAssignmentOfColumnsLoadedAnewBitForBit() {
        int d = 5;
        int k = 4;
        int m = 2 * EmWorker.BLOCK_MAX + 9;
        FeatureMatrix frames = GmmTestData.gaussianFrames(m, d, 3.0, 8);
        float[][] columns = new float[d][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                columns[j][i] = frames.get(i, j);
            }
        }
        EmWorker.Resident resident = EmWorker.Resident.ofColumns(columns, m);
        FloatModel centres = FloatModel.of(GmmTestData.randomModel(k, d, 3.0, 2));
        EmWorker anew = new EmWorker(d, k, EmWorker.BLOCK_MAX);
        EmWorker kept = new EmWorker(d, k, EmWorker.BLOCK_MAX);
        GmmStatistics a = new GmmStatistics(k, d);
        GmmStatistics b = new GmmStatistics(k, d);
        float[] minA = new float[m];
        float[] minB = new float[m];
        for (int first = 0; first < m; first += EmWorker.BLOCK_MAX) {
            int n = Math.min(EmWorker.BLOCK_MAX, m - first);
            anew.loadColumns(columns, first, n);
            anew.scores(centres, n);
            a.totalLogLikelihood += anew.assign(n, minA, first, a);
            kept.load(resident, first, n);
            kept.scores(centres, n);
            b.totalLogLikelihood += kept.assign(n, minB, first, b);
        }
        assertEquals(a.totalLogLikelihood, b.totalLogLikelihood, 0.0);
        assertArrayEquals(minA, minB, 0f);
        assertArrayEquals(a.occupancy, b.occupancy, 0.0);
        assertArrayEquals(a.first, b.first, 0.0);
        assertArrayEquals(a.second, b.second, 0.0);
    }
}
