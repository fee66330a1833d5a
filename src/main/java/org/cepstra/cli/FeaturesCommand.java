package org.cepstra.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cepstra.app.FeatureArchiveJob;
import org.cepstra.app.KaldiTextFeatureArchive;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.io.features.FeatureFileWriter;
import org.cepstra.models.UnusableFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cepstra features}: MFCC frames of WAV files written as a Kaldi text archive. Files that
 * cannot be read are reported on standard error and skipped (the exit code then says so), or with
 * {@code --strict} stop the command at the first one. The work is a {@link FeatureArchiveJob} writing a
 * {@link KaldiTextFeatureArchive}; this command checks the options and the output, runs it and reports.
 *
 * <p>Memory: files up to {@code --stream-above} MB are decoded whole, several at a time on worker
 * threads. Larger files are read block by block ({@code WavStream}) into a
 * {@code StreamingFeatureExtractor} on the writing thread, and each frame is written as soon as it is
 * complete, so the audio of a recording is never held whole: memory stays a few MB whatever its length
 * (an hour at 16 kHz runs in a 16 MB heap). Configurations that need the whole utterance (utterance
 * CMVN, VAD, per-file mean subtraction) keep that file's frames (13–39 floats per frame shift) until its
 * end, not its samples; their post-processing copies them a few times (an hour at 16 kHz with deltas
 * and utterance CMVN needs about 200 MB of heap, with VAD about 120 MB). The frames are
 * bit-identical to those of the in-memory path, also when {@code --sample-frequency} asks for another
 * rate (the streaming resampler is bit-identical to the batch one); only a rate that is not a whole number
 * of Hz makes a long file be read and resampled whole, and if memory then runs out it is reported and
 * skipped. A streamed file that fails after some of its frames have
 * been written (a NaN sample deep inside a float file, non-finite features) stops the command with exit
 * code 1, since the archive would otherwise hold a partial entry; with {@code -o} the output file is then
 * left as it was (on standard output, the entries before it have been written). The same holds for
 * {@code --strict}. An output file is not created or replaced when no file could be read.
 *
 * <p>Before any file is read, the options and the output path are checked ({@code -o} must not be a folder,
 * a device or one of the inputs, and its folder must exist, be writable and have free space). Folders are
 * walked as {@code train} walks its corpus ({@link WavInputs}). Every write is checked: a failed write to
 * standard output or to the output file stops the command with one line naming it (exit code 1); a
 * standard output closed by its reader ({@code | head}) stops it quietly at the next write (exit code 141).
 */
@Command(name = "features", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute MFCC frames of WAV files and folders (Kaldi compute-mfcc-feats by default).",
                "Written as a Kaldi text archive (utt-id = file name without .wav)."})
