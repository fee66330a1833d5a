package org.cepstra.base;

import java.io.IOException;
import java.util.Objects;

/**
 * A feature file (Kaldi text archive, CSV, .npy) that cannot be read: the message names the file, the
 * place in it (line and column, or byte offset) and what is wrong, e.g.
 * {@code feats.csv: line 7, column 3: 'abc' is not a number}.
 */
public class FeatureFileException extends IOException {
    private final String source;
    private final String location;
    private final String problem;

    /**
     * @param source   the file name or other description of where the data came from
     * @param location where in the file, e.g. {@code "line 7, column 3"} or {@code "byte 128"}; may be null
     * @param problem  what is wrong, in words
     */
    public FeatureFileException(String source, String location, String problem) {
        super(format(source, location, problem));
        this.source = Objects.requireNonNull(source, "source");
        this.location = location;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** As {@link #FeatureFileException(String, String, String)}, keeping the underlying cause. */
    public FeatureFileException(String source, String location, String problem, Throwable cause) {
        this(source, location, problem);
        initCause(cause);
    }

    /** A problem at a 1-based line of a text file. */
    public static FeatureFileException atLine(String source, long line, String problem) {
        return new FeatureFileException(source, "line " + line, problem);
    }

    /** A problem at a 1-based line and 1-based column (a cell in CSV, a character in an archive). */
    public static FeatureFileException atLineColumn(String source, long line, long column, String problem) {
        return new FeatureFileException(source, "line " + line + ", column " + column, problem);
    }

    /** A problem at a 0-based byte offset of a binary file. */
    public static FeatureFileException atByte(String source, long offset, String problem) {
        return new FeatureFileException(source, "byte " + offset, problem);
    }

    private static String format(String source, String location, String problem) {
        return location == null ? source + ": " + problem : source + ": " + location + ": " + problem;
    }

    /** The file name or source description. */
    public String source() {
        return source;
    }

    /** Where in the file the problem is, or null if it concerns the whole file. */
    public String location() {
        return location;
    }

    /** What is wrong, without the file name and location. */
    public String problem() {
        return problem;
    }
}
