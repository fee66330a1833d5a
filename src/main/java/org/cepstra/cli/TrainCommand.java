package org.cepstra.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cepstra.app.RecipeSelection;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.CorpusSplit;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.corpus.Utterance;
import org.cepstra.io.model.ModelSetFile;
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
 * temporary files of killed runs are removed by the first write at least ten minutes later; a run stopped
 * by Ctrl-C or SIGTERM removes its own). The options, the corpus options and the output path are checked
 * before the corpus is read, and the output is checked again against the corpus's audio files before
 * training starts, so that a long run never ends unable to write its model or overwrites one of its inputs.
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

    @Mixin
    CalibrationOptions calibration;

    @Mixin
    LabelModelOptions labelModels;

    @Mixin
    MapFromOptions mapFrom;

    @Mixin
    CorpusJobOptions job;

    @Option(names = "--json", description = "print the summary as JSON (labels, utterances, frames, K, iterations, "
            + "average log-likelihood, skipped files)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // options and the output path first: nothing is read, and no training starts, before they are checked
        int workers = job.workers();
        corpus.check();
        calibration.validate();
        labelModels.validate();
        mapFrom.check();
        if (mapFrom.ubm != null && features.autoRecipe) {
            throw new InputException("--recipe auto cannot be used with --map-from: the features are the UBM's");
        }
        if (mapFrom.ubm != null) {
            labelModels.refuseStatesWith("--map-from (MAP adaptation makes one model per label)", features);
        }
        if (!training.candidates.isEmpty()) {
            labelModels.refuseStatesWith("--k-candidates", features);
        }
        OutputPaths.check("-o", output, declaredInputs());
        long t0 = System.nanoTime();
        RecipeTrainers trainers = new RecipeTrainers(features, training, calibration, labelModels, job.strict, workers);
        ModelSetTrainer trainer = trainers.trainer(features.recipe); // reads --config, if given
        Corpus all = corpus.read(root);
        CorpusSplit split = corpus.split(all);
        OutputPaths.check("-o", output, audioFiles(all));
        if (split.train().isEmpty()) {
            SkipReporter.report(err, all.skipped());
            throw new InputException("no training utterances: check the label source and the test split");
        }
        if (corpus.hasSplit() && split.test().isEmpty()) {
            // a split that holds nothing out would train on the files meant for testing
            throw new InputException(org.cepstra.app.CorpusEvaluation.EMPTY_TEST_SET);
        }
        if (mapFrom.ubm != null) {
            trainer = trainer.withMapFrom(UbmFile.read(mapFrom.ubm), mapFrom.adaptation.toOptions());
        }
        ModelSetTrainingResult result;
        Optional<RecipeSelection.Selection> selection;
        try (Progress progress = Progress.auto(job.quiet || json)) {
            selection = trainers.chooseIfAuto(split.train(), progress);
            if (selection.isPresent()) {
                trainer = trainers.trainer(selection.get().chosen());
            }
            result = trainer.train(split.train(), progress);
        } catch (UnusableFileException e) {
            throw StrictMode.stopped(e);
        }
        SkipReporter.report(err, result.skipped());
        result.calibrationProblem().ifPresent(p -> err.println("cepstra: warning: " + p));
        ModelSet models = mapFrom.ubm != null ? result.modelSet() : result.modelSet().withRecipe(features.recipe.id());
        labelModels.reportFewerComponents(err, models, !training.candidates.isEmpty());
        ModelSetFile.write(output, models);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int utterances = models.labels().stream().mapToInt(LabelSummary::utterances).sum();
        if (json) {
            printJson(out, models, result, utterances, seconds, selection);
        } else {
            selection.ifPresent(sel -> RecipeTrainers.printText(out, sel));
            out.printf("trained %d labels from %d utterances (%d skipped) in %.2f s; wrote %s%n", models.size(),
                    utterances, result.skipped().size(), seconds, output);
            out.println(result.sampleRates().describe() + "; posteriors " + (!models.calibration().calibrated()
                    ? "not calibrated" : result.calibrationProblem().isPresent()
                    ? "calibrated on held-out training data, left as sharp as the raw totals"
                    : "calibrated on held-out training data"));
            out.printf("%-12s %10s %10s %4s %6s %12s%n", "label", "utterances", "frames", "K", "iters", "avg loglik");
            for (LabelSummary s : models.labels()) {
                out.printf("%-12s %10d %10d %4d %6d %12.3f%s%n", s.label(), s.utterances(), s.frames(),
                        s.numComponents(), s.iterations(), s.averageLogLikelihood(),
                        s.converged() ? "" : "  " + TrainingOptions.NOT_CONVERGED);
            }
        }
        return result.skipped().isEmpty() ? ExitCode.OK : ExitCode.SKIPPED_FILES;
    }

    /** The files and folders named on the command line as inputs: the output must be none of them. */
    private List<Path> declaredInputs() {
        List<Path> inputs = new ArrayList<>();
        for (Path p : new Path[] {root, corpus.source.manifest, corpus.source.alignments, corpus.source.kaldiData,
                features.config, mapFrom.ubm}) {
            if (p != null) {
                inputs.add(p);
            }
        }
        return inputs;
    }

    private static List<Path> audioFiles(Corpus corpus) {
        Set<Path> files = new LinkedHashSet<>();
        for (Utterance u : corpus.utterances()) {
            files.add(u.audioFile());
        }
        return new ArrayList<>(files);
    }

    private void printJson(PrintWriter out, ModelSet models, ModelSetTrainingResult result, int utterances,
                           double seconds, Optional<RecipeSelection.Selection> selection) throws java.io.IOException {
        List<SkippedFile> skipped = result.skipped();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("output", output.toString());
        root.put("labels", models.size());
        root.put("utterances", utterances);
        root.put("skipped", skipped.size());
        root.put("seconds", seconds);
        root.put("sampleRateHz", models.featureConfig().targetSampleRateHz());
        ObjectNode rates = root.putObject("filesBySampleRateHz");
        result.sampleRates().filesByRateHz().forEach((rate, n) -> rates.put(Integer.toString(rate), n));
        root.put("resampledFiles", result.sampleRates().resampledFiles());
        root.put("calibrated", models.calibration().calibrated());
        models.recipe().ifPresent(r -> root.put("recipe", r));
        selection.ifPresent(sel -> RecipeTrainers.putJson(root, sel));
        ArrayNode per = root.putArray("models");
        for (LabelSummary s : models.labels()) {
            ObjectNode n = per.addObject();
            n.put("label", s.label());
            n.put("utterances", s.utterances());
            n.put("frames", s.frames());
            n.put("components", s.numComponents());
            n.put("iterations", s.iterations());
            n.put("converged", s.converged());
            n.put("averageLogLikelihood", s.averageLogLikelihood());
        }
        ArrayNode files = root.putArray("skippedFiles");
        for (SkippedFile s : skipped) {
            ObjectNode n = files.addObject();
            n.put("file", s.file().toString());
            n.put("reason", s.reason());
        }
        out.println(mapper.writeValueAsString(root));
    }
}
