package org.cepstra.cli;

import org.cepstra.app.Recipe;
import java.util.List;
import java.util.Set;
import org.cepstra.base.DecimalSyntax;
import org.cepstra.base.OptionTable;
import org.cepstra.gmm.EmOptions;
import org.cepstra.gmm.InitOptions;
import org.cepstra.gmm.RunOptions;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.gmm.UpdateLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * GMM training options shared by {@code fit}, {@code select-k}, {@code train} and {@code evaluate}: K and
 * the K candidates, and the options of the training option tables ({@link EmOptions#OPTIONS},
 * {@link RunOptions#OPTIONS}, {@link InitOptions#OPTIONS}, {@link UpdateLimits#OPTIONS}), registered from
 * the tables; {@code --threads} is each command's own (default: every core). {@link #validate()} checks
 * every value and names the option as typed; call it before any work.
 */
@Command(modelTransformer = TableOptions.Registration.class)
final class TrainingOptions implements TableOptions.Mixin {
    /** Most restarts {@code --n-init} accepts: each restart is a complete fit. */
    static final int MAX_N_INIT = 1000;

    /**
     * How the train reports mark a model whose EM did not converge: it ran every {@code --max-iter} iteration
     * without its gain falling below {@code --tol} (the only way EM ends unconverged).
     */
    static final String NOT_CONVERGED = "(--max-iter reached before --tol)";

    /** The tables whose options the training commands take, in the order of the usage help. */
    static final List<OptionTable<?>> TABLES = List.of(RunOptions.OPTIONS, EmOptions.OPTIONS, InitOptions.OPTIONS,
            UpdateLimits.OPTIONS);

    @Option(names = {"-k", "--components"}, paramLabel = "K",
            description = "Gaussians per model, per state with --states (default: 32; 2 per state with --recipe "
                    + "cross-speaker; 4 per state with keywords; 256 with speaker, a ceiling in train-ubm; 16 for fit)")
    Integer components;

    @Option(names = "--k-candidates", split = ",", paramLabel = "K",
            description = "try these K per label and keep the one with the lowest BIC (e.g. 4,8,16,32)")
    List<Integer> candidates = List.of();

    /** The options registered from the training option tables, with the values given for them. */
    final TableOptions tables = new TableOptions(Set.of());

    @Override
    public void register(CommandSpec spec) {
        for (OptionTable<?> table : TABLES) {
            tables.register(spec, table);
        }
    }

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
        Integer maxIter = (Integer) tables.get("max-iter");
        if (maxIter != null && maxIter < 0) {
            throw new InputException("--max-iter must be >= 0, got " + maxIter);
        }
        Double tol = (Double) tables.get("tol");
        if (tol != null && (!(tol >= 0) || !Double.isFinite(tol))) {
            throw new InputException("--tol must be a finite number >= 0, got " + tol);
        }
        Integer nInit = (Integer) tables.get("n-init");
        if (nInit != null && (nInit < 1 || nInit > MAX_N_INIT)) {
            throw new InputException("--n-init must be between 1 and " + MAX_N_INIT
                    + " (each restart is a complete fit), got " + nInit);
        }
        Double varFloor = (Double) tables.get("var-floor");
        if (varFloor != null && !(varFloor >= 0 && varFloor <= 1)) {
            throw new InputException("--var-floor must be between 0 and 1 (a fraction of the global variance), got "
                    + varFloor);
        }
        String minOccupancy = tables.text("min-occupancy");
        if (minOccupancy != null && !isFramesOrAuto(minOccupancy.strip())) {
            throw new InputException("--min-occupancy must be auto or a number of frames >= 0, got '"
                    + minOccupancy + "'");
        }
        withGivenOptions(TrainingConfig.defaults(1));
    }

    private static boolean isFramesOrAuto(String v) {
        return v.equalsIgnoreCase("auto") || DecimalSyntax.isDecimal(v) && Double.parseDouble(v) >= 0
                && Double.isFinite(Double.parseDouble(v));
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
        return withGivenOptions(TrainingConfig.defaults(k)).withThreads(threads);
    }

    /**
     * The training configuration these options describe on top of {@code recipe}'s ({@link Recipe#trainingConfig()}),
     * with {@code threads} workers.
     *
     * @throws InputException naming the option whose value is out of range
     */
    TrainingConfig toConfig(int threads, Recipe recipe) {
        validate();
        TrainingConfig defaults = recipe.trainingConfig();
        return withGivenOptions(components != null ? defaults.withNumComponents(components) : defaults)
                .withThreads(threads);
    }

    /** {@code defaults} with every option given on the command line applied, part by part. */
    private TrainingConfig withGivenOptions(TrainingConfig defaults) {
        UpdateLimits update = tables.apply(UpdateLimits.OPTIONS, defaults.update());
        if (update.minWeight() * defaults.numComponents() >= 1) {
            throw new InputException("--min-weight must be below 1/K (" + 1.0 / defaults.numComponents()
                    + "), got " + update.minWeight());
        }
        return new TrainingConfig(defaults.numComponents(), tables.apply(EmOptions.OPTIONS, defaults.em()),
                tables.apply(RunOptions.OPTIONS, defaults.run()), tables.apply(InitOptions.OPTIONS, defaults.init()),
                update);
    }
}
