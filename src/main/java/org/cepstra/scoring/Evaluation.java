package org.cepstra.scoring;

import java.util.List;
import java.util.Objects;
import org.cepstra.corpus.SkippedFile;

/**
 * Results of classifying a labelled test set.
 *
 * @param labels          the labels of the confusion matrix, sorted (model labels and test labels together)
 * @param confusion       {@code confusion[i][j]}: test utterances of true label {@code labels[i]}
 *                        classified as {@code labels[j]}
 * @param correct         utterances classified correctly
 * @param total           utterances classified (skipped ones are not counted)
 * @param perLabel        precision and recall per label, in {@code labels} order
 * @param misclassified   every utterance classified wrongly, with its top three labels
 * @param skipped         test files (or segments) reported and skipped, each with its reason
 */
public record Evaluation(List<String> labels, int[][] confusion, int correct, int total, List<LabelMetrics> perLabel,
                         List<Misclassification> misclassified, List<SkippedFile> skipped) {
    /** Copies the lists and the matrix. */
    public Evaluation {
        labels = List.copyOf(labels);
        Objects.requireNonNull(confusion, "confusion");
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        confusion = copy;
        perLabel = List.copyOf(perLabel);
        misclassified = List.copyOf(misclassified);
        skipped = List.copyOf(skipped);
    }

    /** Fraction of classified utterances whose best label was right, in [0, 1] (NaN if none was classified). */
    public double accuracy() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** A copy of the confusion matrix. */
    @Override
    public int[][] confusion() {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }
}
