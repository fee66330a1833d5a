package org.cepstra.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An audio file (or stream) that cannot be read as asked. The message always starts with the
 * file name (or the source name given for a stream), then a colon and the problem in words,
 * for example {@code "a.wav: data chunk ends at byte 812, header says 4096 bytes"}.
 *
 * <p>Subclasses say whether the file is damaged ({@link CorruptWavException}) or valid but in a
 * layout this library does not decode ({@link UnsupportedWavException}). This class itself is
 * thrown when the file is fine but the request does not fit it (e.g. asking for channel 3 of a
 * stereo file).
 */
public class AudioFileException extends IOException {
    private final String sourceName;
    private final transient Path file;
    private final String problem;

    /** A problem with {@code file}, described by {@code problem} (without the file name). */
    public AudioFileException(Path file, String problem) {
        this(Objects.requireNonNull(file, "file"), file.toString(), problem, null);
    }

    /** A problem with a non-file source called {@code sourceName}. */
    public AudioFileException(String sourceName, String problem) {
        this(null, sourceName, problem, null);
    }

    /** A problem with a non-file source called {@code sourceName}, caused by {@code cause}. */
    public AudioFileException(String sourceName, String problem, Throwable cause) {
        this(null, sourceName, problem, cause);
    }

    AudioFileException(Path file, String sourceName, String problem, Throwable cause) {
        super(Objects.requireNonNull(sourceName, "sourceName") + ": " + Objects.requireNonNull(problem, "problem"),
                cause);
        this.file = file;
        this.sourceName = sourceName;
        this.problem = problem;
    }

    /** The file the problem is in, or {@code null} when the audio came from a non-file stream. */
    public Path file() {
        return file;
    }

    /** The file name (path as given) or the source name of a stream; the start of the message. */
    public String sourceName() {
        return sourceName;
    }

    /** The problem in words, without the file name. */
    public String problem() {
        return problem;
    }
}
