package org.cepstra.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.FrameSubsampling;
import org.cepstra.gmm.GmmTrainer;
import org.cepstra.gmm.LlrOptions;
import org.cepstra.gmm.MapAdapter;
import org.cepstra.gmm.MapOptions;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelSetTrainingResult;
import org.cepstra.models.ModelTrainingListener;
import org.cepstra.scoring.verification.Score;
import org.cepstra.scoring.verification.Trial;
import org.cepstra.scoring.verification.TrialList;
import org.cepstra.scoring.verification.VerificationSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GMM-UBM verification end to end on FSDD recordings of two speakers: UBM training, MAP enrolment,
 * trial scoring checked against log-likelihoods summed by hand, normalisation, and bad trials.
 */
class SpeakerVerificationTest {
    static final Path CORPUS = Path.of("corpora/fsdd/recordings");
    static final List<String> SPEAKERS = List.of("jackson", "theo");
    static final int K = 8;

    static ModelSet ubm;
    static ModelSet speakers;
    static Corpus tests;

    /** Digits 0-9 of both speakers, repetitions {@code from} to {@code to}, labelled by digit. */
    static Corpus utterances(int from, int to) {
        List<Utterance> list = new ArrayList<>();
        for (String speaker : SPEAKERS) {
            for (int digit = 0; digit < 10; digit++) {
                for (int rep = from; rep <= to; rep++) {
                    String name = digit + "_" + speaker + "_" + rep;
                    list.add(new Utterance(name, CORPUS.resolve(name + ".wav").toAbsolutePath(), Integer.toString(digit),
                            Optional.of(speaker), Optional.empty()));
                }
            }
        }
        return Corpus.of(list);
    }

    @BeforeAll
    static void trainAndEnrol() {
        ModelSetTrainer trainer = new ModelSetTrainer(Recipe.SPEAKER.featureConfig(),
                Recipe.SPEAKER.trainingConfig().withNumComponents(K), 2);
        ubm = SpeakerModels.trainUbm(trainer, utterances(10, 12), ModelTrainingListener.none()).modelSet();
        speakers = SpeakerModels.enrol(SpeakerModels.enrolmentTrainer(ubm, MapOptions.defaults(), 2, 0),
                utterances(0, 1), ModelTrainingListener.none()).modelSet();
        tests = utterances(5, 6);
    }

    static TrialList allTrials(Corpus corpus) {
        List<Trial> trials = new ArrayList<>();
        for (String model : SPEAKERS) {
            for (Utterance u : corpus.utterances()) {
                trials.add(new Trial(model, u.id(), u.speaker().get().equals(model)));
            }
        }
        return new TrialList(trials);
    }

    @Test
    void theUbmIsOneModelOnEveryFrameAndTheSpeakersAreMapAdaptedFromIt() throws Exception {
        assertEquals(List.of(SpeakerModels.UBM_LABEL), ubm.labelNames());
        assertEquals(60, ubm.labels().get(0).utterances());
        assertFalse(ubm.calibration().calibrated());
        assertEquals(SPEAKERS, speakers.labelNames());
        assertEquals(ubm.model(SpeakerModels.UBM_LABEL), speakers.background().get().ubm());
        // jackson's model is the UBM's means MAP-adapted to jackson's 20 enrolment utterances
        FeaturePipeline pipeline = ubm.featurePipeline();
        List<FeatureMatrix> frames = new ArrayList<>();
        for (Utterance u : utterances(0, 1).utterances()) {
            if (u.speaker().get().equals("jackson")) {
                frames.add(pipeline.extract(u.audioFile()));
            }
        }
        DiagonalGmm expected = new MapAdapter(ubm.model(SpeakerModels.UBM_LABEL), MapOptions.defaults())
                .adapt(FeatureMatrix.stack(frames));
        assertEquals(expected, speakers.model("jackson"));
    }

