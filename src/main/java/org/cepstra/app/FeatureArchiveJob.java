package org.cepstra.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import org.cepstra.base.WorkerPool;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Function;
import org.cepstra.audio.WavReader;
import org.cepstra.audio.WavStream;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.features.StreamingFeatureExtractor;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.UnusableFileException;

/**
 * Extracts the frames of many audio files into one archive, one entry per file in the order of the files.
 *
 * <p>Files up to {@link Options#streamAboveBytes()} are decoded whole, several at a time on worker threads
 * (a bounded window of four files per thread in flight; with one thread, on the writing thread itself), their
 * entries prepared there and appended in order.
 * Larger files are read block by block into a {@link StreamingFeatureExtractor} on the writing thread and
 * each frame is written as soon as it is complete, so a recording's audio is never held whole (only a
 * configuration that needs the whole utterance keeps its frames until its end). The frames are
 * bit-identical to those of the in-memory path; only a rate pair the streaming resampler cannot handle (a
 * rate that is not a whole number of Hz) makes a long file be read and resampled whole.
 *
 * <p>A file that cannot be used (unreadable, no frames, non-finite features, a key the archive refuses or
 * one already used) is handed to the skip listener and the job goes on, or in strict mode stops it with an
 * {@link UnusableFileException}. A streamed file that fails after some of its frames were written stops
 * the job with an {@link IncompleteEntryException}; a failed write of the archive itself with the write's
 * {@link IOException}.
 */
public final class FeatureArchiveJob {
    /** Samples per block read from a streamed file. */
    private static final int STREAM_BLOCK_SAMPLES = 1 << 15;

