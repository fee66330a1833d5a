package org.cepstra.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.cepstra.models.ModelSet;
import org.cepstra.models.SampleRates;
import org.cepstra.scoring.Scorer;

/** The sample rate of a model set read from a file, as the commands that score audio need it. */
final class ModelRate {
    private ModelRate() {
    }

    /**
     * {@code models} with its rate known: the rate it records, or {@code stated} (the user's
     * {@code --sample-frequency}) for a file from a version that did not record it.
     *
     * @throws InputException naming the model file when the rate is unknown, or {@code stated} contradicts it
     */
    static ModelSet resolve(ModelSet models, Path modelFile, Double stated) {
        try {
            ModelSet resolved = stated == null ? models : models.withStatedSampleRate(stated);
            Scorer.requireKnownSampleRate(resolved);
            return resolved;
        } catch (IllegalArgumentException e) {
            throw new InputException(modelFile + ": " + e.getMessage());
        }
    }

    /** Says on standard error which input files are resampled to the model set's rate, if any. */
    static void reportResampling(PrintWriter err, SampleRates rates) {
        if (rates.resamples()) {
            err.println("cepstra: " + rates.describeResampling(true) + ", the model set's rate");
        }
    }
}
