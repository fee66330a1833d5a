package org.cepstra.features;

/**
 * A Kaldi option or config-file line that cannot be used: unknown option, malformed value, or a value
 * the options reject. The message names the file and line (when there is one), the option and the
 * problem.
 */
public final class KaldiConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String option;

    /**
     * An error about one option.
     *
     * @param source  file the option came from, or null for a command line
     * @param line    1-based line number in {@code source}, or 0
     * @param option  the option name as written (without value), or null
     * @param problem what is wrong, in words
     */
    public KaldiConfigException(String source, int line, String option, String problem) {
        super(format(source, line, option, problem));
        this.source = source;
        this.line = line;
        this.option = option;
    }

    private static String format(String source, int line, String option, String problem) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source);
            if (line > 0) {
                sb.append(" line ").append(line);
            }
            sb.append(": ");
        }
        if (option != null) {
            sb.append("option ").append(option).append(": ");
        }
        return sb.append(problem).toString();
    }

    /** The file the option came from, or null. */
    public String source() {
        return source;
    }

    /** The 1-based line number, or 0 when not from a file. */
    public int line() {
        return line;
    }

    /** The option as written, or null. */
    public String option() {
        return option;
    }
}