final class FeaturesCommand implements Callable<Integer> {
    private static final long MB = 1L << 20;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "WAV files or folders (searched recursively)")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write the archive to FILE (atomically) instead of standard output")
    Path output;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--strict",
            description = "stop at the first file that cannot be used (exit code 1) instead of reporting and skipping it")
    boolean strict;

    @Option(names = "--stream-above", paramLabel = "MB",
            description = "read files larger than MB megabytes block by block and write their frames as they come, "
                    + "in bounded memory whatever their length (default: ${DEFAULT-VALUE}; 0: every file)")
    long streamAboveMb = 16;

    @Mixin
    FeatureOptions features;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        // options first, then the output path, then the inputs: nothing is read before all are checked
        if (streamAboveMb < 0) {
            throw new InputException("--stream-above must be >= 0 MB, got " + streamAboveMb);
        }
        int workers = Threads.resolve(threads);
        if (output != null) {
            List<Path> named = new ArrayList<>(inputs);
            if (features.config != null) {
                named.add(features.config);
            }
            OutputPaths.check("-o", output, named);
        }
        FeatureConfig config = recipeConfig();
        FeaturePipeline pipeline = new FeaturePipeline(config);
        List<SkippedFile> skipped = new ArrayList<>();
        List<Path> files = WavInputs.expand(inputs, skipped);
        if (output != null) {
            OutputPaths.check("-o", output, files);
        }
        int walkProblems = skipped.size();
        if (strict && walkProblems > 0) {
            throw new InputException(skipped.get(0) + StrictMode.SUFFIX);
        }
        int[] outcome = new int[2]; // written, skipped
        outcome[1] = walkProblems;
        try {
            if (output == null) {
                PrintWriter stdout = spec.commandLine().getOut();
                writeArchive(pipeline, workers, files, stdout, skipped, outcome);
                stdout.flush();
            } else {
                try {
                    FeatureFileWriter.writeAtomically(output, out -> {
                        Writer text = new Utf8Writer(out); // out is buffered
                        writeArchive(pipeline, workers, files, text, skipped, outcome);
                        text.flush();
                        if (outcome[0] == 0) {
                            throw new NothingWritten(); // leave an existing output file as it was
                        }
                    });
                } catch (NothingWritten e) {
                    // reported below
                }
            }
        } catch (OutputFailedException e) {
            throw e; // standard output failed or was closed: the skips no longer matter
        } catch (RuntimeException | IOException e) {
            SkipReporter.report(err, skipped);
            throw e;
        }
        SkipReporter.report(err, skipped);
        if (outcome[1] > 0) {
            err.printf("cepstra: %d of %d files skipped%n", outcome[1], files.size() + walkProblems);
        }
        if (outcome[0] == 0) {
            err.println("cepstra: no file could be read");
            return ExitCode.INPUT_ERROR;
        }
        return outcome[1] > 0 ? ExitCode.SKIPPED_FILES : ExitCode.OK;
    }

    /** Runs the archive job over {@code files}, writing to {@code text}; counts written and skipped files. */
    private void writeArchive(FeaturePipeline pipeline, int workers, List<Path> files, Writer text,
                              List<SkippedFile> skipped, int[] outcome) throws IOException {
        FeatureArchiveJob job = new FeatureArchiveJob(pipeline, new FeatureArchiveJob.Options(workers,
                streamAboveMb > Long.MAX_VALUE / MB ? Long.MAX_VALUE : streamAboveMb * MB, strict),
                WavInputs::utteranceId);
        try {
            outcome[0] = job.run(files, new KaldiTextFeatureArchive(text), skip -> {
                skipped.add(skip);
                outcome[1]++;
            });
        } catch (UnusableFileException e) {
            throw StrictMode.stopped(e);
        } catch (FeatureArchiveJob.IncompleteEntryException e) {
            throw new InputException(e.getMessage());
        }
        text.flush();
    }

    /** Aborts the atomic write of an archive that would hold no entry. */
    private static final class NothingWritten extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NothingWritten() {
            super(null, null, false, false);
        }
    }

    /**
     * The feature configuration of the options; with {@code --recipe}, the recipe's frames as train and evaluate
     * make them (its MFCC options, deltas unless {@code --no-deltas}, normalisation and VAD), the options given
     * one by one on top.
     *
     * @throws InputException for {@code --recipe auto} or a recipe that normalises per speaker (features has no
     *                        labels or speakers)
     */
    private FeatureConfig recipeConfig() throws IOException {
        if (!spec.commandLine().getParseResult().hasMatchedOption("--recipe")) {
            return features.toConfig();
        }
        if (features.autoRecipe) {
            throw new InputException("--recipe auto chooses a recipe by classifying labelled training data: use it "
                    + "with train or evaluate");
        }
        if (features.tables.get("cmvn") == org.cepstra.features.CmvnMode.SPEAKER) {
            throw new InputException(FeatureOptions.SPEAKER_CMVN_NEEDS_SPEAKERS);
        }
        FeatureConfig config = RecipeVadOptions.withRecipeVad(features, false);
        if (config.cmvn().mode() == org.cepstra.features.CmvnMode.SPEAKER) {
            throw new InputException("--recipe " + features.recipe.id() + " normalises each speaker's frames "
                    + "together, which needs the speakers: use it with train or evaluate, or add --cmvn utterance");
        }
        if (config.lda().enabled()) {
            throw new InputException(FeatureOptions.LDA_NEEDS_LABELS);
        }
        return config;
    }
}
