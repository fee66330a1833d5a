package org.cepstra.scoring.verification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The scores of a set of trials, in order, each (model, utterance) pair at most once.
 *
 * @param scores the scores; no pair twice
 */
public record ScoreList(List<Score> scores) {

    /** Copies the list and checks that no pair repeats; throws {@link IllegalArgumentException} if one does. */
    public ScoreList {
        scores = List.copyOf(Objects.requireNonNull(scores, "scores"));
        PairLines.requireUniquePairs(scores, Score::pair, "is scored twice", "scores");
    }

    /** The number of scores. */
    public int size() {
        return scores.size();
    }

    /**
     * The scores of {@code trials}, in the trials' order, each with its trial's target flag: what
     * {@code compute_min_dcf.py} does with a scores file and a trials file.
     *
     * @throws IllegalArgumentException naming the first trial without a score, or the first score whose pair
     *                                  is not a trial (with the counts of both)
     */
    public ScoreList labelled(TrialList trials) {
        Objects.requireNonNull(trials, "trials");
        Map<String, Score> byPair = new HashMap<>(scores.size() * 2);
        for (Score s : scores) {
            byPair.put(s.pair(), s);
        }
        List<Score> out = new ArrayList<>(trials.size());
        for (Trial t : trials.trials()) {
            Score s = byPair.get(t.pair());
            if (s == null) {
                throw new IllegalArgumentException("trial '" + t.pair() + "' has no score (" + trials.size()
                        + " trials, " + scores.size() + " scores)");
            }
            out.add(new Score(s.model(), s.utterance(), s.score(), Optional.of(t.target())));
        }
        if (out.size() != scores.size()) {
            Map<String, Trial> known = trials.byPair();
            for (Score s : scores) {
                if (!known.containsKey(s.pair())) {
                    throw new IllegalArgumentException("score of '" + s.pair() + "' is not a trial (" + trials.size()
                            + " trials, " + scores.size() + " scores)");
                }
            }
        }
        return new ScoreList(out);
    }

    /** The scores of target trials, in list order. */
    public double[] targetScores() {
        return withFlag(true);
    }

    /** The scores of non-target trials, in list order. */
    public double[] nontargetScores() {
        return withFlag(false);
    }

    private double[] withFlag(boolean flag) {
        double[] out = new double[scores.size()];
        int n = 0;
        for (Score s : scores) {
            if (s.target().isEmpty()) {
                throw new IllegalStateException("trial '" + s.pair() + "' is not marked target or non-target"
                        + " (label the scores with their trials first)");
            }
            if (s.target().get() == flag) {
                out[n++] = s.score();
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
