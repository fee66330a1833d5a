package org.cepstra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.GmmTrainer;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.gmm.TrainingResult;
import org.cepstra.io.features.NpyFeatures;
import org.cepstra.matrix.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cepstra bench gmm}: seconds per EM iteration (median), initialisation time and GFLOP/s of
 * diagonal GMM training at each thread count, beside scikit-learn's {@code GaussianMixture} on the
 * same data ({@code bench_gmm.py}), the whole {@code fit} command timed as a process, and the peak
 * heap of a fit at N frames.
 */
@Command(name = "gmm", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time diagonal GMM training (EM iterations, initialisation, whole fit command) and peak memory.")
final class BenchGmmCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE",
            description = "frames to fit (.npy, CSV or Kaldi text archive); with --peers and no --data, "
                    + "bench_gmm.py makes and saves its synthetic data (--synthetic)")
    Path data;

    @Option(names = "--synthetic", arity = "3", paramLabel = "N D K",
            description = "synthetic data size for the peers' generator (default: 200000 39 64)")
    int[] synthetic = {200_000, 39, 64};

    @Option(names = {"-k", "--components"}, paramLabel = "K", description = "components (default: K of --synthetic)")
    Integer components;

    @Option(names = "--iters", paramLabel = "N", description = "EM iterations, tolerance 0 (default: ${DEFAULT-VALUE})")
    int iters = 20;

    @Option(names = "--threads", split = ",", paramLabel = "T", description = "thread counts (default: 1 and all cores)")
    int[] threads;

    @Option(names = "--seed", paramLabel = "N", description = "seed (default: ${DEFAULT-VALUE})")
    long seed = 0;

    @Option(names = "--var-floor", paramLabel = "X",
            description = "relative variance floor (fraction of each dimension's global variance); default 0 with an "
                    + "absolute floor of 1e-6, the scale of scikit-learn's reg_covar, so both fit the same model family")
    double varFloor = 0;

    @Option(names = "--peers", paramLabel = "DIR", description = "folder holding bench_gmm.py: run scikit-learn in the same run")
    Path peers;

    @Option(names = "--python", paramLabel = "EXE", description = "Python for the peers (default: ${DEFAULT-VALUE})")
    String python = "/usr/bin/python3";

    @Option(names = "--jar", paramLabel = "JAR",
            description = "with --fit-command: the command-line jar to time (default: ${DEFAULT-VALUE})")
    Path jar = Path.of("target/cepstra.jar");

    @Option(names = "--fit-command", description = "also time the whole 'fit' command as a process (JVM start included)")
    boolean fitCommand;

    @Option(names = "--memory-frames", paramLabel = "N",
            description = "measure the peak heap of one fit on N synthetic frames (e.g. 1000000) beyond the data itself")
    Integer memoryFrames;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int cores = Runtime.getRuntime().availableProcessors();
        int[] threadCounts = threads != null ? threads : (cores > 1 ? new int[] {1, cores} : new int[] {1});
        for (int t : threadCounts) {
            Threads.resolve(t); // each count checked before any work
        }
        int k = components != null ? components : synthetic[2];
        Path dataFile = data;
        Path tempData = null;
        PeerRunner runner = new PeerRunner(python, out);
        if (memoryFrames != null) {
            measureMemory(out, memoryFrames, synthetic[1], k);
            if (data == null && peers == null) {
                return ExitCode.OK;
            }
        }
        if (dataFile == null) {
            if (peers == null) {
                throw new InputException("give --data FILE, or --peers DIR to let bench_gmm.py make synthetic data");
            }
            tempData = Files.createTempFile("cepstra-bench-gmm-", ".npy");
            dataFile = tempData;
        }
        try {
            List<String> peerLines = new ArrayList<>();
            Map<Integer, JsonNode> peerByThreads = new java.util.TreeMap<>();
            if (peers != null) {
                for (int t : threadCounts) {
                    List<String> args = new ArrayList<>();
                    if (data == null) {
                        args.addAll(List.of("--synthetic", Integer.toString(synthetic[0]), Integer.toString(synthetic[1]),
                                Integer.toString(synthetic[2])));
                        if (t == threadCounts[0]) {
                            args.addAll(List.of("--save-data", dataFile.toString()));
                        }
                    } else {
                        args.addAll(List.of("--features", dataFile.toString()));
                    }
                    args.addAll(List.of("--components", Integer.toString(k), "--iters", Integer.toString(iters),
                            "--seed", Long.toString(seed), "--threads", Integer.toString(t)));
                    String ts = Integer.toString(t);
                    peerByThreads.put(t, runner.runScript(peers.resolve("bench_gmm.py"), args,
                            Map.of("OMP_NUM_THREADS", ts, "OPENBLAS_NUM_THREADS", ts)));
                }
            }
            FeatureMatrix x = dataFile.toString().endsWith(".npy") ? NpyFeatures.readMatrix(dataFile)
                    : org.cepstra.io.features.FeatureFileReader.readStacked(dataFile);
            double flopsPerIter = 8.0 * x.rows() * x.cols() * k;
            out.printf("frames: %d%ndims: %d%ncomponents: %d%niterations: %d (tolerance 0)%n", x.rows(), x.cols(), k, iters);
            out.printf("java: %s %s%n", System.getProperty("java.vm.name"), System.getProperty("java.version"));
            // warm-up: a short fit so the JIT has compiled the kernels before timing
            new GmmTrainer(config(k, 3, threadCounts[threadCounts.length - 1])).fit(x.rowRange(0, Math.min(x.rows(), 20_000)));
            out.printf("%-8s %12s %10s %10s %12s %14s%n", "threads", "s/iter", "init s", "fit s", "GFLOP/s", "avg loglik");
            double[] ourPerIter = new double[threadCounts.length];
            double[] ourFit = new double[threadCounts.length];
            double[] ourLogLik = new double[threadCounts.length];
            for (int i = 0; i < threadCounts.length; i++) {
                int t = threadCounts[i];
                List<Long> stamps = new ArrayList<>();
                long t0 = System.nanoTime();
                TrainingResult r = new GmmTrainer(config(k, iters, t), p -> stamps.add(System.nanoTime())).fit(x);
                long t1 = System.nanoTime();
                double[] perIter = new double[stamps.size() - 1];
                for (int j = 1; j < stamps.size(); j++) {
                    perIter[j - 1] = (stamps.get(j) - stamps.get(j - 1)) / 1e9;
                }
                double median = perIter.length > 0 ? BenchMfccCommand.median(perIter) : Double.NaN;
                double firstIterEnd = (stamps.get(0) - t0) / 1e9;
                double init = firstIterEnd - median; // the first stamp comes after init + one iteration
                ourPerIter[i] = median;
                ourFit[i] = (t1 - t0) / 1e9;
                ourLogLik[i] = r.model().averageLogLikelihood(x);
                out.printf("%-8d %12.4f %10.3f %10.3f %12.1f %14.6f%n", t, median, init, ourFit[i],
                        flopsPerIter / median / 1e9, r.finalAverageLogLikelihood());
            }
            DiagonalGmm scored = new GmmTrainer(config(k, 2, threadCounts[threadCounts.length - 1])).fit(x).model();
            double[] ourScoreFps = new double[threadCounts.length];
            for (int i = 0; i < threadCounts.length; i++) {
                ourScoreFps[i] = scoringFramesPerSecond(scored, x, threadCounts[i]);
                out.printf("scoring, %d thread(s): %.0f frames/s = %.3g frames x components/s%n", threadCounts[i],
                        ourScoreFps[i], ourScoreFps[i] * k);
            }
            if (!peerByThreads.isEmpty()) {
                out.println("scoring side by side with scikit-learn score_samples (frames x components per second):");
                for (int i = 0; i < threadCounts.length; i++) {
                    JsonNode p = peerByThreads.get(threadCounts[i]);
                    if (p != null) {
                        double theirs = p.get("score_frames_per_second").asDouble();
                        out.printf("  %d thread(s): sklearn %.3g, cepstra %.3g: %.2fx%n", threadCounts[i], theirs * k,
                                ourScoreFps[i] * k, ourScoreFps[i] / theirs);
                    }
                }
                out.println("side by side with scikit-learn (same data, same K, same iterations):");
                out.printf("  %-8s %14s %14s %10s %14s %14s %10s %14s%n", "threads", "sklearn s/iter", "cepstra s/iter",
                        "speed-up", "sklearn fit s", "cepstra fit s", "speed-up", "loglik: ours-theirs");
                for (int i = 0; i < threadCounts.length; i++) {
                    JsonNode p = peerByThreads.get(threadCounts[i]);
                    if (p == null) {
                        continue;
                    }
                    double sp = p.get("em_seconds_per_iter").asDouble();
                    double sf = p.get("fit_seconds").asDouble();
                    out.printf("  %-8d %14.4f %14.4f %9.2fx %14.3f %14.3f %9.2fx %+14.4f%n", threadCounts[i], sp, ourPerIter[i],
                            sp / ourPerIter[i], sf, ourFit[i], sf / ourFit[i],
                            ourLogLik[i] - p.get("avg_loglik").asDouble());
                    peerLines.add(String.format("  sklearn %d thread(s): avg loglik %.6f, init %.3f s",
                            threadCounts[i], p.get("avg_loglik").asDouble(), p.get("init_seconds").asDouble()));
                }
                peerLines.forEach(out::println);
            }
            if (fitCommand) {
                timeFitCommand(out, dataFile, k, threadCounts, peerByThreads);
            }
        } finally {
            if (tempData != null) {
                Files.deleteIfExists(tempData);
            }
        }
        return ExitCode.OK;
    }

    /** Median frames per second of per-frame log-likelihoods over {@code x}, rows split across {@code threads}. */
    private static double scoringFramesPerSecond(DiagonalGmm gmm, FeatureMatrix x, int threads) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            int n = x.rows();
            List<FeatureMatrix> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(x.rowRange((int) ((long) n * t / threads), (int) ((long) n * (t + 1) / threads)));
            }
            double[] runs = new double[7];
            for (int r = 0; r < runs.length; r++) {
                long t0 = System.nanoTime();
                List<java.util.concurrent.Future<double[]>> futures = new ArrayList<>();
                for (FeatureMatrix part : parts) {
                    futures.add(pool.submit(() -> gmm.logLikelihoods(part)));
                }
                for (var f : futures) {
                    f.get();
                }
                runs[r] = (System.nanoTime() - t0) / 1e9;
            }
            return n / BenchMfccCommand.median(java.util.Arrays.copyOfRange(runs, 2, runs.length));
        } finally {
            pool.shutdown();
        }
    }

    private TrainingConfig config(int k, int iterations, int threadCount) {
        return TrainingConfig.defaults(k).withMaxIterations(iterations).withTolerance(0).withSeed(seed)
                .withThreads(threadCount).withRelativeVarianceFloor(varFloor).withAbsoluteVarianceFloor(1e-6);
    }

    private void timeFitCommand(PrintWriter out, Path dataFile, int k, int[] threadCounts,
                                Map<Integer, JsonNode> peerByThreads) throws Exception {
        if (!java.nio.file.Files.isRegularFile(jar)) {
            throw new InputException("--jar " + jar + ": no such jar (build it with mvn package)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        out.println("whole fit command (a new JVM each run, reading the data, initialisation, EM):");
        for (int t : threadCounts) {
            double[] runs = new double[3];
            for (int r = 0; r < runs.length; r++) {
                runs[r] = PeerRunner.timeProcess(List.of(java, "-jar", jar.toString(), "fit", dataFile.toString(),
                        "-k", Integer.toString(k), "--max-iter", Integer.toString(iters), "--tol", "0",
                        "--threads", Integer.toString(t), "--seed", Long.toString(seed),
                        "--var-floor", Double.toString(varFloor)), Map.of());
            }
            double median = BenchMfccCommand.median(runs);
            JsonNode p = peerByThreads.get(t);
            out.printf("  %d thread(s): %.3f s (runs %s)%s%n", t, median, BenchMfccCommand.formatRuns(runs),
                    p == null ? "" : String.format("; sklearn fit %.3f s in-process: %.2fx",
                            p.get("fit_seconds").asDouble(), p.get("fit_seconds").asDouble() / median));
        }
    }

    /** Peak heap of one fit beyond the data, on frames drawn from a random mixture. */
    private void measureMemory(PrintWriter out, int n, int d, int k) {
        java.util.Random random = new java.util.Random(seed);
        double[] w = new double[k];
        double[][] m = new double[k][d];
        double[][] v = new double[k][d];
        for (int c = 0; c < k; c++) {
            w[c] = 1.0 / k;
            for (int j = 0; j < d; j++) {
                m[c][j] = 4 * random.nextGaussian();
                v[c][j] = 0.5 + random.nextDouble();
            }
        }
        FeatureMatrix x = new DiagonalGmm(w, m, v).sample(n, seed);
        long dataBytes = 4L * x.rows() * x.cols();
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        new GmmTrainer(config(k, 5, Runtime.getRuntime().availableProcessors())).fit(x);
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        out.printf("memory: %d x %d frames (data %.1f MB), K=%d: heap in use before the fit %.1f MB, "
                        + "peak during the fit %.1f MB, so at most %.1f MB beyond the data and what was there before%n",
                x.rows(), x.cols(), dataBytes / 1e6, k, before / 1e6, peak / 1e6, (peak - before) / 1e6);
    }
}
