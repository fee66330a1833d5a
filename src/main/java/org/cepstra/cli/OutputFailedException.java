package org.cepstra.cli;

import java.io.IOException;
import java.util.Locale;

/**
 * A write to standard output or an output file failed. Unchecked, so that it passes through
 * {@link java.io.PrintWriter} (which would swallow an {@link IOException}) and through the per-file
 * error handling of the commands, and stops the command at once. A closed pipe (the reader, such as
 * {@code head}, has gone) is {@linkplain #closedPipe() recognised}: the command line then stops quietly.
 */
final class OutputFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String destination;

    /** A failed write to {@code destination} ({@code "standard output"} or a file name). */
    OutputFailedException(String destination, IOException cause) {
        super(destination + ": " + reason(cause), cause);
        this.destination = destination;
    }

    /** Where the write went: {@code "standard output"} or the file as given. */
    String destination() {
        return destination;
    }

    /** Whether the reader of a pipe has closed it (EPIPE): not an error, the output is simply not wanted. */
    boolean closedPipe() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null) {
                String lower = m.toLowerCase(Locale.ROOT);
                if (lower.contains("broken pipe") || lower.contains("epipe")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
