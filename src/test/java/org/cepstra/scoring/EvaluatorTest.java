package org.cepstra.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.corpus.Utterance;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.CorpusFrames;
import org.cepstra.models.UtteranceFrames;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    /** A one-component model centred on {@code mean} in every one of 13 dimensions, unit variance. */
    static DiagonalGmm at(double mean) {
        double[][] m = new double[1][13];
        double[][] v = new double[1][13];
        java.util.Arrays.fill(m[0], mean);
        java.util.Arrays.fill(v[0], 1.0);
        return new DiagonalGmm(new double[] {1}, m, v);
    }

    static UtteranceFrames utterance(String id, String label, double value) {
        float[] frame = new float[13];
        java.util.Arrays.fill(frame, (float) value);
        return new UtteranceFrames(Utterance.wholeFile(id, Path.of("/data/" + id + ".wav"), label),
                FeatureMatrix.of(new float[][] {frame, frame}));
    }

    @Test
    void confusionMatrixAccuracyPrecisionRecallAndErrorsAreCounted() {
        Scorer scorer = new Scorer(ScorerTest.modelSet(Map.of("a", at(0), "b", at(10), "c", at(20))));
        List<UtteranceFrames> test = new ArrayList<>();
        test.add(utterance("a1", "a", 0.1));
        test.add(utterance("a2", "a", 9.0));   // classified b
        test.add(utterance("b1", "b", 10.2));
        test.add(utterance("b2", "b", 11.0));
        test.add(utterance("c1", "c", 19.0));
        test.add(utterance("c2", "c", 12.0));  // classified b
        test.add(utterance("d1", "d", 20.0));  // a label without a model: classified c
        Evaluation e = new Evaluator(scorer, 2).evaluate(new CorpusFrames(test,
                List.of(new SkippedFile(Path.of("/data/x.wav"), "not a RIFF/WAVE file"))));
        assertEquals(List.of("a", "b", "c", "d"), e.labels());
        int[][] expected = {
                {1, 1, 0, 0},
                {0, 2, 0, 0},
                {0, 1, 1, 0},
                {0, 0, 1, 0}};
        int[][] got = e.confusion();
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], got[i], "row " + i);
        }
        assertEquals(4, e.correct());
        assertEquals(7, e.total());
        assertEquals(4.0 / 7, e.accuracy(), 1e-15);
        LabelMetrics b = e.perLabel().get(1);
        assertEquals(0.5, b.precision(), 1e-15); // 2 of the 4 classified as b are b
        assertEquals(1.0, b.recall(), 1e-15);
        assertTrue(Double.isNaN(e.perLabel().get(3).precision()), "nothing classified as d");
        assertEquals(List.of("a2", "c2", "d1"), e.misclassified().stream().map(Misclassification::utteranceId).toList());
        assertEquals("b", e.misclassified().get(0).top().get(0).label());
        assertEquals(3, e.misclassified().get(0).top().size());
        assertEquals(1, e.skipped().size());
    }

    /** An utterance whose frames hold the given values (13 equal dimensions each). */
    static UtteranceFrames frames(String id, String label, double... values) {
        float[][] rows = new float[values.length][13];
        for (int t = 0; t < values.length; t++) {
            java.util.Arrays.fill(rows[t], (float) values[t]);
        }
        return new UtteranceFrames(Utterance.wholeFile(id, Path.of("/data/" + id + ".wav"), label), FeatureMatrix.of(rows));
    }

    @Test
    void framesAreClassifiedOneByOneAndLabelsCanBeLeftOut() {
        Scorer scorer = new Scorer(ScorerTest.modelSet(Map.of("a", at(0), "b", at(10), "sil", at(20))));
        List<UtteranceFrames> test = List.of(
                frames("u1", "a", 0, 1, 9),          // segment a (total nearer 0); frames a a b: 2 right
                frames("u2", "b", 4, 6, 6, 16),      // frames a b b sil: segment b; 2 right
                frames("u3", "sil", 19, 14, 21),     // frames sil b sil: segment sil; 2 right
                frames("u4", "b", 16, 16));          // frames sil sil: segment sil; 0 right; without sil: b b
        Evaluation all = new Evaluator(scorer, 2).evaluate(new CorpusFrames(test, List.of()));
        assertEquals(3, all.correct());
        assertEquals(4, all.total());
        assertEquals(new FrameCounts(6, 12), all.frames());
        assertEquals(0.5, all.frames().accuracy(), 0.0);
        assertEquals(List.of(new Evaluation.Confusion("b", "sil", 1, 2)), all.topConfusions(5));
        assertEquals(java.util.Set.of(), all.ignoredLabels());

        Evaluation phones = new Evaluator(scorer, 1).ignoringLabels(java.util.Set.of("sil")).evaluate(
                new CorpusFrames(test, List.of()));
        assertEquals(List.of("a", "b"), phones.labels(), "sil is no candidate and not scored");
        assertEquals(3, phones.correct());
        assertEquals(3, phones.total());
        // u1: a a b (2), u2: a b b b (3), u4: b b (2)
        assertEquals(new FrameCounts(7, 9), phones.frames());
        assertEquals(java.util.Set.of("sil"), phones.ignoredLabels());
        assertTrue(phones.misclassified().isEmpty());
    }

    @Test
    void trainingPriorsWeighSegmentsByUtterancesAndFramesByFrames() {
        // a trained on 3 utterances of 90 frames, b on 1 utterance of 10 frames: priors 3/4 and 1/4 for
        // segments, 9/10 and 1/10 for frames
        java.util.SortedMap<String, DiagonalGmm> gmms = new java.util.TreeMap<>(Map.of("a", at(0), "b", at(1)));
        org.cepstra.models.ModelSet models = new org.cepstra.models.ModelSet(gmms,
                org.cepstra.features.FeatureConfig.kaldiDefaults(), org.cepstra.gmm.TrainingConfig.defaults(1),
                List.of(new org.cepstra.models.LabelSummary("a", 3, 90, 1, 1, true, 0, 0, 0),
                        new org.cepstra.models.LabelSummary("b", 1, 10, 1, 1, true, 0, 0, 0)), 0);
        // one frame at x (13 equal dims): log p(x|a) - log p(x|b) = 13 (1 - 2x) / 2 = 6.5 - 13x
        // frame decisions: a iff 6.5 - 13x + ln 9 > 0, i.e. x < 0.5 + ln(9)/13 = 0.669
        // two-frame segment at x: a iff 2 (6.5 - 13x) + ln 3 > 0, i.e. x < 0.5 + ln(3)/26 = 0.542
        List<UtteranceFrames> test = List.of(frames("u1", "b", 0.52, 0.52), frames("u2", "b", 0.6, 0.6),
                frames("u3", "b", 0.7, 0.7));
        Evaluation equal = new Evaluator(new Scorer(models), 1).evaluate(new CorpusFrames(test, List.of()));
        assertEquals(3, equal.correct(), "x > 0.5: all b with equal priors");
        assertEquals(new FrameCounts(6, 6), equal.frames());
        Evaluation priors = new Evaluator(new Scorer(models), 1).withTrainingPriors()
                .evaluate(new CorpusFrames(test, List.of()));
        assertEquals(2, priors.correct(), "u1 (0.52 < 0.542) goes to a");
        assertEquals(new FrameCounts(2, 6), priors.frames(), "only u3's frames (0.7 > 0.669) stay b");
        IllegalArgumentException none = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Evaluator(new Scorer(ScorerTest.modelSet(Map.of("a", at(0)))), 1).withTrainingPriors());
        assertTrue(none.getMessage().contains("no training priors"), none.getMessage());
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Scorer scorer = new Scorer(ScorerTest.modelSet(Map.of("a", at(0), "b", at(1))));
        List<UtteranceFrames> test = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            test.add(utterance("u" + i, i % 2 == 0 ? "a" : "b", (i % 7) / 6.0));
        }
        Evaluation one = new Evaluator(scorer, 1).evaluate(new CorpusFrames(test, List.of()));
        Evaluation three = new Evaluator(scorer, 3).evaluate(new CorpusFrames(test, List.of()));
        assertEquals(one.correct(), three.correct());
        assertEquals(one.misclassified(), three.misclassified());
    }
}
