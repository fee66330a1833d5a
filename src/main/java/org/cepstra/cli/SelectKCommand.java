package org.cepstra.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cepstra.gmm.ModelSelection;
import org.cepstra.io.FeatureFileReader;
import org.cepstra.matrix.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cepstra select-k}: fit GMMs with several numbers of components and choose one by BIC or AIC. */
@Command(name = "select-k", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit a GMM for each K and print K, average log-likelihood, BIC, AIC and the chosen K.")
final class SelectKCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FEATURES", description = "Kaldi text archive, CSV or .npy file")
    Path features;

    @Option(names = "--k", split = ",", paramLabel = "K", description = "candidate K values (default: ${DEFAULT-VALUE})")
    List<Integer> ks = List.of(1, 2, 4, 8, 16, 32);

    @Option(names = "--criterion", paramLabel = "bic|aic", description = "choose by BIC (default) or AIC")
    String criterion = "bic";

    @Mixin
    TrainingOptions training;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelSelection.Criterion c = switch (criterion.toLowerCase(java.util.Locale.ROOT)) {
            case "bic" -> ModelSelection.Criterion.BIC;
            case "aic" -> ModelSelection.Criterion.AIC;
            default -> throw new InputException("--criterion must be bic or aic, got '" + criterion + "'");
        };
        int workers = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        FeatureMatrix data = FeatureFileReader.readStacked(features);
        ModelSelection.Result result = new ModelSelection(training.toConfig(workers))
                .select(data, ks.stream().mapToInt(Integer::intValue).toArray(), c);
        out.printf("%6s %16s %16s %16s%n", "K", "avg loglik", "BIC", "AIC");
        for (ModelSelection.Candidate cand : result.candidates()) {
            out.printf("%6d %16.6f %16.2f %16.2f%s%n", cand.numComponents(), cand.averageLogLikelihood(), cand.bic(),
                    cand.aic(), cand == result.chosen() ? "  <- chosen" : "");
        }
        out.printf("chosen K (%s): %d%n", c.name(), result.chosenComponents());
        return ExitCode.OK;
    }
}
