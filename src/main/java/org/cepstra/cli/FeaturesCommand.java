package org.cepstra.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cepstra.audio.WavReader;
import org.cepstra.audio.WavStream;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.features.StreamingFeatureExtractor;
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
 * cannot be read are reported on standard error and skipped (the exit code then says so), or with
 * {@code --strict} stop the command at the first one.
 *
 * <p>Memory: files up to {@code --stream-above} MB are decoded whole, several at a time on worker
 * threads. Larger files are read block by block ({@link WavStream}) into a
 * {@link StreamingFeatureExtractor} on the writing thread, and each frame is written as soon as it is
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
        description = {"Compute MFCC frames (Kaldi compute-mfcc-feats by default) of WAV files and folders,",
                "written as a Kaldi text archive (utt-id = file name without .wav)."})
final class FeaturesCommand implements Callable<Integer> {
    /** Samples per block read from a streamed file. */
    private static final int STREAM_BLOCK_SAMPLES = 1 << 15;
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
        FeatureConfig config = features.toConfig();
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

    private void writeArchive(FeaturePipeline pipeline, int workers, List<Path> files, Writer text,
                              List<SkippedFile> skipped, int[] outcome) throws IOException {
        KaldiTextArchiveWriter writer = new KaldiTextArchiveWriter(text);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "cepstra-features");
            t.setDaemon(true);
            return t;
        });
        Map<String, Path> seen = new HashMap<>();
        try {
            // keep a bounded window of files in flight; write results in input order. Long files are not
            // submitted: they are streamed on this thread when their turn comes (no future).
            ArrayDeque<Pending> inFlight = new ArrayDeque<>();
            int window = workers * 4;
            int next = 0;
            for (int i = 0; i < files.size(); i++) {
                while (next < files.size() && next < i + window) {
                    Path f = files.get(next++);
                    inFlight.add(new Pending(isLong(f) ? null : pool.submit(() -> extractAndFormat(pipeline, f))));
                }
                Path file = files.get(i);
                Future<Extracted> future = inFlight.remove().batch();
                boolean stream = future == null;
                String id = WavInputs.utteranceId(file);
                String idProblem = idProblem(id);
                if (idProblem != null) {
                    skip(skipped, file, idProblem, outcome);
                    continue;
                }
                Path previous = seen.get(id);
                if (previous != null) {
                    skip(skipped, file, "utterance id '" + id + "' is already used by " + previous, outcome);
                    continue;
                }
                String problem = stream
                        ? streamFile(pipeline, file, id, writer, text)
                        : writeBatch(pipeline, file, id, future, writer);
                if (problem != null) {
                    skip(skipped, file, problem, outcome);
                    continue;
                }
                seen.put(id, file);
                outcome[0]++;
            }
            text.flush();
        } finally {
            pool.shutdownNow();
        }
    }

    /** A file in the window: the frames being computed in memory, or null for a file to stream. */
    private record Pending(Future<Extracted> batch) {
    }

    /** The frames of a file and, when they can be written, their archive text (formatted on the worker). */
    private record Extracted(FeatureMatrix frames, String entry) {
    }

    /** Runs on a worker: extracts the frames and formats their archive entry, so the writer only appends. */
    private static Extracted extractAndFormat(FeaturePipeline pipeline, Path file) throws IOException {
        FeatureMatrix frames = pipeline.extract(file);
        String id = WavInputs.utteranceId(file);
        boolean writable = frames.rows() > 0 && frames.isFinite() && idProblem(id) == null;
        return new Extracted(frames, writable ? KaldiTextArchiveWriter.entry(id, frames) : null);
    }

    /** Whether {@code file} is large enough to be streamed rather than decoded whole. */
    private boolean isLong(Path file) {
        if (streamAboveMb == 0) {
            return true;
        }
        if (streamAboveMb > Long.MAX_VALUE / MB) {
            return false;
        }
        try {
            return Files.size(file) > streamAboveMb * MB;
        } catch (IOException e) {
            return false; // the in-memory path reports the problem
        }
    }

    /**
     * Records a skipped file ({@code problem} may start with the file's name), or, with --strict, stops
     * the command.
     */
    private void skip(List<SkippedFile> skipped, Path file, String problem, int[] outcome) {
        String prefix = file + ": ";
        String reason = problem.startsWith(prefix) ? problem.substring(prefix.length()) : problem;
        if (strict) {
            throw new InputException(prefix + reason + StrictMode.SUFFIX);
        }
        skipped.add(new SkippedFile(file, reason));
        outcome[1]++;
    }

    /** Writes the frames computed in memory for {@code file}; returns the skip report, or null if written. */
    private static String writeBatch(FeaturePipeline pipeline, Path file, String id, Future<Extracted> future,
                                     KaldiTextArchiveWriter writer) throws IOException {
        Extracted extracted;
        try {
            extracted = future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OutOfMemoryError) {
                return file + ": not enough memory to decode it whole; lower --stream-above to read it block by "
                        + "block, or give more memory (java -Xmx...)";
            }
            return describe(file, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        FeatureMatrix frames = extracted.frames();
        if (frames.rows() == 0) {
            return file + ": " + noFrames(pipeline);
        }
        if (!frames.isFinite()) {
            return file + ": features are not finite (float samples far beyond full scale?)";
        }
        writer.writeEntry(extracted.entry());
        return null;
    }

    /**
     * Streams {@code file} block by block and writes each frame as it comes. Returns the skip report, or
     * null if the entry was written.
     *
     * @throws InputException if the file fails after some of its frames were written
     */
    private String streamFile(FeaturePipeline pipeline, Path file, String id, KaldiTextArchiveWriter writer,
                              Writer text) throws IOException {
        FeatureConfig config = pipeline.config();
        EntryRows rows = new EntryRows(text, id);
        double rate;
        boolean resample;
        try (WavStream in = new WavReader(config.channels()).open(file)) {
            rate = in.format().sampleRateHz();
            StreamingFeatureExtractor extractor = streamingExtractor(config, rate, rows);
            resample = extractor == null;
            if (!resample) {
                float[] block = new float[STREAM_BLOCK_SAMPLES];
                int n;
                while ((n = in.read(block, 0, block.length)) > 0) {
                    extractor.accept(block, 0, n);
                }
                extractor.finish();
            }
        } catch (OutputFailure e) {
            throw e.getCause();
        } catch (OutOfMemoryError e) {
            // only whole-utterance configurations hold more than a few frames: all of them, until the end
            String problem = file + ": not enough memory for the frames of the whole recording, which utterance "
                    + "CMVN, VAD and --subtract-mean keep until its end; use --cmvn sliding, or give more memory "
                    + "(java -Xmx...)";
            if (rows.count > 0) {
                throw new InputException(problem + " (after " + rows.count
                        + " frames had been written, so the archive is incomplete)");
            }
            return problem;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            if (rows.count > 0) {
                throw new InputException(describe(file, cause) + " (after " + rows.count
                        + " frames had been written, so the archive is incomplete)");
            }
            return describe(file, cause);
        }
        if (resample) {
            return resampleWhole(pipeline, file, id, writer, rate);
        }
        if (rows.count == 0) {
            return file + ": " + noFrames(pipeline);
        }
        rows.end();
        return null;
    }

    /**
     * An extractor for a stream at {@code rate} (resampled while streaming when the configuration asks for
     * another rate), or null when that rate pair cannot be streamed (a rate that is not a whole number of Hz).
     */
    private static StreamingFeatureExtractor streamingExtractor(FeatureConfig config, double rate, EntryRows rows) {
        double target = config.targetSampleRateHz();
        try {
            return new StreamingFeatureExtractor(config, rate, rows);
        } catch (IllegalArgumentException e) {
            if (target > 0 && target != rate) {
                return null;
            }
            throw e;
        }
    }

    /** A long file whose rate pair the streaming resampler cannot handle: it is read and resampled whole. */
    private static String resampleWhole(FeaturePipeline pipeline, Path file, String id,
                                        KaldiTextArchiveWriter writer, double rate) throws IOException {
        FeatureMatrix frames;
        try {
            frames = pipeline.extract(file);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return describe(file, e);
        } catch (OutOfMemoryError e) {
            return file + ": too long to resample in memory from " + rate + " Hz to "
                    + pipeline.config().targetSampleRateHz() + " Hz (resampling needs the whole recording); "
                    + "resample it beforehand, or give more memory (java -Xmx...)";
        }
        if (frames.rows() == 0) {
            return file + ": " + noFrames(pipeline);
        }
        if (!frames.isFinite()) {
            return file + ": features are not finite (float samples far beyond full scale?)";
        }
        writer.write(id, frames);
        return null;
    }

    private static String noFrames(FeaturePipeline pipeline) {
        return pipeline.config().vadEnabled()
                ? "no frames left (too short for one frame, or no voiced frame)"
                : "too short for one frame";
    }

    /** Why {@code id} cannot be a Kaldi archive key, or null if it can. */
    private static String idProblem(String id) {
        try {
            new KaldiTextArchiveWriter(Writer.nullWriter()).write(id, FeatureMatrix.empty(1));
            return null;
        } catch (IllegalArgumentException | IOException e) {
            return e.getMessage();
        }
    }

    private static String describe(Path file, Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.startsWith(file.toString()) ? message : file + ": " + message;
    }

    /**
     * One archive entry written frame by frame, in exactly the text {@link KaldiTextArchiveWriter} writes
     * for a whole matrix: {@code id  [}, then per frame a newline, two spaces and every value followed by a
     * space, then {@code ]} and a newline. The key is written with the first frame, so a file that gives
     * no frame leaves no trace.
     */
    private static final class EntryRows implements org.cepstra.features.StreamingFrameListener {
        private final Writer out;
        private final String id;
        private final StringBuilder line = new StringBuilder(256);
        long count;

        EntryRows(Writer out, String id) {
            this.out = out;
            this.id = id;
        }

        @Override
        public void onFrame(int frameIndex, float[] frame) {
            for (int c = 0; c < frame.length; c++) {
                if (!Float.isFinite(frame[c])) {
                    throw new IllegalArgumentException("frame " + frameIndex + " column " + c + " is " + frame[c]
                            + ": features are not finite (float samples far beyond full scale?)");
                }
            }
            line.setLength(0);
            if (count == 0) {
                line.append(id).append("  [");
            }
            line.append("\n  ");
            for (float v : frame) {
                line.append(KaldiTextArchiveWriter.formatFloat(v)).append(' ');
            }
            try {
                out.append(line);
            } catch (IOException e) {
                throw new OutputFailure(e);
            }
            count++;
        }

        void end() throws IOException {
            out.write("]\n");
        }
    }

    /** Aborts the atomic write of an archive that would hold no entry. */
    private static final class NothingWritten extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NothingWritten() {
            super(null, null, false, false);
        }
    }

    /** A failure to write the archive itself (not a problem of the input file), carried out of the listener. */
    private static final class OutputFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
