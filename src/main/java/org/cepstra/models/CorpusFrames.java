package org.cepstra.models;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.features.CmvnPrior;

/**
 * The frames of every usable utterance of a corpus, in corpus order, and what had to be skipped.
 *
 * @param utterances  utterances that gave at least one frame
 * @param skipped     files (or segments) that could not be used, each with the reason
 * @param sampleRates the rates the decoded files came at and the rate their features were made at
 *                    (0: each file at its own rate)
 * @param cmvnPrior   the per-speaker CMVN prior the frames were normalised with, if any
 */
public record CorpusFrames(List<UtteranceFrames> utterances, List<SkippedFile> skipped, SampleRates sampleRates,
                           Optional<CmvnPrior> cmvnPrior) {
    /** Copies both lists. */
    public CorpusFrames {
        utterances = List.copyOf(Objects.requireNonNull(utterances, "utterances"));
        skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
        Objects.requireNonNull(sampleRates, "sampleRates");
        Objects.requireNonNull(cmvnPrior, "cmvnPrior");
    }

    /** Frames normalised without a CMVN prior. */
    public CorpusFrames(List<UtteranceFrames> utterances, List<SkippedFile> skipped, SampleRates sampleRates) {
        this(utterances, skipped, sampleRates, Optional.empty());
    }

    /** Frames whose source rates were not recorded. */
    public CorpusFrames(List<UtteranceFrames> utterances, List<SkippedFile> skipped) {
        this(utterances, skipped, new SampleRates(new TreeMap<>(), 0));
    }
}
