package org.cepstra.app;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.cepstra.audio.SampleEncoding;
import org.cepstra.audio.TarsosSampleAdapter;
import org.cepstra.audio.UnsupportedWavException;
import org.cepstra.audio.WavFormat;
import org.cepstra.audio.WavReader;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.CmvnMode;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.gmm.MapOptions;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.CorpusFeatureExtractor;
import org.cepstra.models.CorpusFrames;
import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelTrainingListener;
import org.cepstra.models.UtteranceFrames;
import org.cepstra.scoring.Ranking;
import org.cepstra.scoring.Scorer;
import org.cepstra.scoring.SpeakerAdaptation;
import org.cepstra.scoring.StreamingScorer;

/**
 * Classifies audio files under one model set, one {@link FileResult} per file in the order given: a file
 * that cannot be read or scored is a {@link FileResult.Skipped} with its reason, and the others go on.
 *
 * <p>Three modes ({@link Mode}): each file decoded whole and scored (files above
 * {@link Options#streamAboveBytes()} are scored block by block in bounded memory, with the same scores);
 * each file streamed chunk by chunk as a live source would feed it, with an early decision; or all files
 * taken as one speaker's, so that a model set trained with per-speaker CMVN normalises them with
 * statistics pooled over all of them. The scores of the three are the batch ones, except that pooling
 * changes the normalisation and so the scores.
 */
public final class Classifier {

    /** How the files are read and normalised. */
    public enum Mode {
        /** Each file alone, decoded whole (block by block above {@link Options#streamAboveBytes()}). */
        BATCH,
        /**
         * Each file alone, read chunk by chunk as a live source would feed it, with an early decision:
         * through TarsosDSP's {@code AudioDispatcher} for mono 8/16-bit PCM when the models average the
         * channels, otherwise through Cepstra's {@link org.cepstra.audio.WavStream}.
         */
        STREAMING,
        /**
         * All files are one speaker's: with per-speaker CMVN the statistics are pooled over every file (as
         * evaluate pools a test speaker's files); without it, as {@link #BATCH}. A classifier
         * {@link #withSpeakerAdaptation with speaker adaptation} also adapts the models to the files.
         */
        SAME_SPEAKER
    }

