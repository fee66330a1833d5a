package org.cepstra.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Runs the benchmarks ({@code mfcc}, {@code gmm}, {@code ubm}, {@code verify}, {@code phones}), which live with the tests and are not part of the shipped
 * jars: {@code java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt)
 * org.cepstra.cli.BenchMain mfcc --dir ... }. They print figures, medians of repeated runs, beside the
 * peers' when {@code --peers} names the folder of the peer scripts.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        java.util.Locale.setDefault(java.util.Locale.ROOT);
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(System.out, true));
        cli.setErr(new PrintWriter(System.err, true));
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("bench: " + ex.getMessage());
            return ex instanceof InputException ? ExitCode.INPUT_ERROR : ExitCode.INTERNAL_ERROR;
        });
        System.exit(cli.execute(args));
    }
}
