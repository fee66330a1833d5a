package org.cepstra.models;

import org.cepstra.base.ParallelMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.cepstra.audio.Audio;
import org.cepstra.audio.WavReader;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.SegmentFrames;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.CmvnMode;
import org.cepstra.features.CmvnPrior;
import org.cepstra.features.CmvnStatistics;
import org.cepstra.features.EnergyVad;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Turns every utterance of a corpus into feature frames with one {@link FeaturePipeline}. Each audio
 * file is decoded once, however many segments it holds; files are processed on several threads;
 * a file that cannot be read is reported as a {@link SkippedFile} and the rest goes on, or, in strict
 * mode, the extraction stops at the first such file (in corpus order) with an {@link UnusableFileException}.
 *
 * <p>With per-speaker CMVN ({@link CmvnMode#SPEAKER}) the frames are made in two passes, as Kaldi's
 * {@code compute-cmvn-stats --spk2utt} + {@code apply-cmvn --utt2spk}: static features and CMVN
 * statistics of every utterance, then each utterance normalised with the sum of its speaker's
 * statistics (summed in corpus order, so results do not depend on the thread count). An utterance
 * without a known speaker is its own speaker. A pipeline with a {@link CmvnPrior} smooths every speaker's
 * statistics with it; an extractor asked for {@link #withCmvnPriorFrames(double) prior frames} gathers the
 * prior from this corpus first (the sum of every utterance's statistics, in corpus order) and returns it
 * with the frames.
 */
public final class CorpusFeatureExtractor {
    private final FeaturePipeline pipeline;
    private final WavReader reader;
    private final int threads;
    private final boolean strict;
    private final double cmvnPriorFrames;

    /**
     * An extractor that reports unusable files and goes on.
     *
     * @param pipeline how frames are made
     * @param threads  worker threads (≥ 1)
     */
    public CorpusFeatureExtractor(FeaturePipeline pipeline, int threads) {
        this(pipeline, threads, false);
    }

    /**
     * @param pipeline how frames are made
     * @param threads  worker threads (≥ 1)
     * @param strict   stop at the first unusable file or segment (the first skip report of the label
     *                 source, else the first in corpus order) with an {@link UnusableFileException},
     *                 instead of reporting it and going on
     */
    public CorpusFeatureExtractor(FeaturePipeline pipeline, int threads, boolean strict) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.strict = strict;
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.reader = new WavReader(pipeline.config().channels());
        this.cmvnPriorFrames = 0;
    }

    private CorpusFeatureExtractor(CorpusFeatureExtractor base, double cmvnPriorFrames) {
        this.pipeline = base.pipeline;
        this.strict = base.strict;
        this.threads = base.threads;
        this.reader = base.reader;
        this.cmvnPriorFrames = cmvnPriorFrames;
    }

    /**
     * A copy that, with per-speaker CMVN and a pipeline without a prior of its own, gathers a
     * {@link CmvnPrior} of {@code frames} frames from the corpus it extracts and normalises with it (as
     * training does); 0 gathers none.
     *
     * @throws IllegalArgumentException if {@code frames} is negative or not finite
     */
    public CorpusFeatureExtractor withCmvnPriorFrames(double frames) {
        if (!(frames >= 0) || !Double.isFinite(frames)) {
            throw new IllegalArgumentException("CMVN prior frames must be a finite number >= 0, got " + frames);
        }
        return new CorpusFeatureExtractor(this, frames);
    }

    /** Whether this extractor stops at the first unusable file instead of skipping it. */
    public boolean strict() {
        return strict;
    }

    /**
     * Frames of every utterance of {@code corpus}, in corpus order; the corpus's own skip reports are kept.
     *
     * @throws UnusableFileException in strict mode, for the first skip report of the corpus, or else the
     *                               first file (in corpus order) that gives no usable frames
     */
    public CorpusFrames extract(Corpus corpus, ModelTrainingListener listener) {
        if (strict && !corpus.skipped().isEmpty()) {
            throw new UnusableFileException(corpus.skipped().get(0));
        }
        Map<Path, List<Utterance>> byFile = new LinkedHashMap<>();
        for (Utterance u : corpus.utterances()) {
            byFile.computeIfAbsent(u.audioFile(), f -> new ArrayList<>()).add(u);
        }
        List<Map.Entry<Path, List<Utterance>>> files = new ArrayList<>(byFile.entrySet());
        AtomicInteger done = new AtomicInteger();
        List<FileResult> results = ParallelMap.map(files, threads, "cepstra-corpus-features", file -> {
            FileResult r = extractFile(file.getKey(), file.getValue());
            listener.fileDone(done.incrementAndGet(), files.size());
            if (strict && !r.skipped.isEmpty()) {
                // the first failure in corpus order surfaces; the remaining work is cancelled
                throw new UnusableFileException(r.skipped.get(0));
            }
            return r;
        });
        java.util.SortedMap<Integer, Integer> byRate = new java.util.TreeMap<>();
        for (FileResult r : results) {
            if (r.sourceRateHz > 0) {
                byRate.merge(r.sourceRateHz, 1, Integer::sum);
            }
        }
        Optional<CmvnPrior> prior = pipeline.cmvnPrior();
        if (perSpeaker()) {
            FeaturePipeline post = pipeline;
            if (prior.isEmpty() && cmvnPriorFrames > 0) {
                prior = gatherPrior(results);
                post = prior.map(pipeline::withCmvnPrior).orElse(pipeline);
            }
            results = normaliseBySpeaker(results, post);
        }
        List<UtteranceFrames> frames = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>(corpus.skipped());
        for (FileResult r : results) {
            frames.addAll(r.frames);
            skipped.addAll(r.skipped);
        }
        return new CorpusFrames(frames, skipped, new SampleRates(byRate, pipeline.config().targetSampleRateHz()),
                prior);
    }

    /** The prior of {@link #cmvnPriorFrames} frames from every utterance's statistics; none without frames. */
    private Optional<CmvnPrior> gatherPrior(List<FileResult> firstPass) {
        CmvnStatistics all = null;
        for (FileResult r : firstPass) {
            for (PendingUtterance p : r.pending) {
                if (p.statistics != null) {
                    all = all == null ? p.statistics : all.plus(p.statistics);
                }
            }
        }
        return all == null || !(all.count() > 0) ? Optional.empty() : Optional.of(new CmvnPrior(cmvnPriorFrames, all));
    }

    private boolean perSpeaker() {
        return pipeline.config().cmvn().mode() == CmvnMode.SPEAKER;
    }

    /** Second pass of per-speaker CMVN: sums each speaker's statistics, then post-processes every utterance. */
    private List<FileResult> normaliseBySpeaker(List<FileResult> firstPass, FeaturePipeline post) {
        Map<String, CmvnStatistics> bySpeaker = new LinkedHashMap<>();
        for (FileResult r : firstPass) {
            for (PendingUtterance p : r.pending) {
                if (p.statistics != null) {
                    bySpeaker.merge(speakerKey(p.utterance), p.statistics, CmvnStatistics::plus);
                }
            }
        }
        return ParallelMap.map(firstPass, threads, "cepstra-corpus-cmvn", r -> {
            FileResult done = new FileResult();
            done.skipped.addAll(r.skipped);
            for (PendingUtterance p : r.pending) {
                CmvnStatistics speaker = bySpeaker.get(speakerKey(p.utterance));
                if (p.recording != null) {
                    try {
                        accept(done, r.file, p.utterance, p.recording.segmentFrames(p.utterance, post, speaker));
                    } catch (IllegalArgumentException e) {
                        done.skipped.add(new SkippedFile(r.file, prefixed(p.utterance, e.getMessage())));
                    }
                    continue;
                }
                FeatureMatrix m = post.postProcess(p.statics, speaker);
                accept(done, r.file, p.utterance, m);
            }
            if (strict && !done.skipped.isEmpty()) {
                throw new UnusableFileException(done.skipped.get(0));
            }
            return done;
        });
    }

    /**
     * The speaker whose statistics normalise {@code u}: its speaker, else the utterance alone, or for a
     * segment taking its frames from the recording, the recording.
     */
    private static String speakerKey(Utterance u) {
        if (u.speaker().isPresent()) {
            return "speaker " + u.speaker().get();
        }
        return fromRecording(u) ? "recording " + u.audioFile() : "utterance " + u.id();
    }

    /** Whether {@code u} is a segment whose frames are taken from its whole recording. */
    private static boolean fromRecording(Utterance u) {
        return u.segment().isPresent() && u.segment().get().frames() == SegmentFrames.FROM_RECORDING;
    }

    /** Keeps {@code m} as the frames of {@code u}, or reports why it cannot be used. */
    private void accept(FileResult result, Path file, Utterance u, FeatureMatrix m) {
        String problem = problem(m, pipeline.config().vadEnabled());
        if (problem != null && m.rows() == 0 && fromRecording(u)) {
            problem = "no " + (pipeline.config().vadEnabled() ? "voiced " : "") + "frame of the recording has its "
                    + "centre inside this " + Math.round(u.segment().orElseThrow().durationSeconds() * 1000)
                    + " ms segment";
        }
        if (problem != null) {
            result.skipped.add(new SkippedFile(file, prefixed(u, problem)));
        } else {
            result.frames.add(new UtteranceFrames(u, m));
        }
    }

    /** Why frames cannot be used (none, or not finite), or null; {@code afterVad} names the VAD as a cause. */
    private static String problem(FeatureMatrix m, boolean afterVad) {
        if (m.rows() == 0) {
            return afterVad ? "no frames left (too short for one frame, or no voiced frame)" : "too short for one frame";
        }
        return m.isFinite() ? null : "features are not finite";
    }

    /** Frames of one file's utterances; problems become skip reports instead of exceptions. */
    private FileResult extractFile(Path file, List<Utterance> utterances) {
        FileResult result = new FileResult();
        result.file = file;
        Audio audio;
        try {
            audio = reader.read(file);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            result.skipped.add(new SkippedFile(file, reason(file, e)));
            return result;
        } catch (OutOfMemoryError e) {
            // the one large allocation is the recording's samples: it failed whole, nothing is half-built
            result.skipped.add(new SkippedFile(file, "not enough memory to decode it whole ("
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB heap); give Java more memory (-Xmx) or "
                    + "cut the recording into segments"));
            return result;
        }
        result.sourceRateHz = (int) Math.round(audio.sampleRateHz());
        RecordingFrames recording = null;
        boolean recordingCounted = false;
        for (Utterance u : utterances) {
            try {
                if (fromRecording(u)) {
                    if (recording == null) {
                        recording = new RecordingFrames(pipeline, audio, perSpeaker(), utterances);
                    }
                    if (recording.problem != null) {
                        result.skipped.add(new SkippedFile(file, prefixed(u, "recording " + recording.problem)));
                    } else if (perSpeaker()) {
                        recording.requireInside(u);
                        result.pending.add(new PendingUtterance(u, null, recordingCounted ? null
                                : recording.statistics, recording));
                        recordingCounted = true;
                    } else {
                        accept(result, file, u, recording.segmentFrames(u, pipeline, null));
                    }
                    continue;
                }
                Audio part = u.segment().isEmpty() ? audio : cut(audio, u);
                if (perSpeaker()) {
                    FeatureMatrix statics = pipeline.staticFeatures(part);
                    String problem = problem(statics, false);
                    if (problem != null) {
                        result.skipped.add(new SkippedFile(file, prefixed(u, problem)));
                    } else {
                        result.pending.add(new PendingUtterance(u, statics, pipeline.cmvnStatistics(statics), null));
                    }
                } else {
                    accept(result, file, u, pipeline.extract(part));
                }
            } catch (IllegalArgumentException e) {
                result.skipped.add(new SkippedFile(file, prefixed(u, e.getMessage())));
            }
        }
        return result;
    }

    private static Audio cut(Audio audio, Utterance u) {
        var segment = u.segment().orElseThrow();
        SegmentFrameRanges.requireInside(segment, audio.sampleRateHz(), audio.length());
        long first = segment.firstSample(audio.sampleRateHz());
        long end = segment.endSample(audio.sampleRateHz(), audio.length());
        float[] samples = new float[(int) (end - first)];
        audio.copySamples((int) first, samples.length, samples, 0);
        return Audio.wrap(samples, audio.sampleRateHz());
    }

    /** Prefix of a skip reason: empty for a whole file (the report names the file), the id for a segment. */
    private static String describe(Utterance u) {
        return u.segment().isEmpty() ? "" : "utterance " + u.id();
    }

    private static String prefixed(Utterance u, String reason) {
        String who = describe(u);
        return who.isEmpty() ? reason : who + ": " + reason;
    }

    private static String reason(Path file, Exception e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String name = file.toString();
        if (message.startsWith(name)) {
            message = message.substring(name.length()).replaceFirst("^:\\s*", "");
        }
        if (t instanceof java.nio.file.NoSuchFileException) {
            message = "no such file";
        }
        return message;
    }

    /**
     * An utterance between the two passes of per-speaker CMVN: its statics and statistics, or for a segment
     * of a recording, the recording (whose statistics only its first segment carries, so that a recording
     * counts once towards its speaker).
     */
    private record PendingUtterance(Utterance utterance, FeatureMatrix statics, CmvnStatistics statistics,
                                    RecordingFrames recording) {
    }

    /**
     * One recording featurised whole, for its {@link SegmentFrames#FROM_RECORDING} segments: statics and
     * VAD decisions of every frame, the frames post-processed once (CMVN over the recording or its
     * speaker), and each segment's share of them: a view of the recording's frames when its segments cover
     * at least half of them (they then hold the recording's frames once between them), else a copy, so that a
     * few short segments of a long recording do not keep all of it in memory. Used by one thread at a time.
     */
    private static final class RecordingFrames {
        final FeatureMatrix statics;
        /** Why the statics cannot be used (none, or not finite), or null: looked at once for all segments. */
        final String problem;
        final boolean[] voiced;
        final CmvnStatistics statistics;
        final long lengthSamples;
        final double rateHz;
        final SegmentFrameRanges ranges;
        /** Whether segments take views of the processed frames (see the class comment) rather than copies. */
        private final boolean shareFrames;
        private FeatureMatrix processed;

        RecordingFrames(FeaturePipeline pipeline, Audio audio, boolean perSpeaker, List<Utterance> utterances) {
            Audio prepared = pipeline.prepare(audio);
            this.statics = pipeline.staticFeatures(prepared);
            this.problem = problem(statics, false);
            this.voiced = pipeline.voicedFrames(statics);
            this.statistics = perSpeaker && statics.rows() > 0 ? pipeline.cmvnStatistics(statics) : null;
            this.lengthSamples = prepared.length();
            this.rateHz = prepared.sampleRateHz();
            this.ranges = new SegmentFrameRanges(pipeline.config().mfcc().frame(), rateHz);
            long covered = 0;
            for (Utterance u : utterances) {
                if (fromRecording(u)) {
                    try {
                        covered += ranges.range(u.segment().orElseThrow(), lengthSamples, statics.rows()).size();
                    } catch (IllegalArgumentException e) {
                        // outside the recording: reported when its frames are asked for
                    }
                }
            }
            this.shareFrames = 2 * covered >= statics.rows();
        }

        /** Checks that the segment of {@code u} lies in the recording. */
        void requireInside(Utterance u) {
            SegmentFrameRanges.requireInside(u.segment().orElseThrow(), rateHz, lengthSamples);
        }

        /**
         * The voiced frames of the recording whose centre lies in the segment of {@code u}, post-processed by
         * {@code post} with the speaker's statistics {@code speaker} (null: the recording's own).
         */
        FeatureMatrix segmentFrames(Utterance u, FeaturePipeline post, CmvnStatistics speaker) {
            SegmentFrameRanges.Range r = ranges.range(u.segment().orElseThrow(), lengthSamples, statics.rows());
            if (processed == null) {
                processed = post.postProcessAllFrames(statics, speaker);
            }
            FeatureMatrix frames = shareFrames ? processed.rowView(r.first(), r.end())
                    : processed.rowRange(r.first(), r.end());
            return EnergyVad.selectVoiced(frames,
                    java.util.Arrays.copyOfRange(voiced, r.first(), r.end()));
        }
    }

    private static final class FileResult {
        Path file;
        int sourceRateHz;
        final List<PendingUtterance> pending = new ArrayList<>();
        final List<UtteranceFrames> frames = new ArrayList<>();
        final List<SkippedFile> skipped = new ArrayList<>();
    }
}
