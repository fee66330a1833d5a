package org.cepstra.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A corpus cannot be read at all: its root folder or manifest is missing or unreadable, or a
 * manifest lacks its header or a required column. The message names the file, the line when there
 * is one, and the problem, e.g. {@code "data/train.csv line 1: no 'label' column in header"}.
 * Problems with single files or lines do not throw; they become {@link SkippedFile} reports.
 */
public final class CorpusException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    /** A problem with {@code file} as a whole. */
    public CorpusException(Path file, String problem) {
        this(file, 0, problem, null);
    }

    /** A problem with {@code file} as a whole, caused by {@code cause}. */
    public CorpusException(Path file, String problem, Throwable cause) {
        this(file, 0, problem, cause);
    }

    /** A problem on 1-based {@code line} of {@code file}. */
    public CorpusException(Path file, int line, String problem) {
        this(file, line, problem, null);
    }

    private CorpusException(Path file, int line, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + (line > 0 ? " line " + line : "") + ": " + problem, cause);
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 1, got " + line);
        }
        this.file = file;
        this.line = line;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the problem, if it concerns one line. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }
}
