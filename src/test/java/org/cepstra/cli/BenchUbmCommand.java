package org.cepstra.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.features.VadOptions;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.FrameSubsampling;
import org.cepstra.gmm.GmmScorer;
import org.cepstra.gmm.GmmTrainer;
import org.cepstra.gmm.LlrOptions;
import org.cepstra.gmm.LlrScorer;
import org.cepstra.gmm.MapAdapter;
import org.cepstra.gmm.MapOptions;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.matrix.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench ubm}: GMM-UBM verification on real speech. MFCC + Δ + ΔΔ (39 dims, energy VAD as the
 * sre16 recipes, per-utterance mean removal) of a manifest's recordings; a UBM of K components trained
 * on the {@code train} split (seconds per EM iteration, wall and process CPU); speaker models MAP-adapted
 * (means, r = 16) on each evaluation speaker's first utterances; then every remaining evaluation utterance
 * scored against every speaker model, exactly and with top-C, median of repeated runs, with the score
 * differences between the two.
 */
@Command(name = "ubm", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time UBM training, MAP adaptation and exact vs top-C verification scoring on real speech.")
final class BenchUbmCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--manifest", paramLabel = "CSV", required = true,
            description = "manifest.csv with columns path,label,speaker,split (paths relative to it), "
                    + "e.g. corpora/arabic-speech-commands/manifest.csv")
    Path manifest;

    @Option(names = {"-k", "--components"}, paramLabel = "K", description = "UBM components (default: ${DEFAULT-VALUE})")
    int components = 512;

    @Option(names = "--iters", paramLabel = "N", description = "UBM EM iterations, tolerance 0 (default: ${DEFAULT-VALUE})")
    int iters = 10;

    @Option(names = "--subsample", paramLabel = "N", description = "train the UBM on every N-th frame (default: ${DEFAULT-VALUE})")
    int subsample = 1;

    @Option(names = "--threads", paramLabel = "T", description = "UBM training threads (default: ${DEFAULT-VALUE})")
    int threads = 1;

    @Option(names = "--ubm-split", paramLabel = "S", description = "split the UBM is trained on (default: ${DEFAULT-VALUE})")
    String ubmSplit = "train";

    @Option(names = "--eval-split", paramLabel = "S", description = "split of the evaluation speakers (default: ${DEFAULT-VALUE})")
    String evalSplit = "dev";

    @Option(names = "--enroll-utts", paramLabel = "N",
            description = "enrolment utterances per speaker, the first in name order (default: ${DEFAULT-VALUE})")
    int enrollUtts = 20;

    @Option(names = "--top", paramLabel = "C", description = "top-C components (default: ${DEFAULT-VALUE})")
    int top = LlrOptions.DEFAULT_TOP_COMPONENTS;

    @Option(names = "--repeats", paramLabel = "N", description = "timed scoring runs; the median is reported (default: ${DEFAULT-VALUE})")
    int repeats = 5;

    @Option(names = "--seed", paramLabel = "N", description = "seed (default: ${DEFAULT-VALUE})")
    long seed = 0;

    private record Utterance(String name, String speaker, String split, FeatureMatrix frames) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Threads.resolve(threads);
        FeatureConfig config = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults())
                .withCmvn(CmvnOptions.utterance(false), CmvnPlacement.AFTER_DELTAS)
                .withVad(true, new VadOptions(5.5f, 0.5f, 2, 0.12f));
        FeaturePipeline pipeline = new FeaturePipeline(config);
        long t0 = System.nanoTime();
        List<Utterance> utts = read(manifest, pipeline);
        long frames = utts.stream().mapToLong(u -> u.frames().rows()).sum();
        out.printf("features: %d utterances, %d frames (VAD kept), %d dims, %.2f s%n", utts.size(), frames,
                config.dimension(), (System.nanoTime() - t0) / 1e9);

        // ---------------------------------------------------------------- UBM
        FrameSubsampling sub = FrameSubsampling.every(subsample);
        List<FeatureMatrix> ubmParts = new ArrayList<>();
        for (Utterance u : utts) {
            if (u.split().equals(ubmSplit)) {
                ubmParts.add(sub.apply(u.frames()));
            }
        }
        FeatureMatrix ubmData = FeatureMatrix.stack(ubmParts);
        if (ubmData.rows() < components) {
            throw new InputException("split '" + ubmSplit + "' has " + ubmData.rows() + " frames, fewer than K = " + components);
        }
        TrainingConfig tc = TrainingConfig.defaults(components).withMaxIterations(iters).withTolerance(0)
                .withSeed(seed).withThreads(threads);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<long[]> stamps = new ArrayList<>();
        long w0 = System.nanoTime();
        long c0 = os.getProcessCpuTime();
        DiagonalGmm ubm = new GmmTrainer(tc, p -> stamps.add(new long[] {System.nanoTime(), os.getProcessCpuTime()}))
                .fit(ubmData).model();
        double fitWall = (System.nanoTime() - w0) / 1e9;
        double fitCpu = (os.getProcessCpuTime() - c0) / 1e9;
        double[] iterWall = new double[Math.max(stamps.size() - 1, 0)];
        double[] iterCpu = new double[iterWall.length];
        for (int i = 1; i < stamps.size(); i++) {
            iterWall[i - 1] = (stamps.get(i)[0] - stamps.get(i - 1)[0]) / 1e9;
            iterCpu[i - 1] = (stamps.get(i)[1] - stamps.get(i - 1)[1]) / 1e9;
        }
        out.printf("UBM: K=%d on %d frames of split '%s' (every %d-th), %d iterations, %d thread(s): fit %.2f s wall "
                        + "(%.2f s CPU), EM iteration median %.3f s wall, %.3f s CPU%n", components, ubmData.rows(), ubmSplit,
                subsample, iters, threads, fitWall, fitCpu, median(iterWall), median(iterCpu));

        // ---------------------------------------------------------------- MAP
        Map<String, List<Utterance>> bySpeaker = new TreeMap<>();
        for (Utterance u : utts) {
            if (u.split().equals(evalSplit)) {
                bySpeaker.computeIfAbsent(u.speaker(), s -> new ArrayList<>()).add(u);
            }
        }
        if (bySpeaker.isEmpty()) {
            throw new InputException("no utterances of split '" + evalSplit + "'");
        }
        MapAdapter adapter = new MapAdapter(ubm, MapOptions.defaults());
        List<String> speakers = new ArrayList<>(bySpeaker.keySet());
        List<GmmScorer> models = new ArrayList<>();
        List<Utterance> tests = new ArrayList<>();
        long m0 = System.nanoTime();
        for (String s : speakers) {
            List<Utterance> own = bySpeaker.get(s);
            own.sort((a, b) -> a.name().compareTo(b.name()));
            int e = Math.min(enrollUtts, own.size());
            List<FeatureMatrix> enrol = new ArrayList<>();
            for (int i = 0; i < e; i++) {
                enrol.add(own.get(i).frames());
            }
            models.add(new GmmScorer(adapter.adapt(FeatureMatrix.stack(enrol))));
            tests.addAll(own.subList(e, own.size()));
        }
        long testFrames = tests.stream().mapToLong(u -> u.frames().rows()).sum();
        out.printf("MAP: %d speaker models of split '%s' (means, r = 16, %d enrolment utterances each): %.3f s%n",
                models.size(), evalSplit, enrollUtts, (System.nanoTime() - m0) / 1e9);
        out.printf("trials: %d test utterances (%d frames) x %d models = %d%n", tests.size(), testFrames, models.size(),
                (long) tests.size() * models.size());

        // ---------------------------------------------------------------- scoring
        Map<String, LlrOptions> modes = new LinkedHashMap<>();
        modes.put("exact", LlrOptions.allComponents());
        modes.put("top-" + top, new LlrOptions(top));
        Map<String, double[][]> scores = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Double> ubmOnly = new LinkedHashMap<>();
        for (Map.Entry<String, LlrOptions> mode : modes.entrySet()) {
            LlrScorer scorer = new LlrScorer(ubm, mode.getValue());
            double[][] llr = new double[tests.size()][];
            score(scorer, tests, models, llr); // warm-up
            double[] runs = new double[repeats];
            double[] noModel = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long s0 = System.nanoTime();
                score(scorer, tests, models, llr);
                runs[r] = (System.nanoTime() - s0) / 1e9;
                s0 = System.nanoTime();
                score(scorer, tests, List.of(), null);
                noModel[r] = (System.nanoTime() - s0) / 1e9;
            }
            scores.put(mode.getKey(), llr);
            seconds.put(mode.getKey(), median(runs));
            ubmOnly.put(mode.getKey(), median(noModel));
            out.printf("scoring %-7s: %.4f s for all trials (runs %s), %.0f frames/s, %.0f trials/s; UBM pass alone %.4f s, "
                            + "so %.5f s per model per %d frames%n", mode.getKey(), median(runs), BenchMfccCommand.formatRuns(runs),
                    testFrames / median(runs), tests.size() * models.size() / median(runs), median(noModel),
                    (median(runs) - median(noModel)) / models.size(), testFrames);
        }
        String fast = "top-" + top;
        double exactS = seconds.get("exact");
        double fastS = seconds.get(fast);
        double perModelExact = (exactS - ubmOnly.get("exact")) / models.size();
        double perModelFast = (fastS - ubmOnly.get(fast)) / models.size();
        out.printf("top-%d vs exact: whole trial list %.2fx faster (%d models per test utterance); each model beyond "
                + "the UBM pass %.1fx faster%n", top, exactS / fastS, models.size(), perModelExact / Math.max(perModelFast, 1e-12));
        double maxDiff = 0;
        double sumDiff = 0;
        int n = 0;
        double[][] a = scores.get("exact");
        double[][] b = scores.get(fast);
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double d = Math.abs(a[i][j] - b[i][j]);
                maxDiff = Math.max(maxDiff, d);
                sumDiff += d;
                n++;
            }
        }
        out.printf("score difference top-%d - exact: mean |d| %.5f, max |d| %.5f nats/frame%n", top, sumDiff / n, maxDiff);

        // streaming, one frame at a time, top-C
        LlrScorer stream = new LlrScorer(ubm, new LlrOptions(top));
        double[] runs = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long s0 = System.nanoTime();
            for (Utterance u : tests) {
                stream.start(models);
                FeatureMatrix x = u.frames();
                for (int i = 0; i < x.rows(); i++) {
                    stream.accept(x.row(i), 0, 1);
                }
            }
            runs[r] = (System.nanoTime() - s0) / 1e9;
        }
        out.printf("streaming top-%d, one frame at a time against %d models: %.1f us per frame%n", top, models.size(),
                median(runs) / testFrames * 1e6);
        return ExitCode.OK;
    }

    private static void score(LlrScorer scorer, List<Utterance> tests, List<GmmScorer> models, double[][] into) {
        for (int i = 0; i < tests.size(); i++) {
            scorer.start(models);
            scorer.accept(tests.get(i).frames());
            if (into != null) {
                into[i] = scorer.averageLlrs();
            }
        }
    }

    private static double median(double[] v) {
        return v.length == 0 ? Double.NaN : BenchMfccCommand.median(v);
    }

    /** Reads the manifest (path,label,speaker,split) and extracts every recording's features. */
    private static List<Utterance> read(Path manifest, FeaturePipeline pipeline) throws IOException {
        if (!Files.isRegularFile(manifest)) {
            throw new InputException("--manifest " + manifest + ": no such file");
        }
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        List<Utterance> out = new ArrayList<>();
        Path base = manifest.toAbsolutePath().getParent();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length < 4) {
                throw new InputException(manifest + " line " + (i + 1) + ": expected path,label,speaker,split");
            }
            Path wav = base.resolve(f[0]);
            out.add(new Utterance(f[0], f[2], f[3], pipeline.extract(wav)));
        }
        return out;
    }
}
