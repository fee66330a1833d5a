package org.cepstra.features;

/** Which cepstral mean (and optionally variance) normalisation {@link Cmvn} applies. */
public enum CmvnMode {
    /** Frames pass through unchanged. */
    NONE,
    /** Statistics over the whole utterance, as Kaldi's {@code compute-cmvn-stats} + {@code apply-cmvn}. */
    UTTERANCE,
    /** Statistics over a window of frames around each frame, as Kaldi's {@code apply-cmvn-sliding}. */
    SLIDING,
    /**
     * Statistics over every utterance of one speaker, as Kaldi's {@code compute-cmvn-stats --spk2utt}
     * + {@code apply-cmvn --utt2spk}. Needs the speaker's other utterances, so it is applied where a
     * corpus is processed ({@code CorpusFeatureExtractor}) or with statistics passed in
     * ({@link FeaturePipeline#postProcess(org.cepstra.matrix.FeatureMatrix, CmvnStatistics)}); an
     * utterance processed alone, or without a known speaker, is its own speaker (the same as
     * {@link #UTTERANCE}).
     */
    SPEAKER
}
