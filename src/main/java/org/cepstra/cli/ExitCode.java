package org.cepstra.cli;

/** Process exit codes of the {@code cepstra} command line. */
final class ExitCode {
    /** Everything worked. */
    public static final int OK = 0;
    /** Input could not be used (unreadable file, bad format, nothing left to process). */
    public static final int INPUT_ERROR = 1;
    /** The command line itself was wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** The job finished, but some input files were reported and skipped. */
    public static final int SKIPPED_FILES = 3;
    /**
     * Standard output was closed by its reader ({@code cepstra features DIR | head}): the command stopped
     * at its next write, quietly. The status a shell reports for a program ended by SIGPIPE (128 + 13), as
     * {@code cat} gives in the same pipe.
     */
    public static final int CLOSED_PIPE = 141;
    /** An unexpected internal error (a bug): rerun with {@code --debug} and report it. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCode() {
    }
}
