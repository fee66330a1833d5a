package org.cepstra.scoring.verification;

import java.util.Objects;
import java.util.Optional;

/**
 * The score of one trial: how strongly {@code utterance} supports being spoken by {@code model}'s speaker
 * (for GMM-UBM, the average log-likelihood ratio per frame, in nats; larger means more likely the same
 * speaker).
 *
 * @param model     the model id; no white space or control characters
 * @param utterance the test utterance id; no white space or control characters
 * @param score     the score; finite
 * @param target    whether the trial is a target trial, when known (from a trials list)
 */
public record Score(String model, String utterance, double score, Optional<Boolean> target) {

    /** Validates the fields; throws {@link IllegalArgumentException} or {@link NullPointerException}. */
    public Score {
        TextLines.requireId("model id", model);
        TextLines.requireId("utterance id", utterance);
        Objects.requireNonNull(target, "target");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score of trial '" + Trial.pair(model, utterance) + "' is " + score);
        }
    }

    /** A score whose trial's target flag is not known. */
    public Score(String model, String utterance, double score) {
        this(model, utterance, score, Optional.empty());
    }

    /** The score of {@code trial}, carrying its target flag. */
    public static Score of(Trial trial, double score) {
        return new Score(trial.model(), trial.utterance(), score, Optional.of(trial.target()));
    }

    /** The same trial with another score (a normalised one). */
    public Score withScore(double newScore) {
        return new Score(model, utterance, newScore, target);
    }

    /** The pair as written in scores files: {@code "model utterance"}. */
    public String pair() {
        return Trial.pair(model, utterance);
    }
}
