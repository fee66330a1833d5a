package org.cepstra.scoring;

import java.util.Objects;

/**
 * An early decision of a {@link StreamingScorer}: the label whose posterior stayed above the
 * threshold for the required number of consecutive frames, taken at the last of those frames.
 *
 * @param label      the decided label
 * @param frameIndex 0-based index of the frame at which the decision was taken (its row in the batch
 *                   feature matrix of the recording); {@code frameIndex + 1} frames had been scored
 * @param posterior  the label's posterior after that frame, in (threshold, 1]
 * @param audioMs    milliseconds of audio the scorer had accepted when it decided: the frame's own
 *                   samples, the feature extractor's look-ahead ({@link StreamingScorer#latencyFrames()})
 *                   and the rest of the chunk being processed
 */
public record Decision(String label, int frameIndex, double posterior, double audioMs) {
    /** Validates the fields. */
    public Decision {
        Objects.requireNonNull(label, "label");
        if (frameIndex < 0) {
            throw new IllegalArgumentException("frame index must be >= 0, got " + frameIndex);
        }
        if (!(posterior >= 0 && posterior <= 1)) {
            throw new IllegalArgumentException("posterior must be in [0, 1], got " + posterior);
        }
        if (!(audioMs >= 0) || !Double.isFinite(audioMs)) {
            throw new IllegalArgumentException("audio time must be a finite number of ms >= 0, got " + audioMs);
        }
    }
}
