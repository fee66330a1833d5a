package org.cepstra.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cepstra.io.model.ModelFileException;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} in a separate JVM killed with SIGKILL ({@link Process#destroyForcibly()} on Linux) at
 * seeded random moments, about half of them aimed at the model write (the kill follows the creation
 * of the temporary file by 0–40 ms): the model file is afterwards always either the previous complete
 * file, byte for byte, or the complete new one, never partial or absent when a previous one existed.
 * The temporary files of killed writes are removed by the next write once they are older than
 * {@link ModelSetFile#STALE_TEMP_AGE}, younger ones (possibly a concurrent write) are left alone, and a
 * damaged model file is an input error naming the file.
 *
 * <p>To make the write window wide, every recording of one speaker of the shipped corpus is its own
 * label (150 GMMs of 8 components in 39 dimensions, about 0.5 MB), with two EM iterations so that
 * training stays short.
 */
class KillSafetyTest {
    static final Path FSDD = Path.of("corpora/fsdd/recordings").toAbsolutePath();
    static final long SEED_A = 1;
    static final long SEED_B = 2;
    static final int MIN_ROUNDS = 12;
    static final int MAX_ROUNDS = 22;
    static final Duration ROUND_BUDGET = Duration.ofSeconds(26);
    static final Pattern TEMP = Pattern.compile("\\.model\\.npz\\.tmp-[0-9a-f]{16}");

    @TempDir
    Path tmp;

    private Path model;

    private List<String> trainArgs(Path output, long seed) {
        return List.of("train", FSDD.toString(), "--label-pattern", "^(\\d_[a-z]+_\\d+)", "--test-pattern", "_theo_",
                "-k", "8", "--max-iter", "2", "--seed", Long.toString(seed), "--threads", "1", "--quiet", "-o",
                output.toString());
    }

    private Process start(Path output, long seed, File stderr) throws IOException {
        return ChildJvm.cepstra(ChildJvm.quickStart("256m"), trainArgs(output, seed), null, stderr).start();
    }

    private Set<Path> temps() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return new HashSet<>(files.filter(p -> TEMP.matcher(p.getFileName().toString()).matches()).toList());
        }
    }

    private static boolean sameSet(ModelSet a, ModelSet b) {
        return a.models().equals(b.models()) && a.featureConfig().equals(b.featureConfig())
                && a.training().equals(b.training()) && a.labels().equals(b.labels());
    }

    /** A reference run to completion; returns its wall time in ms and the write window seen (ms, or -1). */
    private long[] referenceRun(Path output, long seed) throws Exception {
        File err = tmp.resolve("reference.err").toFile();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            tmp.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            long t0 = System.nanoTime();
            Process p = start(output, seed, err);
            long tempSeen = -1;
            long targetSeen = -1;
            while (p.isAlive() || targetSeen < 0) {
                WatchKey key = watch.poll(2, TimeUnit.MILLISECONDS);
                if (key == null) {
                    if (!p.isAlive()) {
                        break;
                    }
                    continue;
                }
                for (WatchEvent<?> e : key.pollEvents()) {
                    String name = String.valueOf(e.context());
                    if (tempSeen < 0 && name.startsWith("." + output.getFileName() + ".tmp-")) {
                        tempSeen = System.nanoTime();
                    } else if (name.equals(output.getFileName().toString())) {
                        targetSeen = System.nanoTime();
                    }
                }
                key.reset();
            }
            int code = p.waitFor();
            long wall = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(0, code, Files.readString(err.toPath()));
            long window = tempSeen > 0 && targetSeen > tempSeen ? (targetSeen - tempSeen) / 1_000_000 : -1;
            return new long[] {wall, window};
        }
    }

    /** Waits until a temporary file not in {@code known} appears or the process ends; true if one appeared. */
    private boolean awaitNewTemp(WatchService watch, Process p, Set<Path> known) throws Exception {
        long lastListing = System.nanoTime();
        while (p.isAlive()) {
            WatchKey key = watch.poll(2, TimeUnit.MILLISECONDS);
            if (key != null) {
                for (WatchEvent<?> e : key.pollEvents()) {
                    if (e.kind() == StandardWatchEventKinds.OVERFLOW
                            || TEMP.matcher(String.valueOf(e.context())).matches()) {
                        key.reset();
                        return true;
                    }
                }
                key.reset();
            }
            if (System.nanoTime() - lastListing > 50_000_000L) { // in case an event went missing
                lastListing = System.nanoTime();
                Set<Path> now = temps();
                now.removeAll(known);
                if (!now.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void aKilledTrainingNeverLeavesAPartialModel() throws Exception {
        long started = System.nanoTime();
        model = tmp.resolve("model.npz");
        Path refB = tmp.resolve("reference-b.npz");
        long[] runA = referenceRun(model, SEED_A);
        long[] runB = referenceRun(refB, SEED_B);
        ModelSet setA = ModelSetFile.read(model);
        ModelSet setB = ModelSetFile.read(refB);
        assertEquals(150, setA.size());
        assertFalse(sameSet(setA, setB), "the two seeds must give different models");
        long fullRunMs = Math.max(runA[0], runB[0]);

        Random random = new Random(20240607);
        int rounds = 0;
        int beforeWrite = 0;
        int duringWrite = 0;
        int afterWrite = 0;
        int aimedAtWrite = 0;
        int startedFromNone = 0;
        File err = tmp.resolve("round.err").toFile();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            tmp.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            long roundsStart = System.nanoTime();
            // at least MIN_ROUNDS kills however slow the machine; more while the time budget lasts
            while (rounds < MIN_ROUNDS
                    || rounds < MAX_ROUNDS && System.nanoTime() - roundsStart < ROUND_BUDGET.toNanos()) {
                if (rounds % 7 == 6) {
                    Files.deleteIfExists(model);
                    startedFromNone++;
                }
                byte[] before = Files.exists(model) ? Files.readAllBytes(model) : null;
                // train the other seed, so that a completed write is seen as a change of models
                boolean currentIsA = before != null && sameSet(ModelSetFile.read(model), setA);
                long seed = currentIsA ? SEED_B : SEED_A;
                ModelSet expectedNew = seed == SEED_A ? setA : setB;
                Set<Path> leftoversBefore = temps();
                boolean atWrite = random.nextInt(100) < 55;
                long delayMs = atWrite ? (random.nextBoolean() ? 0 : random.nextInt(40))
                        : random.nextInt((int) Math.max(1, fullRunMs * 1.15));
                while (watch.poll() != null) {
                    // drop stale events
                }
                Process p = start(model, seed, err);
                if (atWrite) {
                    aimedAtWrite++;
                    awaitNewTemp(watch, p, leftoversBefore);
                }
                if (delayMs > 0) {
                    p.waitFor(delayMs, TimeUnit.MILLISECONDS);
                }
                boolean finishedAlone = !p.isAlive();
                p.destroyForcibly();
                int code = p.waitFor();
                if (finishedAlone) {
                    assertEquals(0, code, "a run that ended before the kill must have succeeded: "
                            + Files.readString(err.toPath()));
                }
                rounds++;

                Set<Path> newLeftovers = temps();
                newLeftovers.removeAll(leftoversBefore);
                assertTrue(newLeftovers.size() <= 1, "one write per run: " + newLeftovers);
                boolean replaced;
                if (!Files.exists(model)) {
                    assertTrue(before == null, "round " + rounds + ": the previous model file disappeared");
                    replaced = false;
                } else {
                    byte[] after = Files.readAllBytes(model);
                    if (before != null && Arrays.equals(before, after)) {
                        replaced = false;
                    } else {
                        ModelSet read;
                        try {
                            read = ModelSetFile.read(model);
                        } catch (ModelFileException e) {
                            throw new AssertionError("round " + rounds + " (exit " + code + "): a partial model file: "
                                    + e.getMessage(), e);
                        }
                        assertTrue(sameSet(expectedNew, read), "round " + rounds + ": the model file changed but is "
                                + "not the complete new model");
                        replaced = true;
                    }
                }
                if (!newLeftovers.isEmpty()) {
                    assertFalse(replaced, "a leftover temporary file means the rename never happened");
                    duringWrite++;
                } else if (replaced) {
                    afterWrite++;
                } else {
                    beforeWrite++;
                }
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf("kill test: %d kills (%d aimed at the write, %d starting without a model file): "
                        + "%d before the write, %d during it, %d after it; reference run %d ms, write window %d / %d ms;"
                        + " %d s%n", rounds, aimedAtWrite, startedFromNone, beforeWrite, duringWrite, afterWrite,
                fullRunMs, runA[1], runB[1], seconds);
        assertTrue(duringWrite >= 1, "at least one kill must land inside the write window");
        assertEquals(rounds, beforeWrite + duringWrite + afterWrite);

        List<Path> killLeftovers = new ArrayList<>(temps());
        assertEquals(duringWrite, killLeftovers.size());
        aLeftoverIsRejectedOrWhole(killLeftovers);
        staleLeftoversAreRemovedByTheNextWrite(killLeftovers, setA);
        damagedModelFilesAreInputErrorsNamingTheFile();
    }

    /** A temporary file of a killed write, read as a model: rejected with a clear message, or complete. */
    private void aLeftoverIsRejectedOrWhole(List<Path> leftovers) {
        for (Path leftover : leftovers.subList(0, Math.min(3, leftovers.size()))) {
            Cli.Result r = Cli.run("classify", leftover.toString(), FSDD.resolve("3_theo_3.wav").toString());
            assertTrue(r.exitCode() == 0 || r.exitCode() == 1 && r.err().startsWith("cepstra: " + leftover + ": "),
                    r.describe());
            assertFalse(r.err().contains("\tat "), r.describe());
        }
    }

    private void staleLeftoversAreRemovedByTheNextWrite(List<Path> killLeftovers, ModelSet setA) throws IOException {
        FileTime old = FileTime.from(Instant.now().minus(ModelSetFile.STALE_TEMP_AGE).minusSeconds(60));
        List<Path> stale = new ArrayList<>(killLeftovers);
        Path manualStale = tmp.resolve(".model.npz.tmp-00000000deadbeef");
        Files.writeString(manualStale, "partial", StandardCharsets.US_ASCII);
        stale.add(manualStale);
        for (Path p : stale) {
            Files.setLastModifiedTime(p, old);
        }
        Path young = tmp.resolve(".model.npz.tmp-0123456789abcdef"); // could be a write running right now
        Files.writeString(young, "partial", StandardCharsets.US_ASCII);
        Path notOurs = tmp.resolve(".model.npz.tmp-keep");
        Path otherTarget = tmp.resolve(".other.npz.tmp-0123456789abcdef");
        for (Path p : List.of(notOurs, otherTarget)) {
            Files.writeString(p, "x", StandardCharsets.US_ASCII);
            Files.setLastModifiedTime(p, old);
        }
        List<String> args = new ArrayList<>(trainArgs(model, SEED_A));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.describe());
        for (Path p : stale) {
            assertFalse(Files.exists(p), p + " is older than " + ModelSetFile.STALE_TEMP_AGE + " and must be removed");
        }
        assertTrue(Files.exists(young), "a young temporary file may belong to a running write: kept");
        assertTrue(Files.exists(notOurs) && Files.exists(otherTarget), "files not named like our temporaries are kept");
        assertEquals(Set.of(young), temps());
        assertTrue(sameSet(setA, ModelSetFile.read(model)));
    }

    private void damagedModelFilesAreInputErrorsNamingTheFile() throws IOException {
        byte[] good = Files.readAllBytes(model);
        Path flipped = tmp.resolve("flipped.npz");
        byte[] bytes = good.clone();
        int at = dataOffsetOf(bytes, "variances_0.npy") + 10;
        bytes[at] ^= 0x5A;
        Files.write(flipped, bytes);
        Path cut = tmp.resolve("cut.npz");
        Files.write(cut, Arrays.copyOf(good, good.length * 2 / 3));
        for (Path damaged : List.of(flipped, cut)) {
            Cli.Result r = Cli.run("classify", damaged.toString(), FSDD.resolve("3_theo_3.wav").toString());
            assertEquals(1, r.exitCode(), r.describe());
            assertTrue(r.err().startsWith("cepstra: " + damaged + ": "), r.describe());
            assertTrue(r.err().contains("damaged or cut short"), r.describe());
            assertEquals(1, r.err().lines().count(), r.describe());
            assertEquals("", r.out());
        }
        assertArrayEquals(good, Files.readAllBytes(model));
    }

    /** Offset of the first data byte of the zip entry {@code name} (after its local header). */
    private static int dataOffsetOf(byte[] zip, String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 30; i + n.length <= zip.length; i++) {
            if (Arrays.equals(zip, i, i + n.length, n, 0, n.length) && zip[i - 30] == 'P' && zip[i - 29] == 'K'
                    && zip[i - 28] == 3 && zip[i - 27] == 4) {
                int extra = (zip[i - 2] & 0xFF) | (zip[i - 1] & 0xFF) << 8;
                return i + n.length + extra;
            }
        }
        fail("no local header for " + name);
        return -1;
    }
}
