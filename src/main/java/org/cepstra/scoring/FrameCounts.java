package org.cepstra.scoring;

/**
 * Frame classification over a test set: every frame of every scored utterance classified on its own by
 * its per-frame log-likelihood ({@link Scorer#bestLabelPerFrame}), counted right when the label is its
 * utterance's.
 *
 * @param correct frames classified right
 * @param total   frames classified
 */
public record FrameCounts(long correct, long total) {
    /** Checks {@code 0 <= correct <= total}. */
    public FrameCounts {
        if (correct < 0 || total < correct) {
            throw new IllegalArgumentException("bad frame counts: " + correct + " of " + total);
        }
    }

    /** Fraction of frames classified right, in [0, 1] (NaN for no frame). */
    public double accuracy() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }
}
