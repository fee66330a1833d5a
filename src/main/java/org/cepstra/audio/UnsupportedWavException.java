package org.cepstra.audio;

import java.nio.file.Path;

/**
 * A file that is not a RIFF/WAVE file, or a well-formed WAV file in an encoding this library
 * does not decode (compressed codecs such as ADPCM, GSM or MP3; unusual sample widths; unknown
 * {@code WAVE_FORMAT_EXTENSIBLE} sub-formats).
 */
public class UnsupportedWavException extends AudioFileException {
    /** An unsupported {@code file}, described by {@code problem} (without the file name). */
    public UnsupportedWavException(Path file, String problem) {
        super(file, problem);
    }

    /** An unsupported non-file source called {@code sourceName}. */
    public UnsupportedWavException(String sourceName, String problem) {
        super(sourceName, problem);
    }

    UnsupportedWavException(Path file, String sourceName, String problem) {
        super(file, sourceName, problem, null);
    }
}
