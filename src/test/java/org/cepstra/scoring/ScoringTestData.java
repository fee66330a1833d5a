package org.cepstra.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.cepstra.audio.Audio;
import org.cepstra.audio.WavReader;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelTrainingListener;

/** Recordings, model sets and chunkings shared by the scoring tests. */
public final class ScoringTestData {
    /** The 8 kHz FSDD recordings of the test resources (label = digit = first character). */
    static final List<String> WAVS_8K = List.of("0_george_0", "1_jackson_1", "2_nicolas_2", "3_theo_3", "4_yweweler_4",
            "5_nicolas_33", "6_yweweler_3", "6_yweweler_45", "7_george_12", "8_jackson_20", "8_nicolas_31",
            "9_theo_16");

    /** MFCC + deltas + delta-deltas: 39 values per frame. */
    static final FeatureConfig MFCC_39 = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults());

    private ScoringTestData() {
    }

    /** One-dimensional frames (1 cepstrum, no deltas), for models written by hand. */
    static FeatureConfig oneDimension() {
        FeatureConfig k = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.none());
        return k.withMfcc(new org.cepstra.features.MfccSettings(k.mfcc().frame(), k.mfcc().mel().withNumBins(3),
                k.mfcc().mfcc().withNumCeps(1)));
    }

    /** A one-dimensional Gaussian as a mixture of one component. */
    static DiagonalGmm gaussian(double mean, double variance) {
        return new DiagonalGmm(new double[] {1}, new double[][] {{mean}}, new double[][] {{variance}});
    }

    /** log N(x; mean, variance), nats. */
    static double logDensity(double x, double mean, double variance) {
        return -0.5 * (Math.log(2 * Math.PI * variance) + (x - mean) * (x - mean) / variance);
    }

    /** The test resource {@code kaldi-mfcc/wavs/NAME.wav}. */
    static Path wav(String name) {
        try {
            return Path.of(ScoringTestData.class.getResource("/kaldi-mfcc/wavs/" + name + ".wav").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource kaldi-mfcc/wavs/" + name + ".wav", e);
        }
    }

    /** The recording {@code name} read with Cepstra's WAV reader. */
    static Audio audio(String name) {
        try {
            return new WavReader().read(wav(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 8 kHz recordings one after the other. */
    static Audio allRecordings8k() {
        float[] all = new float[0];
        for (String name : WAVS_8K) {
            float[] x = audio(name).samples();
            float[] joined = java.util.Arrays.copyOf(all, all.length + x.length);
            System.arraycopy(x, 0, joined, all.length, x.length);
            all = joined;
        }
        return Audio.wrap(all, 8000);
    }

    /** One GMM of K components per digit, trained on the 8 kHz recordings with {@code config}. */
    static ModelSet trainedDigits(FeatureConfig config, int k) {
        List<Utterance> utterances = new ArrayList<>();
        for (String name : WAVS_8K) {
            utterances.add(Utterance.wholeFile(name, wav(name), name.substring(0, 1)));
        }
        return new ModelSetTrainer(config, TrainingConfig.defaults(k).withSeed(7), 1)
                .train(Corpus.of(utterances), ModelTrainingListener.none()).modelSet();
    }

    /**
     * {@code labels} random mixtures of K components over {@code config.dimension()} dimensions: means
     * ~ N(0, 10²) except column 0 (log energy, ~ N(15, 3²)), standard deviations in [1, 8].
     */
    public static ModelSet randomModels(FeatureConfig config, int labels, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int d = config.dimension();
        TreeMap<String, DiagonalGmm> models = new TreeMap<>();
        for (int l = 0; l < labels; l++) {
            double[] w = new double[k];
            double[][] mu = new double[k][d];
            double[][] var = new double[k][d];
            double sum = 0;
            for (int c = 0; c < k; c++) {
                w[c] = 0.1 + r.nextDouble();
                sum += w[c];
                for (int j = 0; j < d; j++) {
                    mu[c][j] = j == 0 ? 15 + 3 * r.nextGaussian() : 10 * r.nextGaussian();
                    double sd = 1 + 7 * r.nextDouble();
                    var[c][j] = sd * sd;
                }
            }
            for (int c = 0; c < k; c++) {
                w[c] /= sum;
            }
            models.put(String.format("label%02d", l), new DiagonalGmm(w, mu, var));
        }
        return new ModelSet(models, config, TrainingConfig.defaults(k), List.of(), 0);
    }

    /**
     * {@code labels} labels ("word0", ...) of {@code states} random states of K components each (as {@link
     * #randomModels}), aligned by Viterbi: whole-word models.
     */
    public static ModelSet randomStateModels(FeatureConfig config, int labels, int states, int k, long seed) {
        ModelSet random = randomModels(config, labels * states, k, seed);
        TreeMap<String, DiagonalGmm> models = new TreeMap<>();
        List<String> names = random.labelNames();
        for (int l = 0; l < labels; l++) {
            List<DiagonalGmm> parts = new ArrayList<>();
            for (int s = 0; s < states; s++) {
                parts.add(random.model(names.get(l * states + s)));
            }
            models.put("word" + l, org.cepstra.models.StateModels.union(parts));
        }
        return new ModelSet(models, config, TrainingConfig.defaults(k), List.of(), 0,
                org.cepstra.models.Calibration.none(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), states).withStateAlignment(org.cepstra.models.StateAlignment.VITERBI);
    }

    /**
     * Feeds {@code samples} to {@code sink} in random chunks: mostly 1..400 samples, sometimes 0, sometimes
     * up to 3000 (longer than the extractor's sample buffer).
     */
    static void feedRandomChunks(org.cepstra.audio.SampleSink sink, float[] samples, SplittableRandom r) {
        int pos = 0;
        while (pos < samples.length) {
            int roll = r.nextInt(10);
            int n = roll == 0 ? 0 : roll == 1 ? 1 + r.nextInt(3000) : 1 + r.nextInt(400);
            n = Math.min(n, samples.length - pos);
            sink.accept(samples, pos, n);
            pos += n;
        }
    }

    /**
     * The JVM's per-thread allocation counter; the calling test is skipped (assumption) where the JVM has none
     * or it is switched off.
     */
    static com.sun.management.ThreadMXBean allocationCounter() {
        java.lang.management.ThreadMXBean plain = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(plain instanceof com.sun.management.ThreadMXBean,
                "no per-thread allocation counter");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) plain;
        org.junit.jupiter.api.Assumptions.assumeTrue(bean.isThreadAllocatedMemorySupported()
                && bean.isThreadAllocatedMemoryEnabled(), "per-thread allocation counter switched off");
        return bean;
    }

    /** Feeds {@code samples} to {@code sink} in chunks of {@code chunk} samples (the last one shorter), then ends it. */
    static void feedChunks(org.cepstra.audio.SampleSink sink, float[] samples, int chunk) {
        for (int pos = 0; pos < samples.length; pos += chunk) {
            sink.accept(samples, pos, Math.min(chunk, samples.length - pos));
        }
        sink.finish();
    }

    /** Per-label totals of a ranking, in label order. */
    static double[] totalsByLabel(Ranking ranking) {
        return ranking.scores().stream().sorted(java.util.Comparator.comparing(LabelScore::label))
                .mapToDouble(LabelScore::totalLogLikelihood).toArray();
    }

    /** |expected − actual| ≤ relTol·max(1, |expected|) for every entry. */
    static void assertClose(double[] expected, double[] actual, double relTol, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": " + expected.length + " values expected, got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double tol = relTol * Math.max(1.0, Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
                throw new AssertionError(what + ", entry " + i + ": expected " + expected[i] + ", got " + actual[i]
                        + " (tolerance " + tol + ")");
            }
        }
    }
}
