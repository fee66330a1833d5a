package org.cepstra.cli;

import picocli.CommandLine.Option;

/**
 * The options of every command that works through a corpus of WAV files: how many worker threads, whether
 * progress bars show, and whether one unusable file stops the run.
 */
final class CorpusJobOptions {

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Option(names = "--strict", description = "stop at the first file or utterance that cannot be used (exit code 1) "
            + "instead of reporting and skipping it")
    boolean strict;

    /**
     * The number of worker threads: {@code --threads}, or every core.
     *
     * @throws InputException if {@code --threads} is out of range
     */
    int workers() {
        return Threads.resolve(threads);
    }
}
