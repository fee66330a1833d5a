package org.cepstra.scoring;

import static org.cepstra.scoring.ScoringTestData.gaussian;
import static org.cepstra.scoring.ScoringTestData.logDensity;
import static org.cepstra.scoring.ScoringTestData.oneDimension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.cepstra.corpus.Utterance;



import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.MapOptions;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.Calibration;
import org.cepstra.models.CorpusFrames;
import org.cepstra.models.ModelSet;
import org.cepstra.models.StateModels;
import org.cepstra.models.UtteranceFrames;
import org.junit.jupiter.api.Test;

/**
 * Two-pass speaker adaptation against closed forms: MAP of one Gaussian's mean from n frames with relevance r is
 * (Σx + r·μ) / (n + r), and an utterance is scored with its own first-pass label adapted without it.
 */
class SpeakerAdaptationTest {
    private static final double R = MapOptions.DEFAULT_RELEVANCE;

    private static double total(float[] x, double mean) {
        double t = 0;
        for (float v : x) {
            t += logDensity(v, mean, 1);
        }
        return t;
    }

    private static double sum(float[]... utterances) {
        double s = 0;
        for (float[] u : utterances) {
            for (float v : u) {
                s += v;
            }
        }
        return s;
    }

    private static FeatureMatrix column(float[] x) {
        float[][] rows = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            rows[i] = new float[] {x[i]};
        }
        return FeatureMatrix.of(rows);
    }

    private static float[] repeat(float v, int n) {
        float[] x = new float[n];
        Arrays.fill(x, v);
        return x;
    }

    /** Labels "a" (mean -1) and "b" (mean 3), one unit-variance Gaussian each. */
    private static ModelSet twoLabels() {
        SortedMap<String, DiagonalGmm> models = new TreeMap<>();
        models.put("a", gaussian(-1, 1));
        models.put("b", gaussian(3, 1));
        return new ModelSet(models, oneDimension(), TrainingConfig.defaults(1), List.of(), 0, Calibration.none(),
                Optional.empty(), Optional.empty(), Optional.empty(), 1);
    }

    private static double scoreOf(Ranking r, String label) {
        return r.scores().stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow().totalLogLikelihood();
    }

    private static List<Ranking> adapt(Scorer scorer, List<float[]> utterances) {
        List<FeatureMatrix> frames = utterances.stream().map(SpeakerAdaptationTest::column).toList();
        List<Ranking> first = frames.stream().map(scorer::score).toList();
        return new SpeakerAdaptation(scorer, MapOptions.defaults()).rerank(frames, first);
    }

    @Test
    void eachUtteranceIsScoredWithItsOwnLabelAdaptedWithoutIt() {
        Scorer scorer = new Scorer(twoLabels());
        float[] u1 = {0.2f, 0.4f}; // first pass: a
        float[] u2 = {0.6f};       // a
        float[] u3 = {2.0f, 2.4f}; // b
        List<Ranking> second = adapt(scorer, List.of(u1, u2, u3));
        // u1: a from u2 alone (u1 left out), b from u3
        double a1 = (sum(u2) + R * -1) / (1 + R);
        double b = (sum(u3) + R * 3) / (2 + R);
        assertEquals(total(u1, a1), scoreOf(second.get(0), "a"), 1e-9);
        assertEquals(total(u1, b), scoreOf(second.get(0), "b"), 1e-9);
        // u2: a from u1 alone
        double a2 = (sum(u1) + R * -1) / (2 + R);
        assertEquals(total(u2, a2), scoreOf(second.get(1), "a"), 1e-9);
        assertEquals(total(u2, b), scoreOf(second.get(1), "b"), 1e-9);
        // u3: a from u1 and u2; b is u3's own label and no other utterance has it: the model as it was
        double a3 = (sum(u1, u2) + R * -1) / (3 + R);
        assertEquals(total(u3, a3), scoreOf(second.get(2), "a"), 1e-9);
        assertEquals(total(u3, 3), scoreOf(second.get(2), "b"), 1e-9);
    }

    @Test
    void aSpeakerOfOneUtteranceIsScoredAsWithoutAdaptation() {
        Scorer scorer = new Scorer(twoLabels());
        FeatureMatrix x = column(new float[] {0.1f, 2.9f, 1.7f});
        Ranking first = scorer.score(x);
        Ranking second = new SpeakerAdaptation(scorer, MapOptions.defaults()).rerank(List.of(x), List.of(first)).get(0);
        assertEquals(first, second);
    }

    @Test
    void statesAreAdaptedWithTheFramesOfTheirParts() {
        // "up" rises through -2, 0, 2 in three equal parts; "down" falls
        SortedMap<String, DiagonalGmm> models = new TreeMap<>();
        models.put("up", StateModels.union(List.of(gaussian(-2, 1), gaussian(0, 1), gaussian(2, 1))));
        models.put("down", StateModels.union(List.of(gaussian(2, 1), gaussian(0, 1), gaussian(-2, 1))));
        ModelSet set = new ModelSet(models, oneDimension(), TrainingConfig.defaults(3), List.of(), 0,
                Calibration.none(), Optional.empty(), Optional.empty(), Optional.empty(), 3);
        float[] x = {-2.5f, -1.5f, 0.5f, 1.5f, 2.5f}; // parts: frames 0-1, 2-3, 4
        float[] v = {-1f, -1f, 1f, 1f, 3f};
        List<Ranking> second = adapt(new Scorer(set), List.of(x, v));
        // x: up's states adapted to v's parts; down has no utterance: as it was
        double m0 = (-2 + R * -2) / (2 + R);
        double m1 = (2 + R * 0) / (2 + R);
        double m2 = (3 + R * 2) / (1 + R);
        double up = logDensity(x[0], m0, 1) + logDensity(x[1], m0, 1) + logDensity(x[2], m1, 1)
                + logDensity(x[3], m1, 1) + logDensity(x[4], m2, 1);
        double down = logDensity(x[0], 2, 1) + logDensity(x[1], 2, 1) + logDensity(x[2], 0, 1)
                + logDensity(x[3], 0, 1) + logDensity(x[4], -2, 1);
        assertEquals(up, scoreOf(second.get(0), "up"), 1e-9);
        assertEquals(down, scoreOf(second.get(0), "down"), 1e-9);
    }

    /**
     * A speaker whose "a" sits between the models: 20 frames at 1.2 go to b on their own, but the speaker's other
     * two renditions (0.9, taken as a) pull a's mean to (36 - 16) / 56 = 0.357, and the evaluation gets all three.
     */
    @Test
    void theEvaluatorClassifiesAgainAfterAdaptingToEachSpeaker() {
        Scorer scorer = new Scorer(twoLabels());
        List<UtteranceFrames> utterances = new ArrayList<>();
        float[][] frames = {repeat(1.2f, 20), repeat(0.9f, 20), repeat(0.9f, 20), repeat(1.2f, 20)};
        String[] speakers = {"s1", "s1", "s1", "s2"};
        Map<String, String> speakerOf = new java.util.HashMap<>();
        for (int i = 0; i < frames.length; i++) {
            String id = "u" + i;
            utterances.add(new UtteranceFrames(Utterance.wholeFile(id, Path.of("/x/" + id + ".wav"), "a"),
                    column(frames[i])));
            speakerOf.put(id, speakers[i]);
        }
        CorpusFrames corpus = new CorpusFrames(utterances, List.of());
        Evaluation alone = new Evaluator(scorer, 1).evaluate(corpus);
        assertEquals(2, alone.correct()); // the 1.2 utterances go to b
        Evaluation adapted = new Evaluator(scorer, 2).withSpeakerAdaptation(MapOptions.defaults(), speakerOf)
                .evaluate(corpus);
        // s1's 1.2 utterance is now a; s2 has one utterance, nothing to adapt to
        assertEquals(3, adapted.correct());
        assertEquals(alone.frames(), adapted.frames());

        speakerOf.remove("u3");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Evaluator(scorer, 1)
                .withSpeakerAdaptation(MapOptions.defaults(), speakerOf).evaluate(corpus));
        assertEquals(Evaluator.NO_SPEAKER_TO_ADAPT + "'u3'", e.getMessage());
    }

    @Test
    void mismatchedListsAreRefused() {
        Scorer scorer = new Scorer(twoLabels());
        FeatureMatrix x = column(new float[] {0.1f});
        assertThrows(IllegalArgumentException.class, () -> new SpeakerAdaptation(scorer, MapOptions.defaults())
                .rerank(List.of(x, x), List.of(scorer.score(x))));
    }
}
