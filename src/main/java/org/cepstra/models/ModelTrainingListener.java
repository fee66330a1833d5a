package org.cepstra.models;

/**
 * Progress of {@link ModelSetTrainer}: feature extraction per file, then training per label.
 * Called from worker threads; implementations must be thread-safe.
 */
public interface ModelTrainingListener {
    /** One more audio file has been turned into frames (or skipped). */
    default void fileDone(int done, int total) {
    }

    /** One more label's model has been trained. */
    default void labelDone(String label, int done, int total) {
    }

    /** A listener that ignores everything. */
    static ModelTrainingListener none() {
        return new ModelTrainingListener() {
        };
    }
}
