package org.cepstra.examples;

import java.nio.file.Path;
import org.cepstra.audio.Audio;
import org.cepstra.audio.WavReader;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.FileNamePatternLabels;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelTrainingListener;
import org.cepstra.scoring.LabelScore;
import org.cepstra.scoring.Ranking;
import org.cepstra.scoring.Scorer;

/**
 * Trains one GMM per spoken digit from a folder of FSDD recordings ({@code {digit}_{speaker}_{n}.wav})
 * and classifies one more recording, from its file and from samples in memory.
 * Usage: {@code BatchClassifyExample [TRAINING_FOLDER [WAV]]}.
 */
public final class BatchClassifyExample {
    private BatchClassifyExample() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "corpora/fsdd/recordings");
        Path wav = Path.of(args.length > 1 ? args[1] : "src/test/resources/kaldi-mfcc/wavs/8_jackson_20.wav");

        // Label = the digit at the start of each file name.
        Corpus corpus = FileNamePatternLabels.fsddDigits().read(folder);
        // Kaldi's MFCCs plus deltas and delta-deltas: 39 values per 10 ms frame.
        FeatureConfig features = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults());
        ModelSet models = new ModelSetTrainer(features, TrainingConfig.defaults(4), 2)
                .train(corpus, ModelTrainingListener.none())
                .modelSet();

        Scorer scorer = new Scorer(models);  // immutable: share it between threads
        Ranking ranking = scorer.classify(wav);
        System.out.println(wav.getFileName() + " -> " + ranking.bestLabel());
        for (LabelScore s : ranking.top(3)) {
            System.out.printf("  %s  posterior %.4f  %.3f nats/frame%n",
                    s.label(), s.posterior(), s.averageLogLikelihood());
        }

        // Samples already in memory: floats in [-1, 1) and their sample rate.
        float[] samples = new WavReader().read(wav).samples();
        Ranking fromMemory = scorer.classify(Audio.of(samples, 8000));
        System.out.println("from memory -> " + fromMemory.bestLabel());
    }
}