    /**
     * How the job runs.
     *
     * @param threads          worker threads decoding files whole (>= 1)
     * @param streamAboveBytes files larger than this many bytes are streamed block by block (0: every file;
     *                         {@link Long#MAX_VALUE}: none)
     * @param strict           stop at the first file that cannot be used instead of skipping it
     */
    public record Options(int threads, long streamAboveBytes, boolean strict) {
        /** Checks the ranges. */
        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            if (streamAboveBytes < 0) {
                throw new IllegalArgumentException("streamAboveBytes must be >= 0, got " + streamAboveBytes);
            }
        }
    }

    /** A streamed file failed after some of its frames had been written: the archive holds a partial entry. */
    public static final class IncompleteEntryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The problem, naming the file and the frames already written. */
        public IncompleteEntryException(String message) {
            super(message);
        }
    }

    private final FeaturePipeline pipeline;
    private final Options options;
    private final Function<Path, String> utteranceId;

    /**
     * A job computing frames with {@code pipeline}.
     *
     * @param utteranceId the key of each file's entry (its name without {@code .wav}, say)
     */
    public FeatureArchiveJob(FeaturePipeline pipeline, Options options, Function<Path, String> utteranceId) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.options = Objects.requireNonNull(options, "options");
        this.utteranceId = Objects.requireNonNull(utteranceId, "utteranceId");
    }

    /**
     * Writes one entry per usable file of {@code files} to {@code archive}, in order.
     *
     * @param onSkip receives each file that could not be used, with the reason, as it is met
     * @return the number of entries written
     * @throws UnusableFileException    in strict mode, for the first file that cannot be used
     * @throws IncompleteEntryException if a streamed file fails after some of its frames were written
     * @throws IOException              if the archive cannot be written
     */
    public int run(List<Path> files, FeatureArchiveWriter archive, Consumer<SkippedFile> onSkip) throws IOException {
        // one thread: files are read on this thread, without handing each one over to a worker and back
        ExecutorService pool = options.threads() == 1 ? null : WorkerPool.fixed(options.threads(), "cepstra-features");
        Map<String, Path> seen = new HashMap<>();
        int written = 0;
        try {
            // keep a bounded window of files in flight; write results in input order. Long files are not
            // submitted: they are streamed on this thread when their turn comes (no future).
            ArrayDeque<Pending> inFlight = new ArrayDeque<>();
            int window = options.threads() * 4;
            int next = 0;
            for (int i = 0; i < files.size(); i++) {
                while (next < files.size() && next < i + window) {
                    Path f = files.get(next++);
                    inFlight.add(new Pending(isLong(f) ? null : submit(pool, archive, f)));
                }
                Path file = files.get(i);
                Future<Extracted> future = inFlight.remove().batch();
                String id = utteranceId.apply(file);
                Optional<String> idProblem = archive.keyProblem(id);
                if (idProblem.isPresent()) {
                    skip(onSkip, file, idProblem.get());
                    continue;
                }
                Path previous = seen.get(id);
                if (previous != null) {
                    skip(onSkip, file, "utterance id '" + id + "' is already used by " + previous);
                    continue;
                }
                String problem = future == null ? streamFile(file, id, archive) : writeBatch(file, future);
                if (problem != null) {
                    skip(onSkip, file, problem);
                    continue;
                }
                seen.put(id, file);
                written++;
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return written;
    }

    /** The extraction of {@code file} on {@code pool}, or done here and now if there is no pool. */
    private Future<Extracted> submit(ExecutorService pool, FeatureArchiveWriter archive, Path file) {
        Callable<Extracted> work = () -> extractAndPrepare(archive, file);
        if (pool != null) {
            return pool.submit(work);
        }
        FutureTask<Extracted> task = new FutureTask<>(work); // keeps a failure for get(), as a pool does
        task.run();
        return task;
    }

    /** A file in the window: the frames being computed in memory, or null for a file to stream. */
    private record Pending(Future<Extracted> batch) {
    }

    /** The frames of a file and, when they can be written, their prepared entry (made on the worker). */
    private record Extracted(FeatureMatrix frames, FeatureArchiveWriter.PreparedEntry entry) {
    }

    /** Runs on a worker: extracts the frames and prepares their entry, so the writer only appends. */
    private Extracted extractAndPrepare(FeatureArchiveWriter archive, Path file) throws IOException {
        FeatureMatrix frames = pipeline.extract(file);
        String id = utteranceId.apply(file);
        boolean writable = frames.rows() > 0 && frames.isFinite() && archive.keyProblem(id).isEmpty();
        return new Extracted(frames, writable ? archive.prepare(id, frames) : null);
    }

    /** Whether {@code file} is large enough to be streamed rather than decoded whole. */
    private boolean isLong(Path file) {
        if (options.streamAboveBytes() == 0) {
            return true;
        }
        try {
            return Files.size(file) > options.streamAboveBytes();
        } catch (IOException e) {
            return false; // the in-memory path reports the problem
        }
    }

    /** Reports a skipped file ({@code problem} may start with the file's name), or in strict mode stops. */
    private void skip(Consumer<SkippedFile> onSkip, Path file, String problem) {
        SkippedFile report = SkippedFile.of(file, problem);
        if (options.strict()) {
            throw new UnusableFileException(report);
        }
        onSkip.accept(report);
    }

    /** Writes the frames computed in memory for {@code file}; returns the skip report, or null if written. */
    private String writeBatch(Path file, Future<Extracted> future) throws IOException {
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
            return file + ": " + noFrames();
        }
        if (!frames.isFinite()) {
            return file + ": features are not finite (float samples far beyond full scale?)";
        }
        extracted.entry().write();
        return null;
    }

    /**
     * Streams {@code file} block by block and writes each frame as it comes. Returns the skip report, or
     * null if the entry was written.
     *
     * @throws IncompleteEntryException if the file fails after some of its frames were written
     */
    private String streamFile(Path file, String id, FeatureArchiveWriter archive) throws IOException {
        FeatureConfig config = pipeline.config();
        FeatureArchiveWriter.EntryFrames rows = archive.begin(id);
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
        } catch (FeatureArchiveWriter.WriteFailedException e) {
            throw e.getCause();
        } catch (OutOfMemoryError e) {
            // only whole-utterance configurations hold more than a few frames: all of them, until the end
            String problem = file + ": not enough memory for the frames of the whole recording, which utterance "
                    + "CMVN, VAD and --subtract-mean keep until its end; use --cmvn sliding, or give more memory "
                    + "(java -Xmx...)";
            if (rows.framesWritten() > 0) {
                throw new IncompleteEntryException(problem + " (after " + rows.framesWritten()
                        + " frames had been written, so the archive is incomplete)");
            }
            return problem;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            if (rows.framesWritten() > 0) {
                throw new IncompleteEntryException(describe(file, cause) + " (after " + rows.framesWritten()
                        + " frames had been written, so the archive is incomplete)");
            }
            return describe(file, cause);
        }
        if (resample) {
            return resampleWhole(file, id, archive, rate);
        }
        if (rows.framesWritten() == 0) {
            return file + ": " + noFrames();
        }
        rows.end();
        return null;
    }

    /**
     * An extractor for a stream at {@code rate} (resampled while streaming when the configuration asks for
     * another rate), or null when that rate pair cannot be streamed (a rate that is not a whole number of Hz).
     */
    private static StreamingFeatureExtractor streamingExtractor(FeatureConfig config, double rate,
                                                                FeatureArchiveWriter.EntryFrames rows) {
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
    private String resampleWhole(Path file, String id, FeatureArchiveWriter archive, double rate) throws IOException {
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
            return file + ": " + noFrames();
        }
        if (!frames.isFinite()) {
            return file + ": features are not finite (float samples far beyond full scale?)";
        }
        archive.prepare(id, frames).write();
        return null;
    }

    private String noFrames() {
        return pipeline.config().vadEnabled()
                ? "no frames left (too short for one frame, or no voiced frame)"
                : "too short for one frame";
    }

    private static String describe(Path file, Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.startsWith(file.toString()) ? message : file + ": " + message;
    }
}