    @Test
    void bySpeakerLabelsEachUtteranceByItsSpeakerAndReportsThoseWithout() {
        Path wav = CORPUS.resolve("0_theo_0.wav");
        Corpus mixed = Corpus.of(List.of(
                new Utterance("a", wav, "0", Optional.of("theo"), Optional.empty()),
                new Utterance("b", wav, "1", Optional.empty(), Optional.empty()),
                new Utterance("c", wav, "2", Optional.of("jackson"), Optional.empty())));
        Corpus bySpeaker = SpeakerModels.bySpeaker(mixed);
        assertEquals(List.of("a", "c"), bySpeaker.utterances().stream().map(Utterance::id).toList());
        assertEquals(List.of("theo", "jackson"), bySpeaker.utterances().stream().map(Utterance::label).toList());
        assertEquals(List.of(Optional.of("theo"), Optional.of("jackson")),
                bySpeaker.utterances().stream().map(Utterance::speaker).toList());
        assertEquals(1, bySpeaker.skipped().size());
        assertEquals("utterance 'b' has no speaker", bySpeaker.skipped().get(0).reason());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpeakerModels.bySpeaker(mixed.filter(u -> u.id().equals("b"))));
        assertTrue(e.getMessage().startsWith("no utterance has a speaker"), e.getMessage());
    }

    @Test
    void frameSubsamplingTrainsOnEveryNthFrameOfEachUtterance() throws Exception {
        Corpus few = utterances(13, 13);
        ModelSetTrainer trainer = new ModelSetTrainer(Recipe.SPEAKER.featureConfig(),
                Recipe.SPEAKER.trainingConfig().withNumComponents(2), 1);
        ModelSetTrainingResult r = SpeakerModels.trainUbm(trainer.withFrameSubsampling(FrameSubsampling.every(3)), few,
                ModelTrainingListener.none());
        FeaturePipeline pipeline = r.modelSet().featurePipeline();
        List<FeatureMatrix> kept = new ArrayList<>();
        for (Utterance u : few.utterances()) {
            kept.add(FrameSubsampling.every(3).apply(pipeline.extract(u.audioFile())));
        }
        FeatureMatrix data = FeatureMatrix.stack(kept);
        assertEquals(data.rows(), r.modelSet().labels().get(0).frames());
        DiagonalGmm direct = new GmmTrainer(Recipe.SPEAKER.trainingConfig().withNumComponents(2)).fit(data).model();
        assertEquals(direct, r.modelSet().model(SpeakerModels.UBM_LABEL));
    }

    @Test
    void aScoreIsTheAverageLogLikelihoodRatioOfTheTestFrames() throws Exception {
        TrialList trials = allTrials(tests);
        Verifier.Result exact = new Verifier(speakers, LlrOptions.allComponents(), 2)
                .verify(trials, tests, Verifier.Normalisation.none(), ModelTrainingListener.none());
        FeaturePipeline pipeline = speakers.featurePipeline();
        DiagonalGmm background = speakers.background().get().ubm();
        for (int i = 0; i < trials.size(); i += 7) {
            Trial t = trials.trials().get(i);
            FeatureMatrix x = pipeline.extract(tests.utterance(t.utterance()).get().audioFile());
            double byHand = (speakers.model(t.model()).totalLogLikelihood(x) - background.totalLogLikelihood(x)) / x.rows();
            Score s = exact.scores().scores().get(i);
            assertEquals(t.pair(), s.pair());
            assertEquals(Optional.of(t.target()), s.target());
            assertEquals(byHand, s.score(), 1e-9 * Math.max(1, Math.abs(byHand)));
        }
        // top-C with C = K scores every component: the exact scores, bit for bit
        Verifier.Result topK = new Verifier(speakers, new LlrOptions(K), 1)
                .verify(trials, tests, Verifier.Normalisation.none(), ModelTrainingListener.none());
        assertEquals(exact.scores(), topK.scores());
        // 8 Gaussians from 60 digits and 10 enrolment digits per speaker: far from perfect, far better than chance
        VerificationSummary s = exact.summary().get();
        assertEquals(40, s.targetTrials());
        assertEquals(40, s.nontargetTrials());
        assertTrue(s.equalErrorRate() < 0.35, "EER " + s.equalErrorRate());
        double targets = exact.scores().scores().stream().filter(x -> x.target().get()).mapToDouble(Score::score).sum();
        double others = exact.scores().scores().stream().filter(x -> !x.target().get()).mapToDouble(Score::score).sum();
        assertTrue(targets > others, targets + " vs " + others);
    }

    @Test
    void zNormSubtractsTheModelsCohortMeanAndDividesByItsSpread() {
        Corpus cohortUtterances = utterances(7, 7);
        Verifier verifier = new Verifier(speakers, LlrOptions.defaults(), 2);
        // the speakers' own set serves as cohort: its speakers' utterances in the corpus are the Z cohort
        Corpus both = new Corpus(concat(tests, cohortUtterances), List.of());
        TrialList trials = allTrials(tests);
        Verifier.Result z = verifier.verify(trials, both,
                Verifier.Normalisation.withCohort(Verifier.NormKind.Z, speakers, cohortUtterances, 0),
                ModelTrainingListener.none());
        Verifier.Result raw = verifier.verify(trials, tests, Verifier.Normalisation.none(), ModelTrainingListener.none());
        Verifier.Result cohort = verifier.verify(allTrials(cohortUtterances), cohortUtterances,
                Verifier.Normalisation.none(), ModelTrainingListener.none());
        for (String model : SPEAKERS) {
            double[] c = cohort.scores().scores().stream().filter(s -> s.model().equals(model))
                    .mapToDouble(Score::score).toArray();
            double mean = java.util.Arrays.stream(c).sum() / c.length;
            double var = java.util.Arrays.stream(c).map(v -> (v - mean) * (v - mean)).sum() / c.length;
            for (int i = 0; i < trials.size(); i++) {
                if (trials.trials().get(i).model().equals(model)) {
                    double expected = (raw.scores().scores().get(i).score() - mean) / Math.sqrt(var);
                    assertEquals(expected, z.scores().scores().get(i).score(), 1e-12);
                }
            }
        }
    }

    private static List<Utterance> concat(Corpus a, Corpus b) {
        List<Utterance> all = new ArrayList<>(a.utterances());
        all.addAll(b.utterances());
        return all;
    }

    @Test
    void unknownModelsAndUtterancesAreNamedWithTheirTrial() {
        Verifier verifier = new Verifier(speakers, LlrOptions.defaults(), 1);
        TrialList badModel = new TrialList(List.of(new Trial("theo", "0_theo_5", true),
                new Trial("nicolas", "0_theo_5", false)));
        Verifier.UnresolvedTrialException e = assertThrows(Verifier.UnresolvedTrialException.class,
                () -> verifier.verify(badModel, tests, Verifier.Normalisation.none(), ModelTrainingListener.none()));
        assertEquals(1, e.trialIndex());
        assertTrue(e.getMessage().startsWith("model 'nicolas' is not in the speaker set (it has 2 speakers: "
                + "jackson, theo)"), e.getMessage());
        TrialList badUtterance = new TrialList(List.of(new Trial("theo", "0_theo_99", true)));
        e = assertThrows(Verifier.UnresolvedTrialException.class,
                () -> verifier.verify(badUtterance, tests, Verifier.Normalisation.none(), ModelTrainingListener.none()));
        assertEquals(0, e.trialIndex());
        assertTrue(e.getMessage().startsWith("utterance '0_theo_99' is not in the corpus"), e.getMessage());
    }

    @Test
    void onlyTargetTrialsGiveScoresButNoFigures() {
        TrialList targets = new TrialList(List.of(new Trial("theo", "0_theo_5", true),
                new Trial("jackson", "0_jackson_5", true)));
        Verifier.Result r = new Verifier(speakers, LlrOptions.defaults(), 1)
                .verify(targets, tests, Verifier.Normalisation.none(), ModelTrainingListener.none());
        assertEquals(2, r.scores().size());
        assertTrue(r.summary().isEmpty());
    }

    @Test
    void aModelSetWithoutBackgroundCannotVerify() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Verifier(ubm, LlrOptions.defaults(), 1));
        assertTrue(e.getMessage().contains("made by enroll, or train --map-from"), e.getMessage());
    }

    @Test
    void enrolmentLeavesOutUtterancesWithoutSpeaker() {
        List<Utterance> list = new ArrayList<>(utterances(0, 0).utterances());
        Path file = CORPUS.resolve("3_theo_9.wav").toAbsolutePath();
        list.add(Utterance.wholeFile("anonymous", file, "3"));
        ModelSetTrainingResult r = SpeakerModels.enrol(SpeakerModels.enrolmentTrainer(ubm, MapOptions.defaults(), 1, 0),
                Corpus.of(list), ModelTrainingListener.none());
        assertEquals(1, r.skipped().size());
        assertEquals(file, r.skipped().get(0).file());
        assertEquals("utterance 'anonymous' has no speaker", r.skipped().get(0).reason());
        assertArrayEquals(new int[] {10, 10},
                r.modelSet().labels().stream().mapToInt(l -> l.utterances()).toArray());
    }
}
