package org.cepstra.io.model;

import java.io.IOException;
import java.util.Objects;

/**
 * A model-set file that cannot be read: the message names the file, where in it the problem lies
 * (a zip entry, a header field) when that helps, and what is wrong, e.g.
 * {@code digits.npz: header.json, field 'featureConfig.mfcc.frame.frameLengthMs': missing} or
 * {@code digits.npz: the file is damaged or cut short: entry means_3.npy fails its CRC check}.
 */
public class ModelFileException extends IOException {
    private final String file;
    private final String location;
    private final String problem;

    /**
     * @param file     the file name (or another description of where the model set came from)
     * @param location where in the file, e.g. {@code "means_0.npy"} or {@code "header.json, field 'dimension'"};
     *                 may be null
     * @param problem  what is wrong, in words
     */
    public ModelFileException(String file, String location, String problem) {
        super(format(file, location, problem));
        this.file = Objects.requireNonNull(file, "file");
        this.location = location;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** As {@link #ModelFileException(String, String, String)}, keeping the underlying cause. */
    public ModelFileException(String file, String location, String problem, Throwable cause) {
        this(file, location, problem);
        initCause(cause);
    }

    private static String format(String file, String location, String problem) {
        return location == null ? file + ": " + problem : file + ": " + location + ": " + problem;
    }

    /** The file name. */
    public String file() {
        return file;
    }

    /** Where in the file the problem is (zip entry, header field), or null if it concerns the whole file. */
    public String location() {
        return location;
    }

    /** What is wrong, without the file name and location. */
    public String problem() {
        return problem;
    }
}
