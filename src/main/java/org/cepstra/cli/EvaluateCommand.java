package org.cepstra.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.CorpusSplit;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.io.ModelSetFile;
import org.cepstra.models.CorpusFeatureExtractor;
import org.cepstra.models.CorpusFrames;
import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelSetTrainingResult;
import org.cepstra.models.UnusableFileException;
import org.cepstra.scoring.Evaluation;
import org.cepstra.scoring.Evaluator;
import org.cepstra.scoring.Scorer;
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
                "  evaluate CORPUS --label-pattern REGEX --test-pattern REGEX [-k K]   (train on the rest, test on the pattern)"})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..2", paramLabel = "[MODEL] CORPUS",
            description = "a model file (optional) and the corpus folder")
    List<Path> positional = List.of();

    @Mixin
    CorpusOptions corpus;

    @Mixin
    TrainingOptions training;

    @Mixin
    FeatureOptions features;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--json", description = "print the results as JSON (accuracy, labels, confusion, misclassified, ...)")
    boolean json;

    @Option(names = "--show-errors", description = "list every misclassified utterance (default: the first 20)")
    boolean showErrors;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Option(names = "--strict",
            description = "stop at the first file that cannot be used (exit code 1) instead of reporting and skipping it")
    boolean strict;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int workers = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        Path modelPath = positional.size() == 2 ? positional.get(0) : null;
        Path root = positional.isEmpty() ? null : positional.get(positional.size() - 1);
        Corpus all = corpus.read(root);
        CorpusSplit split = corpus.split(all);
        ModelSet models;
        Corpus test;
        List<SkippedFile> trainSkipped = List.of();
        long t0 = System.nanoTime();
        try (Progress progress = Progress.auto(quiet || json)) {
            if (modelPath != null) {
                models = ModelSetFile.read(modelPath);
                // the label source's reports (kept on the training side of a split) concern the test too
                test = corpus.hasSplit() ? new Corpus(split.test().utterances(), all.skipped()) : all;
            } else {
                if (!corpus.hasSplit()) {
                    throw new InputException("without a MODEL, give a split (--test-pattern, --test-speakers, "
                            + "--test-fraction or --manifest-split): the models are trained on the rest");
                }
                FeatureConfig config = features.toConfig(true);
                ModelSetTrainer trainer = new ModelSetTrainer(config, training.toConfig(1, features.defaultComponents()),
                        training.candidates, workers).withStrict(strict);
                ModelSetTrainingResult trained = trainer.train(split.train(), progress);
                models = trained.modelSet();
                trainSkipped = trained.skipped();
                test = split.test();
            }
            if (test.isEmpty()) {
                throw new InputException("the test set is empty: check the label and test patterns");
            }
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            CorpusFrames testFrames = new CorpusFeatureExtractor(new FeaturePipeline(models.featureConfig()), workers,
                    strict).extract(test, progress);
            Evaluation evaluation = new Evaluator(new Scorer(models), workers).evaluate(testFrames);
            double testSeconds = (System.nanoTime() - t0) / 1e9 - trainSeconds;
            for (SkippedFile s : trainSkipped) {
                err.println("cepstra: skipped " + s.file() + ": " + s.reason());
            }
            for (SkippedFile s : evaluation.skipped()) {
                err.println("cepstra: skipped " + s.file() + ": " + s.reason());
            }
            if (json) {
                EvaluationReport.printJson(out, evaluation);
            } else {
                if (modelPath == null) {
                    out.printf("trained %d labels on %d utterances in %.2f s; tested %d utterances in %.2f s%n",
                            models.size(), split.train().size() - trainSkipped.size(), trainSeconds,
                            evaluation.total(), testSeconds);
                }
                EvaluationReport.printText(out, evaluation, showErrors ? Integer.MAX_VALUE : 20);
            }
            int skipped = trainSkipped.size() + evaluation.skipped().size();
            return skipped > 0 ? ExitCode.SKIPPED_FILES : ExitCode.OK;
        } catch (UnusableFileException e) {
            throw StrictMode.stopped(e);
        }
    }
}
