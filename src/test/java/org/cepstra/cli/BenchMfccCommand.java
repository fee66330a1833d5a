package org.cepstra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.cepstra.audio.Audio;
import org.cepstra.audio.WavReader;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cepstra bench mfcc}: real-time factor of reading + Kaldi MFCC over a folder of WAV files,
 * at one thread and at all cores, beside the peers' figures from {@code bench_mfcc.py}, and the
 * whole {@code features} command (JVM start included) beside a Python/torchaudio script doing the same.
 */
@Command(name = "mfcc", mixinStandardHelpOptions = true,
        description = "Time WAV reading + Kaldi MFCC over a folder; optionally run the peers in the same run.")
final class BenchMfccCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", description = "folder of WAV files (default: ${DEFAULT-VALUE})",
            defaultValue = "../shared/corpora/fsdd/recordings")
    Path dir;

    @Option(names = "--repeats", description = "timed runs per configuration; the median is reported (default: ${DEFAULT-VALUE})",
            defaultValue = "5")
    int repeats;

    @Option(names = "--threads", split = ",", description = "thread counts to time (default: 1 and all cores)")
    int[] threads;

    @Option(names = "--peers", description = "folder holding bench_mfcc.py: run the peers in the same run")
    Path peers;

    @Option(names = "--end-to-end", description = "also time the whole features command (JVM start included) "
            + "against a Python script doing the same with torchaudio (needs --peers' Python packages); "
            + "with /usr/bin/time, each run's CPU time too")
    boolean endToEnd;

    @Option(names = "--cpus", split = ",", description = "with --end-to-end: CPU counts to time, each side pinned "
            + "to that many CPUs with taskset (Java also told with -XX:ActiveProcessorCount), e.g. 1,2 "
            + "(default: no pinning)")
    int[] cpus;

    @Option(names = "--jar", paramLabel = "JAR",
            description = "with --end-to-end: the command-line jar to time (default: ${DEFAULT-VALUE})")
    Path jar = Path.of("target/cepstra.jar");

    @Option(names = "--launcher", description = "with --end-to-end: also time this launcher (target/bin/cepstra), "
            + "as it is (C1 alone for features) and with the optimising compiler back (-XX:TieredStopAtLevel=4, "
            + "through CEPSTRA_JAVA_OPTS)")
    Path launcher;

    @Option(names = "--python", description = "Python interpreter for the peers (default: ${DEFAULT-VALUE})",
            defaultValue = "/usr/bin/python3")
    String python;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files = listWavs(dir);
        if (files.isEmpty()) {
            throw new InputException(dir + ": no .wav files");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int[] threadCounts = threads != null ? threads : (cores > 1 ? new int[] {1, cores} : new int[] {1});
        for (int t : threadCounts) {
            Threads.resolve(t); // each count checked before any work
        }
        checkEndToEndOptions(cores);
        FeaturePipeline pipeline = new FeaturePipeline(FeatureConfig.kaldiDefaults());
        double audioSeconds = 0;
        WavReader reader = new WavReader();
        for (Path f : files) {
            Audio audio = reader.read(f);
            audioSeconds += audio.durationSeconds();
        }
        out.printf("files: %d%naudio_seconds: %.3f%ncores: %d%njava: %s%n", files.size(), audioSeconds, cores,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

        // warm-up: let the JIT compile the hot paths before timing
        runOnce(pipeline, files, 1);
        runOnce(pipeline, files, 1);

        double oneThreadRtf = 0;
        for (int t : threadCounts) {
            double[] walls = new double[repeats];
            long frames = 0;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                frames = runOnce(pipeline, files, t);
                walls[r] = (System.nanoTime() - t0) / 1e9;
            }
            double wall = median(walls);
            double rtf = audioSeconds / wall;
            if (t == 1) {
                oneThreadRtf = rtf;
            }
            out.printf("cepstra.threads_%d.wall_seconds: %.4f%n", t, wall);
            out.printf("cepstra.threads_%d.wall_seconds_runs: %s%n", t, formatRuns(walls));
            out.printf("cepstra.threads_%d.realtime_factor: %.1f%n", t, rtf);
            out.printf("cepstra.threads_%d.frames_per_second: %.1f%n", t, frames / wall);
            if (t != 1 && oneThreadRtf > 0) {
                out.printf("cepstra.threads_%d.speedup_vs_1_thread: %.2f%n", t, rtf / oneThreadRtf);
            }
        }
        out.flush();

        if (peers != null) {
            PeerRunner runner = new PeerRunner(python, out);
            JsonNode peer = runner.runScript(peers.resolve("bench_mfcc.py"),
                    List.of("--dir", dir.toString(), "--repeats", Integer.toString(repeats)), Map.of());
            out.println("side by side (single thread, median of " + repeats + "):");
            out.printf("  %-12s %12s %10s%n", "tool", "x real time", "cepstra is");
            out.printf("  %-12s %12.1f %10s%n", "cepstra", oneThreadRtf, "");
            for (String name : List.of("torchaudio", "sphinx_fe")) {
                JsonNode rtf = peer.get(name + ".realtime_factor");
                if (rtf != null) {
                    out.printf("  %-12s %12.1f %9.2fx%n", name, rtf.asDouble(), oneThreadRtf / rtf.asDouble());
                }
            }
        }
        if (endToEnd) {
            endToEnd(out, files.size());
        }
        return ExitCode.OK;
    }

    /** --cpus and --launcher: named problems before any work. */
    private void checkEndToEndOptions(int cores) {
        if ((cpus != null || launcher != null) && !endToEnd) {
            throw new InputException((cpus != null ? "--cpus" : "--launcher") + " needs --end-to-end");
        }
        if (cpus != null) {
            for (int c : cpus) {
                if (c < 1 || c > cores) {
                    throw new InputException("--cpus: " + c + " is not between 1 and the " + cores + " CPUs of this machine");
                }
            }
            if (!Files.isExecutable(Path.of("/usr/bin/taskset")) && !Files.isExecutable(Path.of("/bin/taskset"))) {
                throw new InputException("--cpus needs taskset (util-linux) to pin each side to its CPUs");
            }
        }
        if (launcher != null && !Files.isExecutable(launcher)) {
            throw new InputException("--launcher: " + launcher + " is not an executable file (build it with mvn package)");
        }
    }

    /** One timed configuration of the end-to-end comparison: a command line and its extra environment. */
    private record Row(String name, List<String> command, Map<String, String> env) {
    }

    private void endToEnd(PrintWriter out, int fileCount) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new InputException("--jar " + jar + ": no such jar (build it with mvn package)");
        }
        Path scratch = Files.isWritable(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        Path ours = scratch.resolve("cepstra-bench-features.ark");
        Path theirs = scratch.resolve("cepstra-bench-torchaudio.ark");
        Path script = Files.createTempFile("cepstra-bench-torchaudio-", ".py");
        Path timer = Files.isExecutable(Path.of("/usr/bin/time")) ? Path.of("/usr/bin/time") : null;
        Path cpuTimes = scratch.resolve("cepstra-bench-cpu.txt");
        try {
            Files.writeString(script, TORCHAUDIO_FEATURES_SCRIPT);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> features = List.of("features", dir.toString(), "-o", ours.toString());
            Map<String, String> oneThread = Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "1");
            int[] configs = cpus != null ? cpus : new int[] {0};
            for (int cpuCount : configs) {
                List<String> pin = cpuCount == 0 ? List.of()
                        : List.of("taskset", "-c", cpuCount == 1 ? "0" : "0-" + (cpuCount - 1));
                List<String> javaOpts = cpuCount == 0 ? List.of() : List.of("-XX:ActiveProcessorCount=" + cpuCount);
                List<Row> rows = new ArrayList<>();
                rows.add(new Row(cpuCount == 0 ? "cepstra features, java -jar (all cores)" : "cepstra features, java -jar",
                        concat(pin, List.of(java), javaOpts, List.of("-jar", jar.toString()), features), Map.of()));
                if (cpuCount == 0) {
                    rows.add(new Row("cepstra features, java -jar --threads 1",
                            concat(List.of(java, "-jar", jar.toString(), "features", "--threads", "1"), features.subList(1, 4)),
                            Map.of()));
                }
                if (launcher != null) {
                    // as a user runs it (taskset alone tells Java how many CPUs it has)
                    rows.add(new Row("cepstra features, launcher", concat(pin, List.of(launcher.toString()), features),
                            Map.of()));
                    // the launcher starts features with C1 alone: this row gives it the optimising compiler back
                    rows.add(new Row("cepstra features, launcher, with C2", concat(pin, List.of(launcher.toString()), features),
                            Map.of("CEPSTRA_JAVA_OPTS", "-XX:TieredStopAtLevel=4")));
                }
                Row peer = new Row("python + torchaudio (1 torch thread)",
                        concat(pin, List.of(python, script.toString(), dir.toString(), theirs.toString())), oneThread);
                rows.add(peer);
                double[][] walls = new double[rows.size()][repeats];
                double[][] cpu = timer != null ? new double[rows.size()][repeats] : null;
                for (int r = 0; r < repeats; r++) {
                    for (int i = 0; i < rows.size(); i++) { // interleaved, so that a noisy moment hits every row alike
                        if (cpu == null) {
                            walls[i][r] = PeerRunner.timeProcess(rows.get(i).command(), rows.get(i).env());
                        } else {
                            walls[i][r] = PeerRunner.timeProcess(concat(List.of(timer.toString(), "-f", "%U %S", "-o",
                                    cpuTimes.toString()), rows.get(i).command()), rows.get(i).env());
                            cpu[i][r] = cpuSeconds(cpuTimes);
                        }
                    }
                }
                out.printf("end to end: whole command over %d files, writing a Kaldi text archive (median of %d)%s%n",
                        fileCount, repeats, cpuCount == 0 ? "" : ", each side on " + cpuCount + " CPU" + (cpuCount > 1 ? "s" : ""));
                printMedians(out, rows, walls, "faster");
                if (cpu != null) {
                    // CPU time is less sensitive than wall time to other work on a shared machine
                    out.println("  CPU time (user + system, all threads), same runs:");
                    printMedians(out, rows, cpu, "less");
                }
                for (Row row : rows) {
                    StringBuilder env = new StringBuilder();
                    row.env().forEach((k, v) -> env.append(k).append("='").append(v).append("' "));
                    out.printf("  $ %s%s%n", env, String.join(" ", row.command()));
                }
                out.flush();
            }
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(ours);
            Files.deleteIfExists(theirs);
            Files.deleteIfExists(cpuTimes);
        }
    }

    /** One line per row: the median of its runs (seconds) and the last row's (the peer's) over it. */
    private static void printMedians(PrintWriter out, List<Row> rows, double[][] seconds, String ratioWord) {
        double peer = median(seconds[rows.size() - 1]);
        for (int i = 0; i < rows.size(); i++) {
            double m = median(seconds[i]);
            String ratio = i == rows.size() - 1 ? "" : String.format(Locale.ROOT, "  %.2fx %s", peer / m, ratioWord);
            out.printf(Locale.ROOT, "  %-44s %.3f s%s  runs %s%n", rows.get(i).name() + ":", m, ratio, formatRuns(seconds[i]));
        }
    }

    /** User + system seconds from the file {@code /usr/bin/time -f "%U %S" -o FILE} wrote. */
    private static double cpuSeconds(Path timesFile) throws IOException {
        double[] userSystem = PeerRunner.timeFigures(timesFile, 2);
        return userSystem[0] + userSystem[1];
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    /** A plain Python script doing what {@code cepstra features DIR -o FILE} does, with torchaudio. */
    static final String TORCHAUDIO_FEATURES_SCRIPT = String.join("\n",
            "import glob, os, sys",
            "import numpy as np, soundfile as sf, torch",
            "from torchaudio.compliance import kaldi",
            "torch.set_num_threads(1)",
            "files = sorted(glob.glob(os.path.join(sys.argv[1], '**', '*.wav'), recursive=True))",
            "with open(sys.argv[2], 'w') as out:",
            "    for path in files:",
            "        x, sr = sf.read(path, dtype='int16', always_2d=True)",
            "        wav = torch.from_numpy(x.mean(axis=1).astype(np.float32)).unsqueeze(0)",
            "        feats = kaldi.mfcc(wav, sample_frequency=float(sr), dither=0.0, energy_floor=0.0).numpy()",
            "        out.write(os.path.splitext(os.path.basename(path))[0] + '  [\\n')",
            "        np.savetxt(out, feats, fmt='%.7g', delimiter=' ', newline=' \\n', header='', comments='')",
            "        out.write(' ]\\n')",
            "");

    private static long runOnce(FeaturePipeline pipeline, List<Path> files, int threads) throws Exception {
        if (threads == 1) {
            long frames = 0;
            for (Path f : files) {
                frames += pipeline.extract(f).rows();
            }
            return frames;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(pool.submit(() -> {
                    long frames = 0;
                    for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                        frames += pipeline.extract(files.get(i)).rows();
                    }
                    return frames;
                }));
            }
            long frames = 0;
            for (Future<Long> part : parts) {
                frames += part.get();
            }
            return frames;
        } finally {
            pool.shutdown();
        }
    }

    static List<Path> listWavs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": not a folder");
        }
        return WavInputs.expand(List.of(dir)); // the folder walk of every command
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String formatRuns(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", v));
        }
        return sb.toString();
    }
}
