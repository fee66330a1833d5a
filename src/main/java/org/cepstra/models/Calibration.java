package org.cepstra.models;

import java.util.Objects;

/**
 * How a model set turns total log-likelihoods into posteriors that mean what they say. The frames of
 * an utterance are far from independent, so the raw softmax of the totals is 1.000 after a few
 * frames, right or wrong. The calibrated posterior of label {@code j} for an utterance of {@code T}
 * frames is
 *
 * <pre>
 *   p(j) = exp(s(T)·total(j) + log prior(j)) / Σ_i exp(s(T)·total(i) + log prior(i)),
 *   s(T) = scale · T^(−frameExponent)
 * </pre>
 *
 * <p>a softmax with an acoustic scale {@code s(T) > 0}. Being a positive factor on every total, it
 * never changes which label has the highest total. {@code scale} and {@code frameExponent} are fitted
 * at training time on held-out parts of the training data ({@link CalibrationFitter}): held-out
 * utterances, or leave-speakers-out folds on request ({@code ModelSetTrainer.withCalibrationBySpeaker}).
 *
 * @param scale              acoustic scale, positive (1 and exponent 0: the raw softmax of the totals)
 * @param frameExponent      how the scale falls with the frame count, in [0, 1] (0: one scale for every length)
 * @param heldOut            what the held-out parts were ({@link HeldOut#NONE}: not calibrated)
 * @param folds              folds the training data was split into (0 when not calibrated)
 * @param heldOutUtterances  held-out utterances the scale was fitted on (0 when not calibrated)
 */
public record Calibration(double scale, double frameExponent, HeldOut heldOut, int folds, int heldOutUtterances) {

    /** What the calibration was fitted on. */
    public enum HeldOut {
        /** Not calibrated: scale 1, the raw softmax of the totals (model sets from before calibration, or turned off). */
        NONE,
        /** Leave-speakers-out folds: each fold's speakers scored by models trained on the other speakers. */
        SPEAKERS,
        /** Held-out utterances: each fold's utterances scored by models trained on the other utterances. */
        UTTERANCES
    }

    /** Validates the fields. */
    public Calibration {
        Objects.requireNonNull(heldOut, "heldOut");
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("calibration scale must be a finite number > 0, got " + scale);
        }
        if (!(frameExponent >= 0 && frameExponent <= 1)) {
            throw new IllegalArgumentException("calibration frame exponent must be in [0, 1], got " + frameExponent);
        }
        if (folds < 0 || heldOutUtterances < 0) {
            throw new IllegalArgumentException("calibration fold and utterance counts must be >= 0");
        }
        if (heldOut == HeldOut.NONE && (scale != 1 || frameExponent != 0)) {
            throw new IllegalArgumentException("an uncalibrated model set has scale 1 and frame exponent 0");
        }
    }

    /** No calibration: posteriors are the raw softmax of the totals (scale 1). */
    public static Calibration none() {
        return new Calibration(1, 0, HeldOut.NONE, 0, 0);
    }

    /** Whether the scale was fitted on held-out data ({@code false}: the raw softmax, scale 1). */
    public boolean calibrated() {
        return heldOut != HeldOut.NONE;
    }

    /**
     * Whether the calibration was fitted and still leaves the posteriors exactly as sharp as the raw totals (scale
     * 1 at every length): its fit stopped at the cap that keeps it from sharpening, because its held-out training
     * data was (nearly) all classified right. (A fit capped with a frame exponent above 0 is not recognised here.)
     */
    public boolean keepsRawSharpness() {
        return calibrated() && scale == 1 && frameExponent == 0;
    }

    /**
     * The acoustic scale {@code s(T)} for an utterance of {@code frames} frames (a count below 1 counts as 1).
     */
    public double factor(int frames) {
        if (frameExponent == 0) {
            return scale;
        }
        return scale * Math.pow(Math.max(frames, 1), -frameExponent);
    }
}
