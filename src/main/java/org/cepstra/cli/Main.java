package org.cepstra.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code cepstra} command line: MFCC features, GMM fitting, benchmarks. */
@Command(name = "cepstra",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "MFCC features and diagonal-covariance Gaussian mixture models for speech.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:input error (unreadable or invalid input; nothing usable)",
                "2:usage error (bad command line)",
                "3:finished, but some input files were reported and skipped",
                "70:internal error (rerun with --debug and report it)"
        })
public final class Main implements Runnable {

    /** The command names, in the order the usage lists them. */
    private static final List<String> COMMANDS =
            List.of("features", "train", "classify", "evaluate", "fit", "select-k", "score-frames", "bench");

    /** A new command object for {@code name}, or null if there is no such command. */
    private static Object newCommand(String name) {
        // a plain switch rather than a map of constructor references: no lambda is spun up at start-up
        switch (name) {
            case "features":
                return new FeaturesCommand();
            case "train":
                return new TrainCommand();
            case "classify":
                return new ClassifyCommand();
            case "evaluate":
                return new EvaluateCommand();
            case "fit":
                return new FitCommand();
            case "select-k":
                return new SelectKCommand();
            case "score-frames":
                return new ScoreFramesCommand();
            case "bench":
                return new BenchCommand();
            default:
                return null;
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        java.util.Locale.setDefault(java.util.Locale.ROOT);
        if (args.length > 0 && args[0].equals("features")) {
            FeaturesWarmUp.start(); // on the second core, while picocli builds and parses the command line
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams and returns the exit code (no exit). */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        List<String> kept = new ArrayList<>(args.length);
        for (String a : args) {
            if (!a.equals("--debug")) {
                kept.add(a);
            }
        }
        boolean debug = kept.size() < args.length;
        String[] rest = kept.toArray(new String[0]);
        CommandLine cli = new CommandLine(new Main());
        // building a command's model reflects over all its options: build only the one asked for
        Object only = rest.length > 0 ? newCommand(rest[0]) : null;
        if (only != null) {
            cli.addSubcommand(rest[0], only);
        } else {
            for (String name : COMMANDS) {
                cli.addSubcommand(name, newCommand(name));
            }
            cli.addSubcommand("help", new CommandLine.HelpCommand());
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (debug) {
                ex.printStackTrace(err);
            }
            err.println("cepstra: " + describe(ex));
            err.flush();
            return isInputProblem(ex) ? ExitCode.INPUT_ERROR : ExitCode.INTERNAL_ERROR;
        });
        int code = cli.execute(rest);
        out.flush();
        err.flush();
        return code;
    }

    private static boolean isInputProblem(Throwable ex) {
        return ex instanceof IOException || ex instanceof UncheckedIOException
                || ex instanceof IllegalArgumentException || ex instanceof InputException;
    }

    private static String describe(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        String message = t.getMessage();
        if (t instanceof java.nio.file.FileSystemException fse && fse.getReason() == null) {
            if (t instanceof java.nio.file.NoSuchFileException) {
                return message + ": no such file";
            }
            if (t instanceof java.nio.file.AccessDeniedException) {
                return message + ": permission denied";
            }
        }
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return isInputProblem(t) ? message : t.getClass().getSimpleName() + ": " + message;
    }

    /** Reads the version from the jar manifest (falls back to "development"). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"cepstra " + (v == null ? "development" : v)};
        }
    }
}
