package org.cepstra.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.MapAdapter;
import org.cepstra.gmm.MapOptions;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/** Model sets made by MAP adaptation of a UBM ({@code train --map-from}, {@code enroll}). */
class MapTrainingTest {
    private static final FeatureConfig FEATURES = FeatureConfig.kaldiDefaults().withTargetSampleRateHz(8000);
    private static final int D = 13;

    private static FeatureMatrix frames(Random r, int n, double shift) {
        float[] x = new float[n * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() + (i % D == 0 ? shift : 0) + (i / D % 2 == 0 ? 2 : -2));
        }
        return FeatureMatrix.wrap(n, D, x);
    }

    private static UtteranceFrames utterance(String id, String label, FeatureMatrix m) {
        return new UtteranceFrames(new Utterance(id, Path.of(id + ".wav"), label, Optional.empty(), Optional.empty()), m);
    }

    @Test
    void everyLabelIsTheUbmAdaptedToItsFramesAndTheSetRecordsTheBackground() {
        Random r = new Random(7);
        List<UtteranceFrames> pooled = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pooled.add(utterance("bg" + i, "ubm", frames(r, 300, i - 3)));
        }
        ModelSet ubmSet = new ModelSetTrainer(FEATURES, TrainingConfig.defaults(4), 1).withCalibrationFolds(0)
                .train(new CorpusFrames(pooled, List.of()), ModelTrainingListener.none()).modelSet();
        assertEquals(1, ubmSet.size());
        DiagonalGmm ubm = ubmSet.model("ubm");

        FeatureMatrix a1 = frames(r, 80, 1.5);
        FeatureMatrix a2 = frames(r, 60, 1.5);
        FeatureMatrix b1 = frames(r, 90, -2);
        List<UtteranceFrames> enrol = List.of(utterance("a1", "alice", a1), utterance("a2", "alice", a2),
                utterance("b1", "bob", b1));
        MapOptions options = MapOptions.defaults().withRelevance(8);
        ModelSet speakers = new ModelSetTrainer(FEATURES, TrainingConfig.defaults(4), 2).withCalibrationFolds(0)
                .withMapFrom(ubmSet, options)
                .train(new CorpusFrames(enrol, List.of()), ModelTrainingListener.none()).modelSet();

        MapAdapter adapter = new MapAdapter(ubm, options);
        DiagonalGmm alice = adapter.adapt(FeatureMatrix.stack(List.of(a1, a2)));
        assertArrayEquals(alice.means(), speakers.model("alice").means());
        assertArrayEquals(adapter.adapt(b1).means(), speakers.model("bob").means());
        assertArrayEquals(ubm.variances(), speakers.model("bob").variances()); // means only by default
        assertEquals(Optional.of(new Background(ubm, options)), speakers.background());
        LabelSummary summary = speakers.labels().get(0);
        assertEquals("alice", summary.label());
        assertEquals(140, summary.frames());
        assertEquals(alice.totalLogLikelihood(FeatureMatrix.stack(List.of(a1, a2))) / 140,
                summary.averageLogLikelihood(), 1e-12);
    }

    @Test
    void aUbmIsAModelSetOfOneModel() {
        Random r = new Random(1);
        List<UtteranceFrames> two = List.of(utterance("x", "x", frames(r, 200, 0)), utterance("y", "y", frames(r, 200, 3)));
        ModelSet set = new ModelSetTrainer(FEATURES, TrainingConfig.defaults(2), 1).withCalibrationFolds(0)
                .train(new CorpusFrames(two, List.of()), ModelTrainingListener.none()).modelSet();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelSetTrainer(FEATURES, TrainingConfig.defaults(2), 1).withMapFrom(set, MapOptions.defaults()));
        assertTrue(e.getMessage().contains("has 2 labels (x, y)"), e.getMessage());
    }
}
