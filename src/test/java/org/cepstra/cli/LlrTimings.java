package org.cepstra.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.GmmScorer;
import org.cepstra.gmm.LlrOptions;
import org.cepstra.gmm.LlrScorer;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.scoring.verification.DetCurve;
import org.cepstra.scoring.verification.VerificationSummary;
import picocli.CommandLine.Option;

/**
 * The scoring part of the verification benchmarks ({@code bench ubm}, {@code bench verify}): a trial list held
 * as test utterances, each with the models it is tried against and which of those claims are true, scored with
 * {@link LlrScorer} on one thread in each mode (exact, top-C over all components, top-C under Gaussian selection);
 * per mode the thread CPU time of the whole trial list (median of repeated runs after two warm-up runs; the modes
 * take turns round after round), the UBM pass alone (no claimed model), the EER, and the ratio against exact (the
 * median over rounds of each round's ratio) and score differences against exact. Consecutive tests tried
 * against the same models are scored in one call, as {@code verify} scores them.
 */
final class LlrTimings {
    /** One test utterance: its frames, the models it is tried against, and which claims are true. */
    record Test(FeatureMatrix frames, List<GmmScorer> claimed, boolean[] target) {
    }

    /** The figures of one mode. */
    record Timing(String mode, double[][] scores, double cpu, double[] cpuRuns, double wall, double ubmAlone,
                  int clusters, double buildSeconds) {
    }

    /** The benchmark options of the scoring part. */
    static final class Options {
        @Option(names = "--top", paramLabel = "C", description = "top-C components (default: ${DEFAULT-VALUE})")
        int top = LlrOptions.DEFAULT_TOP_COMPONENTS;

        @Option(names = "--selection", paramLabel = "P:B[:C][,P:B[:C]...]",
                description = "Gaussian selection settings timed against exact and full top-C: P clusters, B searched, "
                        + "C components kept per frame (default: --top's) (default: verify --selection's, with C = "
                        + "--top and with C = 3)")
        String selections;

        @Option(names = "--repeats", paramLabel = "N",
                description = "timed scoring runs; the median is reported (default: ${DEFAULT-VALUE})")
        int repeats = 5;
    }

    private LlrTimings() {
    }

    /**
     * "exact", "top-C full" and one "top-C sel P:B" per entry of {@code selections} ("P:B[:C][,P:B[:C]...]", may be
     * empty; an entry's C replaces {@code top}; null: {@code verify --selection}'s clusters for a UBM of
     * {@code ubmComponents}, with C = {@code top} and C = 3).
     */
    static Map<String, LlrOptions> modes(int top, String selections, int ubmComponents) {
        if (selections == null) {
            String p = LlrOptions.defaultClusters(ubmComponents) + ":" + LlrOptions.DEFAULT_CLUSTERS_SEARCHED;
            selections = p + "," + p + ":3";
        }
        Map<String, LlrOptions> modes = new LinkedHashMap<>();
        modes.put("exact", LlrOptions.allComponents());
        modes.put(fullName(top), new LlrOptions(top));
        if (selections.isBlank()) {
            return modes;
        }
        for (String sel : selections.split(",")) {
            String[] pb = sel.strip().split(":");
            if (pb.length != 2 && pb.length != 3) {
                throw new InputException("--selection: expected P:B[:C][,P:B[:C]...], got '" + sel + "'");
            }
            try {
                int c = pb.length == 3 ? Integer.parseInt(pb[2]) : top;
                modes.put("top-" + c + " sel " + pb[0] + ":" + pb[1],
                        new LlrOptions(c).withSelection(Integer.parseInt(pb[0]), Integer.parseInt(pb[1])));
            } catch (IllegalArgumentException e) {
                throw new InputException("--selection '" + sel + "': " + e.getMessage());
            }
        }
        return modes;
    }

    static String fullName(int top) {
        return "top-" + top + " full";
    }

