package org.cepstra.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.SkipSummary;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.CmvnMode;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.CorpusFeatureExtractor;
import org.cepstra.models.CorpusFrames;
import org.cepstra.models.ModelTrainingListener;
import org.cepstra.models.UtteranceFrames;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.cepstra.audio.SampleEncoding;
import org.cepstra.audio.TarsosSampleAdapter;
import org.cepstra.audio.WavFormat;
import org.cepstra.audio.WavReader;
import org.cepstra.audio.WavStream;
import org.cepstra.io.ModelSetFile;
import org.cepstra.models.ModelSet;
import org.cepstra.models.SampleRates;
import org.cepstra.scoring.Decision;
import org.cepstra.scoring.StreamingScorer;
import org.cepstra.scoring.LabelScore;
import org.cepstra.scoring.Ranking;
import org.cepstra.scoring.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cepstra classify}: the best labels of WAV files under a model set. */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classify WAV files with a model file: label, total log-likelihood, posterior (calibrated when the "
                + "model file says so: a softmax of the totals times the scale fitted at training time).")
final class ClassifyCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "model file written by train")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "WAV files or folders")
    List<Path> inputs;

    @Option(names = "--top", paramLabel = "N", description = "show the best N labels per file (default: ${DEFAULT-VALUE})")
    int top = 1;

    @Option(names = "--json", description = "print JSON: one object per file with its ranked labels")
    boolean json;

    @Option(names = "--streaming", description = "score while the file is read in chunks, as a live source would "
            + "(TarsosDSP's AudioDispatcher for 8/16-bit PCM, Cepstra's streaming reader for other layouts); "
            + "the scores equal the batch ones")
    boolean streaming;

    @Option(names = "--stream-above", paramLabel = "MB",
            description = "files larger than this are scored block by block in bounded memory, with the same "
                    + "scores (default: ${DEFAULT-VALUE}; 0 streams every file)")
    long streamAboveMb = 16;

    @Option(names = "--chunk-ms", paramLabel = "MS", description = "with --streaming: chunk length in ms (default: ${DEFAULT-VALUE})")
    double chunkMs = 10;

    @Option(names = "--decide-posterior", paramLabel = "P",
            description = "with --streaming: decide early once the best label's (calibrated) posterior exceeds P, in (0, 1) ... (default: ${DEFAULT-VALUE})")
    double decidePosterior = 0.99;

    @Option(names = "--decide-frames", paramLabel = "N",
            description = "... for N consecutive frames (default: ${DEFAULT-VALUE})")
    int decideFrames = 20;

    @Option(names = "--sample-frequency", paramLabel = "HZ",
            description = "the rate a model file from an older version was trained at (files that record their "
                    + "rate need no such option; audio at other rates is resampled to the model's rate)")
    Double sampleFrequency;

    @Option(names = "--same-speaker", description = "the files are all one speaker's: with a model trained with "
            + "per-speaker CMVN (--recipe cross-speaker, --cmvn speaker) their statistics are pooled, as in "
            + "evaluate; without it each file is its own speaker")
    boolean sameSpeaker;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (top < 1) {
            throw new InputException("--top must be >= 1, got " + top);
        }
        if (!(decidePosterior > 0 && decidePosterior < 1)) {
            throw new InputException("--decide-posterior must be in (0, 1), got " + decidePosterior);
        }
        if (decideFrames < 1) {
            throw new InputException("--decide-frames must be >= 1, got " + decideFrames);
        }
        if (!(chunkMs > 0)) {
            throw new InputException("--chunk-ms must be positive, got " + chunkMs);
        }
        if (streamAboveMb < 0) {
            throw new InputException("--stream-above must be >= 0 MB, got " + streamAboveMb);
        }
        if (sameSpeaker && streaming) {
            throw new InputException("--same-speaker needs every file before scoring; it cannot be used with --streaming");
        }
        ModelSet models = ModelRate.resolve(ModelSetFile.read(model), model, sampleFrequency);
        Scorer scorer = new Scorer(models);
        List<SkippedFile> skipped = new ArrayList<>(); // folders a walk could not read, then files
        List<Path> files = WavInputs.expand(inputs, skipped);
        int unreadableFolders = skipped.size();
        ModelRate.reportResampling(err, SampleRates.survey(files, new WavReader(models.featureConfig().channels()),
                models.featureConfig().targetSampleRateHz()));
        Map<Path, Object> pooled = sameSpeaker && models.featureConfig().cmvn().mode() == CmvnMode.SPEAKER
                ? pooledSpeakerFrames(models, files) : Map.of();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode results = mapper.createArrayNode();
        if (!json) {
            out.printf("%-40s %-12s %16s %10s %8s%n", "file", "label", "total loglik", "posterior", "frames");
        }
        for (Path file : files) {
            Ranking ranking;
            Optional<Decision> decision = Optional.empty();
            try {
                Object pre = pooled.get(file);
                if (pre instanceof SkippedFile skip) {
                    throw new IllegalArgumentException(file + ": " + skip.reason());
                } else if (pre instanceof FeatureMatrix frames) {
                    ranking = scorer.score(frames);
                } else if (streaming) {
                    StreamingScorer live = streamFile(models, file, true);
                    ranking = live.current();
                    decision = live.decision();
                } else if (isLarge(file)) {
                    ranking = streamFile(models, file, false).current();
                } else {
                    ranking = scorer.classify(file);
                }
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                String prefix = file + ": ";
                skipped.add(new SkippedFile(file, message.startsWith(prefix) ? message.substring(prefix.length())
                        : message));
                continue;
            }
            if (json) {
                ObjectNode n = results.addObject();
                n.put("file", file.toString());
                n.put("frames", ranking.frames());
                n.put("label", ranking.bestLabel());
                if (streaming) {
                    if (decision.isPresent()) {
                        ObjectNode d = n.putObject("decision");
                        d.put("label", decision.get().label());
                        d.put("frame", decision.get().frameIndex());
                        d.put("audioMs", decision.get().audioMs());
                        d.put("posterior", decision.get().posterior());
                    } else {
                        n.putNull("decision");
                    }
                }
                ArrayNode ranked = n.putArray("ranking");
                for (LabelScore s : ranking.top(top)) {
                    ObjectNode r = ranked.addObject();
                    r.put("label", s.label());
                    r.put("totalLogLikelihood", s.totalLogLikelihood());
                    r.put("averageLogLikelihood", s.averageLogLikelihood());
                    r.put("posterior", s.posterior());
                }
            } else {
                for (LabelScore s : ranking.top(top)) {
                    out.printf("%-40s %-12s %16.3f %10.4f %8d%n", file, s.label(), s.totalLogLikelihood(), s.posterior(),
                            ranking.frames());
                }
                if (streaming) {
                    out.println(decision.map(d -> String.format("  decided %s at frame %d, after %.0f ms of audio "
                            + "(posterior %.4f)", d.label(), d.frameIndex(), d.audioMs(), d.posterior()))
                            .orElse("  no early decision (posterior never above " + decidePosterior + " for "
                                    + decideFrames + " frames)"));
                }
            }
        }
        if (json) {
            out.println(mapper.writeValueAsString(results));
        }
        SkipReporter.report(err, skipped);
        if (!files.isEmpty() && skipped.size() - unreadableFolders == files.size()) {
            throw new InputException("no file could be classified: " + SkipSummary.of(skipped).describe(5));
        }
        return skipped.isEmpty() ? ExitCode.OK : ExitCode.SKIPPED_FILES;
    }

    /**
     * Frames of every file normalised with the statistics of all of them (one speaker), by file; a file
     * that cannot be used maps to its skip report.
     */
    private static Map<Path, Object> pooledSpeakerFrames(ModelSet models, List<Path> files) {
        List<Utterance> utterances = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            utterances.add(new Utterance("file-" + i, files.get(i), "?", Optional.of("speaker"), Optional.empty()));
        }
        CorpusFrames frames = new CorpusFeatureExtractor(new FeaturePipeline(models.featureConfig()),
                Runtime.getRuntime().availableProcessors()).extract(Corpus.of(utterances), ModelTrainingListener.none());
        Map<Path, Object> byFile = new HashMap<>();
        for (UtteranceFrames u : frames.utterances()) {
            byFile.put(u.utterance().audioFile(), u.frames());
        }
        for (SkippedFile s : frames.skipped()) {
            byFile.put(s.file(), s);
        }
        return byFile;
    }

    /** Scores one file chunk by chunk through a {@link StreamingScorer}, as a live source would feed it. */
    /** Whether {@code file} is above {@code --stream-above}, so it is scored without decoding it whole. */
    private boolean isLarge(Path file) {
        if (streamAboveMb == 0) {
            return true;
        }
        try {
            return streamAboveMb <= Long.MAX_VALUE >> 20 && java.nio.file.Files.size(file) > (streamAboveMb << 20);
        } catch (IOException e) {
            return false; // the batch path reports the problem
        }
    }

    /**
     * Scores one file chunk by chunk through a {@link StreamingScorer}, as a live source would feed it:
     * through TarsosDSP's dispatcher when {@code viaTarsos} and it can read the layout, else Cepstra's reader.
     */
    private StreamingScorer streamFile(ModelSet models, Path file, boolean viaTarsos) throws IOException {
        WavFormat format = new WavReader(models.featureConfig().channels()).readFormat(file);
        double rate = format.sampleRateHz();
        int chunk = Math.max(1, (int) Math.round(chunkMs * rate / 1000));
        StreamingScorer live = new StreamingScorer(models, rate).withEarlyDecision(decidePosterior, decideFrames);
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
            try (WavStream in = new WavReader(models.featureConfig().channels()).open(file)) {
                float[] buffer = new float[chunk];
                for (int n = in.read(buffer, 0, chunk); n > 0; n = in.read(buffer, 0, chunk)) {
                    live.accept(buffer, 0, n);
                }
            }
            live.finish();
        }
        if (live.framesScored() == 0) {
            throw new IllegalArgumentException(file + ": no frames (too short for one frame, or no voiced frame)");
        }
        return live;
    }
}
