package org.cepstra.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cepstra.audio.Audio;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.Calibration;
import org.cepstra.models.CorpusFrames;
import org.cepstra.models.ModelSet;
import org.cepstra.models.UtteranceFrames;
import org.junit.jupiter.api.Test;

/** Posteriors with a {@link Calibration}: exact softmax, unchanged ranking, calibrated early decisions. */
class CalibratedScoringTest {

    private static ModelSet tenLabels(Calibration c) {
        Map<String, DiagonalGmm> models = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            models.put("l" + i, EvaluatorTest.at(i));
        }
        return ScorerTest.modelSet(models).withCalibration(c);
    }

    @Test
    void identicalHugeTotalsGivePosteriorsThatSumToOne() {
        // was: max + log Σ lost log 10 next to |max| ≈ 2e14, and the ten posteriors summed to 0.974
        Scorer scorer = new Scorer(tenLabels(Calibration.none()));
        for (double total : new double[] {-2e14, -3.3e15, 1e300, -1e300, 0}) {
            double[] totals = new double[10];
            java.util.Arrays.fill(totals, total);
            Ranking r = scorer.rank(totals, 50);
            double sum = 0;
            for (LabelScore s : r.scores()) {
                assertEquals(0.1, s.posterior(), 1e-15, "total " + total);
                sum += s.posterior();
            }
            assertEquals(1.0, sum, 1e-15, "total " + total);
        }
    }

    @Test
    void posteriorIsTheScaledSoftmaxClosedForm() {
        // two labels 10 nats apart, scale 0.1 × T^-0.5 at T = 4 frames: factor 0.05, p = 1 / (1 + e^-0.5)
        Map<String, DiagonalGmm> two = new LinkedHashMap<>();
        two.put("x", EvaluatorTest.at(0));
        two.put("y", EvaluatorTest.at(1));
        ModelSet set = ScorerTest.modelSet(two).withCalibration(
                new Calibration(0.1, 0.5, Calibration.HeldOut.SPEAKERS, 3, 30));
        Ranking r = new Scorer(set).rank(new double[] {-100, -110}, 4);
        assertEquals("x", r.bestLabel());
        assertEquals(1 / (1 + Math.exp(-0.5)), r.best().posterior(), 1e-15);
        assertEquals(-100, r.best().totalLogLikelihood(), 0.0, "raw totals stay in the ranking");
        assertEquals(-25, r.best().averageLogLikelihood(), 0.0);
    }

    @Test
    void calibrationNeverChangesTheRanking() {
        Random random = new Random(9);
        Scorer raw = new Scorer(tenLabels(Calibration.none()));
        List<Scorer> calibrated = List.of(
                new Scorer(tenLabels(new Calibration(0.03, 0, Calibration.HeldOut.SPEAKERS, 4, 100))),
                new Scorer(tenLabels(new Calibration(1.2, 1, Calibration.HeldOut.UTTERANCES, 5, 100))),
                new Scorer(tenLabels(new Calibration(1e-9, 0.25, Calibration.HeldOut.UTTERANCES, 5, 100))));
        for (int trial = 0; trial < 2000; trial++) {
            double[] totals = new double[10];
            int frames = 1 + random.nextInt(300);
            for (int i = 0; i < 10; i++) {
                // near ties included: totals on a coarse grid
                totals[i] = -40.0 * frames + Math.round(random.nextGaussian() * 20) * (trial % 2 == 0 ? 1 : 1e-7);
            }
            List<String> order = raw.rank(totals, frames).scores().stream().map(LabelScore::label).toList();
            for (Scorer s : calibrated) {
                Ranking r = s.rank(totals, frames);
                assertEquals(order, r.scores().stream().map(LabelScore::label).toList());
                for (int i = 1; i < r.scores().size(); i++) {
                    assertTrue(r.scores().get(i - 1).posterior() >= r.scores().get(i).posterior());
                }
            }
        }
    }

    @Test
    void earlyDecisionUsesTheCalibratedPosterior() {
        // the brute-force reference of StreamingScorerTest goes through Scorer.rank, so it is calibrated too
        ModelSet digits = ScoringTestData.trainedDigits(ScoringTestData.MFCC_39, 4);
        ModelSet calibrated = digits.withCalibration(new Calibration(0.05, 0, Calibration.HeldOut.SPEAKERS, 4, 500));
        int rawDecisions = 0;
        int calibratedDecisions = 0;
        for (String name : ScoringTestData.WAVS_8K) {
            Audio audio = ScoringTestData.audio(name);
            FeatureMatrix frames = new FeaturePipeline(digits.featureConfig()).extract(audio);
            for (ModelSet set : List.of(digits, calibrated)) {
                StreamingScorer s = new StreamingScorer(set, 8000).withEarlyDecision(0.99, 10);
                s.accept(audio.samples());
                s.finish();
                assertEquals(StreamingScorerTest.referenceDecision(set, frames, 0.99, 10).map(Decision::frameIndex),
                        s.decision().map(Decision::frameIndex), name);
                assertEquals(new Scorer(set).score(frames).best().posterior(), s.current().best().posterior(), 1e-9);
                if (s.decision().isPresent()) {
                    if (set == digits) {
                        rawDecisions++;
                    } else {
                        calibratedDecisions++;
                        // 0.99 after scaling by 0.05 needs a margin of ln(99 · 9)/0.05 ≈ 136 nats at least
                        assertTrue(s.decision().get().frameIndex() >= 9);
                    }
                }
            }
        }
        assertTrue(calibratedDecisions < rawDecisions, calibratedDecisions + " vs " + rawDecisions);
    }

    @Test
    void reliabilityReportByHand() {
        // confidences 0.95 (right), 0.95 (wrong), 0.55 (right), 0.995 (wrong)
        ReliabilityReport r = ReliabilityReport.of(new double[] {0.95, 0.95, 0.55, 0.995},
                new boolean[] {true, false, true, false}, new double[] {0.005, 1.8, 0.4, 1.99});
        // bin 0.9-1.0: 3 utterances, mean confidence 0.965, accuracy 1/3; bin 0.5-0.6: 1, 0.55, accuracy 1
        double ece = 3.0 / 4 * Math.abs(1.0 / 3 - (0.95 + 0.95 + 0.995) / 3) + 1.0 / 4 * Math.abs(1 - 0.55);
        assertEquals(ece, r.expectedCalibrationError(), 1e-15);
        assertEquals((0.005 + 1.8 + 0.4 + 1.99) / 4, r.brierScore(), 1e-15);
        assertEquals(1, r.wrongAbove099());
        assertEquals(3, r.bins().get(9).count());
        assertEquals(1, r.bins().get(5).count());
        assertTrue(Double.isNaN(r.bins().get(0).accuracy()));
        assertEquals(1.0, ReliabilityReport.of(new double[] {1.0}, new boolean[] {true}, new double[] {0}).bins()
                .get(9).accuracy(), "a confidence of exactly 1 is in the last bin");
    }

    @Test
    void evaluationCountsLabelsWithoutAModelAndScoresTheirPosteriorsAsZero() {
        Map<String, DiagonalGmm> models = new LinkedHashMap<>();
        models.put("a", EvaluatorTest.at(0));
        models.put("b", EvaluatorTest.at(10));
        Scorer scorer = new Scorer(ScorerTest.modelSet(models));
        List<UtteranceFrames> test = new ArrayList<>();
        test.add(EvaluatorTest.utterance("a1", "a", 0));
        test.add(EvaluatorTest.utterance("d1", "d", 10));
        test.add(EvaluatorTest.utterance("d2", "d", 0));
        test.add(EvaluatorTest.utterance("e1", "e", 0));
        Evaluation e = new Evaluator(scorer, 1).evaluate(new CorpusFrames(test, List.of()));
        assertEquals(Map.of("d", 2, "e", 1), e.labelsWithoutModel());
        assertEquals(3, e.utterancesWithoutModel());
        ReliabilityReport r = e.reliability().orElseThrow();
        // every utterance is classified with posterior 1 (raw softmax, 2 frames 10 apart in 13 dims):
        // squared errors 0 (right) and 1 + 1 for the three without a model; all 4 in the top bin
        assertEquals(1.0 / 4 * 0 + 3.0 / 4 * 2, r.brierScore(), 1e-12);
        assertEquals(3, r.wrongAbove099());
        assertEquals(3.0 / 4, r.expectedCalibrationError(), 1e-12);
        assertFalse(e.calibration().calibrated());
        Evaluation none = new Evaluator(scorer, 1).evaluate(new CorpusFrames(List.of(), List.of()));
        assertTrue(none.reliability().isEmpty());
    }
}
