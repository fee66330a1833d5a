package org.cepstra.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cepstra.gmm.ModelSelection;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.io.features.FeatureFileReader;
import org.cepstra.matrix.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cepstra select-k}: fit GMMs with several numbers of components and choose one by BIC or AIC. */
@Command(name = "select-k", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a GMM for each K of --k and print K, average log-likelihood, BIC, AIC and the chosen K.",
                "A choice at the edge of the candidates (the largest K, or the smallest when it is above 1) is",
                "flagged: a K beyond it may be better."})
final class SelectKCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FEATURES", description = "Kaldi text archive, CSV or .npy file")
    Path features;

    @Option(names = "--k", split = ",", paramLabel = "K",
            description = "candidate K values, comma-separated (default: ${DEFAULT-VALUE}); -k is not used here")
    List<Integer> ks = List.of(1, 2, 4, 8, 16, 32);

    @Option(names = "--criterion", paramLabel = "bic|aic", description = "choose by BIC (default) or AIC")
    String criterion = "bic";

    @Mixin
    TrainingOptions training;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads, 1 to 1024 (default: all cores)")
    Integer threads;

    @Option(names = "--json", description = "print the table and the choice as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelSelection.Criterion c = switch (criterion.toLowerCase(Locale.ROOT)) {
            case "bic" -> ModelSelection.Criterion.BIC;
            case "aic" -> ModelSelection.Criterion.AIC;
            default -> throw new InputException("--criterion must be bic or aic, got '" + criterion + "'");
        };
        if (training.components != null) {
            throw new InputException("select-k takes its candidates from --k (e.g. --k 1,2,4,8); -k/--components"
                    + " is not used here");
        }
        if (!training.candidates.isEmpty()) {
            throw new InputException("select-k takes its candidates from --k (e.g. --k 1,2,4,8); --k-candidates"
                    + " is not used here");
        }
        int[] candidates = candidates(ks);
        int workers = Threads.resolve(threads);
        TrainingConfig base = training.toConfig(workers, 1);
        FeatureMatrix data = FeatureFileReader.readStacked(features);
        ModelSelection.Result result;
        try {
            result = new ModelSelection(base).select(data, candidates, c);
        } catch (OutOfMemoryError e) {
            throw FitCommand.notEnoughMemory(features, data);
        }
        String edge = edge(result, candidates);
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode n = mapper.createObjectNode();
            n.put("frames", data.rows());
            n.put("dimension", data.cols());
            n.put("criterion", c.name());
            ArrayNode rows = n.putArray("candidates");
            for (ModelSelection.Candidate cand : result.candidates()) {
                ObjectNode row = rows.addObject();
                row.put("components", cand.numComponents());
                row.put("averageLogLikelihood", cand.averageLogLikelihood());
                row.put("bic", cand.bic());
                row.put("aic", cand.aic());
                row.put("iterations", cand.training().iterations());
                row.put("converged", cand.training().converged());
                row.put("reseededComponents", cand.training().reseededComponents());
                row.put("componentsLeftToConverge", cand.training().componentsLeftToConverge());
            }
            n.put("chosenComponents", result.chosenComponents());
            if (edge != null) {
                n.put("atEdge", edge);
                n.put("warning", edgeWarning(result, edge));
            } else {
                n.putNull("atEdge");
            }
            out.println(mapper.writeValueAsString(n));
        } else {
            out.printf("%6s %16s %16s %16s%n", "K", "avg loglik", "BIC", "AIC");
            for (ModelSelection.Candidate cand : result.candidates()) {
                out.printf("%6d %16.6f %16.2f %16.2f%s%n", cand.numComponents(), cand.averageLogLikelihood(),
                        cand.bic(), cand.aic(), cand == result.chosen() ? "  <- chosen" : "");
            }
            out.printf("chosen K (%s): %d%n", c.name(), result.chosenComponents());
            if (edge != null) {
                out.printf("warning: %s%n", edgeWarning(result, edge));
            }
        }
        return ExitCode.OK;
    }

    /** The candidate list of --k, checked: each K ≥ 1, none repeated. */
    static int[] candidates(List<Integer> ks) {
        if (ks.isEmpty()) {
            throw new InputException("--k needs at least one K");
        }
        Set<Integer> seen = new HashSet<>();
        int[] out = new int[ks.size()];
        for (int i = 0; i < out.length; i++) {
            int k = ks.get(i);
            if (k < 1) {
                throw new InputException("--k: every K must be >= 1, got " + k);
            }
            if (!seen.add(k)) {
                throw new InputException("--k: K=" + k + " is listed twice");
            }
            out[i] = k;
        }
        return out;
    }

    /** "largest" or "smallest" if the choice sits at that edge of the candidates (smallest only above 1), else null. */
    static String edge(ModelSelection.Result result, int[] candidates) {
        if (candidates.length < 2) {
            return null;
        }
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int k : candidates) {
            min = Math.min(min, k);
            max = Math.max(max, k);
        }
        int chosen = result.chosenComponents();
        if (chosen == max) {
            return "largest";
        }
        if (chosen == min && min > 1) {
            return "smallest";
        }
        return null;
    }

    private static String edgeWarning(ModelSelection.Result result, String edge) {
        int k = result.chosenComponents();
        return "largest".equals(edge)
                ? "K=" + k + " is the largest candidate: a larger K may be better; add larger values to --k"
                : "K=" + k + " is the smallest candidate: a smaller K may be better; add smaller values to --k";
    }
}
