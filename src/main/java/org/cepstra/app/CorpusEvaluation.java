package org.cepstra.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.CorpusSplit;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.corpus.Utterance;
import org.cepstra.gmm.MapOptions;
import org.cepstra.models.CorpusFeatureExtractor;
import org.cepstra.models.CorpusFrames;
import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelSetTrainingResult;
import org.cepstra.models.ModelTrainingListener;
import org.cepstra.models.SampleRates;
import org.cepstra.scoring.Evaluation;
import org.cepstra.scoring.Evaluator;
import org.cepstra.scoring.Scorer;

/**
 * Evaluating models on a labelled corpus: either a model set trained here on the training part of a split
 * ({@link #trainAndEvaluate}) or one given ({@link #evaluate}). The test utterances' frames are made with the
 * model set's own feature pipeline (recordings at another rate resampled to the set's), each test file
 * normalised alone if asked (as {@code classify} sees a file), and scored by an {@link Evaluator}: segment and
 * frame accuracy, confusion, calibration; optionally a second time after adapting the models to each test
 * speaker ({@link #withSpeakerAdaptation}).
 *
 * <pre>{@code
 * CorpusEvaluation.Outcome o = new CorpusEvaluation(4, false).evaluate(models, testCorpus, listener);
 * double accuracy = o.evaluation().accuracy();
 * }</pre>
 */
public final class CorpusEvaluation {
    private final int threads;
    private final boolean strict;
    private final boolean filesAlone;
    private final boolean trainingPriors;
    private final Set<String> ignoredLabels;
    /** How the models are adapted to each test speaker; null for not at all. */
    private final MapOptions adaptation;

    /**
     * What an evaluation found, and what a report of it needs besides the figures.
     *
     * @param models             the model set evaluated
     * @param evaluation         the figures on the test utterances
     * @param trainingSkipped    training files that could not be used (empty for a given model set)
     * @param calibrationProblem why the models trained here could not be calibrated, or were left as sharp as the
     *                           raw totals, if so
     * @param trainingRates      the sample rates of the training files (empty for a given model set)
     * @param testRates          the sample rates of the test files, and how they were resampled
     * @param trainingSeconds    wall time of training (0 for a given model set), s
     * @param testSeconds        wall time of extracting and scoring the test utterances, s
     */
    public record Outcome(ModelSet models, Evaluation evaluation, List<SkippedFile> trainingSkipped,
                          Optional<String> calibrationProblem, Optional<SampleRates> trainingRates,
                          SampleRates testRates, double trainingSeconds, double testSeconds) {
        /** Copies the list. */
        public Outcome {
            Objects.requireNonNull(models, "models");
            Objects.requireNonNull(evaluation, "evaluation");
            trainingSkipped = List.copyOf(trainingSkipped);
            Objects.requireNonNull(calibrationProblem, "calibrationProblem");
            Objects.requireNonNull(trainingRates, "trainingRates");
            Objects.requireNonNull(testRates, "testRates");
        }

        /** Files skipped in training and in the test. */
        public int skippedFiles() {
            return trainingSkipped.size() + evaluation.skipped().size();
        }
    }

    /**
     * @param threads worker threads (≥ 1)
     * @param strict  stop at the first test file that cannot be used instead of reporting and skipping it
     */
    public CorpusEvaluation(int threads, boolean strict) {
        this(threads, strict, false, false, Set.of(), null);
    }

