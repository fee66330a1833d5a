package org.cepstra.scoring;

import java.util.Objects;

/**
 * An early decision of a {@link StreamingVerifier} on one claimed speaker: the running average
 * log-likelihood ratio stayed above the accept threshold (or below the reject threshold) for the required
 * number of consecutive frames, and the claim was decided at the last of those frames.
 *
 * @param claim      the claimed speaker (a label of the speaker set)
 * @param verdict    accepted or rejected
 * @param frameIndex 0-based index of the frame at which the claim was decided (its row in the batch feature
 *                   matrix of the recording); {@code frameIndex + 1} frames had been scored
 * @param averageLlr the running average log-likelihood ratio after that frame, nats per frame
 * @param audioMs    milliseconds of audio the verifier had accepted when it decided: the frame's own samples,
 *                   the front end's hold-back ({@link StreamingVerifier#latencyFrames()}; the whole recording
 *                   when the front end holds every frame until the end) and the rest of the chunk being processed
 */
public record VerificationDecision(String claim, Verdict verdict, int frameIndex, double averageLlr, double audioMs) {

    /** Whether the claim is accepted or rejected. */
    public enum Verdict {
        /** The claimed speaker is taken to be the one speaking. */
        ACCEPT,
        /** The claimed speaker is taken not to be the one speaking. */
        REJECT
    }

    /** Validates the fields. */
    public VerificationDecision {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(verdict, "verdict");
        if (frameIndex < 0) {
            throw new IllegalArgumentException("frame index must be >= 0, got " + frameIndex);
        }
        if (!Double.isFinite(averageLlr)) {
            throw new IllegalArgumentException("average log-likelihood ratio must be finite, got " + averageLlr);
        }
        if (!(audioMs >= 0) || !Double.isFinite(audioMs)) {
            throw new IllegalArgumentException("audio time must be a finite number of ms >= 0, got " + audioMs);
        }
    }
}
