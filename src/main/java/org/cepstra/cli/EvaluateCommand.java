package org.cepstra.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.cepstra.app.CorpusEvaluation;
import org.cepstra.app.RecipeSelection;
import org.cepstra.app.SpeakerModels;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.CorpusSplit;
import org.cepstra.corpus.SkipSummary;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.gmm.MapOptions;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.UnusableFileException;
import org.cepstra.scoring.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cepstra evaluate}: accuracy and confusion matrix of a model set on a labelled test set, or
 * train on one part of a corpus and test on the other in one go.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classify a labelled test set and print accuracy, confusion matrix and errors.",
                "  evaluate MODEL CORPUS --label-pattern REGEX [--test-pattern REGEX]",
                "  evaluate CORPUS --label-pattern REGEX --test-pattern REGEX [-k K]   (train on the rest, test on the pattern)",
                "Also reports how far the posteriors can be trusted: expected calibration error (10 equal-width bins of "
                        + "the best label's posterior), Brier score, answers wrong with a posterior above 0.99, and a "
                        + "reliability table."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..2", paramLabel = "[MODEL] CORPUS",
            description = "a model file (optional) and the corpus folder (not needed with --manifest or --kaldi-data)")
    List<Path> positional = List.of();

    @Mixin
    CorpusOptions corpus;

    @Mixin
    TrainingOptions training;

    @Mixin
    FeatureOptions features;

    @Mixin
    CalibrationOptions calibration;

    @Mixin
    LabelModelOptions labelModels;

    @Option(names = "--test-files-alone",
            description = "normalise each test file alone, as classify does one file at a time: with per-speaker "
                    + "CMVN (--recipe cross-speaker, --cmvn speaker) the test files get no pooled speaker statistics "
                    + "(default: the statistics of all of a test speaker's files are pooled)")
    boolean testFilesAlone;

    @Option(names = "--by-speaker",
            description = "closed-set speaker identification: each utterance's label is its speaker (a manifest's "
                    + "speaker column, utt2spk, or a 'speaker' group in --label-pattern), e.g. to evaluate a speaker "
                    + "set made by enroll; utterances without a speaker are reported and skipped")
    boolean bySpeaker;

    @Option(names = "--all-test",
            description = "with a MODEL and no split: every file of CORPUS is a test file, none was used to train "
                    + "the model (without it evaluate warns that the accuracy is optimistic if some were)")
    boolean allTest;

    @Option(names = "--ignore-labels", split = ",", paramLabel = "LABEL",
            description = "leave these labels out of the scoring: their test utterances are not scored and they are "
                    + "no candidate for the others (e.g. SIL, to compare phones only); models are still trained on them")
    List<String> ignoreLabels = List.of();

    @Option(names = "--training-priors",
            description = "decide with the labels' training shares as priors: an utterance by total log-likelihood "
                    + "plus log(share of training utterances), a frame by log-likelihood plus log(share of training "
                    + "frames) (default: equal priors)")
    boolean trainingPriors;

    @Option(names = "--adapt",
            description = "classify every test utterance a second time after adapting the models to its speaker: "
                    + "each label's model MAP-adapted (means, relevance " + MapOptions.DEFAULT_RELEVANCE + ") to the speaker's other test utterances "
                    + "that the first pass gave that label (unsupervised two-pass adaptation; each test utterance "
                    + "needs a speaker)")
    boolean adapt;

    @Option(names = "--json", description = "print the results as JSON (accuracy, labels, confusion, misclassified, ...)")
    boolean json;

    @Option(names = "--show-errors", description = "list every misclassified utterance (default: the first 20)")
    boolean showErrors;

    @Mixin
    CorpusJobOptions job;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int workers = job.workers();
        // a manifest or Kaldi data folder names its own files: then a lone model file is the MODEL
        boolean loneModel = positional.size() == 1 && !corpus.needsRoot() && Files.isRegularFile(positional.get(0));
        Path modelPath = positional.size() == 2 || loneModel ? positional.get(0) : null;
        Path root = positional.isEmpty() || loneModel ? null : positional.get(positional.size() - 1);
        calibration.validate();
        if (modelPath != null && (calibration.off || calibration.folds != null || calibration.on != null)) {
            throw new InputException("--no-calibration, --calibration-folds and --calibrate-on apply when evaluate trains the models "
                    + "(no MODEL); the calibration of " + modelPath + " was fixed when it was trained");
        }
        labelModels.validate();
        if (modelPath != null && labelModels.given()) {
            throw new InputException("--states, --state-alignment and --frames-per-component apply when evaluate "
                    + "trains the models (no "
                    + "MODEL); " + modelPath + " was trained with its own");
        }
        if (modelPath == null && !training.candidates.isEmpty()) {
            labelModels.refuseStatesWith("--k-candidates", features);
        }
        if (adapt && bySpeaker) {
            throw new InputException("--adapt groups the test utterances by speaker, and --by-speaker makes the speaker "
                    + "the label: the grouping would give the answers away");
        }
        if (allTest && (modelPath == null || corpus.hasSplit())) {
            throw new InputException("--all-test is for evaluate MODEL CORPUS without a split");
        }
        training.validate();
        corpus.check();
        if (modelPath == null && !corpus.hasSplit()) {
            throw new InputException("without a MODEL, give a split (--test-pattern, --test-speakers, "
                    + "--test-fraction or --manifest-split): the models are trained on the rest");
        }
        if (modelPath != null && features.autoRecipe) {
            throw new InputException("--recipe auto applies when evaluate trains the models (no MODEL); the recipe of "
                    + modelPath + " was fixed when it was trained");
        }
        RecipeTrainers trainers = new RecipeTrainers(features, training, calibration, labelModels, job.strict, workers);
        ModelSetTrainer trainer = modelPath == null ? trainers.trainer(features.recipe) : null; // reads --config, if given
        // a model file is read (and its rate settled) before the corpus: its problems come first
        ModelSet given = modelPath == null ? null
                : ModelRate.resolve(ModelSetFile.read(modelPath), modelPath, features.sampleFrequency());
        Corpus all = corpus.read(root);
        if (all.isEmpty()) {
            SkipReporter.report(err, all.skipped());
            throw new InputException("no utterances: check the label source" + (all.skipped().isEmpty() ? ""
                    : " (" + all.skipped().size() + " files or lines were skipped)"));
        }
        if (bySpeaker) {
            all = SpeakerModels.bySpeaker(all);
        }
        CorpusSplit split = corpus.split(all);
        Set<String> ignored = new TreeSet<>(ignoreLabels);
        // before any training: the models' labels are those of the training utterances
        checkIgnoredLabels(ignored, given != null ? given.labelNames() : split.train().labels(), all);
        CorpusEvaluation evaluating = new CorpusEvaluation(workers, job.strict).withFilesAlone(testFilesAlone)
                .withTrainingPriors(trainingPriors).ignoringLabels(ignored);
        if (adapt) {
            evaluating = evaluating.withSpeakerAdaptation(MapOptions.defaults());
        }
        try (Progress progress = Progress.auto(job.quiet || json)) {
            CorpusEvaluation.Outcome outcome;
            Optional<RecipeSelection.Selection> selection = Optional.empty();
            if (modelPath != null) {
                // the label source's reports (kept on the training side of a split) concern the test too
                Corpus test = corpus.hasSplit() ? new Corpus(split.test().utterances(), all.skipped()) : all;
                outcome = evaluating.evaluate(given, test, progress);
            } else {
                selection = trainers.chooseIfAuto(split.train(), progress);
                if (selection.isPresent()) {
                    trainer = trainers.trainer(selection.get().chosen());
                }
                outcome = evaluating.trainAndEvaluate(trainer, split, progress);
                labelModels.reportFewerComponents(err, outcome.models(), !training.candidates.isEmpty());
            }
            ModelSet models = outcome.models();
            List<SkippedFile> trainSkipped = outcome.trainingSkipped();
            Optional<String> calibrationProblem = outcome.calibrationProblem();
            if (outcome.trainingRates().isPresent() && outcome.trainingRates().get().resamples()) {
                err.println("cepstra: training " + outcome.trainingRates().get().describe());
            }
            ModelRate.reportResampling(err, outcome.testRates());
            Evaluation evaluation = outcome.evaluation();
            double trainSeconds = outcome.trainingSeconds();
            double testSeconds = outcome.testSeconds();
            SkipReporter.report(err, trainSkipped);
            if (evaluation.total() == 0) {
                throw new InputException("no test utterance could be classified: all " + evaluation.skipped().size()
                        + " test files were skipped: " + SkipSummary.of(evaluation.skipped()).describe(5));
            }
            SkipReporter.report(err, evaluation.skipped());
            if (!evaluation.labelsWithoutModel().isEmpty()) {
                err.println("cepstra: warning: " + evaluation.utterancesWithoutModel() + " test utterances have a label "
                        + "the model set has no model for, and are counted wrong: " + describe(evaluation
                        .labelsWithoutModel()) + " (the model set knows " + models.size() + " labels)");
            }
            if (modelPath != null && !corpus.hasSplit() && !allTest) {
                err.println("cepstra: warning: no split given, so every file of " + root + " is a test file; "
                        + "if " + modelPath + " was trained on some of them, the accuracy is optimistic (give "
                        + "--test-pattern, --test-speakers, --test-fraction or --manifest-split to test on a "
                        + "part, or --all-test to say that none was used in training)");
            }
            if (calibrationProblem.isPresent()) {
                err.println("cepstra: warning: " + calibrationProblem.get());
            } else if (!evaluation.calibration().calibrated()) {
                err.println("cepstra: warning: the posteriors are not calibrated: they are the raw softmax of the "
                        + "totals, 1.000 after a few frames right or wrong" + (modelPath != null
                        ? " (" + modelPath + " was trained before calibration existed, with --no-calibration, or "
                        + "on too little data to hold some out)" : ""));
            } else if (modelPath != null && evaluation.calibration().keepsRawSharpness()) {
                err.println("cepstra: warning: " + modelPath + " keeps the sharpness of the raw totals: its held-out "
                        + "training data was classified right, so its calibration could not soften the posteriors; "
                        + "expect posteriors near 1, right or wrong, on data unlike the training data");
            }
            if (json) {
                EvaluationReport.printJson(out, evaluation, selection);
            } else {
                selection.ifPresent(sel -> RecipeTrainers.printText(out, sel));
                if (modelPath == null) {
                    out.printf("trained %d labels on %d utterances in %.2f s; tested %d utterances in %.2f s%n",
                            models.size(), split.train().size() - trainSkipped.size(), trainSeconds,
                            evaluation.total(), testSeconds);
                }
                EvaluationReport.printText(out, evaluation, showErrors ? Integer.MAX_VALUE : 20);
            }
            return outcome.skippedFiles() > 0 ? ExitCode.SKIPPED_FILES : ExitCode.OK;
        } catch (UnusableFileException e) {
            throw StrictMode.stopped(e);
        }
    }

    /** "x (12 utterances), y (1 utterance)". */
    private static String describe(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((label, n) -> parts.add("'" + label + "' (" + n + (n == 1 ? " utterance)" : " utterances)")));
        return String.join(", ", parts);
    }

    /** Checks --ignore-labels against the labels of the model set and the test corpus. */
    private static void checkIgnoredLabels(Set<String> ignored, java.util.Collection<String> modelLabels, Corpus test) {
        if (ignored.isEmpty()) {
            return;
        }
        Set<String> known = new TreeSet<>(modelLabels);
        known.addAll(test.labels());
        for (String label : ignored) {
            if (!known.contains(label)) {
                throw new InputException("--ignore-labels: '" + label + "' is neither a model's label nor a "
                        + "test label (labels: " + String.join(" ", known) + ")");
            }
        }
        if (modelLabels.stream().allMatch(ignored::contains)) {
            throw new InputException("--ignore-labels leaves no model to classify with");
        }
    }
}
