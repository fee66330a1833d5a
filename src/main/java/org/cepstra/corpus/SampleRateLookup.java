package org.cepstra.corpus;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Tells the sample rate of a recording, so that alignments given in sample offsets (TIMIT
 * {@code .phn}/{@code .wrd}) can be turned into seconds. Usually backed by the WAV reader's header
 * parser; a corpus known to be uniform can pass {@code wav -> 16000}.
 */
@FunctionalInterface
public interface SampleRateLookup {

    /**
     * The sample rate of {@code wav} in Hz.
     *
     * @throws IOException when the file cannot be read or has no usable rate
     */
    double sampleRateHz(Path wav) throws IOException;
}
