package org.cepstra.audio;

import java.nio.file.Path;

/**
 * A WAV file whose bytes contradict themselves or the WAV specification: truncated header or
 * data, missing or misplaced chunks, impossible field values, non-finite float samples.
 */
public class CorruptWavException extends AudioFileException {
    /** A damaged {@code file}, described by {@code problem} (without the file name). */
    public CorruptWavException(Path file, String problem) {
        super(file, problem);
    }

    /** A damaged non-file source called {@code sourceName}. */
    public CorruptWavException(String sourceName, String problem) {
        super(sourceName, problem);
    }

    CorruptWavException(Path file, String sourceName, String problem) {
        super(file, sourceName, problem, null);
    }
}
