package org.cepstra.scoring;

import java.util.List;

/**
 * All labels ranked for one utterance, best first (highest total log-likelihood plus log prior).
 *
 * @param scores one entry per label of the model set, best first
 * @param frames frames the scores were computed on
 */
public record Ranking(List<LabelScore> scores, int frames) {
    /** Copies the list and checks it is not empty. */
    public Ranking {
        scores = List.copyOf(scores);
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("a ranking needs at least one label");
        }
    }

    /** The best label's score. */
    public LabelScore best() {
        return scores.get(0);
    }

    /** The best label. */
    public String bestLabel() {
        return scores.get(0).label();
    }

    /** The best {@code n} labels (all if fewer). */
    public List<LabelScore> top(int n) {
        return scores.subList(0, Math.min(Math.max(n, 0), scores.size()));
    }
}
