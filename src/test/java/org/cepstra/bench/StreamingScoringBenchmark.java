package org.cepstra.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cepstra.audio.Audio;
import org.cepstra.audio.WavReader;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.features.StreamingFeatureExtractor;
import org.cepstra.gmm.GmmScorer;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.ModelSet;
import org.cepstra.scoring.ScoringTestData;
import org.cepstra.scoring.StreamingScorer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of live classification per 10 ms of audio, on one thread: one 10 ms chunk (80 samples at
 * 8 kHz, 160 at 16 kHz) completes one 25 ms frame on average, which is turned into 39 features
 * (Kaldi MFCC + deltas + delta-deltas) and scored against 10 models × 32 components.
 * <ul>
 * <li>{@code featuresAndScoring}: the chunk through {@link StreamingScorer} (early-decision rule checked
 * on every frame and never met) — the figure to compare with the 10 ms the chunk lasts;</li>
 * <li>{@code featuresOnly}: the chunk through {@link StreamingFeatureExtractor} alone;</li>
 * <li>{@code scoringOnly}: one 39-value frame scored against the 10 models.</li>
 * </ul>
 * The speech is the FSDD test recordings, played in a loop (the stream never ends, so every operation
 * is in the steady state). Models are random valid mixtures: the cost does not depend on the values.
 * Run with {@code -prof gc} to see the bytes allocated per operation ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class StreamingScoringBenchmark {
    private static final int LABELS = 10;
    private static final int COMPONENTS = 32;
    private static final FeatureConfig FEATURES = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults());
    private static final List<String> WAVS_8K = List.of("0_george_0", "1_jackson_1", "2_nicolas_2", "3_theo_3",
            "4_yweweler_4", "5_nicolas_33", "6_yweweler_3", "6_yweweler_45", "7_george_12", "8_jackson_20",
            "8_nicolas_31", "9_theo_16");
    private static final List<String> WAVS_16K = List.of("0_george_0_16k", "3_theo_3_16k", "5_nicolas_33_16k",
            "9_theo_16_16k");

    /** Sample rate of the stream in Hz. */
    @Param({"8000", "16000"})
    public int sampleRateHz;

    private float[] audio;
    private int chunk;
    private int position;
    private StreamingScorer scorer;
    private StreamingFeatureExtractor extractor;
    private double featureSink;
    private float[][] frames;
    private int frameIndex;
    private GmmScorer[] gmms;

    @Setup(Level.Trial)
    public void setUp() {
        chunk = sampleRateHz / 100;
        audio = speech(sampleRateHz == 8000 ? WAVS_8K : WAVS_16K, sampleRateHz, chunk);
        ModelSet models = ScoringTestData.randomModels(FEATURES.withTargetSampleRateHz(sampleRateHz), LABELS, COMPONENTS, 42);
        scorer = new StreamingScorer(models, sampleRateHz).withEarlyDecision(0.5, Integer.MAX_VALUE);
        extractor = new StreamingFeatureExtractor(FEATURES, sampleRateHz, (i, f) -> featureSink += f[0]);
        FeatureMatrix batch = new FeaturePipeline(FEATURES).extract(Audio.wrap(audio, sampleRateHz));
        frames = batch.toRows();
        gmms = models.models().values().stream().map(GmmScorer::new).toArray(GmmScorer[]::new);
    }

    /** 10 ms of audio through feature extraction and scoring against every model. */
    @Benchmark
    public int featuresAndScoring() {
        scorer.accept(audio, position, chunk);
        position += chunk;
        if (position == audio.length) {
            position = 0;
        }
        return scorer.framesScored();
    }

    /** 10 ms of audio through feature extraction alone. */
    @Benchmark
    public double featuresOnly() {
        extractor.accept(audio, position, chunk);
        position += chunk;
        if (position == audio.length) {
            position = 0;
        }
        return featureSink;
    }

    /** One frame scored against every model. */
    @Benchmark
    public double scoringOnly() {
        float[] frame = frames[frameIndex];
        frameIndex = frameIndex + 1 == frames.length ? 0 : frameIndex + 1;
        double sum = 0;
        for (GmmScorer g : gmms) {
            sum += g.logLikelihood(frame, 0);
        }
        return sum;
    }

    /** The recordings one after the other, cut to a whole number of chunks. */
    private static float[] speech(List<String> names, int rate, int chunk) {
        float[] all = new float[0];
        for (String name : names) {
            String path = "/kaldi-mfcc/wavs/" + name + ".wav";
            try (InputStream in = StreamingScoringBenchmark.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + path);
                }
                Audio a = new WavReader().read(in, path);
                if (a.sampleRateHz() != rate) {
                    throw new IllegalStateException(path + " is at " + a.sampleRateHz() + " Hz, not " + rate);
                }
                float[] x = a.samples();
                float[] joined = java.util.Arrays.copyOf(all, all.length + x.length);
                System.arraycopy(x, 0, joined, all.length, x.length);
                all = joined;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return java.util.Arrays.copyOf(all, all.length - all.length % chunk);
    }
}
