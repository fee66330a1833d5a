package org.cepstra.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import org.cepstra.app.SpeakerModels;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.CorpusSplit;
import org.cepstra.gmm.MapOptions;
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
 * {@code cepstra enroll}: one model per speaker, MAP-adapted from a universal background model on the
 * speaker's utterances, written as a speaker set (a model file labelled by speaker that keeps the UBM for
 * verification). Options, the UBM and the output path are checked before the corpus is read.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Enrol speakers: MAP-adapt the universal background model to each speaker's utterances and "
                + "write the speaker set (labels = speakers; the UBM is kept for verify).",
                "Every utterance needs a speaker (a manifest's speaker column, utt2spk, or a 'speaker' group in "
                        + "--label-pattern); utterances without one are reported and skipped. The UBM's feature "
                        + "settings make the frames. Files selected by a test option are left out."})
final class EnrollCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "UBM", description = "universal background model (a model file of one "
            + "model, made by train-ubm)")
    Path ubm;

    @Parameters(index = "1", arity = "0..1", paramLabel = "CORPUS", description = "folder of WAV files (searched recursively)")
    Path root;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "SPEAKERS", description = "speaker set to write (atomically)")
    Path output;

    @Mixin
    CorpusOptions corpus;

    @Mixin
    MapAdaptationOptions adaptation;

    @Mixin
    CorpusJobOptions job;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int workers = job.workers();
        corpus.check();
        MapOptions options = adaptation.toOptions();
        OutputPaths.check("-o", output, DeclaredInputs.of(root, corpus, ubm));
        long t0 = System.nanoTime();
        ModelSet ubmSet = UbmFile.read(ubm);
        Corpus all = corpus.read(root);
        CorpusSplit split = corpus.split(all);
        OutputPaths.check("-o", output, new ArrayList<>(all.recordings()));
        if (split.train().isEmpty()) {
            SkipReporter.report(err, all.skipped());
            throw new InputException("no enrolment utterances: check the label source and the test split");
        }
        ModelSetTrainer trainer = SpeakerModels.enrolmentTrainer(ubmSet, options, workers, 0).withStrict(job.strict);
        ModelSetTrainingResult result;
        try (Progress progress = Progress.auto(job.quiet)) {
            result = SpeakerModels.enrol(trainer, split.train(), progress);
        } catch (UnusableFileException e) {
            throw StrictMode.stopped(e);
        }
        SkipReporter.report(err, result.skipped());
        // the frames are made at the UBM's rate: recordings at another rate are resampled, and that is said
        ModelRate.reportResampling(err, result.sampleRates());
        ModelSet speakers = result.modelSet();
        ModelSetFile.write(output, speakers);
        int utterances = speakers.labels().stream().mapToInt(LabelSummary::utterances).sum();
        out.printf("enrolled %d speakers from %d utterances (%d skipped) in %.2f s: MAP of the %s, relevance %s; "
                        + "wrote %s%n", speakers.size(), utterances, result.skipped().size(), (System.nanoTime() - t0) / 1e9,
                adapted(options), relevance(options), output);
        out.printf("%-16s %10s %10s%n", "speaker", "utterances", "frames");
        for (LabelSummary s : speakers.labels()) {
            out.printf("%-16s %10d %10d%n", s.label(), s.utterances(), s.frames());
        }
        return result.skipped().isEmpty() ? ExitCode.OK : ExitCode.SKIPPED_FILES;
    }

    private static String adapted(MapOptions o) {
        return (o.adaptMeans() ? "means" : "") + (o.adaptVariances() ? ", variances" : "")
                + (o.adaptWeights() ? ", weights" : "");
    }

    private static String relevance(MapOptions o) {
        return o.meanRelevance() == o.varianceRelevance() && o.meanRelevance() == o.weightRelevance()
                ? String.valueOf(o.meanRelevance()) : o.meanRelevance() + "/" + o.varianceRelevance() + "/"
                + o.weightRelevance();
    }
}
