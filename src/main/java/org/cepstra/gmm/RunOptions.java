package org.cepstra.gmm;

import org.cepstra.base.OptionTable;
import org.cepstra.base.OptionType;

/**
 * How a fit runs, part of a {@link TrainingConfig}.
 *
 * @param seed    seed of every random choice (subsample, k-means++); same seed, same data → bit-identical
 *                model, for any thread count
 * @param threads worker threads (default 1). The model does not depend on it: all sums are combined in a
 *                fixed order. Use the number of cores for speed.
 */
public record RunOptions(long seed, int threads) {

    /** The defaults: seed 0, one thread. */
    public static final RunOptions DEFAULTS = new RunOptions(0L, 1);

    /** The options of this record. */
    public static final OptionTable<RunOptions> OPTIONS = OptionTable.of(DEFAULTS)
            .add("seed", "seed", OptionType.longInteger("N"), "random seed of the initialisation",
                    RunOptions::seed, RunOptions::withSeed)
            .add("threads", "threads", OptionType.integer("N"), "worker threads; the model does not depend on them",
                    RunOptions::threads, RunOptions::withThreads)
            .build();

    /** Validates the thread count. */
    public RunOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** A copy with another seed. */
    public RunOptions withSeed(long v) {
        return new RunOptions(v, threads);
    }

    /** A copy with another thread count. */
    public RunOptions withThreads(int v) {
        return new RunOptions(seed, v);
    }
}
