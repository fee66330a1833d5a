package org.cepstra.cli;

import java.util.List;
import java.util.Locale;
import org.cepstra.gmm.Initialization;
import org.cepstra.gmm.TrainingConfig;
import picocli.CommandLine.Option;

/**
 * GMM training options shared by {@code fit}, {@code select-k}, {@code train} and {@code evaluate}.
 * {@link #validate()} checks every value and names the option as typed; call it before any work.
 */
final class TrainingOptions {
    /** Most restarts {@code --n-init} accepts: each restart is a complete fit. */
    static final int MAX_N_INIT = 1000;

    @Option(names = {"-k", "--components"}, paramLabel = "K",
            description = "Gaussians per model (default: 32; 8 with --recipe cross-speaker; 16 for fit)")
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

    @Option(names = "--n-init", paramLabel = "N",
            description = "restarts, keeping the best; each is a complete fit, at most " + MAX_N_INIT + " (default: ${DEFAULT-VALUE})")
    int nInit = 1;

    @Option(names = "--var-floor", paramLabel = "X",
            description = "variance floor as a fraction of each dimension's global variance, 0 to 1 (default: ${DEFAULT-VALUE})")
    double varFloor = 0.01;

    @Option(names = "--min-occupancy", paramLabel = "FRAMES|auto",
            description = {"a component holding fewer frames is re-seeded (at most twice without gain, then left to "
                    + "converge); auto = min(10, D + 1): Kaldi's 10 for speech features (default: ${DEFAULT-VALUE})"})
    String minOccupancy = "auto";

    /**
     * Checks every option's value, naming the option as the user typed it.
     *
     * @throws InputException for the first value out of range
     */
    void validate() {
        if (components != null && components < 1) {
            throw new InputException("-k must be >= 1, got " + components);
        }
        for (int k : candidates) {
            if (k < 1) {
                throw new InputException("--k-candidates: every K must be >= 1, got " + k);
            }
        }
        if (maxIter < 0) {
            throw new InputException("--max-iter must be >= 0, got " + maxIter);
        }
        if (!(tol >= 0) || !Double.isFinite(tol)) {
            throw new InputException("--tol must be a finite number >= 0, got " + tol);
        }
        initialization();
        if (nInit < 1 || nInit > MAX_N_INIT) {
            throw new InputException("--n-init must be between 1 and " + MAX_N_INIT
                    + " (each restart is a complete fit), got " + nInit);
        }
        if (!(varFloor >= 0 && varFloor <= 1)) {
            throw new InputException("--var-floor must be between 0 and 1 (a fraction of the global variance), got "
                    + varFloor);
        }
        minOccupancyFrames();
    }

    /** The training configuration these options describe, with {@code threads} workers and K = 16 unless given. */
    TrainingConfig toConfig(int threads) {
        return toConfig(threads, 16);
    }

    /**
     * The training configuration these options describe, with {@code threads} workers and {@code defaultK}
     * unless -k is given.
     *
     * @throws InputException naming the option whose value is out of range
     */
    TrainingConfig toConfig(int threads, int defaultK) {
        validate();
        int k = components != null ? components : defaultK;
        return TrainingConfig.defaults(k)
                .withSeed(seed)
                .withMaxIterations(maxIter)
                .withTolerance(tol)
                .withInitialization(initialization())
                .withNInit(nInit)
                .withRelativeVarianceFloor(varFloor)
                .withMinOccupancy(minOccupancyFrames())
                .withThreads(threads);
    }

    private Initialization initialization() {
        return switch (init.toLowerCase(Locale.ROOT)) {
            case "kmeans++", "kmeans", "k-means++", "k-means" -> Initialization.KMEANS_PLUS_PLUS;
            case "mixup", "mix-up" -> Initialization.MIXUP;
            default -> throw new InputException("--init must be kmeans++ or mixup, got '" + init + "'");
        };
    }

    private double minOccupancyFrames() {
        String v = minOccupancy.strip();
        if (v.equalsIgnoreCase("auto")) {
            return TrainingConfig.AUTO_MIN_OCCUPANCY;
        }
        double frames;
        try {
            frames = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            frames = Double.NaN;
        }
        if (!(frames >= 0) || !Double.isFinite(frames)) {
            throw new InputException("--min-occupancy must be auto or a number of frames >= 0, got '" + minOccupancy + "'");
        }
        return frames;
    }
}
