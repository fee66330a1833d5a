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
import org.cepstra.gmm.MapAdapter;
import org.cepstra.gmm.MapOptions;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.app.VerificationTrials;
import org.cepstra.matrix.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench ubm}: GMM-UBM verification on real speech. MFCC + Δ + ΔΔ (39 dims, energy VAD as the
 * sre16 recipes, per-utterance mean removal) of a manifest's recordings; a UBM of K components trained
 * on the {@code train} split (seconds per EM iteration, wall and process CPU); speaker models MAP-adapted
 * (means, r = 16) on each evaluation speaker's enrolment utterances as {@code make-trials} chooses them; then
 * every test utterance scored against every speaker model (the trial list of {@code make-trials}) exactly, with
 * top-C over all components and with top-C under Gaussian selection: thread CPU time (median of repeated runs),
 * EER and score differences of each; then one claim verified while each test utterance streams in 10 ms chunks.
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
            description = "enrolment utterances per speaker, chosen as make-trials chooses them (default: ${DEFAULT-VALUE})")
    int enrollUtts = 20;

    @Mixin
    LlrTimings.Options scoring;

    @Option(names = "--ubm-file", paramLabel = "FILE",
            description = "read the UBM from FILE if it exists (no training), else train it and write it there")
    Path ubmFile;

    @Option(names = "--no-streaming", description = "skip the streaming verification rows")
    boolean skipStreaming;

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
        DiagonalGmm ubm;
        if (ubmFile != null && Files.isRegularFile(ubmFile)) {
            ubm = org.cepstra.io.model.ModelSetFile.read(ubmFile).models().values().iterator().next();
            out.printf("UBM: read from %s (K=%d)%n", ubmFile, ubm.numComponents());
        } else {
            ubm = new GmmTrainer(tc, p -> stamps.add(new long[] {System.nanoTime(), os.getProcessCpuTime()}))
                    .fit(ubmData).model();
            if (ubmFile != null) {
                TreeMap<String, DiagonalGmm> one = new TreeMap<>();
                one.put("ubm", ubm);
                org.cepstra.io.model.ModelSetFile.write(ubmFile, org.cepstra.models.ModelSet.of(one, config));
            }
        }
        double fitWall = (System.nanoTime() - w0) / 1e9;
        double fitCpu = (os.getProcessCpuTime() - c0) / 1e9;
        double[] iterWall = new double[Math.max(stamps.size() - 1, 0)];
        double[] iterCpu = new double[iterWall.length];
        for (int i = 1; i < stamps.size(); i++) {
            iterWall[i - 1] = (stamps.get(i)[0] - stamps.get(i - 1)[0]) / 1e9;
            iterCpu[i - 1] = (stamps.get(i)[1] - stamps.get(i - 1)[1]) / 1e9;
        }
        if (!stamps.isEmpty()) {
            out.printf("UBM: K=%d on %d frames of split '%s' (every %d-th), %d iterations, %d thread(s): fit %.2f s wall "
                            + "(%.2f s CPU), EM iteration median %.3f s wall, %.3f s CPU%n", components, ubmData.rows(),
                    ubmSplit, subsample, iters, threads, fitWall, fitCpu, LlrTimings.median(iterWall), LlrTimings.median(iterCpu));
        }

        // ---------------------------------------------------------------- MAP, on the make-trials protocol
        List<org.cepstra.corpus.Utterance> evalRows = new ArrayList<>();
        Map<String, Utterance> byId = new LinkedHashMap<>();
        for (Utterance u : utts) {
            if (u.split().equals(evalSplit)) {
                Path wav = manifest.toAbsolutePath().getParent().resolve(u.name());
                evalRows.add(new org.cepstra.corpus.Utterance(u.name(), wav, "x", java.util.Optional.of(u.speaker()),
                        java.util.Optional.empty()));
                byId.put(u.name(), u);
            }
        }
        if (evalRows.isEmpty()) {
            throw new InputException("no utterances of split '" + evalSplit + "'");
        }
        VerificationTrials.Plan plan = VerificationTrials.make(org.cepstra.corpus.Corpus.of(evalRows), enrollUtts);
        MapAdapter adapter = new MapAdapter(ubm, MapOptions.defaults());
        List<String> speakers = new ArrayList<>(plan.design().enrolment().keySet());
        List<GmmScorer> models = new ArrayList<>();
        TreeMap<String, DiagonalGmm> speakerModels = new TreeMap<>();
        long m0 = System.nanoTime();
        for (String sp : speakers) {
            List<FeatureMatrix> enrol = new ArrayList<>();
            for (String id : plan.design().enrolment().get(sp)) {
                enrol.add(byId.get(id).frames());
            }
            DiagonalGmm model = adapter.adapt(FeatureMatrix.stack(enrol));
            speakerModels.put(sp, model);
            models.add(new GmmScorer(model));
        }
        List<Utterance> tests = new ArrayList<>();
        plan.design().testUtterances().forEach(id -> tests.add(byId.get(id)));
        long testFrames = tests.stream().mapToLong(u -> u.frames().rows()).sum();
        out.printf("MAP: %d speaker models of split '%s' (means, r = 16, %d enrolment utterances each, make-trials "
                + "protocol): %.3f s%n", models.size(), evalSplit, enrollUtts, (System.nanoTime() - m0) / 1e9);
        out.printf("trials: %d test utterances (%d frames) x %d models = %d%n", tests.size(), testFrames, models.size(),
                (long) tests.size() * models.size());

        // ---------------------------------------------------------------- scoring
        List<LlrTimings.Test> trials = new ArrayList<>();
        for (Utterance u : tests) {
            boolean[] target = new boolean[speakers.size()];
            for (int j = 0; j < target.length; j++) {
                target[j] = u.speaker().equals(speakers.get(j));
            }
            trials.add(new LlrTimings.Test(u.frames(), models, target));
        }
        LlrTimings.run(out, ubm, scoring, trials);

        // ---------------------------------------------------------------- streaming verification
        if (!skipStreaming) {
            streaming(out, config, ubm, speakerModels, speakers.get(0), tests, manifest.toAbsolutePath().getParent());
        }
        return ExitCode.OK;
    }

    /**
     * One claim verified while the audio of every test utterance arrives in 10 ms chunks: the median CPU time
     * per chunk, with a front end that streams (MFCC + deltas, no CMVN, no VAD: 4 frames of look-ahead) and with
     * the recipe's (utterance CMN and VAD: every frame is scored in finish(), timed apart).
     */
    private void streaming(PrintWriter out, FeatureConfig recipe, DiagonalGmm ubm, TreeMap<String, DiagonalGmm> models,
                           String claim, List<Utterance> tests, Path base) throws IOException {
        List<float[]> audio = new ArrayList<>();
        double rate = 0;
        for (Utterance u : tests) {
            org.cepstra.audio.Audio a = new org.cepstra.audio.WavReader().read(base.resolve(u.name()));
            audio.add(a.samples());
            rate = a.sampleRateHz();
        }
        FeatureConfig streamingConfig = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults());
        java.lang.management.ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        int chunk = (int) Math.round(rate / 100);
        for (FeatureConfig config : List.of(streamingConfig, recipe)) {
            org.cepstra.models.ModelSet set = new org.cepstra.models.ModelSet(models, config.withTargetSampleRateHz(rate),
                    TrainingConfig.defaults(ubm.numComponents()), List.of(), 0, org.cepstra.models.Calibration.none(),
                    java.util.Optional.empty(), java.util.Optional.of(new org.cepstra.models.Background(ubm,
                    MapOptions.defaults())));
            for (LlrOptions options : List.of(LlrOptions.defaults().withSelectionFor(ubm.numComponents()), new LlrOptions(scoring.top))) {
                org.cepstra.scoring.StreamingVerifier v = new org.cepstra.scoring.StreamingVerifier(set, List.of(claim),
                        options, rate);
                int chunks = 0;
                for (float[] x : audio) {
                    chunks += (x.length + chunk - 1) / chunk;
                }
                double[] perChunk = new double[chunks];
                double[] finish = new double[audio.size()];
                for (int r = 0; r < 2; r++) { // the first pass warms up
                    int at = 0;
                    for (int f = 0; f < audio.size(); f++) {
                        float[] x = audio.get(f);
                        v.reset();
                        for (int pos = 0; pos < x.length; pos += chunk) {
                            long t0 = threadBean.getCurrentThreadCpuTime();
                            v.accept(x, pos, Math.min(chunk, x.length - pos));
                            perChunk[at++] = (threadBean.getCurrentThreadCpuTime() - t0) / 1e6;
                        }
                        long t0 = threadBean.getCurrentThreadCpuTime();
                        v.finish();
                        finish[f] = (threadBean.getCurrentThreadCpuTime() - t0) / 1e6;
                    }
                }
                double[] sorted = perChunk.clone();
                java.util.Arrays.sort(sorted);
                out.printf("streaming verification, 1 claim, K=%d, %s, %s front end (latency %s): per 10 ms chunk "
                                + "median %.4f ms, p99 %.4f ms CPU (%d chunks); finish() median %.3f ms per utterance%n",
                        ubm.numComponents(), options.selects() ? "top-" + scoring.top + " with selection" : "top-" + scoring.top + " full",
                        config == recipe ? "recipe (utterance CMN + VAD)" : "streaming (no CMVN, no VAD)",
                        v.decidesWhileStreaming() ? v.latencyFrames() + " frames" : "until the end",
                        LlrTimings.median(perChunk), sorted[(int) (0.99 * (sorted.length - 1))], chunks, LlrTimings.median(finish));
            }
        }
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
