package org.cepstra.cli;

import picocli.CommandLine.Command;

/** {@code cepstra bench}: speed benchmarks that print figures, optionally beside the peers'. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures (medians of repeated runs), side by side with peer tools.",
        subcommands = {BenchMfccCommand.class, BenchGmmCommand.class, BenchUbmCommand.class, BenchVerifyCommand.class,
                BenchPhonesCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose a benchmark: mfcc, gmm, ubm, verify or phones");
    }
}
