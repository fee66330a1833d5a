package org.cepstra.scoring.verification;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores of every model in a list against every utterance in a list, as cohort scores for normalisation
 * come: rows are models, columns utterances. Immutable (the array is copied in and out).
 */
public final class ScoreMatrix {
    private final List<String> models;
    private final List<String> utterances;
    private final double[][] scores;
    private final Map<String, Integer> modelRow;
    private final Map<String, Integer> utteranceColumn;

    /**
     * A matrix with {@code scores[i][j]} the score of {@code models.get(i)} against {@code utterances.get(j)}.
     *
     * @throws IllegalArgumentException if an id repeats or is not a valid id, the array's shape does not
     *                                  match the lists, or a score is not finite
     */
    public ScoreMatrix(List<String> models, List<String> utterances, double[][] scores) {
        this.models = List.copyOf(Objects.requireNonNull(models, "models"));
        this.utterances = List.copyOf(Objects.requireNonNull(utterances, "utterances"));
        Objects.requireNonNull(scores, "scores");
        this.modelRow = index(this.models, "model");
        this.utteranceColumn = index(this.utterances, "utterance");
        if (scores.length != this.models.size()) {
            throw new IllegalArgumentException(scores.length + " rows of scores for " + this.models.size() + " models");
        }
        this.scores = new double[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            if (scores[i].length != this.utterances.size()) {
                throw new IllegalArgumentException("model '" + this.models.get(i) + "' has " + scores[i].length
                        + " scores for " + this.utterances.size() + " utterances");
            }
            for (int j = 0; j < scores[i].length; j++) {
                if (!Double.isFinite(scores[i][j])) {
                    throw new IllegalArgumentException("score of model '" + this.models.get(i) + "' against '"
                            + this.utterances.get(j) + "' is " + scores[i][j]);
                }
            }
            this.scores[i] = scores[i].clone();
        }
    }

    private static Map<String, Integer> index(List<String> ids, String what) {
        Map<String, Integer> map = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            TextLines.requireId(what + " id", ids.get(i));
            if (map.putIfAbsent(ids.get(i), i) != null) {
                throw new IllegalArgumentException(what + " '" + ids.get(i) + "' appears twice");
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** The models (rows), in order. */
    public List<String> models() {
        return models;
    }

    /** The utterances (columns), in order. */
    public List<String> utterances() {
        return utterances;
    }

    /** The score of {@code model} against {@code utterance}. */
    public double score(String model, String utterance) {
        return scores[row(model)][column(utterance)];
    }

    /** The scores of {@code model} against every utterance, in {@link #utterances()} order (a copy). */
    public double[] modelScores(String model) {
        return scores[row(model)].clone();
    }

    /** The scores of every model against {@code utterance}, in {@link #models()} order. */
    public double[] utteranceScores(String utterance) {
        int j = column(utterance);
        double[] out = new double[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores[i][j];
        }
        return out;
    }

    /** Whether {@code model} is a row. */
    public boolean hasModel(String model) {
        return modelRow.containsKey(model);
    }

    /** Whether {@code utterance} is a column. */
    public boolean hasUtterance(String utterance) {
        return utteranceColumn.containsKey(utterance);
    }

    /** The scores as a new array, {@code [model][utterance]}. */
    public double[][] toArray() {
        double[][] out = new double[scores.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores[i].clone();
        }
        return out;
    }

    private int row(String model) {
        Integer i = modelRow.get(model);
        if (i == null) {
            throw new IllegalArgumentException("no scores of model '" + model + "' in the matrix");
        }
        return i;
    }

    private int column(String utterance) {
        Integer j = utteranceColumn.get(utterance);
        if (j == null) {
            throw new IllegalArgumentException("no scores against utterance '" + utterance + "' in the matrix");
        }
        return j;
    }
}
