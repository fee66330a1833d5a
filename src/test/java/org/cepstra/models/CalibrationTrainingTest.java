package org.cepstra.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/** The calibration step of {@link ModelSetTrainer}, on synthetic frames. */
class CalibrationTrainingTest {
    static final FeatureConfig STATICS = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.none());
    static final List<String> SPEAKERS = List.of("ann", "bob", "cy");

    /** 3 speakers × 2 labels × 10 utterances of 20 frames; labels overlap, each speaker is shifted. */
    static List<UtteranceFrames> corpus(boolean withSpeakers) {
        return corpus(withSpeakers, 0.15);
    }

    /** As {@link #corpus(boolean)} with the labels' means at ±{@code separation} in every dimension. */
    static List<UtteranceFrames> corpus(boolean withSpeakers, double separation) {
        Random r = new Random(5);
        List<UtteranceFrames> out = new ArrayList<>();
        for (String speaker : SPEAKERS) {
            double shift = r.nextGaussian() * 0.5;
            for (String label : List.of("a", "b")) {
                for (int u = 0; u < 10; u++) {
                    double[][] rows = new double[20][13];
                    for (double[] row : rows) {
                        for (int d = 0; d < 13; d++) {
                            row[d] = (label.equals("a") ? separation : -separation) + shift + r.nextGaussian();
                        }
                    }
                    String id = label + "_" + speaker + "_" + u;
                    out.add(new UtteranceFrames(new Utterance(id, Path.of("/x/" + id + ".wav"), label,
                            withSpeakers ? Optional.of(speaker) : Optional.empty(), Optional.empty()),
                            FeatureMatrix.of(rows)));
                }
            }
        }
        return out;
    }

    static ModelSetTrainer trainer() {
        return new ModelSetTrainer(STATICS, TrainingConfig.defaults(1), 2);
    }

    static ModelSetTrainer bySpeaker() {
        return trainer().withCalibrationBySpeaker(true);
    }

    @Test
    void leaveSpeakersOutEqualsFittingTheHeldOutScoresByHand() {
        List<UtteranceFrames> all = corpus(true);
        ModelSetTrainingResult result = bySpeaker().train(new CorpusFrames(all, List.of()), ModelTrainingListener.none());
        Calibration c = result.modelSet().calibration();
        assertTrue(c.calibrated());
        assertEquals(Calibration.HeldOut.SPEAKERS, c.heldOut());
        assertEquals(3, c.folds()); // 5 asked, one per speaker at most
        assertEquals(60, c.heldOutUtterances());
        assertTrue(result.calibrationProblem().isEmpty());

        // By hand: speakers sorted (ann, bob, cy) are folds 0, 1, 2; train on two, score the third.
        List<String> labels = List.of("a", "b");
        List<CalibrationFitter.Scored> scored = new ArrayList<>();
        for (String heldOut : SPEAKERS) {
            List<UtteranceFrames> rest = all.stream().filter(u -> !u.utterance().speaker().get().equals(heldOut)).toList();
            ModelSet fold = trainer().withCalibrationFolds(0).train(new CorpusFrames(rest, List.of()),
                    ModelTrainingListener.none()).modelSet();
            for (UtteranceFrames u : all) {
                if (u.utterance().speaker().get().equals(heldOut)) {
                    double[] totals = {fold.model("a").totalLogLikelihood(u.frames()),
                        fold.model("b").totalLogLikelihood(u.frames())};
                    scored.add(new CalibrationFitter.Scored(totals, labels.indexOf(u.utterance().label()), 20));
                }
            }
        }
        Calibration byHand = new CalibrationFitter().fit(scored, Calibration.HeldOut.SPEAKERS, 3);
        assertEquals(byHand.scale(), c.scale(), 1e-9 * byHand.scale());
        assertEquals(byHand.frameExponent(), c.frameExponent());
        assertTrue(c.factor(20) < 1, "overlapping labels: the raw softmax is overconfident, scale " + c.factor(20));
    }

    @Test
    void calibrationNeverChangesTheModels() {
        List<UtteranceFrames> all = corpus(true);
        ModelSet calibrated = trainer().train(new CorpusFrames(all, List.of()), ModelTrainingListener.none()).modelSet();
        ModelSet raw = trainer().withCalibrationFolds(0).train(new CorpusFrames(all, List.of()),
                ModelTrainingListener.none()).modelSet();
        assertEquals(raw.models(), calibrated.models());
        assertEquals(raw.labels(), calibrated.labels());
        assertFalse(raw.calibration().calibrated());
        assertEquals(Calibration.none(), raw.calibration());
    }

    @Test
    void utterancesAreHeldOutByDefaultAndWhenSpeakersAreUnknown() {
        for (ModelSetTrainingResult r : List.of(
                bySpeaker().train(new CorpusFrames(corpus(false), List.of()), ModelTrainingListener.none()),
                trainer().train(new CorpusFrames(corpus(true), List.of()), ModelTrainingListener.none()))) {
            Calibration c = r.modelSet().calibration();
            assertEquals(Calibration.HeldOut.UTTERANCES, c.heldOut());
            assertEquals(5, c.folds());
            assertEquals(60, c.heldOutUtterances());
        }
        ModelSetTrainer.Folds folds = trainer().withCalibrationFolds(4).folds(corpus(false));
        int[] perFold = new int[4];
        for (int f : folds.foldOf()) {
            perFold[f]++;
        }
        assertEquals(15, perFold[0]); // 30 "a" then 30 "b", dealt in turn: 15 per fold
        assertEquals(15, perFold[3]);
    }

    @Test
    void heldOutDataClassifiedRightEveryTimeIsSaidToLeaveThePosteriorsSharp() {
        // labels far apart: every held-out utterance is right, the scale stops at its cap (the raw sharpness)
        ModelSetTrainingResult r = trainer().train(new CorpusFrames(corpus(true, 3), List.of()),
                ModelTrainingListener.none());
        Calibration c = r.modelSet().calibration();
        assertTrue(c.calibrated());
        assertEquals(1, c.factor(20), 1e-9);
        assertTrue(c.keepsRawSharpness());
        assertFalse(Calibration.none().keepsRawSharpness()); // not calibrated at all: another warning
        assertEquals("posteriors not softened: 60 of 60 held-out training utterances were classified right, so the "
                + "calibration keeps the sharpness of the raw totals; expect posteriors near 1, right or wrong, on data "
                + "unlike the training data (such as speakers it lacks)", r.calibrationProblem().orElseThrow());
        // overlapping labels: softened, nothing to say
        ModelSetTrainingResult overlapping = trainer().train(new CorpusFrames(corpus(true), List.of()),
                ModelTrainingListener.none());
        assertTrue(overlapping.modelSet().calibration().factor(20) < 1);
        assertFalse(overlapping.modelSet().calibration().keepsRawSharpness());
        assertTrue(overlapping.calibrationProblem().isEmpty());
    }

    @Test
    void tooLittleDataLeavesTheSetUncalibratedAndSaysWhy() {
        List<UtteranceFrames> few = corpus(false).subList(0, 12); // 12 utterances of one label
        ModelSetTrainingResult r = trainer().train(new CorpusFrames(few, List.of()), ModelTrainingListener.none());
        assertFalse(r.modelSet().calibration().calibrated());
        assertEquals("posteriors not calibrated: only 12 held-out utterances could be scored by models of their own "
                + "label trained without them (at least 20 are needed; each label needs utterances in at least two "
                + "folds)", r.calibrationProblem().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> trainer().withCalibrationFolds(1));
        assertThrows(IllegalArgumentException.class, () -> trainer().withCalibrationFolds(-2));
    }

    @Test
    void everyUtteranceSkippedListsTheReasonsWithCountsAndExamples() {
        // was: "no training frames: every utterance was skipped (201 skipped)", without one reason
        List<SkippedFile> skipped = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Path f = Path.of("/c/" + i + "_x.wav");
            skipped.add(new SkippedFile(f, f + ": channel 5 requested, the file has 1 channel"));
        }
        skipped.add(new SkippedFile(Path.of("/c/empty.wav"), "file is empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer().train(new CorpusFrames(List.of(), skipped), ModelTrainingListener.none()));
        assertEquals("no training frames: every utterance was skipped (201 skipped: 200 × channel 5 requested, the "
                + "file has 1 channel (e.g. /c/0_x.wav); 1 × file is empty (e.g. /c/empty.wav))", e.getMessage());
    }
}
