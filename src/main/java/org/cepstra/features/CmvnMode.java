package org.cepstra.features;

/** Which cepstral mean (and optionally variance) normalisation {@link Cmvn} applies. */
public enum CmvnMode {
    /** Frames pass through unchanged. */
    NONE,
    /** Statistics over the whole utterance, as Kaldi's {@code compute-cmvn-stats} + {@code apply-cmvn}. */
    UTTERANCE,
    /** Statistics over a window of frames around each frame, as Kaldi's {@code apply-cmvn-sliding}. */
    SLIDING
}
