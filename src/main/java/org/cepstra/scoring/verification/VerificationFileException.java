package org.cepstra.scoring.verification;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A trials or scores file cannot be used: it is missing, unreadable, not UTF-8, empty, or a line is
 * malformed. The message names the file, the line when there is one, and the problem, e.g.
 * {@code "data/trials line 7: third field must be 'target' or 'nontarget', found 'tgt'"}.
 */
public final class VerificationFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /** A problem with {@code file} as a whole. */
    public VerificationFileException(Path file, String problem) {
        this(file, 0, problem, null);
    }

    /** A problem with {@code file} as a whole, caused by {@code cause}. */
    public VerificationFileException(Path file, String problem, Throwable cause) {
        this(file, 0, problem, cause);
    }

    /** A problem on 1-based {@code line} of {@code file}. */
    public VerificationFileException(Path file, long line, String problem) {
        this(file, line, problem, null);
    }

    private VerificationFileException(Path file, long line, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + (line > 0 ? " line " + line : "") + ": " + problem, cause);
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 1, got " + line);
        }
        this.file = file;
        this.line = line;
    }

    /** The file that could not be used. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the problem, if it concerns one line. */
    public OptionalLong line() {
        return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
    }
}
