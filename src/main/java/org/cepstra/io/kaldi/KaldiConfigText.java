package org.cepstra.io.kaldi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.cepstra.base.TextFiles;

/**
 * The syntax of a Kaldi config file ({@code mfcc.conf}), as Kaldi's {@code ParseOptions::ReadConfigFile}
 * reads it: one {@code --name=value} per line; everything from {@code #} on is a comment; blank lines
 * are skipped; {@code --name} alone has no value. What the options mean is up to the caller.
 */
public final class KaldiConfigText {
    /** The most bytes a config file may hold: a real one holds a few hundred. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** The most characters a config file line may hold. */
    public static final int MAX_LINE_CHARS = 4096;

    private KaldiConfigText() {
    }

    /**
     * One option line.
     *
     * @param name  the name as written, with its leading {@code --} ({@code --frame-length})
     * @param value the text after {@code =}, trimmed, or null when there is no {@code =}
     */
    public record Option(String name, String value) {
        /** Checks that the name is present. */
        public Option {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A file that is not a config file at all (a folder, a binary or huge file, not UTF-8, a line too
     * long).
     */
    public static final class NotConfigFileException extends IOException {
        private static final long serialVersionUID = 1L;

        private final String source;
        private final int line;
        private final String problem;

        NotConfigFileException(String source, int line, String problem, Throwable cause) {
            super(source + (line > 0 ? " line " + line : "") + ": " + problem, cause);
            this.source = source;
            this.line = line;
            this.problem = problem;
        }

        /** The file. */
        public String source() {
            return source;
        }

        /** The 1-based line, or 0 when the problem is the whole file. */
        public int line() {
            return line;
        }

        /** What is wrong, without the file and line. */
        public String problem() {
            return problem;
        }
    }

    /**
     * The lines of a config file, read in bounded memory whatever {@code file} is (a device such as
     * {@code /dev/zero}, a pipe, a huge binary file).
     *
     * @throws NotConfigFileException naming the file (and line) if it is a folder, larger than
     *                                {@link #MAX_FILE_BYTES}, holds a NUL byte or is not UTF-8 (not a text
     *                                file), or has a line longer than {@link #MAX_LINE_CHARS} characters
     * @throws IOException            if the file cannot be read
     */
    public static List<String> readLines(Path file) throws IOException {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new NotConfigFileException(source, 0, "is a folder, not a config file", null);
        }
        try {
            return TextFiles.readUtf8(file, MAX_FILE_BYTES, MAX_LINE_CHARS, true).lines().toList();
        } catch (TextFiles.NotTextException e) {
            throw switch (e.problem()) {
                case NUL_BYTE -> new NotConfigFileException(source, 0, e.getMessage(), e);
                case TOO_LARGE -> new NotConfigFileException(source, 0, "larger than " + (MAX_FILE_BYTES >> 20)
                        + " MB: not a config file", e);
                case NOT_UTF8 -> new NotConfigFileException(source, 0, "not a UTF-8 text file", e);
                case LINE_TOO_LONG -> new NotConfigFileException(source, (int) e.position(), "line longer than "
                        + MAX_LINE_CHARS + " characters: not a config file", e);
            };
        }
    }

    /**
     * The option on one line, or null for a blank or comment line.
     *
     * @throws IllegalArgumentException if the line holds something other than {@code --name[=value]}
     */
    public static Option parseLine(String line) {
        String text = line;
        int hash = text.indexOf('#');
        if (hash >= 0) {
            text = text.substring(0, hash);
        }
        text = text.strip();
        if (text.isEmpty()) {
            return null;
        }
        if (!text.startsWith("--")) {
            throw new IllegalArgumentException("'" + text
                    + "' is not of the form --name=value (shell-style config files lack the '--')");
        }
        int eq = text.indexOf('=');
        return eq < 0 ? new Option(text, null)
                : new Option(text.substring(0, eq).strip(), text.substring(eq + 1).strip());
    }
}
