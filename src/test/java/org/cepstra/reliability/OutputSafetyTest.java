package org.cepstra.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cepstra.audio.Audio;
import org.cepstra.audio.SampleEncoding;
import org.cepstra.audio.WavWriter;
import org.cepstra.base.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output that cannot be lost, in real processes: standard output on a full device, a pipe whose reader
 * leaves early, an output file on a disk that fills up, a run stopped by SIGTERM during its write, and
 * the temporary files of killed runs; and a heap too small for the input, reported without a stack trace.
 */
class OutputSafetyTest {
    static final Path FSDD = Path.of("corpora/fsdd/recordings").toAbsolutePath();

    @TempDir
    Path tmp;

    private File file(String name) {
        return tmp.resolve(name).toFile();
    }

    private List<Path> temps(String target) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("." + target + ".tmp-")).toList();
        }
    }

    /**
     * A folder of 40 recordings of two minutes of noise at 16 kHz (one file and 39 symbolic links to it,
     * each its own utterance): about 3 s of work for {@code features --threads 1}.
     */
    private Path longCorpus() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("long"));
        Random random = new Random(11);
        float[] samples = new float[16000 * 120];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.1 * random.nextGaussian());
        }
        Path first = folder.resolve("l00.wav");
        new WavWriter(SampleEncoding.PCM_SIGNED_16).write(first, Audio.of(samples, 16000));
        for (int i = 1; i < 40; i++) {
            Files.createSymbolicLink(folder.resolve(String.format(Locale.ROOT, "l%02d.wav", i)), first);
        }
        return folder;
    }

    @Test
    void standardOutputOnAFullDeviceIsAnError() throws Exception {
        File err = file("err.txt");
        ProcessBuilder pb = ChildJvm.cepstra(ChildJvm.quickStart("128m"), List.of("features", FSDD.toString()),
                null, err);
        pb.redirectOutput(new File("/dev/full"));
        int code = ChildJvm.runToEnd(pb);
        assertEquals(1, code, Files.readString(err.toPath()));
        assertEquals("cepstra: standard output: No space left on device\n", Files.readString(err.toPath()));
    }

    @Test
    void aPipeClosedEarlyStopsTheWorkSoonAndQuietly() throws Exception {
        List<String> args = List.of("features", "--threads", "1", longCorpus().toString());
        File err = file("err.txt");
        long t0 = System.nanoTime();
        ProcessBuilder full = ChildJvm.cepstra(ChildJvm.quickStart("128m"), args, null, file("full.err"));
        assertEquals(0, ChildJvm.runToEnd(full), Files.readString(tmp.resolve("full.err")));
        long fullMs = (System.nanoTime() - t0) / 1_000_000;

        ProcessBuilder pb = ChildJvm.cepstra(ChildJvm.quickStart("128m"), args, null, err);
        pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
        t0 = System.nanoTime();
        Process p = pb.start();
        try (InputStream in = p.getInputStream()) {
            byte[] head = in.readNBytes(1000); // as `head -c 1000` does, then the reader is gone
            assertEquals(1000, head.length);
            assertTrue(new String(head, StandardCharsets.US_ASCII).startsWith("l00  ["));
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command must stop once its reader has gone");
        long closedMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(141, p.exitValue(), Files.readString(err.toPath()));
        assertEquals("", Files.readString(err.toPath()), "a closed pipe is not an error: nothing on standard error");
        System.out.printf("closed pipe: features of 40 two-minute files stopped after %d ms (all of them: %d ms)%n",
                closedMs, fullMs);
        assertTrue(closedMs < fullMs * 0.6, "stopped early: " + closedMs + " ms vs " + fullMs + " ms for all");
    }

    @Test
    void anOutputFileOnADiskThatFillsUpIsAnErrorNamingIt() throws Exception {
        Path out = tmp.resolve("feats.ark");
        Files.writeString(out, "previous\n");
        List<String> command = new ArrayList<>();
        // a file size limit of 64 kB: the write fails as on a full disk (EFBIG rather than ENOSPC)
        command.add("ulimit -f 128 && exec \"$0\" \"$@\"");
        File err = file("err.txt");
        ProcessBuilder java = ChildJvm.cepstra(ChildJvm.quickStart("128m"),
                List.of("features", FSDD.toString(), "-o", out.toString()), null, err);
        command.addAll(java.command());
        List<String> shell = new ArrayList<>(List.of("sh", "-c"));
        shell.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(shell).redirectError(err).redirectOutput(file("out.txt"));
        assertEquals(1, pb.start().waitFor());
        assertEquals("cepstra: " + out + ": File too large\n", Files.readString(err.toPath()));
        assertEquals("previous\n", Files.readString(out), "the previous file is left as it was");
        assertEquals(List.of(), temps("feats.ark"), "the temporary file is removed");
    }

    @Test
    void sigtermDuringFeaturesRemovesTheTemporaryFile() throws Exception {
        Path out = tmp.resolve("feats.ark");
        List<String> args = List.of("features", "--threads", "1", "-o", out.toString(), longCorpus().toString());
        File err = file("err.txt");
        Process p = ChildJvm.cepstra(ChildJvm.quickStart("128m"), args, null, err).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (temps("feats.ark").isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertTrue(p.isAlive(), "the run must still be writing: " + Files.readString(err.toPath()));
        Thread.sleep(100); // well inside the write
        assertFalse(temps("feats.ark").isEmpty());
        p.destroy(); // SIGTERM, as `kill PID` or a service manager sends
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(143, p.exitValue(), "ended by SIGTERM (128 + 15)");
        assertEquals(List.of(), temps("feats.ark"), "a stopped run leaves no temporary file");
        assertFalse(Files.exists(out), "nor a partial archive");
    }

    @Test
    void staleTemporaryFilesOfKilledRunsAreRemovedByTheNextWriteOfFeaturesAndFit() throws Exception {
        Path ark = tmp.resolve("feats.ark");
        Path gmm = tmp.resolve("model.gmm");
        FileTime old = FileTime.from(Instant.now().minus(AtomicFiles.STALE_TEMP_AGE).minusSeconds(60));
        Path staleArk = tmp.resolve(".feats.ark.tmp-00000000deadbeef");
        Path youngArk = tmp.resolve(".feats.ark.tmp-0123456789abcdef");
        Path staleGmm = tmp.resolve(".model.gmm.tmp-00000000deadbeef");
        for (Path p : List.of(staleArk, youngArk, staleGmm)) {
            Files.writeString(p, "partial", StandardCharsets.US_ASCII);
        }
        Files.setLastModifiedTime(staleArk, old);
        Files.setLastModifiedTime(staleGmm, old);
        Cli.Result r = Cli.run("features", FSDD.resolve("0_jackson_0.wav").toString(), "-o", ark.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertFalse(Files.exists(staleArk), "a temporary file older than the stale age is removed");
        assertTrue(Files.exists(youngArk), "a young one may belong to a running write: kept");
        r = Cli.run("fit", ark.toString(), "-k", "1", "-o", gmm.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertFalse(Files.exists(staleGmm));
        assertTrue(Files.exists(gmm));
    }

    @Test
    void aHeapTooSmallIsOneLineNamingTheCommandOrTheFile() throws Exception {
        // an archive of 400,000 frames of 13 values (20 MB as floats) for a 16 MB heap
        Path ark = tmp.resolve("big.ark");
        Random random = new Random(7);
        try (Writer w = Files.newBufferedWriter(ark, StandardCharsets.US_ASCII)) {
            for (int u = 0; u < 400; u++) {
                w.write("utt" + u + "  [");
                for (int f = 0; f < 1000; f++) {
                    w.write("\n  ");
                    for (int c = 0; c < 13; c++) {
                        w.write(String.format(Locale.ROOT, "%.3f ", random.nextGaussian()));
                    }
                }
                w.write("]\n");
            }
        }
        File err = file("err.txt");
        int code = ChildJvm.runToEnd(ChildJvm.cepstra(ChildJvm.quickStart("16m"),
                List.of("fit", ark.toString(), "-k", "2"), null, err));
        String text = Files.readString(err.toPath());
        assertEquals(1, code, text);
        // the reader names the file it could not hold
        assertTrue(text.matches("cepstra: \\Q" + ark + "\\E: not enough memory for the frames of this \\d+ MB file "
                + "\\(\\d+ MB heap\\): give Java more memory \\(-Xmx, e\\.g\\. java -Xmx8g -jar cepstra\\.jar \\.\\.\\.\\) "
                + "or split the file\n"), text);

        // a manifest of 200,000 rows for a 32 MB heap: the message names the manifest
        Path manifest = tmp.resolve("big.csv");
        try (Writer w = Files.newBufferedWriter(manifest, StandardCharsets.US_ASCII)) {
            w.write("path,label,speaker\n");
            for (int i = 0; i < 200_000; i++) {
                w.write(FSDD.resolve("0_jackson_0.wav") + ",label" + i % 10 + ",speaker" + i % 7 + "\n");
            }
        }
        code = ChildJvm.runToEnd(ChildJvm.cepstra(ChildJvm.quickStart("32m"),
                List.of("train", "--manifest", manifest.toString(), "-o", tmp.resolve("m.npz").toString()), null, err));
        text = Files.readString(err.toPath());
        assertEquals(1, code, text);
        assertTrue(text.matches("cepstra: " + java.util.regex.Pattern.quote(manifest.toString()) + ": not enough "
                + "memory to read this manifest \\(\\d+ MB heap\\): give Java more memory \\(-Xmx\\) or split the "
                + "manifest into smaller ones\n"), text);
    }
}
