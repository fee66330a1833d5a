package org.cepstra.examples;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import java.nio.file.Path;
import org.cepstra.audio.TarsosSampleAdapter;
import org.cepstra.corpus.FileNamePatternLabels;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelTrainingListener;
import org.cepstra.scoring.Ranking;
import org.cepstra.scoring.StreamingScorer;

/**
 * Classifies a recording while TarsosDSP reads it in 10 ms buffers: prints the best digit so far
 * every 100 ms, the early decision when it comes, and the final result.
 * Usage: {@code StreamingFromFileExample [TRAINING_FOLDER [WAV]]}.
 */
public final class StreamingFromFileExample {
    private StreamingFromFileExample() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "corpora/fsdd/recordings");
        Path wav = Path.of(args.length > 1 ? args[1] : "src/test/resources/kaldi-mfcc/wavs/8_jackson_20.wav");
        FeatureConfig features = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults());
        ModelSet models = new ModelSetTrainer(features, TrainingConfig.defaults(4), 2)
                .train(FileNamePatternLabels.fsddDigits().read(folder), ModelTrainingListener.none())
                .modelSet();

        // Buffers of 80 samples (10 ms at 8 kHz), no overlap.
        AudioDispatcher dispatcher = AudioDispatcherFactory.fromFile(wav.toFile(), 80, 0);
        double rate = dispatcher.getFormat().getSampleRate();
        StreamingScorer scorer = new StreamingScorer(models, rate)
                .withEarlyDecision(0.99, 20, d -> System.out.printf(
                        "decided %s at frame %d, after %.0f ms of audio (posterior %.4f)%n",
                        d.label(), d.frameIndex(), d.audioMs(), d.posterior()));
        TarsosSampleAdapter.attach(dispatcher, scorer);
        dispatcher.addAudioProcessor(new AudioProcessor() { // runs after the scorer, on every buffer
            private int buffers;

            @Override
            public boolean process(AudioEvent event) {
                if (++buffers % 10 == 0 && scorer.framesScored() > 0) {
                    Ranking now = scorer.current();
                    System.out.printf("%4.0f ms: %s (posterior %.3f over %d frames)%n",
                            scorer.samplesAccepted() * 1000 / rate, now.bestLabel(),
                            now.best().posterior(), now.frames());
                }
                return true;
            }

            @Override
            public void processingFinished() {
            }
        });
        dispatcher.run(); // on this thread; a live source would run it on its own thread

        Ranking result = scorer.current();
        System.out.println("final: " + result.bestLabel() + " over " + result.frames() + " frames");
    }
}
