package org.cepstra.features;

import java.util.Objects;

/**
 * The three option records of an MFCC computation, together: a preset or a parsed Kaldi config.
 *
 * @param frame frame extraction options
 * @param mel   mel filter bank options
 * @param mfcc  cepstral options
 */
public record MfccSettings(FrameExtractionOptions frame, MelBanksOptions mel, MfccOptions mfcc) {

    /** Checks that all three are present and that {@code numCeps <= numBins}. */
    public MfccSettings {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(mel, "mel");
        Objects.requireNonNull(mfcc, "mfcc");
        if (mfcc.numCeps() > mel.numBins()) {
            throw new IllegalArgumentException("numCeps (" + mfcc.numCeps()
                    + ") cannot exceed the number of mel bins (" + mel.numBins() + ")");
        }
    }

    /** A copy with the frame options replaced. */
    public MfccSettings withFrame(FrameExtractionOptions v) {
        return new MfccSettings(v, mel, mfcc);
    }

    /** A copy with the mel options replaced. */
    public MfccSettings withMel(MelBanksOptions v) {
        return new MfccSettings(frame, v, mfcc);
    }

    /** A copy with the cepstral options replaced. */
    public MfccSettings withMfcc(MfccOptions v) {
        return new MfccSettings(frame, mel, v);
    }

    /** An extractor for these settings. */
    public MfccExtractor newExtractor() {
        return new MfccExtractor(frame, mel, mfcc);
    }
}
