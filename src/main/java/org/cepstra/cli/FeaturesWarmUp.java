package org.cepstra.cli;

import org.cepstra.audio.Audio;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.io.kaldi.KaldiTextArchiveWriter;

/**
 * Loads and initialises the classes of MFCC extraction and archive writing (the FFT library alone is
 * several hundred kB of bytecode) on a second core while the main thread parses the command line, by
 * computing the features of a tenth of a second of a synthetic tone. Its result is thrown away; a
 * failure here is ignored, as the command itself will meet and report it.
 */
final class FeaturesWarmUp implements Runnable {
    private static final double RATE_HZ = 8000;

    /** Starts the warm-up on a daemon thread and returns at once. */
    static void start() {
        Thread t = new Thread(new FeaturesWarmUp(), "cepstra-warm-up");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        try {
            float[] tone = new float[(int) (RATE_HZ / 10)];
            for (int i = 0; i < tone.length; i++) {
                tone[i] = (float) (0.1 * Math.sin(2 * Math.PI * 440 * i / RATE_HZ));
            }
            FeaturePipeline pipeline = new FeaturePipeline(FeatureConfig.kaldiDefaults());
            KaldiTextArchiveWriter.entry("warm-up", pipeline.extract(Audio.wrap(tone, RATE_HZ)));
        } catch (RuntimeException | Error e) {
            // nothing was needed from it
        }
    }
}
