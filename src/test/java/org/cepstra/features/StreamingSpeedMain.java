package org.cepstra.features;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cepstra.audio.Audio;

/**
 * Single-threaded speed of streaming extraction against batch extraction over a folder of mono
 * 16-bit WAVs. Not a test. Usage: {@code StreamingSpeedMain FOLDER [repeats] [chunkMs]}. For each
 * configuration prints, after warm-up: batch and streaming nanoseconds per frame (median wall-clock
 * time and least thread CPU time over the repeats), and the bytes the streaming pass allocates per
 * frame (thread allocation counter, median).
 */
public final class StreamingSpeedMain {
    private StreamingSpeedMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: StreamingSpeedMain FOLDER_OF_WAVS [repeats] [chunkMs]");
            return;
        }
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        double chunkMs = args.length > 2 ? Double.parseDouble(args[2]) : 10.0;
        List<Audio> audios = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".wav")).sorted().toList()) {
                audios.add(TestWavs.file(p));
            }
        }
        Map<String, FeatureConfig> configs = new java.util.LinkedHashMap<>();
        configs.put("statics", FeatureConfig.kaldiDefaults());
        configs.put("deltas", FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults()));
        configs.put("sliding-cmvn+deltas", FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults())
                .withCmvn(CmvnOptions.sliding(), CmvnPlacement.BEFORE_DELTAS));
        System.out.printf("files: %d%nchunk_ms: %.1f%n", audios.size(), chunkMs);
        for (Map.Entry<String, FeatureConfig> e : configs.entrySet()) {
            measure(e.getKey(), e.getValue(), audios, repeats, chunkMs);
        }
    }

    private static void measure(String name, FeatureConfig config, List<Audio> audios, int repeats, double chunkMs) {
        FeaturePipeline batch = new FeaturePipeline(config);
        double[] sink = new double[1];
        Map<Double, StreamingFeatureExtractor> byRate = new HashMap<>();
        for (Audio a : audios) {
            byRate.computeIfAbsent(a.sampleRateHz(),
                    r -> new StreamingFeatureExtractor(config, r, (i, f) -> sink[0] += f[0]));
        }
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<float[]> samples = audios.stream().map(Audio::samples).toList();
        long frames = 0;
        for (Audio a : audios) {
            frames += batch.extract(a).rows();
        }
        for (int w = 0; w < 5; w++) {
            runBatch(batch, audios);
            runStreaming(byRate, audios, samples, chunkMs);
        }
        double[] batchNs = new double[repeats];
        double[] streamNs = new double[repeats];
        double[] batchCpuNs = new double[repeats];
        double[] streamCpuNs = new double[repeats];
        double[] streamBytes = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long c0 = bean.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            runBatch(batch, audios);
            batchNs[r] = (double) (System.nanoTime() - t0) / frames;
            batchCpuNs[r] = (double) (bean.getCurrentThreadCpuTime() - c0) / frames;
            long b0 = bean.getCurrentThreadAllocatedBytes();
            c0 = bean.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            long streamed = runStreaming(byRate, audios, samples, chunkMs);
            streamNs[r] = (double) (System.nanoTime() - t0) / frames;
            streamCpuNs[r] = (double) (bean.getCurrentThreadCpuTime() - c0) / frames;
            streamBytes[r] = (double) (bean.getCurrentThreadAllocatedBytes() - b0) / frames;
            if (streamed != frames) {
                throw new AssertionError("streaming gave " + streamed + " frames, batch " + frames);
            }
        }
        System.out.printf("%s_frames: %d%n%s_batch_ns_per_frame: %.0f (wall median), %.0f (cpu min)%n"
                        + "%s_streaming_ns_per_frame: %.0f (wall median), %.0f (cpu min)%n"
                        + "%s_streaming_bytes_per_frame: %.2f%n",
                name, frames, name, median(batchNs), min(batchCpuNs), name, median(streamNs), min(streamCpuNs),
                name, median(streamBytes));
        if (sink[0] == 42.4242) {
            System.out.println();
        }
    }

    private static long runBatch(FeaturePipeline batch, List<Audio> audios) {
        long rows = 0;
        for (Audio a : audios) {
            rows += batch.extract(a).rows();
        }
        return rows;
    }

    private static long runStreaming(Map<Double, StreamingFeatureExtractor> byRate, List<Audio> audios,
            List<float[]> samples, double chunkMs) {
        long rows = 0;
        for (int k = 0; k < audios.size(); k++) {
            Audio a = audios.get(k);
            float[] buf = samples.get(k);
            StreamingFeatureExtractor x = byRate.get(a.sampleRateHz());
            x.reset();
            int chunk = Math.max(1, (int) Math.round(a.sampleRateHz() * chunkMs / 1000));
            for (int pos = 0; pos < a.length(); pos += chunk) {
                x.accept(buf, pos, Math.min(chunk, a.length() - pos));
            }
            x.finish();
            rows += x.framesEmitted();
        }
        return rows;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