    /** Times every mode on {@code tests}, printing one line per mode, then the ratios against exact. */
    static Map<String, Timing> run(PrintWriter out, DiagonalGmm ubm, Options options, List<Test> tests) {
        Map<String, LlrOptions> modes = modes(options.top, options.selections, ubm.numComponents());
        int repeats = options.repeats;
        int claims = 0;
        for (Test t : tests) {
            claims += t.claimed().size();
        }
        // the modes take turns, round after round, so that a change of machine load touches them alike
        List<String> names = new ArrayList<>(modes.keySet());
        int count = names.size();
        LlrScorer[] scorers = new LlrScorer[count];
        double[] build = new double[count];
        double[][][] llr = new double[count][tests.size()][];
        double[][] cpu = new double[count][repeats];
        double[][] wall = new double[count][repeats];
        double[][] alone = new double[count][repeats];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int m = 0; m < count; m++) {
            long b0 = System.nanoTime();
            scorers[m] = new LlrScorer(ubm, modes.get(names.get(m)));
            build[m] = (System.nanoTime() - b0) / 1e9;
            score(scorers[m], tests, llr[m], true); // warm-up
            score(scorers[m], tests, llr[m], true);
        }
        for (int r = 0; r < repeats; r++) {
            for (int m = 0; m < count; m++) {
                long s0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                score(scorers[m], tests, llr[m], true);
                cpu[m][r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
                wall[m][r] = (System.nanoTime() - s0) / 1e9;
                c0 = threads.getCurrentThreadCpuTime();
                score(scorers[m], tests, null, false);
                alone[m][r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            }
        }
        Map<String, Timing> timings = new LinkedHashMap<>();
        for (int m = 0; m < count; m++) {
            Timing t = new Timing(names.get(m), llr[m], median(cpu[m]), cpu[m], median(wall[m]), median(alone[m]),
                    scorers[m].selectionClusters(), build[m]);
            timings.put(t.mode(), t);
            out.printf("scoring %-16s: CPU %.4f s (runs %s), wall %.4f s; UBM pass alone %.4f s CPU; %.1f ns CPU per "
                            + "claim and frame beyond it; EER %.2f%%%s%n", t.mode(), t.cpu(),
                    BenchMfccCommand.formatRuns(t.cpuRuns()), t.wall(), t.ubmAlone(),
                    1e9 * (t.cpu() - t.ubmAlone()) / claimFrames(tests), 100 * eer(t.scores(), tests),
                    t.clusters() > 0 ? String.format(" (%d clusters, built in %.3f s)", t.clusters(), t.buildSeconds())
                            : "");
        }
        int exactIndex = names.indexOf("exact");
        Timing exact = timings.get("exact");
        Timing full = timings.values().stream().filter(t -> t.mode().endsWith(" full")).findFirst().orElse(exact);
        for (int m = 0; m < count; m++) {
            Timing t = timings.get(names.get(m));
            if (t != exact) {
                double[] ratio = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    ratio[r] = cpu[exactIndex][r] / cpu[m][r];
                }
                double[] sorted = ratio.clone();
                java.util.Arrays.sort(sorted);
                out.printf("%-16s vs exact: whole trial list %.2fx faster (CPU, median of the rounds' ratios; %.2f to "
                                + "%.2f; ratio of medians %.2f); score difference mean |d| %.5f, max |d| %.5f nats/frame; "
                                + "vs %s: mean |d| %.5f%n", t.mode(), median(ratio), sorted[0], sorted[repeats - 1],
                        exact.cpu() / t.cpu(), meanAbs(exact.scores(), t.scores()), maxAbs(exact.scores(), t.scores()),
                        full.mode(), meanAbs(full.scores(), t.scores()));
            }
        }
        out.printf("(%d test utterances, %d claims)%n", tests.size(), claims);
        return timings;
    }

    private static long claimFrames(List<Test> tests) {
        long n = 0;
        for (Test t : tests) {
            n += (long) t.frames().rows() * t.claimed().size();
        }
        return n;
    }

    /**
     * Scores the tests as {@code verify} does: each run of consecutive tests tried against the same models in one
     * call ({@link LlrScorer#averageLlrs(List, List)}), or against no model at all (the UBM pass alone).
     */
    private static void score(LlrScorer scorer, List<Test> tests, double[][] into, boolean withModels) {
        for (int first = 0; first < tests.size(); ) {
            List<GmmScorer> claimed = withModels ? tests.get(first).claimed() : List.of();
            int end = first + 1;
            while (end < tests.size() && (!withModels || tests.get(end).claimed().equals(claimed))) {
                end++;
            }
            List<FeatureMatrix> frames = new ArrayList<>();
            for (int i = first; i < end; i++) {
                frames.add(tests.get(i).frames());
            }
            double[][] llr = scorer.averageLlrs(frames, claimed);
            if (into != null) {
                System.arraycopy(llr, 0, into, first, end - first);
            }
            first = end;
        }
    }

    /** The EER of the scores, target flags from the tests. */
    static double eer(double[][] llr, List<Test> tests) {
        List<Double> target = new ArrayList<>();
        List<Double> other = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            for (int j = 0; j < llr[i].length; j++) {
                (tests.get(i).target()[j] ? target : other).add(llr[i][j]);
            }
        }
        return VerificationSummary.of(DetCurve.of(target.stream().mapToDouble(Double::doubleValue).toArray(),
                other.stream().mapToDouble(Double::doubleValue).toArray())).equalErrorRate();
    }

    private static double meanAbs(double[][] a, double[][] b) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                sum += Math.abs(a[i][j] - b[i][j]);
                n++;
            }
        }
        return sum / n;
    }

    private static double maxAbs(double[][] a, double[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    static double median(double[] v) {
        return v.length == 0 ? Double.NaN : BenchMfccCommand.median(v);
    }
}
