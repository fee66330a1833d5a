package org.cepstra.scoring.verification;

/**
 * One verification trial: does the speaker of {@code utterance} match the enrolled speaker
 * {@code model}? A line {@code model utterance target|nontarget} of a Kaldi trials file.
 *
 * @param model     the enrolled speaker model's id; no white space or control characters
 * @param utterance the test utterance's id; no white space or control characters
 * @param target    true when the utterance is spoken by the model's speaker (a target trial), false for
 *                  an impostor (non-target) trial
 */
public record Trial(String model, String utterance, boolean target) {

    /** The label of a target trial in a trials file. */
    public static final String TARGET = "target";
    /** The label of a non-target trial in a trials file. */
    public static final String NONTARGET = "nontarget";

    /** Validates the ids; throws {@link IllegalArgumentException} or {@link NullPointerException}. */
    public Trial {
        TextLines.requireId("model id", model);
        TextLines.requireId("utterance id", utterance);
    }

    /** {@link #TARGET} or {@link #NONTARGET}. */
    public String label() {
        return target ? TARGET : NONTARGET;
    }

    /** The pair as it is written in trials and scores files: {@code "model utterance"}. */
    public String pair() {
        return pair(model, utterance);
    }

    static String pair(String model, String utterance) {
        return model + " " + utterance;
    }
}
