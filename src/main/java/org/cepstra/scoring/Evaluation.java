package org.cepstra.scoring;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.models.Calibration;

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
 * @param labelsWithoutModel test labels the model set has no model for, with their number of test
 *                        utterances (always counted wrong), sorted by label; empty when every test label has a model
 * @param reliability     how far the posteriors can be trusted (ECE, Brier score, reliability table);
 *                        empty when no utterance was classified
 * @param calibration     the model set's calibration ({@link Calibration#calibrated()} false: raw softmax of the totals)
 * @param frames          frame classification of the same utterances: each frame by its own log-likelihood
 * @param ignoredLabels   labels left out: their utterances were not scored and they were no candidate
 * @param adaptedSpeakers test speakers the models were adapted to before the utterances were classified a second
 *                        time ({@link SpeakerAdaptation}); 0 when they were classified once, with the models as they are
 */
public record Evaluation(List<String> labels, int[][] confusion, int correct, int total, List<LabelMetrics> perLabel,
                         List<Misclassification> misclassified, List<SkippedFile> skipped,
                         SortedMap<String, Integer> labelsWithoutModel, Optional<ReliabilityReport> reliability,
                         Calibration calibration, FrameCounts frames, SortedSet<String> ignoredLabels,
                         int adaptedSpeakers) {
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
        labelsWithoutModel = Collections.unmodifiableSortedMap(new TreeMap<>(labelsWithoutModel));
        Objects.requireNonNull(reliability, "reliability");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(frames, "frames");
        ignoredLabels = Collections.unmodifiableSortedSet(new TreeSet<>(ignoredLabels));
        if (adaptedSpeakers < 0) {
            throw new IllegalArgumentException("adaptedSpeakers must be >= 0, got " + adaptedSpeakers);
        }
    }

    /** Test utterances whose label has no model (included in {@link #total()}, all counted wrong). */
    public int utterancesWithoutModel() {
        return labelsWithoutModel.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Fraction of classified utterances whose best label was right, in [0, 1] (NaN if none was classified). */
    public double accuracy() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /**
     * The most frequent confusions, most frequent first (ties in label order): off-diagonal cells of the
     * confusion matrix with a count above 0, at most {@code limit}.
     */
    public List<Confusion> topConfusions(int limit) {
        List<Confusion> all = new java.util.ArrayList<>();
        for (int i = 0; i < confusion.length; i++) {
            int support = 0;
            for (int v : confusion[i]) {
                support += v;
            }
            for (int j = 0; j < confusion[i].length; j++) {
                if (i != j && confusion[i][j] > 0) {
                    all.add(new Confusion(labels.get(i), labels.get(j), confusion[i][j], support));
                }
            }
        }
        all.sort(java.util.Comparator.comparingInt(Confusion::count).reversed());
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    /**
     * One cell of the confusion matrix off its diagonal.
     *
     * @param trueLabel  the label of the utterances
     * @param classified the label they were classified as
     * @param count      how many
     * @param support    utterances of {@code trueLabel} in all
     */
    public record Confusion(String trueLabel, String classified, int count, int support) {
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