    /**
     * How files are read and when a streamed file is decided early.
     *
     * @param streamAboveBytes files larger than this many bytes are scored block by block in bounded memory
     *                         (0: every file; {@link Long#MAX_VALUE}: none)
     * @param chunkMs          length of one chunk fed to the streaming scorer, in ms of audio (above 0, at most
     *                         {@link WavChunks#MAX_CHUNK_MS})
     * @param decidePosterior  an early decision needs the best label's posterior above this, in (0, 1) ...
     * @param decideFrames     ... for this many consecutive frames (>= 1)
     * @param threads          worker threads for extracting the frames of pooled files (>= 1)
     */
    public record Options(long streamAboveBytes, double chunkMs, double decidePosterior, int decideFrames,
                          int threads) {
        /** Checks every value's range. */
        public Options {
            if (streamAboveBytes < 0) {
                throw new IllegalArgumentException("streamAboveBytes must be >= 0, got " + streamAboveBytes);
            }
            if (!WavChunks.isChunkMs(chunkMs)) {
                throw new IllegalArgumentException("chunkMs must be " + WavChunks.CHUNK_MS_RULE + ", got " + chunkMs);
            }
            if (!(decidePosterior > 0 && decidePosterior < 1)) {
                throw new IllegalArgumentException("decidePosterior must be in (0, 1), got " + decidePosterior);
            }
            if (decideFrames < 1) {
                throw new IllegalArgumentException("decideFrames must be >= 1, got " + decideFrames);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }

        /**
         * The command line's defaults: block by block above 16 MB, 10 ms chunks, a decision at posterior
         * 0.99 held for 20 frames, one thread.
         */
        public static Options defaults() {
            return new Options(16L << 20, 10, 0.99, 20, 1);
        }

        /** These options with files above {@code bytes} scored block by block. */
        public Options withStreamAboveBytes(long bytes) {
            return new Options(bytes, chunkMs, decidePosterior, decideFrames, threads);
        }

        /** These options with {@code n} worker threads. */
        public Options withThreads(int n) {
            return new Options(streamAboveBytes, chunkMs, decidePosterior, decideFrames, n);
        }
    }

    private final ModelSet models;
    private final Options options;
    private final Scorer scorer;
    /** Adaptation of the models to the speaker of {@link Mode#SAME_SPEAKER} files; null for none. */
    private final SpeakerAdaptation adaptation;

    /**
     * A classifier under {@code models}.
     *
     * @throws IllegalArgumentException if the model set does not record its sample rate
     */
    public Classifier(ModelSet models, Options options) {
        this(models, options, new Scorer(models), null);
    }

    private Classifier(ModelSet models, Options options, Scorer scorer, SpeakerAdaptation adaptation) {
        this.models = Objects.requireNonNull(models, "models");
        this.options = Objects.requireNonNull(options, "options");
        this.scorer = scorer;
        this.adaptation = adaptation;
    }

    /**
     * This classifier classifying {@link Mode#SAME_SPEAKER} files a second time after adapting the models to the
     * speaker ({@link SpeakerAdaptation} with {@code options}): each file is scored with every label's model
     * adapted to the other files that the first pass gave that label.
     */
    public Classifier withSpeakerAdaptation(MapOptions options) {
        return new Classifier(models, this.options, scorer, new SpeakerAdaptation(scorer, options));
    }

    /** The model set files are classified under. */
    public ModelSet models() {
        return models;
    }

    /** The reading and decision options. */
    public Options options() {
        return options;
    }

    /** Classifies {@code files} in {@code mode}; the results in the order of the files. */
    public List<FileResult> classify(List<Path> files, Mode mode) {
        List<FileResult> results = new ArrayList<>(files.size());
        classify(files, mode, results::add);
        return results;
    }

    /**
     * Classifies {@code files} in {@code mode}, handing each result to {@code each} in the order of the files
     * as soon as it is known (in {@link Mode#SAME_SPEAKER} with per-speaker CMVN, once every file is read).
     */
    public void classify(List<Path> files, Mode mode, Consumer<? super FileResult> each) {
        boolean pool = mode == Mode.SAME_SPEAKER
                && (models.featureConfig().cmvn().mode() == CmvnMode.SPEAKER || adaptation != null);
        Map<Path, FileResult> pooled = pool ? pooledSpeaker(files) : Map.of();
        for (Path file : files) {
            FileResult known = pooled.get(file);
            each.accept(known != null ? known : mode == Mode.STREAMING ? classifyStreaming(file) : classify(file));
        }
    }

    /** Classifies one file decoded whole, or block by block if it is above {@link Options#streamAboveBytes()}. */
    public FileResult classify(Path file) {
        try {
            Ranking ranking = isLarge(file) ? stream(file, false).current() : scorer.classify(file);
            return new FileResult.Ranked(file, ranking, Optional.empty());
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return skipped(file, e);
        }
    }

    /** Classifies one file read chunk by chunk as a live source would feed it, with an early decision. */
    public FileResult classifyStreaming(Path file) {
        try {
            StreamingScorer live = stream(file, true);
            return new FileResult.Ranked(file, live.current(), live.decision());
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return skipped(file, e);
        }
    }

    /**
     * Classifies {@code files} as one speaker's: with per-speaker CMVN each file's frames are normalised with
     * the statistics of all of them; without it each file is classified alone.
     */
    public List<FileResult> classifySameSpeaker(List<Path> files) {
        return classify(files, Mode.SAME_SPEAKER);
    }

    /** Every file's result with its frames normalised with the statistics pooled over all of them. */
    private Map<Path, FileResult> pooledSpeaker(List<Path> files) {
        List<Utterance> utterances = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            utterances.add(new Utterance("file-" + i, files.get(i), "?", Optional.of("speaker"), Optional.empty()));
        }
        CorpusFrames frames = new CorpusFeatureExtractor(models.featurePipeline(),
                options.threads()).extract(Corpus.of(utterances), ModelTrainingListener.none());
        Map<Path, FileResult> byFile = new HashMap<>();
        List<Path> ranked = new ArrayList<>();
        List<FeatureMatrix> rankedFrames = new ArrayList<>();
        List<Ranking> firstPass = new ArrayList<>();
        for (UtteranceFrames u : frames.utterances()) {
            Path file = u.utterance().audioFile();
            try {
                Ranking ranking = scorer.score(u.frames());
                byFile.put(file, new FileResult.Ranked(file, ranking, Optional.empty()));
                ranked.add(file);
                rankedFrames.add(u.frames());
                firstPass.add(ranking);
            } catch (IllegalArgumentException e) {
                byFile.put(file, skipped(file, e));
            }
        }
        if (adaptation != null) {
            List<Ranking> second = adaptation.rerank(rankedFrames, firstPass);
            for (int i = 0; i < ranked.size(); i++) {
                byFile.put(ranked.get(i), new FileResult.Ranked(ranked.get(i), second.get(i), Optional.empty()));
            }
        }
        for (SkippedFile s : frames.skipped()) {
            byFile.put(s.file(), new FileResult.Skipped(s.file(), s.reason()));
        }
        return byFile;
    }

