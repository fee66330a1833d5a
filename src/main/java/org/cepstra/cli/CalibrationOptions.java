package org.cepstra.cli;

import org.cepstra.models.ModelSetTrainer;
import picocli.CommandLine.Option;

/** Options of the posterior calibration fitted at training time ({@code train}, {@code evaluate}). */
final class CalibrationOptions {

    @Option(names = "--calibration-folds", paramLabel = "F",
            description = "calibrate the posteriors on F held-out folds of the training data (with "
                    + "--calibrate-on speakers at most one fold per speaker); every label is "
                    + "trained once more per fold, about F times the training time of the models alone "
                    + "(default: " + ModelSetTrainer.DEFAULT_CALIBRATION_FOLDS + ")")
    Integer folds;

    @Option(names = "--calibrate-on", paramLabel = "utterances|speakers",
            description = "what the calibration holds out: utterances of every speaker (default) or whole speakers "
                    + "(needs a speaker for every utterance and two speakers at least, else utterances are held out); "
                    + "with few speakers, holding out whole speakers makes the posteriors far too low")
    String on;

    @Option(names = "--no-calibration",
            description = "do not calibrate: posteriors are the raw softmax of the total log-likelihoods (1.000 "
                    + "after a few frames, right or wrong); the model file says \"calibrated\": false")
    boolean off;

    /**
     * The trainer with these options applied.
     *
     * @throws InputException if the fold count is below 2, {@code --calibrate-on} is not known, or
     *                        {@code --no-calibration} is given with another calibration option
     */
    ModelSetTrainer apply(ModelSetTrainer trainer) {
        validate();
        if (off) {
            return trainer.withCalibrationFolds(0);
        }
        ModelSetTrainer t = trainer.withCalibrationBySpeaker("speakers".equals(on));
        return folds != null ? t.withCalibrationFolds(folds) : t;
    }

    /** Checks the options before any work (same checks as {@link #apply}). */
    void validate() {
        if (off && (folds != null || on != null)) {
            throw new InputException("--no-calibration cannot be used with --calibration-folds or --calibrate-on");
        }
        if (on != null && !on.equals("speakers") && !on.equals("utterances")) {
            throw new InputException("--calibrate-on must be speakers or utterances, got '" + on + "'");
        }
        if (folds != null && folds < 2) {
            throw new InputException("--calibration-folds must be >= 2, got " + folds
                    + " (--no-calibration turns calibration off)");
        }
    }
}
