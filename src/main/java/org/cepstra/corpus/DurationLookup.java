package org.cepstra.corpus;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Tells how long a recording is, so that alignments can be checked against it as they are read (a segment
 * that starts after the end of its recording, or ends beyond it, is then reported with the alignment file's
 * name and line). Usually backed by the WAV reader's header parser.
 */
@FunctionalInterface
public interface DurationLookup {

    /**
     * The length of {@code wav} in seconds, or {@code NaN} when it is unknown (a header that does not say):
     * the segments of that recording are then checked only when its audio is decoded.
     *
     * @throws IOException when the file cannot be read
     */
    double durationSeconds(Path wav) throws IOException;
}
