package org.cepstra.cli;

import java.util.List;
import org.cepstra.gmm.Initialization;
import org.cepstra.gmm.TrainingConfig;
import picocli.CommandLine.Option;

/** GMM training options shared by {@code fit}, {@code train} and {@code evaluate}. */
final class TrainingOptions {
    @Option(names = {"-k", "--components"}, paramLabel = "K",
            description = "Gaussians per model (default: 32; 8 with --recipe cross-speaker; 16 for fit and select-k)")
    Integer components;

    @Option(names = "--k-candidates", split = ",", paramLabel = "K",
            description = "try these K per label and keep the one with the lowest BIC (e.g. 4,8,16,32)")
    List<Integer> candidates = List.of();

    @Option(names = "--seed", paramLabel = "N", description = "random seed of the initialisation (default: ${DEFAULT-VALUE})")
    long seed = 0;

    @Option(names = "--max-iter", paramLabel = "N", description = "most EM iterations (default: ${DEFAULT-VALUE})")
    int maxIter = 100;

    @Option(names = "--tol", paramLabel = "X",
            description = "stop when the average log-likelihood per frame gains less than X nats; 0 runs --max-iter (default: ${DEFAULT-VALUE})")
    double tol = 1e-3;

    @Option(names = "--init", paramLabel = "kmeans++|mixup",
            description = "initialisation: k-means++ seeding then k-means, or mixing-up by splitting (default: kmeans++)")
    String init = "kmeans++";

    @Option(names = "--n-init", paramLabel = "N", description = "restarts, keeping the best (default: ${DEFAULT-VALUE})")
    int nInit = 1;

    @Option(names = "--var-floor", paramLabel = "X",
            description = "variance floor as a fraction of each dimension's global variance (default: ${DEFAULT-VALUE})")
    double varFloor = 0.01;

    /** The training configuration these options describe, with {@code threads} workers and K = 16 unless given. */
    TrainingConfig toConfig(int threads) {
        return toConfig(threads, 16);
    }

    /** The training configuration these options describe, with {@code threads} workers and {@code defaultK} unless -k is given. */
    TrainingConfig toConfig(int threads, int defaultK) {
        Initialization initialization = switch (init.toLowerCase(java.util.Locale.ROOT)) {
            case "kmeans++", "kmeans", "k-means++", "k-means" -> Initialization.KMEANS_PLUS_PLUS;
            case "mixup", "mix-up" -> Initialization.MIXUP;
            default -> throw new InputException("--init must be kmeans++ or mixup, got '" + init + "'");
        };
        return TrainingConfig.defaults(components != null ? components : defaultK)
                .withSeed(seed)
                .withMaxIterations(maxIter)
                .withTolerance(tol)
                .withInitialization(initialization)
                .withNInit(nInit)
                .withRelativeVarianceFloor(varFloor)
                .withThreads(threads);
    }
}
