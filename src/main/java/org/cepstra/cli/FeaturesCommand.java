package org.cepstra.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.io.FeatureFileWriter;
import org.cepstra.io.KaldiTextArchiveWriter;
import org.cepstra.matrix.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cepstra features}: MFCC frames of WAV files written as a Kaldi text archive. Files that
 * cannot be read are reported on standard error and skipped; the exit code then says so.
 */
@Command(name = "features", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute MFCC frames (Kaldi compute-mfcc-feats by default) of WAV files and folders,",
                "written as a Kaldi text archive (utt-id = file name without .wav)."})
final class FeaturesCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "WAV files or folders (searched recursively)")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write the archive to FILE (atomically) instead of standard output")
    Path output;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Mixin
    FeatureOptions features;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        FeatureConfig config = features.toConfig();
        FeaturePipeline pipeline = new FeaturePipeline(config);
        List<Path> files = WavInputs.expand(inputs);
        int[] outcome = new int[2]; // written, skipped
        if (output == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            writeArchive(pipeline, files, new KaldiTextArchiveWriter(stdout), err, outcome);
            stdout.flush();
        } else {
            FeatureFileWriter.writeAtomically(output,
                    out -> writeArchive(pipeline, files, new KaldiTextArchiveWriter(out), err, outcome));
        }
        if (outcome[1] > 0) {
            err.printf("cepstra: %d of %d files skipped%n", outcome[1], files.size());
        }
        if (outcome[0] == 0) {
            err.println("cepstra: no file could be read");
            return ExitCode.INPUT_ERROR;
        }
        return outcome[1] > 0 ? ExitCode.SKIPPED_FILES : ExitCode.OK;
    }

    private void writeArchive(FeaturePipeline pipeline, List<Path> files, KaldiTextArchiveWriter writer,
                              PrintWriter err, int[] outcome) throws IOException {
        int workers = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "cepstra-features");
            t.setDaemon(true);
            return t;
        });
        Map<String, Path> seen = new HashMap<>();
        try {
            // keep a bounded window of files in flight; write results in input order
            ArrayDeque<Future<FeatureMatrix>> inFlight = new ArrayDeque<>();
            int window = workers * 4;
            int next = 0;
            for (int i = 0; i < files.size(); i++) {
                while (next < files.size() && next < i + window) {
                    Path f = files.get(next++);
                    inFlight.add(pool.submit(() -> pipeline.extract(f)));
                }
                Path file = files.get(i);
                FeatureMatrix frames;
                try {
                    frames = inFlight.remove().get();
                } catch (ExecutionException e) {
                    err.println("cepstra: skipped " + describe(file, e.getCause()));
                    outcome[1]++;
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                if (frames.rows() == 0) {
                    err.println("cepstra: skipped " + file + ": " + (pipeline.config().vadEnabled()
                            ? "no frames left (too short for one frame, or no voiced frame)"
                            : "too short for one frame"));
                    outcome[1]++;
                    continue;
                }
                String id = WavInputs.utteranceId(file);
                Path previous = seen.putIfAbsent(id, file);
                if (previous != null) {
                    err.println("cepstra: skipped " + file + ": utterance id '" + id + "' is already used by " + previous);
                    outcome[1]++;
                    continue;
                }
                writer.write(id, frames);
                outcome[0]++;
            }
            writer.flush();
        } finally {
            pool.shutdownNow();
        }
    }

    private static String describe(Path file, Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.startsWith(file.toString()) ? message : file + ": " + message;
    }
}
