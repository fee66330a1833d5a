package org.cepstra.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cepstra.app.Classifier;
import org.cepstra.app.FileResult;
import org.cepstra.audio.WavReader;
import org.cepstra.corpus.SkipSummary;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.gmm.MapOptions;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.models.ModelSet;
import org.cepstra.models.SampleRates;
import org.cepstra.scoring.Decision;
import org.cepstra.scoring.LabelScore;
import org.cepstra.scoring.Ranking;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cepstra classify}: the best labels of WAV files under a model set. Checks the options, hands the
 * files to a {@link Classifier} and prints its results as text or JSON.
 */
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

    @Option(names = "--adapt", description = "with --same-speaker: classify every file a second time after adapting "
            + "the models to the speaker: each label's model MAP-adapted (means, relevance " + MapOptions.DEFAULT_RELEVANCE
            + ") to the other files that the first pass gave that label (unsupervised two-pass adaptation)")
    boolean adapt;

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
        if (!org.cepstra.app.WavChunks.isChunkMs(chunkMs)) {
            throw new InputException("--chunk-ms must be " + org.cepstra.app.WavChunks.CHUNK_MS_RULE + ", got " + chunkMs);
        }
        if (streamAboveMb < 0) {
            throw new InputException("--stream-above must be >= 0 MB, got " + streamAboveMb);
        }
        if (sameSpeaker && streaming) {
            throw new InputException("--same-speaker needs every file before scoring; it cannot be used with --streaming");
        }
        if (adapt && !sameSpeaker) {
            throw new InputException("--adapt adapts the models to one speaker's files: give --same-speaker too");
        }
        ModelSet models = ModelRate.resolve(ModelSetFile.read(model), model, sampleFrequency);
        Classifier classifier = new Classifier(models, new Classifier.Options(
                streamAboveMb > Long.MAX_VALUE >> 20 ? Long.MAX_VALUE : streamAboveMb << 20, chunkMs, decidePosterior,
                decideFrames, Runtime.getRuntime().availableProcessors()));
        if (adapt) {
            classifier = classifier.withSpeakerAdaptation(MapOptions.defaults());
        }
        List<SkippedFile> skipped = new ArrayList<>(); // folders a walk could not read, then files
        List<Path> files = WavInputs.expand(inputs, skipped);
        int unreadableFolders = skipped.size();
        ModelRate.reportResampling(err, SampleRates.survey(files, new WavReader(models.featureConfig().channels()),
                models.featureConfig().targetSampleRateHz()));
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode results = mapper.createArrayNode();
        boolean[] headerPrinted = {false}; // the table header comes with the first result, so none when all fail
        Classifier.Mode mode = streaming ? Classifier.Mode.STREAMING
                : sameSpeaker ? Classifier.Mode.SAME_SPEAKER : Classifier.Mode.BATCH;
        classifier.classify(files, mode, result -> {
            if (result instanceof FileResult.Skipped skip) {
                skipped.add(skip.toSkippedFile());
            } else if (json) {
                printJson(results, (FileResult.Ranked) result);
            } else {
                if (!headerPrinted[0]) {
                    out.printf("%-40s %-12s %16s %10s %8s%n", "file", "label", "total loglik", "posterior", "frames");
                    headerPrinted[0] = true;
                }
                printText(out, (FileResult.Ranked) result);
            }
        });
        if (json) {
            out.println(mapper.writeValueAsString(results));
        }
        SkipReporter.report(err, skipped);
        if (!files.isEmpty() && skipped.size() - unreadableFolders == files.size()) {
            throw new InputException("no file could be classified: " + SkipSummary.of(skipped).describe(5));
        }
        return skipped.isEmpty() ? ExitCode.OK : ExitCode.SKIPPED_FILES;
    }

    /** Appends one file's object (its ranked labels, and with --streaming its decision) to {@code results}. */
    private void printJson(ArrayNode results, FileResult.Ranked result) {
        Ranking ranking = result.ranking();
        ObjectNode n = results.addObject();
        n.put("file", result.file().toString());
        n.put("frames", ranking.frames());
        n.put("label", ranking.bestLabel());
        if (streaming) {
            if (result.decision().isPresent()) {
                Decision decision = result.decision().get();
                ObjectNode d = n.putObject("decision");
                d.put("label", decision.label());
                d.put("frame", decision.frameIndex());
                d.put("audioMs", decision.audioMs());
                d.put("posterior", decision.posterior());
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
    }

    /** Prints one file's best labels, one line each, and with --streaming its decision. */
    private void printText(PrintWriter out, FileResult.Ranked result) {
        Ranking ranking = result.ranking();
        for (LabelScore s : ranking.top(top)) {
            out.printf("%-40s %-12s %16.3f %10.4f %8d%n", result.file(), s.label(), s.totalLogLikelihood(),
                    s.posterior(), ranking.frames());
        }
        if (streaming) {
            out.println(result.decision().map(d -> String.format("  decided %s at frame %d, after %.0f ms of audio "
                    + "(posterior %.4f)", d.label(), d.frameIndex(), d.audioMs(), d.posterior()))
                    .orElse("  no early decision (posterior never above " + decidePosterior + " for "
                            + decideFrames + " frames)"));
        }
    }
}
