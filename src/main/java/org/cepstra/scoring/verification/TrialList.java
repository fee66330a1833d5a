package org.cepstra.scoring.verification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The trials of a verification experiment, in order, each (model, utterance) pair at most once.
 *
 * @param trials the trials; no pair twice
 */
public record TrialList(List<Trial> trials) {

    /** Copies the list and checks that no pair repeats; throws {@link IllegalArgumentException} if one does. */
    public TrialList {
        trials = List.copyOf(Objects.requireNonNull(trials, "trials"));
        PairLines.requireUniquePairs(trials, Trial::pair, "appears twice", "trials");
    }

    /** The number of trials. */
    public int size() {
        return trials.size();
    }

    /** The number of target trials. */
    public int targetCount() {
        return (int) trials.stream().filter(Trial::target).count();
    }

    /** The number of non-target trials. */
    public int nontargetCount() {
        return size() - targetCount();
    }

    /** An index from pair to trial, for joining with scores. */
    Map<String, Trial> byPair() {
        Map<String, Trial> map = new HashMap<>(trials.size() * 2);
        for (Trial t : trials) {
            map.put(t.pair(), t);
        }
        return map;
    }
}
