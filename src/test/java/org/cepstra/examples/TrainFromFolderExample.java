package org.cepstra.examples;

import java.nio.file.Path;
import java.util.List;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.CorpusSplit;
import org.cepstra.corpus.FileNamePatternLabels;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.corpus.Splitter;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.models.LabelSummary;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelSetTrainingResult;
import org.cepstra.models.ModelTrainingListener;
import org.cepstra.scoring.Evaluation;
import org.cepstra.scoring.Evaluator;
import org.cepstra.scoring.Scorer;

/**
 * Trains one GMM per label from a folder of recordings, choosing each label's number of Gaussians by
 * BIC, and measures the accuracy on a held-out fifth of the recordings.
 * Usage: {@code TrainFromFolderExample [FOLDER]}.
 */
public final class TrainFromFolderExample {
    private TrainFromFolderExample() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "corpora/fsdd/recordings");
        int threads = Runtime.getRuntime().availableProcessors();

        // Label = the digit in front of each FSDD file name (new FolderLabels(): one sub-folder per label).
        Corpus corpus = FileNamePatternLabels.fsddDigits().read(folder);
        // 20% of each label's recordings held out for testing, the same 20% for the same seed.
        CorpusSplit split = Splitter.stratified(0.2, 42).split(corpus);

        // Every file resampled to 8 kHz, Kaldi's MFCCs plus deltas and delta-deltas (39 values per frame).
        FeatureConfig features = FeatureConfig.kaldiDefaults().withTargetSampleRateHz(8000)
                .withDeltas(DeltaOptions.kaldiDefaults());
        ModelSetTrainer trainer = new ModelSetTrainer(features, TrainingConfig.defaults(4), List.of(1, 2, 4, 8),
                threads);
        ModelSetTrainingResult result = trainer.train(split.train(), ModelTrainingListener.none());

        for (SkippedFile s : result.skipped()) { // bad names, unreadable files: reported, not fatal
            System.out.println("skipped " + s);
        }
        for (LabelSummary s : result.modelSet().labels()) {
            System.out.printf("label %s: %d recordings, %d frames, K=%d, %.2f nats/frame%n",
                    s.label(), s.utterances(), s.frames(), s.numComponents(), s.averageLogLikelihood());
        }
        Evaluation test = new Evaluator(new Scorer(result.modelSet()), threads)
                .evaluate(split.test(), ModelTrainingListener.none());
        System.out.printf("accuracy on %d held-out recordings: %.3f%n", test.total(), test.accuracy());
    }
}
