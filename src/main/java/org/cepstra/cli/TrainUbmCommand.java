package org.cepstra.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import org.cepstra.app.Recipe;
import org.cepstra.app.SpeakerModels;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.CorpusSplit;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.FrameSubsampling;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.models.LabelSummary;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelSetTrainingResult;
import org.cepstra.models.UnusableFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cepstra train-ubm}: a universal background model, one GMM on the pooled frames of every training
 * utterance whatever its label, written as a model file of one model (atomically). The recipe defaults to
 * {@code speaker}. Options and the output path are checked before the corpus is read.
 */
@Command(name = "train-ubm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a universal background model (UBM) for speaker verification: one GMM on the frames of "
                + "every training utterance, written as a model file of one model.",
                "Default recipe: speaker (" + Recipe.SPEAKER_HELP + "). Without -k, the speaker recipe's K is a "
                        + "ceiling: a UBM gets one Gaussian per " + Recipe.SPEAKER_UBM_FRAMES_PER_COMPONENT
                        + " training frames (counted after --subsample) up to it. Files selected by a test option (--manifest-split, "
                        + "...) are left out."})
final class TrainUbmCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "CORPUS", description = "folder of WAV files (searched recursively)")
    Path root;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "UBM", description = "model file to write (atomically)")
    Path output;

    @Option(names = "--subsample", paramLabel = "N",
            description = "train on every N-th frame of each utterance (Kaldi subsample-feats; sid recipes use 5) "
                    + "(default: ${DEFAULT-VALUE}: every frame)")
    int subsample = 1;

    @Mixin
    CorpusOptions corpus;

    @Mixin
    TrainingOptions training;

    @Mixin
    FeatureOptions features;

    @Mixin
    RecipeVadOptions recipeVad;

    @Mixin
    CorpusJobOptions job;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int workers = job.workers();
        RecipeVadOptions.defaultRecipe(features, spec, Recipe.SPEAKER);
        RecipeTrainers.refuseAuto(features, "a UBM takes the speaker recipe unless another is named");
        if (features.recipe.states() > 1) {
            throw new InputException("--recipe " + features.recipe.id() + " models each label in "
                    + features.recipe.states() + " states; a UBM is one mixture: take the speaker or standard recipe");
        }
        corpus.check();
        if (subsample < 1) {
            throw new InputException("--subsample must be >= 1, got " + subsample);
        }
        if (!training.candidates.isEmpty()) {
            throw new InputException("--k-candidates does not apply to a UBM: give -k");
        }
        OutputPaths.check("-o", output, DeclaredInputs.of(root, corpus, features.config));
        TrainingConfig trainingConfig = training.toConfig(1, features.recipe);
        FeatureConfig featureConfig = recipeVad.toConfig(features);
        long t0 = System.nanoTime();
        Corpus all = corpus.read(root);
        CorpusSplit split = corpus.split(all);
        OutputPaths.check("-o", output, new ArrayList<>(all.recordings()));
        if (split.train().isEmpty()) {
            SkipReporter.report(err, all.skipped());
            throw new InputException("no training utterances: check the label source and the test split");
        }
        ModelSetTrainer trainer = new ModelSetTrainer(featureConfig, trainingConfig, workers).withStrict(job.strict)
                .withFrameSubsampling(FrameSubsampling.every(subsample))
                .withCmvnPriorFrames(features.cmvnPriorFrames(featureConfig));
        if (training.components == null) {
            // the recipe's K is a ceiling: a small corpus gets a Gaussian per F frames (-k gives K outright)
            trainer = trainer.withFramesPerComponent(features.recipe.ubmFramesPerComponent());
        }
        ModelSetTrainingResult result;
        try (Progress progress = Progress.auto(job.quiet)) {
            result = SpeakerModels.trainUbm(trainer, split.train(), progress);
        } catch (UnusableFileException e) {
            throw StrictMode.stopped(e);
        }
        SkipReporter.report(err, result.skipped());
        ModelSetFile.write(output, result.modelSet());
        LabelSummary s = result.modelSet().labels().get(0);
        out.printf("trained a UBM of %d Gaussians on %d frames (every %d-th) of %d utterances (%d skipped) in %.2f s: "
                        + "%d EM iterations%s, average log-likelihood %.3f per frame; wrote %s%n", s.numComponents(),
                s.frames(), subsample, s.utterances(), result.skipped().size(), (System.nanoTime() - t0) / 1e9,
                s.iterations(), s.converged() ? "" : " " + TrainingOptions.NOT_CONVERGED, s.averageLogLikelihood(), output);
        out.println(result.sampleRates().describe());
        return result.skipped().isEmpty() ? ExitCode.OK : ExitCode.SKIPPED_FILES;
    }
}
