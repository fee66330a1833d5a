package org.cepstra.base;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A text input (a manifest, a list, a trials file, ...) that cannot be used: the message names the file,
 * the 1-based line when the problem concerns one, and the problem in words, as
 * {@code "data/trials line 7: third field must be 'target' or 'nontarget', found 'tgt'"}. Each room's
 * reader throws its own subclass, so that a caller can tell a corpus from a trials list.
 */
public class FileLineException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /**
     * @param file    the file
     * @param line    the 1-based line of the problem, or 0 when it concerns the file as a whole
     * @param problem what is wrong, in words
     * @param cause   the underlying error, or null
     */
    protected FileLineException(Path file, long line, String problem, Throwable cause) {
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

    /**
     * What an I/O error says about a file, in words and without the file's name: "file not found",
     * "permission denied", or the error's own message (its type when it has none).
     */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "file not found";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
