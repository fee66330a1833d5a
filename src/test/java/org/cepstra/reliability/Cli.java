package org.cepstra.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.cepstra.cli.Main;

/**
 * Runs the {@code cepstra} command line in this JVM ({@code Main.run}, which returns the exit code
 * instead of exiting) and captures standard output and standard error.
 */
final class Cli {
    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        /** Exit code, then both streams: for assertion messages. */
        String describe() {
            return "exit " + exitCode + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    private static final Method RUN;

    static {
        try {
            RUN = Main.class.getDeclaredMethod("run", String[].class, PrintWriter.class, PrintWriter.class);
            RUN.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try {
            code = (Integer) RUN.invoke(null, args, new PrintWriter(out, true), new PrintWriter(err, true));
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            throw new AssertionError("the command line threw instead of returning an exit code", e.getCause());
        }
        return new Result(code, out.toString(), err.toString());
    }
}
