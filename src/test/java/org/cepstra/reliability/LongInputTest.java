package org.cepstra.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cepstra.audio.Audio;
import org.cepstra.audio.SampleEncoding;
import org.cepstra.audio.WavOutput;
import org.cepstra.audio.WavReader;
import org.cepstra.audio.WavStream;
import org.cepstra.audio.WavWriter;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.io.kaldi.KaldiTextArchiveWriter;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recordings longer than memory: {@code features} reads large files block by block and writes their
 * frames as they come. An hour of 16 kHz audio (115 MB of 16-bit samples, 230 MB as floats) goes
 * through a JVM whose heap is capped at 64 MB, giving the frames of the in-memory path; the same
 * file read whole fails in that heap (so the cap is a real bound), and so does utterance CMVN over it
 * (which must keep every frame), with a clear message; resampling it to 8 kHz streams and fits. For ordinary files, streamed and in-memory archives are identical byte for byte
 * under many feature options.
 */
class LongInputTest {
    static final Path FSDD = Path.of("corpora/fsdd/recordings");
    static final int RATE = 16000;
    static final long SECONDS = 3600;
    static final String HEAP = "64m";

    @TempDir
    Path tmp;

    /** Writes {@code seconds} of a 440 Hz tone plus white noise (seeded), 16-bit, through the streamed writer. */
    private static void writeToneAndNoise(Path file, long seconds) throws IOException {
        float[] tone = new float[RATE]; // exactly 440 periods per second
        for (int i = 0; i < RATE; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        long state = 0x9E3779B97F4A7C15L;
        float[] block = new float[RATE];
        try (WavOutput out = new WavWriter(SampleEncoding.PCM_SIGNED_16).open(file, 1, RATE)) {
            for (long s = 0; s < seconds; s++) {
                for (int i = 0; i < RATE; i++) {
                    state ^= state << 13;
                    state ^= state >>> 7;
                    state ^= state << 17;
                    block[i] = tone[i] + 0.05f * ((state >>> 40) / (float) (1L << 24) - 0.5f);
                }
                out.writeInterleaved(block, 0, RATE);
            }
        }
    }

    private static Process startFeatures(List<String> args, File err) throws IOException {
        List<String> all = new ArrayList<>(List.of("features"));
        all.addAll(args);
        return ChildJvm.cepstra(ChildJvm.quickStart(HEAP), all, null, err).start();
    }

    private static int await(Process p, long seconds) throws InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("cepstra features did not finish within " + seconds + " s");
        }
        return p.exitValue();
    }

    /** The archive text the in-memory writer gives for {@code frames} rows {@code from..to} (no key). */
    private static List<String> rowsText(FeatureMatrix frames, int from, int to) {
        List<String> rows = new ArrayList<>();
        for (int r = from; r < to; r++) {
            StringBuilder sb = new StringBuilder("  ");
            for (int c = 0; c < frames.cols(); c++) {
                sb.append(KaldiTextArchiveWriter.formatFloat(frames.get(r, c))).append(' ');
            }
            rows.add(sb.toString());
        }
        return rows;
    }

    @Test
    void anHourOfAudioGoesThroughFeaturesInA64MbHeap() throws Exception {
        Path wav = tmp.resolve("hour.wav");
        long t0 = System.nanoTime();
        writeToneAndNoise(wav, SECONDS);
        long samples = SECONDS * RATE;
        assertEquals(44 + 2 * samples, Files.size(wav));
        long written = System.nanoTime();

        Path ark = tmp.resolve("hour.ark");
        File err = tmp.resolve("features.err").toFile();
        int code = await(startFeatures(List.of(wav.toString(), "-o", ark.toString()), err), 300);
        long extracted = System.nanoTime();
        assertEquals(0, code, Files.readString(err.toPath()));

        // frame count, head and tail: identical to in-memory extraction of the same samples
        long frames = (samples - 400) / 160 + 1;
        int head = 300;
        int tail = 100;
        List<String> first = new ArrayList<>();
        ArrayDeque<String> last = new ArrayDeque<>();
        long rows = 0;
        String lastLine = null;
        try (BufferedReader in = Files.newBufferedReader(ark, StandardCharsets.UTF_8)) {
            assertEquals("hour  [", in.readLine());
            for (String line; (line = in.readLine()) != null; ) {
                lastLine = line;
                rows++;
                if (first.size() < head) {
                    first.add(line);
                }
                last.add(line);
                if (last.size() > tail) {
                    last.removeFirst();
                }
            }
        }
        assertEquals(frames, rows);
        assertTrue(lastLine.endsWith(" ]"), lastLine);
        List<String> lastRows = new ArrayList<>(last);
        lastRows.set(tail - 1, lastLine.substring(0, lastLine.length() - 1)); // "... ]" -> "... "

        FeaturePipeline batch = new FeaturePipeline(FeatureConfig.kaldiDefaults());
        float[] headSamples = new float[(head - 1) * 160 + 400];
        long tailStart = 160 * (frames - tail);
        float[] tailSamples = new float[(int) (samples - tailStart)];
        try (WavStream in = new WavReader().open(wav)) {
            float[] block = new float[1 << 16];
            long position = 0;
            for (int n; (n = in.read(block, 0, block.length)) > 0; position += n) {
                for (int i = 0; i < n; i++) {
                    long s = position + i;
                    if (s < headSamples.length) {
                        headSamples[(int) s] = block[i];
                    }
                    if (s >= tailStart) {
                        tailSamples[(int) (s - tailStart)] = block[i];
                    }
                }
            }
            assertEquals(samples, position);
        }
        assertEquals(rowsText(batch.extract(Audio.wrap(headSamples, RATE)), 0, head), first);
        FeatureMatrix tailFrames = batch.extract(Audio.wrap(tailSamples, RATE));
        assertEquals(tail, tailFrames.rows());
        assertEquals(rowsText(tailFrames, 0, tail), lastRows);
        long verified = System.nanoTime();

        // the same file decoded whole does not fit in this heap
        Path whole = tmp.resolve("whole.ark");
        File wholeErr = tmp.resolve("whole.err").toFile();
        assertEquals(1, await(startFeatures(List.of(wav.toString(), "--stream-above", "1000000", "-o",
                whole.toString()), wholeErr), 120));
        String wholeMessage = Files.readString(wholeErr.toPath());
        assertTrue(wholeMessage.contains(wav + ": not enough memory to decode it whole"), wholeMessage);
        assertFalse(Files.exists(whole));
        // resampling streams too (the streaming resampler equals the batch one): the hour at 8 kHz fits
        Path resampled = tmp.resolve("resampled.ark");
        File resampleErr = tmp.resolve("resample.err").toFile();
        assertEquals(0, await(startFeatures(List.of(wav.toString(), "--sample-frequency", "8000", "-o",
                resampled.toString()), resampleErr), 120), Files.readString(resampleErr.toPath()));
        long samples8k = org.cepstra.audio.Resampler.outputLength(SECONDS * RATE, RATE, 8000);
        long expectedFrames = 1 + (samples8k - 200) / 80; // 25 ms frames every 10 ms at 8 kHz, snip-edges
        long lines;
        try (java.util.stream.Stream<String> all = Files.lines(resampled)) {
            lines = all.count();
        }
        assertEquals(expectedFrames, lines - 1); // the first line holds the id and '['
        Files.delete(resampled);
        // utterance CMVN keeps every frame of the hour (and copies them): not in 64 MB, said in words
        File cmvnErr = tmp.resolve("cmvn.err").toFile();
        assertEquals(1, await(startFeatures(List.of(wav.toString(), "--deltas", "--cmvn", "utterance", "-o",
                whole.toString()), cmvnErr), 120));
        String cmvnMessage = Files.readString(cmvnErr.toPath());
        assertTrue(cmvnMessage.contains(wav + ": not enough memory for the frames of the whole recording"),
                cmvnMessage);
        assertFalse(Files.exists(whole));

        // train decodes each recording whole: the hour is reported and skipped, the rest is trained
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus);
        Files.createLink(corpus.resolve("0_long_0.wav"), wav);
        try (var small = Files.list(FSDD)) {
            for (Path f : small.filter(p -> p.getFileName().toString().matches("[01]_jackson_[0-4]\\.wav")).toList()) {
                Files.copy(f, corpus.resolve(f.getFileName()));
            }
        }
        File trainOut = tmp.resolve("train.out").toFile();
        File trainErr = tmp.resolve("train.err").toFile();
        Process train = ChildJvm.cepstra(ChildJvm.quickStart(HEAP), List.of("train", corpus.toString(),
                "--label-pattern", "^(\\d)_", "-k", "1", "-o", tmp.resolve("small.npz").toString()),
                trainOut, trainErr).start();
        assertEquals(3, await(train, 120), Files.readString(trainErr.toPath()));
        String trainMessages = Files.readString(trainErr.toPath()) + Files.readString(trainOut.toPath());
        assertTrue(trainMessages.contains("0_long_0.wav") && trainMessages.contains("not enough memory to decode it "
                + "whole"), trainMessages);
        assertFalse(trainMessages.contains("\tat "), trainMessages);
        assertTrue(Files.exists(tmp.resolve("small.npz")));

        // classify scores the hour block by block in the same 64 MB heap
        Path model = tmp.resolve("digits.npz");
        Cli.Result trained = Cli.run("train", FSDD.toString(), "--label-pattern", "^(\\d)_", "--test-pattern",
                "_([5-9]|1[0-4])\\.wav$", "-k", "2", "--quiet", "-o", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        File classifyOut = tmp.resolve("classify.out").toFile();
        File classifyErr = tmp.resolve("classify.err").toFile();
        Process classify = ChildJvm.cepstra(ChildJvm.quickStart(HEAP), List.of("classify", model.toString(),
                wav.toString()), classifyOut, classifyErr).start();
        assertEquals(0, await(classify, 300), Files.readString(classifyErr.toPath()));
        String classified = Files.readString(classifyOut.toPath());
        assertTrue(classified.contains(wav.toString()) && classified.contains(Long.toString(frames)), classified);
        System.out.printf("long input: %d s of %d Hz audio (%d MB WAV) written in %.1f s; features in a %s heap "
                        + "in %.1f s (%d frames, %d MB archive); checked in %.1f s; in-memory controls %.1f s%n",
                SECONDS, RATE, Files.size(wav) >> 20, (written - t0) / 1e9, HEAP, (extracted - written) / 1e9,
                frames, Files.size(ark) >> 20, (verified - extracted) / 1e9, (System.nanoTime() - verified) / 1e9);
    }

    @Test
    void streamedAndInMemoryArchivesAreIdentical() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("wavs"));
        for (String name : List.of("0_jackson_0.wav", "3_theo_3.wav", "7_theo_12.wav", "9_jackson_14.wav")) {
            Files.copy(FSDD.resolve(name), dir.resolve(name));
        }
        // a stereo 16 kHz file with different channels
        float[][] stereo = new float[2][];
        stereo[0] = new WavReader().read(FSDD.resolve("5_jackson_5.wav")).samples();
        stereo[1] = new float[stereo[0].length];
        for (int i = 0; i < stereo[1].length; i++) {
            stereo[1][i] = 0.5f * stereo[0][stereo[0].length - 1 - i];
        }
        new WavWriter(SampleEncoding.PCM_SIGNED_16).write(dir.resolve("stereo.wav"), stereo, 16000);
        List<List<String>> optionSets = List.of(
                List.of(),
                List.of("--deltas"),
                List.of("--deltas", "--cmvn", "sliding", "--norm-vars"),
                List.of("--deltas", "--cmvn", "sliding", "--center", "--cmvn-placement", "after-deltas"),
                List.of("--deltas", "--cmvn", "utterance", "--norm-vars"),
                List.of("--vad", "--deltas"),
                List.of("--snip-edges", "false", "--deltas"),
                List.of("--subtract-mean", "true"),
                List.of("--preset", "htk"),
                List.of("--dither", "1", "--dither-seed", "7"),
                List.of("--channel", "1"),
                List.of("--sample-frequency", "16000")); // resampling: streamed files are read whole
        for (List<String> options : optionSets) {
            List<String> args = new ArrayList<>(List.of("features", dir.toString(), "--threads", "2"));
            args.addAll(options);
            Cli.Result inMemory = Cli.run(args.toArray(String[]::new));
            args.addAll(List.of("--stream-above", "0"));
            Cli.Result streamed = Cli.run(args.toArray(String[]::new));
            // --channel 1 exists only in the stereo file: the mono ones are reported and skipped, both ways
            boolean oneChannel = options.contains("--channel");
            assertEquals(oneChannel ? 3 : 0, inMemory.exitCode(), options + "\n" + inMemory.describe());
            assertEquals(oneChannel ? 3 : 0, streamed.exitCode(), options + "\n" + streamed.describe());
            assertEquals(oneChannel ? 1 : 5, inMemory.out().lines().filter(l -> l.endsWith("  [")).count(),
                    options.toString());
            assertEquals(inMemory.out(), streamed.out(), "streamed archive differs with " + options);
            assertEquals(inMemory.err(), streamed.err(), "reports differ with " + options);
        }
    }

    @Test
    void aStreamedFileThatFailsHalfWayStopsTheCommandRatherThanWriteAPartialEntry() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("nan"));
        Files.copy(FSDD.resolve("0_jackson_0.wav"), dir.resolve("a_good.wav"));
        float[] speech = new WavReader().read(FSDD.resolve("1_jackson_1.wav")).samples();
        float[] long8k = new float[60000];
        for (int i = 0; i < long8k.length; i++) {
            long8k[i] = speech[i % speech.length];
        }
        Path bad = dir.resolve("b_late_nan.wav");
        // past the first block of 32768 samples that the streamed path reads: (32768 - 200) / 80 + 1 = 408
        // frames are out when the NaN is found
        BadWavs.float32With(bad, 8000, long8k, 40000, Float.NaN);
        Path out = tmp.resolve("nan.ark");

        Cli.Result inMemory = Cli.run("features", dir.toString(), "-o", out.toString());
        assertEquals(3, inMemory.exitCode(), inMemory.describe());
        assertTrue(inMemory.err().contains("skipped " + bad + ": float sample 40000 (channel 0, byte 160044) is NaN"),
                inMemory.describe());
        assertTrue(Files.readString(out).startsWith("a_good  ["));

        Files.delete(out);
        Cli.Result streamed = Cli.run("features", dir.toString(), "--stream-above", "0", "-o", out.toString());
        assertEquals(1, streamed.exitCode(), streamed.describe());
        assertEquals(1, streamed.err().lines().count(), streamed.describe());
        assertTrue(streamed.err().startsWith("cepstra: " + bad + ": float sample 40000"), streamed.describe());
        assertTrue(streamed.err().contains("(after 408 frames had been written, so the archive is incomplete)"),
                streamed.describe());
        assertFalse(Files.exists(out), "the output file is only created by a complete archive");

        // an early NaN is found before any frame is out: an ordinary skip report, streamed or not
        BadWavs.float32With(bad, 8000, long8k, 2000, Float.NaN);
        Cli.Result early = Cli.run("features", dir.toString(), "--stream-above", "0", "-o", out.toString());
        assertEquals(3, early.exitCode(), early.describe());
        assertTrue(early.err().contains("skipped " + bad + ": float sample 2000"), early.describe());
    }

    @Test
    void nothingReadableLeavesTheOutputFileAsItWas() throws IOException {
        Path bad = tmp.resolve("bad.wav");
        Files.writeString(bad, "not audio");
        Path out = tmp.resolve("out.ark");
        Files.writeString(out, "previous\n");
        for (String streamAbove : List.of("16", "0")) {
            Cli.Result r = Cli.run("features", bad.toString(), "--stream-above", streamAbove, "-o", out.toString());
            assertEquals(1, r.exitCode(), r.describe());
            assertTrue(r.err().endsWith("cepstra: no file could be read\n"), r.describe());
            assertEquals("previous\n", Files.readString(out));
        }
    }
}