    private CorpusEvaluation(int threads, boolean strict, boolean filesAlone, boolean trainingPriors,
                             Set<String> ignoredLabels, MapOptions adaptation) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.strict = strict;
        this.filesAlone = filesAlone;
        this.trainingPriors = trainingPriors;
        this.ignoredLabels = Set.copyOf(ignoredLabels);
        this.adaptation = adaptation;
    }

    /** This evaluation normalising each test file alone (its speaker forgotten), as one file classified alone is. */
    public CorpusEvaluation withFilesAlone(boolean alone) {
        return new CorpusEvaluation(threads, strict, alone, trainingPriors, ignoredLabels, adaptation);
    }

    /** This evaluation deciding with the labels' training shares as priors ({@link Evaluator#withTrainingPriors}). */
    public CorpusEvaluation withTrainingPriors(boolean priors) {
        return new CorpusEvaluation(threads, strict, filesAlone, priors, ignoredLabels, adaptation);
    }

    /** This evaluation leaving out {@code labels} (not scored, no candidate; {@link Evaluator#ignoringLabels}). */
    public CorpusEvaluation ignoringLabels(Set<String> labels) {
        return new CorpusEvaluation(threads, strict, filesAlone, trainingPriors, labels, adaptation);
    }

    /**
     * This evaluation classifying every test utterance a second time after adapting the models to its speaker's
     * other test utterances ({@link org.cepstra.scoring.SpeakerAdaptation}); the speakers group the utterances
     * for adaptation even when each file is normalised alone ({@link #withFilesAlone}). Every test utterance needs
     * a speaker.
     */
    public CorpusEvaluation withSpeakerAdaptation(MapOptions options) {
        return new CorpusEvaluation(threads, strict, filesAlone, trainingPriors, ignoredLabels,
                Objects.requireNonNull(options, "options"));
    }

    /**
     * Trains a model set with {@code trainer} on the training part of {@code split} and evaluates it on the
     * test part.
     *
     * @throws IllegalArgumentException if the test part is empty (before any training)
     */
    public Outcome trainAndEvaluate(ModelSetTrainer trainer, CorpusSplit split, ModelTrainingListener listener) {
        requireTests(split.test());
        speakersForAdaptation(split.test());
        long t0 = System.nanoTime();
        ModelSetTrainingResult trained = trainer.train(split.train(), listener);
        double trainingSeconds = (System.nanoTime() - t0) / 1e9;
        Outcome tested = evaluate(trained.modelSet(), split.test(), listener);
        return new Outcome(tested.models(), tested.evaluation(), trained.skipped(), trained.calibrationProblem(),
                Optional.of(trained.sampleRates()), tested.testRates(), trainingSeconds, tested.testSeconds());
    }

    /**
     * Evaluates {@code models} on every utterance of {@code test}.
     *
     * @throws IllegalArgumentException if {@code test} is empty, or a label to ignore leaves no model
     */
    public Outcome evaluate(ModelSet models, Corpus test, ModelTrainingListener listener) {
        requireTests(test);
        Map<String, String> speakers = speakersForAdaptation(test);
        long t0 = System.nanoTime();
        Corpus scored = filesAlone ? withoutSpeakers(test) : test;
        CorpusFrames frames = new CorpusFeatureExtractor(models.featurePipeline(), threads, strict)
                .extract(scored, listener);
        Evaluator evaluator = new Evaluator(new Scorer(models), threads);
        if (trainingPriors) {
            evaluator = evaluator.withTrainingPriors();
        }
        if (!ignoredLabels.isEmpty()) {
            evaluator = evaluator.ignoringLabels(ignoredLabels);
        }
        if (adaptation != null) {
            evaluator = evaluator.withSpeakerAdaptation(adaptation, speakers);
        }
        Evaluation evaluation = evaluator.evaluate(frames);
        return new Outcome(models, evaluation, List.of(), Optional.empty(), Optional.empty(), frames.sampleRates(),
                0, (System.nanoTime() - t0) / 1e9);
    }

    /** What a split option that selects no test utterance is told. */
    public static final String EMPTY_TEST_SET = "the test set is empty: check the label and test patterns (a "
            + "speaker for --test-speakers comes from a speaker group in --label-pattern, a manifest's speaker column "
            + "or utt2spk)";

    /** Where a corpus's speakers come from, told with {@link Evaluator#NO_SPEAKER_TO_ADAPT}. */
    public static final String SPEAKER_SOURCES = "speakers come from a speaker group in --label-pattern, a "
            + "manifest's speaker column or utt2spk";

    /** Each test utterance's speaker by utterance id (empty when not adapting). */
    private Map<String, String> speakersForAdaptation(Corpus test) {
        Map<String, String> speakers = new HashMap<>();
        if (adaptation == null) {
            return speakers;
        }
        for (Utterance u : test.utterances()) {
            if (u.speaker().isEmpty()) {
                throw new IllegalArgumentException(Evaluator.NO_SPEAKER_TO_ADAPT + "'" + u.id() + "' ("
                        + SPEAKER_SOURCES + ")");
            }
            speakers.put(u.id(), u.speaker().get());
        }
        return speakers;
    }

    private static void requireTests(Corpus test) {
        if (test.isEmpty()) {
            throw new IllegalArgumentException(EMPTY_TEST_SET);
        }
    }

    /** The corpus with every utterance's speaker forgotten, so that each is normalised alone. */
    private static Corpus withoutSpeakers(Corpus test) {
        List<Utterance> alone = new ArrayList<>();
        for (Utterance u : test.utterances()) {
            alone.add(new Utterance(u.id(), u.audioFile(), u.label(), Optional.empty(), u.segment()));
        }
        return new Corpus(alone, test.skipped());
    }
}
