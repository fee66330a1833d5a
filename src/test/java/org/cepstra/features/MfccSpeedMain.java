package org.cepstra.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.cepstra.audio.Audio;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Single-threaded MFCC speed over a folder of mono 16-bit WAVs (default: Kaldi settings).
 * Not a test. Usage: {@code MfccSpeedMain FOLDER [repeats] [htk]}. Prints, for reading + MFCC and for
 * MFCC alone (median of the repeats, after warm-up): seconds, frames/s and times real time.
 */
public final class MfccSpeedMain {
    private MfccSpeedMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: MfccSpeedMain FOLDER_OF_WAVS [repeats] [htk]");
            return;
        }
        Path dir = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        MfccSettings settings = args.length > 2 && args[2].equals("htk") ? MfccPresets.htk(true) : MfccPresets.kaldi();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        List<Path> paths = new ArrayList<>(files);
        List<Audio> audios = new ArrayList<>();
        double audioSeconds = 0;
        for (Path p : paths) {
            Audio a = TestWavs.file(p);
            audios.add(a);
            audioSeconds += a.durationSeconds();
        }
        MfccExtractor extractor = new MfccExtractor(settings);
        long frames = 0;
        for (Audio a : audios) {
            frames += extractor.compute(a).rows();
        }
        for (int w = 0; w < 5; w++) {
            timeCompute(extractor, audios);
            timeReadAndCompute(extractor, paths);
        }
        double[] compute = new double[repeats];
        double[] readCompute = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            compute[r] = timeCompute(extractor, audios);
            readCompute[r] = timeReadAndCompute(extractor, paths);
        }
        System.out.printf("files: %d%naudio_seconds: %.1f%nframes: %d%n", paths.size(), audioSeconds, frames);
        report("read+mfcc", readCompute, audioSeconds, frames);
        report("mfcc", compute, audioSeconds, frames);
    }

    private static void report(String name, double[] seconds, double audioSeconds, long frames) {
        double[] s = seconds.clone();
        Arrays.sort(s);
        double median = s[s.length / 2];
        System.out.printf("%s_wall_seconds: %.4f%n%s_frames_per_second: %.0f%n%s_real_time_factor: %.0f%n",
                name, median, name, frames / median, name, audioSeconds / median);
    }

    private static double timeCompute(MfccExtractor extractor, List<Audio> audios) {
        long t0 = System.nanoTime();
        long sink = 0;
        for (Audio a : audios) {
            FeatureMatrix m = extractor.compute(a);
            sink += m.rows();
        }
        double t = (System.nanoTime() - t0) * 1e-9;
        if (sink < 0) {
            throw new AssertionError();
        }
        return t;
    }

    private static double timeReadAndCompute(MfccExtractor extractor, List<Path> paths) {
        long t0 = System.nanoTime();
        long sink = 0;
        try {
            for (Path p : paths) {
                sink += extractor.compute(TestWavs.file(p)).rows();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        double t = (System.nanoTime() - t0) * 1e-9;
        if (sink < 0) {
            throw new AssertionError();
        }
        return t;
    }
}