    /** Whether {@code file} is above {@link Options#streamAboveBytes()}, so it is scored without decoding it whole. */
    private boolean isLarge(Path file) {
        if (options.streamAboveBytes() == 0) {
            return true;
        }
        try {
            return Files.size(file) > options.streamAboveBytes();
        } catch (IOException e) {
            return false; // the batch path reports the problem
        }
    }

    /**
     * Scores one file chunk by chunk through a {@link StreamingScorer}, as a live source would feed it:
     * through TarsosDSP's dispatcher when {@code viaTarsos} and it can read the layout, else Cepstra's reader.
     */
    private StreamingScorer stream(Path file, boolean viaTarsos) throws IOException {
        WavFormat format = new WavReader(models.featureConfig().channels()).readFormat(file);
        double rate = format.sampleRateHz();
        int chunk;
        try {
            chunk = WavChunks.chunkSamples(options.chunkMs(), rate);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedWavException(file, e.getMessage());
        }
        StreamingScorer live = new StreamingScorer(models, rate)
                .withEarlyDecision(options.decidePosterior(), options.decideFrames());
        boolean tarsosReadable = viaTarsos && format.channels() == 1 && (format.encoding() == SampleEncoding.PCM_SIGNED_16
                || format.encoding() == SampleEncoding.PCM_UNSIGNED_8) && models.featureConfig().channels().averaged();
        if (tarsosReadable) {
            AudioDispatcher dispatcher;
            try {
                dispatcher = AudioDispatcherFactory.fromFile(file.toFile(), chunk, 0);
            } catch (UnsupportedAudioFileException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
            TarsosSampleAdapter.attach(dispatcher, live);
            dispatcher.run();
        } else {
            WavChunks.feed(file, models.featureConfig().channels(), chunk, live, () -> { });
        }
        if (live.framesScored() == 0) {
            throw new IllegalArgumentException(file + ": no frames (too short for one frame, or no voiced frame)");
        }
        return live;
    }

    /** The skip report of {@code file}, its reason without the file's name in front. */
    private static FileResult.Skipped skipped(Path file, Exception e) {
        if (e instanceof NoSuchFileException) {
            return new FileResult.Skipped(file, "no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new FileResult.Skipped(file, "permission denied");
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new FileResult.Skipped(file, SkippedFile.of(file, message).reason());
    }
}
