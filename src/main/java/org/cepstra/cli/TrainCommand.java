package org.cepstra.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.CorpusSplit;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.io.ModelSetFile;
import org.cepstra.models.LabelSummary;
import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelSetTrainingResult;
import org.cepstra.models.UnusableFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cepstra train}: one GMM per label from a corpus of WAV files, written as one model file
 * (atomically: a run killed at any moment leaves the previous file or none, never a partial one; the
 * temporary files of killed runs are removed by the first write at least ten minutes later).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one GMM per label (phoneme, word, speaker) from WAV files and write a model file.",
                "Files selected by a test option (--test-pattern, ...) are left out of training."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "CORPUS", description = "folder of WAV files (searched recursively)")
    Path root;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL", description = "model file to write (atomically)")
    Path output;

    @Mixin
    CorpusOptions corpus;

    @Mixin
    TrainingOptions training;

    @Mixin
    FeatureOptions features;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

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
        long t0 = System.nanoTime();
        Corpus all = corpus.read(root);
        CorpusSplit split = corpus.split(all);
        if (split.train().isEmpty()) {
            for (SkippedFile s : all.skipped()) {
                err.println("cepstra: skipped " + s.file() + ": " + s.reason());
            }
            throw new InputException("no training utterances: check the label source and the test split");
        }
        ModelSetTrainer trainer = new ModelSetTrainer(features.toConfig(true),
                training.toConfig(1, features.defaultComponents()), training.candidates, workers).withStrict(strict);
        ModelSetTrainingResult result;
        try (Progress progress = Progress.auto(quiet)) {
            result = trainer.train(split.train(), progress);
        } catch (UnusableFileException e) {
            throw StrictMode.stopped(e);
        }
        for (SkippedFile s : result.skipped()) {
            err.println("cepstra: skipped " + s.file() + ": " + s.reason());
        }
        ModelSet models = result.modelSet();
        ModelSetFile.write(output, models);
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf("trained %d labels from %d utterances (%d skipped) in %.2f s; wrote %s%n", models.size(),
                models.labels().stream().mapToInt(LabelSummary::utterances).sum(), result.skipped().size(), seconds,
                output);
        out.printf("%-12s %10s %10s %4s %6s %12s%n", "label", "utterances", "frames", "K", "iters", "avg loglik");
        for (LabelSummary s : models.labels()) {
            out.printf("%-12s %10d %10d %4d %6d %12.3f%s%n", s.label(), s.utterances(), s.frames(), s.numComponents(),
                    s.iterations(), s.averageLogLikelihood(), s.converged() ? "" : "  (not converged)");
        }
        return result.skipped().isEmpty() ? ExitCode.OK : ExitCode.SKIPPED_FILES;
    }
}
