package org.cepstra.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeatureTransform;
import org.cepstra.features.LdaEstimator;
import org.cepstra.features.LdaOptions;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/** Training with an LDA stage: the projection of the labelled frames, stored in the set and used by its pipeline. */
class LdaTrainingTest {

    private static List<UtteranceFrames> corpus() {
        Random r = new Random(5);
        List<UtteranceFrames> out = new ArrayList<>();
        String[] labels = {"a", "b", "c"};
        for (int u = 0; u < 12; u++) {
            String label = labels[u % 3];
            double[][] rows = new double[10 + u][13];
            for (int t = 0; t < rows.length; t++) {
                for (int d = 0; d < 13; d++) {
                    // class means differ in the first dimensions; the second half of a segment is shifted
                    rows[t][d] = r.nextGaussian() + (d < 3 ? (u % 3) * (d + 1) : 0) + (2 * t >= rows.length ? 0.5 : 0);
                }
            }
            out.add(ModelSetTrainerTest.frames("u" + u, label, rows));
        }
        return out;
    }

    @Test
    void theSetStoresTheProjectionOfItsTrainingFramesAndItsModelsLiveInTheProjectedSpace() {
        List<UtteranceFrames> utterances = corpus();
        FeatureConfig config = ModelSetTrainerTest.STATICS.withLda(new LdaOptions(4, 2));
        ModelSet one = new ModelSetTrainer(config, TrainingConfig.defaults(1), 1).withCalibrationFolds(0)
                .train(new CorpusFrames(utterances, List.of()), ModelTrainingListener.none()).modelSet();
        ModelSet two = new ModelSetTrainer(config, TrainingConfig.defaults(1), 2).withCalibrationFolds(0)
                .train(new CorpusFrames(utterances, List.of()), ModelTrainingListener.none()).modelSet();

        // the same statistics by hand: class = label index × 2 + half of the segment
        LdaEstimator e = new LdaEstimator(13, 6);
        for (int u = 0; u < utterances.size(); u++) {
            FeatureMatrix f = utterances.get(u).frames();
            int n = f.rows();
            int half = (n + 1) / 2; // frames t with ⌊2t / n⌋ = 0
            e.add((u % 3) * 2, f, 0, half);
            e.add((u % 3) * 2 + 1, f, half, n);
        }
        FeatureTransform expected = e.estimate(4).transform();
        FeatureTransform got = one.transform().orElseThrow();
        assertArrayEquals(expected.matrix(), got.matrix(), 1e-9);
        assertArrayEquals(expected.offset(), got.offset(), 1e-9);
        assertEquals(one.transform(), two.transform()); // the thread count does not change it

        assertEquals(4, one.featureConfig().dimension());
        assertEquals(4, one.model("a").dimension());
        // one component: the model's mean is the mean of the label's projected frames
        double[] mean = new double[4];
        int frames = 0;
        for (UtteranceFrames u : utterances) {
            if (u.utterance().label().equals("b")) {
                FeatureMatrix y = got.apply(u.frames());
                for (int t = 0; t < y.rows(); t++) {
                    for (int d = 0; d < 4; d++) {
                        mean[d] += y.get(t, d);
                    }
                }
                frames += y.rows();
            }
        }
        for (int d = 0; d < 4; d++) {
            assertEquals(mean[d] / frames, one.model("b").means()[0][d], 1e-5);
        }
        assertEquals(one.transform(), one.featurePipeline().transform());
    }

    @Test
    void framesOfAnLdaConfigurationNeedTheProjection() {
        FeatureConfig config = ModelSetTrainerTest.STATICS.withLda(new LdaOptions(2, 1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new org.cepstra.features.FeaturePipeline(config).postProcess(FeatureMatrix.of(new float[4][13])));
        assertEquals("the feature configuration ends in an LDA projection estimated in training: make its frames "
                + "with the model set's pipeline (ModelSet.featurePipeline())", e.getMessage());
        assertEquals(ModelSetTrainerTest.STATICS, config.beforeTransform());
        assertEquals(13, config.splicedDimension());
    }
    @Test
    void shortUtterancesProjectedTogetherGetTheValuesOfEachProjectedAlone() {
        Random r = new Random(9);
        List<UtteranceFrames> many = new ArrayList<>();
        for (int u = 0; u < 300; u++) { // 300 segments of 1 to 12 frames: several batches of 512 frames or more
            double[][] rows = new double[1 + u % 12][13];
            for (double[] row : rows) {
                for (int d = 0; d < 13; d++) {
                    row[d] = r.nextGaussian() * (d + 1);
                }
            }
            many.add(ModelSetTrainerTest.frames("s" + u, "l" + u % 4, rows));
        }
        double[] matrix = new double[5 * 13];
        double[] offset = new double[5];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = r.nextGaussian();
        }
        for (int i = 0; i < offset.length; i++) {
            offset[i] = r.nextGaussian();
        }
        FeatureTransform transform = new FeatureTransform(5, 13, matrix, offset);
        for (int threads : new int[] {1, 2}) {
            List<UtteranceFrames> projected = LdaTraining.project(many, transform, threads);
            assertEquals(many.size(), projected.size());
            for (int u = 0; u < many.size(); u++) {
                assertEquals(many.get(u).utterance(), projected.get(u).utterance());
                assertEquals(transform.apply(many.get(u).frames()), projected.get(u).frames(), "segment " + u);
            }
        }
    }
}
