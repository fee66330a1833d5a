package org.cepstra.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded random split that keeps the label proportions and never puts two utterances of one
 * recording on different sides.
 *
 * <p>How it works, so that results can be reproduced exactly:
 * <ol>
 *   <li>Utterances are grouped by audio file. Each recording gets a stratum: its most frequent
 *       label (ties: the alphabetically first). With one utterance per file (the usual case) the
 *       stratum is simply the label.</li>
 *   <li>Strata are taken in alphabetical order; within one, recordings are sorted by path and
 *       shuffled (Fisher–Yates, drawing {@code nextInt(i + 1)} for i = n−1 down to 1) with one
 *       {@link SplittableRandom} seeded with {@code seed} and shared by all strata in that order.</li>
 *   <li>The first {@code round(testFraction × n)} recordings of the shuffled stratum (rounding half
 *       up) go to test, the rest to train, but at least one always stays in train (a stratum of a
 *       single recording is all train: a label without training data could not be learnt).</li>
 * </ol>
 * The same corpus and seed always give the same split. For segment corpora the proportions hold per
 * stratum in recordings, not in utterances.
 *
 * @param testFraction share of each stratum's recordings to put in test, in [0, 1]
 * @param seed         seed of the shuffle
 */
record StratifiedSplitter(double testFraction, long seed) implements Splitter {

    /** Validates the fraction. */
    public StratifiedSplitter {
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1], got " + testFraction);
        }
    }

    @Override
    public CorpusSplit split(Corpus corpus) {
        Map<Path, List<Utterance>> byRecording = new LinkedHashMap<>();
        for (Utterance u : corpus.utterances()) {
            byRecording.computeIfAbsent(u.audioFile(), k -> new ArrayList<>()).add(u);
        }
        TreeMap<String, List<Path>> strata = new TreeMap<>();
        for (Map.Entry<Path, List<Utterance>> e : byRecording.entrySet()) {
            strata.computeIfAbsent(dominantLabel(e.getValue()), k -> new ArrayList<>()).add(e.getKey());
        }
        SplittableRandom random = new SplittableRandom(seed);
        Set<Path> testRecordings = new HashSet<>();
        for (List<Path> recordings : strata.values()) {
            recordings.sort(null);
            Path[] order = recordings.toArray(new Path[0]);
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Path t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            int n = order.length;
            int k = (int) Math.round(testFraction * n);
            if (k > n - 1) {
                k = n - 1;
            }
            for (int i = 0; i < k; i++) {
                testRecordings.add(order[i]);
            }
        }
        return Splitter.byPredicate(u -> testRecordings.contains(u.audioFile())).split(corpus);
    }

    private static String dominantLabel(List<Utterance> utterances) {
        Map<String, Integer> counts = new HashMap<>();
        for (Utterance u : utterances) {
            counts.merge(u.label(), 1, Integer::sum);
        }
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int c = e.getValue();
            if (c > bestCount || (c == bestCount && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestCount = c;
            }
        }
        return best;
    }
}
