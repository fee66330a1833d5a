package org.cepstra.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.cepstra.base.MessageText;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code cepstra} command line: MFCC features, model sets, GMM fitting. */
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
                "141:standard output was closed by its reader (e.g. | head); the work stopped early",
                "70:internal error (rerun with --debug and report it)"
        })
public final class Main implements Runnable {

    /** The command names, in the order the usage lists them. */
    private static final List<String> COMMANDS =
            List.of("features", "train", "classify", "evaluate", "fit", "select-k", "score-frames", "train-ubm",
                    "enroll", "make-trials", "verify", "verify-stream");

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
            case "train-ubm":
                return new TrainUbmCommand();
            case "enroll":
                return new EnrollCommand();
            case "make-trials":
                return new MakeTrialsCommand();
            case "verify":
                return new VerifyCommand();
            case "verify-stream":
                return new VerifyStreamCommand();
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
        if (args.length > 0 && args[0].equals("features") && Runtime.getRuntime().availableProcessors() > 1) {
            // on a second core, while picocli builds and parses the command line; on one core it would
            // only take turns with that work and add its own
            FeaturesWarmUp.start();
        }
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
        boolean debug = List.of(args).contains("--debug");
        Thread.setDefaultUncaughtExceptionHandler((thread, ex) -> {
            if (debug) {
                ex.printStackTrace(err);
            }
            err.println("cepstra: " + (ex instanceof OutOfMemoryError ? "not enough memory" : describe(ex))
                    + " (in thread " + thread.getName() + ")");
            err.flush();
        });
        // standard output without System.out's PrintStream, which swallows write errors
        System.exit(run(args, new FileOutputStream(FileDescriptor.out), STANDARD_OUTPUT, err));
    }

    /** How standard output is named in messages. */
    static final String STANDARD_OUTPUT = "standard output";

    /**
     * Runs the command line, writing its standard output to {@code stdout} (named {@code stdoutName} in
     * messages), and returns the exit code (no exit). Every write is checked: a failed write stops the
     * command with exit code 1 and one line naming the destination; a closed pipe stops it quietly with
     * {@link ExitCode#CLOSED_PIPE}.
     */
    static int run(String[] args, OutputStream stdout, String stdoutName, PrintWriter err) {
        CheckedOutputStream checked = new CheckedOutputStream(stdout, stdoutName);
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(checked, Charset.defaultCharset()), 1 << 16), true);
        return execute(args, out, checked, err);
    }

    /**
     * Runs the command line with the given output streams and returns the exit code (no exit). A
     * {@code PrintWriter} hides write errors until the end: when {@code out} reports one
     * ({@link PrintWriter#checkError()}), the run fails with exit code 1.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, null, err);
    }

    private static int execute(String[] args, PrintWriter out, CheckedOutputStream checked, PrintWriter err) {
        List<String> kept = new ArrayList<>(args.length);
        for (String a : args) {
            if (!a.equals("--debug")) {
                kept.add(a);
            }
        }
        boolean debug = kept.size() < args.length;
        String[] rest = kept.toArray(new String[0]);
        String command = rest.length > 0 && newCommand(rest[0]) != null ? rest[0] : "cepstra";
        int code;
        try {
            code = executeCommand(rest, out, err, debug, command);
            out.flush();
        } catch (OutputFailedException e) {
            code = OUTPUT_FAILED;
        } catch (OutOfMemoryError e) {
            code = outOfMemory(err, debug, e, command);
        } catch (RuntimeException | Error e) {
            code = internalError(err, debug, e);
        }
        if (checked != null && checked.failure() != null) {
            return outputFailed(err, checked.failure());
        }
        if (code == OUTPUT_FAILED || checked == null && out.checkError()) {
            err.println("cepstra: " + STANDARD_OUTPUT + ": write failed");
            err.flush();
            return ExitCode.INPUT_ERROR;
        }
        err.flush();
        return code;
    }

    /** Stands for a failed write until the failure is reported. */
    private static final int OUTPUT_FAILED = Integer.MIN_VALUE;

    private static int executeCommand(String[] rest, PrintWriter out, PrintWriter err, boolean debug,
                                      String command) {
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
        // picocli runs model transformers (options made from option tables) for the top-level command only
        for (CommandLine sub : cli.getSubcommands().values()) {
            CommandLine.Model.CommandSpec subSpec = sub.getCommandSpec();
            if (subSpec.modelTransformer() != null) {
                subSpec.modelTransformer().transform(subSpec);
            }
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // named classes rather than lambdas: picocli's interfaces keep a class-file version that the
        // class-data archive cannot hold, so a lambda for them would be generated at every start
        cli.setExecutionExceptionHandler(new ExceptionReport(err, debug, command));
        cli.setExecutionStrategy(new RunLastCheckingOutput());
        return cli.execute(rest);
    }

    /** Reports an exception thrown by a command: one line on standard error and the exit code it means. */
    private static final class ExceptionReport implements CommandLine.IExecutionExceptionHandler {
        private final PrintWriter err;
        private final boolean debug;
        private final String command;

        ExceptionReport(PrintWriter err, boolean debug, String command) {
            this.err = err;
            this.debug = debug;
            this.command = command;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            if (find(ex, OutputFailedException.class) != null) {
                return OUTPUT_FAILED;
            }
            // an input error made from an exhausted heap already names the file and what to do
            OutOfMemoryError oom = isInputProblem(ex) ? null : find(ex, OutOfMemoryError.class);
            if (oom != null) {
                return outOfMemory(err, debug, ex, command);
            }
            if (debug) {
                ex.printStackTrace(err);
            }
            err.println("cepstra: " + describe(ex));
            err.flush();
            return isInputProblem(ex) ? ExitCode.INPUT_ERROR : ExitCode.INTERNAL_ERROR;
        }
    }

    /**
     * Runs the last command given, as picocli's {@code RunLast}; help and version text is printed inside
     * the strategy, so a failed write there is turned into an exit code here (picocli would print a stack trace).
     */
    private static final class RunLastCheckingOutput implements CommandLine.IExecutionStrategy {
        private final CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();

        @Override
        public int execute(CommandLine.ParseResult parseResult) {
            try {
                return runLast.execute(parseResult);
            } catch (OutputFailedException e) {
                return OUTPUT_FAILED;
            }
        }
    }

    /** Reports a failed write: one line naming the destination (exit 1), or nothing for a closed pipe. */
    private static int outputFailed(PrintWriter err, OutputFailedException failure) {
        if (failure.closedPipe()) {
            err.flush();
            return ExitCode.CLOSED_PIPE;
        }
        err.println("cepstra: " + MessageText.escaped(String.valueOf(failure.getMessage())));
        err.flush();
        return ExitCode.INPUT_ERROR;
    }

    /** The last-resort report of an exhausted heap: one line, no stack trace (unless --debug). */
    private static int outOfMemory(PrintWriter err, boolean debug, Throwable ex, String command) {
        if (debug) {
            ex.printStackTrace(err);
        }
        long heapMb = Runtime.getRuntime().maxMemory() >> 20;
        err.println("cepstra: not enough memory for " + command + " (" + heapMb + " MB heap): give Java more memory "
                + "(-Xmx, e.g. java -Xmx" + Math.max(1, 4 * heapMb / 1024) + "g -jar cepstra.jar " + command
                + " ...) or give it fewer or smaller inputs at a time");
        err.flush();
        return ExitCode.INPUT_ERROR;
    }

    /** A failure outside the commands' own handling (an error of the JVM or a bug): one line, exit 70. */
    private static int internalError(PrintWriter err, boolean debug, Throwable ex) {
        if (debug) {
            ex.printStackTrace(err);
        }
        err.println("cepstra: internal error: " + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + MessageText.escaped(ex.getMessage()))
                + " (rerun with --debug and report it)");
        err.flush();
        return ExitCode.INTERNAL_ERROR;
    }

    /** The first throwable of type {@code type} in the cause chain of {@code ex}, or null. */
    private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
        int depth = 0;
        for (Throwable t = ex; t != null && depth < 32; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean isInputProblem(Throwable ex) {
        return ex instanceof IOException || ex instanceof UncheckedIOException
                || ex instanceof IllegalArgumentException || ex instanceof InputException;
    }

    /** The one-line report of {@code ex}: its message with control characters escaped ({@link MessageText}). */
    private static String describe(Throwable ex) {
        return MessageText.escaped(describeRaw(ex));
    }

    private static String describeRaw(Throwable ex) {
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
