package org.cepstra.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench phones}: the whole LJSpeech phone job, as a user runs it, against the peer's script. Cepstra:
 * one {@code evaluate} through the launcher that extracts the features of the {@code train} and {@code dev}
 * clips, trains the phone models (3 states, LDA, K Gaussians each) and classifies the dev segments. The peer:
 * {@code phone_baseline.py -k K --seeds 0}, which does the same with torchaudio and scikit-learn. The two take
 * turns, each round timed with {@code /usr/bin/time} (wall, CPU, peak resident memory); medians are printed
 * with the peer's over Cepstra's, and the ratio of each round. With {@code --peer-max-iter N} the peer also runs
 * with its EM capped at N iterations, to compare with the recipe's own limit.
 */
@Command(name = "phones", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time the whole phone job (train + evaluate on LJSpeech) against phone_baseline.py.")
final class BenchPhonesCommand implements Callable<Integer> {
    /**
     * The phone recipe measured in the phone documentation: 13 cepstra ±4, LDA 40 on 3 parts, 3 states; per state
     * k-means++ with twice scikit-learn's candidates, 10 Lloyd iterations and 5 EM iterations.
     */
    static final List<String> RECIPE = List.of("--splice", "4", "--no-deltas", "--lda", "40", "--lda-states", "3",
            "--states", "3", "--frames-per-component", "20", "--kmeans-candidate-factor", "2",
            "--kmeans-iterations", "10", "--max-iter", "5", "--no-calibration", "--training-priors");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "DIR", required = true,
            description = "the LJSpeech phone corpus (wav/, lab/, manifest.csv), e.g. ../shared/corpora/ljspeech-phones")
    Path corpus;

    @Option(names = "--peers", paramLabel = "DIR", required = true, description = "the folder of phone_baseline.py")
    Path peers;

    @Option(names = "--launcher", paramLabel = "FILE", description = "the launcher (default: ${DEFAULT-VALUE})")
    Path launcher = Path.of("target/bin/cepstra");

    @Option(names = "--python", paramLabel = "FILE", description = "the Python with the peer's packages (default: ${DEFAULT-VALUE})")
    String python = "/usr/bin/python3";

    @Option(names = {"-k", "--components"}, paramLabel = "K", description = "Gaussians per model (default: ${DEFAULT-VALUE})")
    int components = 16;

    @Option(names = "--threads", paramLabel = "T", split = ",",
            description = "thread counts, each side the same (default: 1,2)")
    int[] threads = {1, 2};

    @Option(names = "--repeats", paramLabel = "N", description = "rounds (default: ${DEFAULT-VALUE})")
    int repeats = 3;

    @Option(names = "--peer-max-iter", paramLabel = "N",
            description = "also time the peer with its EM stopped after N iterations, as the recipe's --max-iter")
    Integer peerMaxIter;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (String part : List.of("wav", "lab", "manifest.csv")) {
            if (!Files.exists(corpus.resolve(part))) {
                throw new InputException("--corpus " + corpus + ": no " + part + " in it (the ljspeech-phones corpus?)");
            }
        }
        Path script = peers.resolve("phone_baseline.py");
        if (!Files.isRegularFile(script)) {
            throw new InputException("--peers " + peers + ": no phone_baseline.py in it");
        }
        if (!Files.isExecutable(launcher)) {
            throw new InputException("--launcher " + launcher + ": not an executable file (build it with mvn package)");
        }
        Path timer = Path.of("/usr/bin/time");
        if (!Files.isExecutable(timer)) {
            throw new InputException("/usr/bin/time is needed for CPU time and peak memory (Debian package 'time')");
        }
        if (repeats < 1) {
            throw new InputException("--repeats must be at least 1, got " + repeats);
        }
        if (peerMaxIter != null && peerMaxIter < 1) {
            throw new InputException("--peer-max-iter must be at least 1, got " + peerMaxIter);
        }
        Path times = Files.createTempFile("cepstra-bench-phones-", ".txt");
        try {
            for (int t : threads) {
                List<String> ours = new ArrayList<>(List.of(launcher.toString(), "evaluate", corpus.resolve("wav").toString(),
                        "--alignments", corpus.resolve("lab").toString(), "--split-file",
                        corpus.resolve("manifest.csv").toString(), "-k", Integer.toString(components), "--seed", "0",
                        "--threads", Integer.toString(t)));
                ours.addAll(RECIPE);
                List<String> theirs = List.of(python, script.toString(), "--dir", corpus.toString(), "-k",
                        Integer.toString(components), "--seeds", "0", "--threads", Integer.toString(t));
                List<List<String>> commands = new ArrayList<>(List.of(ours, theirs));
                List<String> names = new ArrayList<>(List.of("cepstra evaluate (launcher)", "phone_baseline.py"));
                if (peerMaxIter != null) {
                    List<String> capped = new ArrayList<>(theirs);
                    capped.addAll(List.of("--max-iter", Integer.toString(peerMaxIter)));
                    commands.add(capped);
                    names.add("phone_baseline.py, EM <= " + peerMaxIter);
                }
                Map<String, String> env = Map.of("OMP_NUM_THREADS", Integer.toString(t),
                        "OPENBLAS_NUM_THREADS", Integer.toString(t));
                int sides = commands.size();
                double[][] wall = new double[sides][repeats];
                double[][] cpu = new double[sides][repeats];
                double[][] rss = new double[sides][repeats];
                double[][] ratios = new double[sides][repeats];
                for (int r = 0; r < repeats; r++) {
                    for (int side = 0; side < sides; side++) { // taking turns: a noisy moment hits all alike
                        List<String> timed = new ArrayList<>(List.of(timer.toString(), "-f", "%U %S %M", "-o",
                                times.toString()));
                        timed.addAll(commands.get(side));
                        wall[side][r] = PeerRunner.timeProcess(timed, side == 0 ? Map.of() : env);
                        double[] f = PeerRunner.timeFigures(times, 3); // user s, system s, peak KB
                        cpu[side][r] = f[0] + f[1];
                        rss[side][r] = f[2] / 1024 / 1024;
                    }
                    for (int side = 1; side < sides; side++) {
                        ratios[side][r] = wall[side][r] / wall[0][r];
                    }
                }
                out.printf(Locale.ROOT, "phone job, K = %d, %d thread%s each side, median of %d rounds:%n", components, t,
                        t == 1 ? "" : "s", repeats);
                for (int side = 0; side < sides; side++) {
                    out.printf(Locale.ROOT, "  %-36s wall %.2f s, CPU %.2f s, peak memory %.2f GB  (wall runs %s)%n",
                            names.get(side) + ":", BenchMfccCommand.median(wall[side]),
                            BenchMfccCommand.median(cpu[side]), BenchMfccCommand.median(rss[side]),
                            BenchMfccCommand.formatRuns(wall[side]));
                }
                for (int side = 1; side < sides; side++) {
                    out.printf(Locale.ROOT, "  %s / cepstra: wall %.2fx (median of the rounds' ratios; rounds %s), CPU %.2fx%n",
                            names.get(side), BenchMfccCommand.median(ratios[side]),
                            BenchMfccCommand.formatRuns(ratios[side]),
                            BenchMfccCommand.median(cpu[side]) / BenchMfccCommand.median(cpu[0]));
                }
                out.printf("  $ %s%n", String.join(" ", ours));
                for (int side = 1; side < sides; side++) {
                    out.printf("  $ OMP_NUM_THREADS=%d OPENBLAS_NUM_THREADS=%d %s%n", t, t,
                            String.join(" ", commands.get(side)));
                }
                out.flush();
            }
        } finally {
            Files.deleteIfExists(times);
        }
        return ExitCode.OK;
    }
}
