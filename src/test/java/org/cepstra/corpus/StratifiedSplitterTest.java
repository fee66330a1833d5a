package org.cepstra.corpus;

import static org.cepstra.corpus.Fixtures.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StratifiedSplitterTest {

    /** Whole-file corpus with {@code counts[i]} files of label "l{i}". */
    private static Corpus wholeFiles(int... counts) {
        List<Utterance> list = new ArrayList<>();
        for (int l = 0; l < counts.length; l++) {
            for (int i = 0; i < counts[l]; i++) {
                String id = "l" + l + "_" + i;
                list.add(Utterance.wholeFile(id, Path.of("/c/" + id + ".wav"), "l" + l));
            }
        }
        return Corpus.of(list);
    }

    @Test
    void proportionsPerLabel() {
        Corpus c = wholeFiles(50, 7, 2, 1, 3);
        CorpusSplit s = new StratifiedSplitter(0.2, 1).split(c);
        // round(0.2 n): 10, round(1.4) = 1, round(0.4) = 0, round(0.2) = 0, round(0.6) = 1
        assertEquals(Map.of("l0", 10, "l1", 1, "l4", 1), s.test().countsByLabel());
        assertEquals(Map.of("l0", 40, "l1", 6, "l2", 2, "l3", 1, "l4", 2), s.train().countsByLabel());

        CorpusSplit half = Splitter.stratified(0.5, 1).split(c);
        // round(0.5 n) half up: 25, 4 (3.5), 1, 1 -> capped to 0 (one recording stays in train), 2 (1.5)
        assertEquals(Map.of("l0", 25, "l1", 4, "l2", 1, "l4", 2), half.test().countsByLabel());
        assertEquals(1, half.train().count("l3"));

        CorpusSplit almostAll = Splitter.stratified(0.95, 1).split(c);
        // at least one recording of every label stays in train
        assertEquals(Map.of("l0", 48, "l1", 6, "l2", 1, "l4", 2), almostAll.test().countsByLabel());
        assertEquals(Map.of("l0", 2, "l1", 1, "l2", 1, "l3", 1, "l4", 1), almostAll.train().countsByLabel());

        CorpusSplit none = Splitter.stratified(0.0, 1).split(c);
        assertTrue(none.test().isEmpty());
        assertEquals(c.utterances(), none.train().utterances());
    }

    @Test
    void deterministicForASeedAndIndependentOfInputOrder() {
        Corpus c = wholeFiles(20, 20, 20);
        CorpusSplit a = new StratifiedSplitter(0.25, 42).split(c);
        CorpusSplit b = new StratifiedSplitter(0.25, 42).split(c);
        assertEquals(a, b);
        List<Utterance> shuffled = new ArrayList<>(c.utterances());
        Collections.shuffle(shuffled, new Random(7));
        CorpusSplit fromShuffled = new StratifiedSplitter(0.25, 42).split(Corpus.of(shuffled));
        assertEquals(new HashSet<>(ids(a.test())), new HashSet<>(ids(fromShuffled.test())));
        CorpusSplit other = new StratifiedSplitter(0.25, 43).split(c);
        assertNotEquals(new HashSet<>(ids(a.test())), new HashSet<>(ids(other.test())));
        // order within each side is the corpus order
        List<String> trainIds = ids(a.train());
        List<String> expectedOrder = new ArrayList<>(ids(c));
        expectedOrder.retainAll(trainIds);
        assertEquals(expectedOrder, trainIds);
    }

    @Test
    void followsTheDocumentedShuffle() {
        // The documented algorithm, written out: recordings sorted by path, Fisher-Yates with
        // SplittableRandom(seed), the first round(0.4 * 5) = 2 go to test.
        String[] order = {"l0_0", "l0_1", "l0_2", "l0_3", "l0_4"};
        SplittableRandom random = new SplittableRandom(42);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        Set<String> expected = Set.of(order[0], order[1]);
        CorpusSplit s = new StratifiedSplitter(0.4, 42).split(wholeFiles(5));
        assertEquals(expected, new HashSet<>(ids(s.test())));
        // Pinned, so that a change of algorithm cannot go unnoticed: same seed, same split across versions.
        assertEquals(List.of("l0_2", "l0_3"), ids(s.test()));
    }

    @Test
    void segmentsOfOneRecordingNeverLandOnBothSides() {
        List<Utterance> list = new ArrayList<>();
        String[] labels = {"a", "b", "c"};
        for (int r = 0; r < 30; r++) {
            Path file = Path.of("/c/rec" + r + ".wav");
            for (int k = 0; k < 6; k++) {
                // rec r is dominated by label r % 3 (4 of 6 segments)
                String label = k < 4 ? labels[r % 3] : labels[(r + k) % 3];
                list.add(new Utterance("rec" + r + "_" + k, file, label, Optional.empty(),
                        Optional.of(new Segment(k, k + 1))));
            }
        }
        Corpus c = Corpus.of(list);
        CorpusSplit s = new StratifiedSplitter(0.3, 5).split(c);
        assertTrue(s.sharedRecordings().isEmpty());
        Set<Path> test = s.test().recordings();
        // 10 recordings per dominant label, round(3.0) = 3 of each in test
        assertEquals(9, test.size());
        for (int l = 0; l < 3; l++) {
            int inTest = 0;
            for (int r = l; r < 30; r += 3) {
                if (test.contains(Path.of("/c/rec" + r + ".wav"))) {
                    inTest++;
                }
            }
            assertEquals(3, inTest, "stratum " + labels[l]);
        }
        assertEquals(9 * 6, s.test().size());
        assertEquals(21 * 6, s.train().size());
    }

    @Test
    void rejectsBadFractions() {
        assertThrows(IllegalArgumentException.class, () -> new StratifiedSplitter(-0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new StratifiedSplitter(1.5, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StratifiedSplitter(Double.NaN, 1));
        assertEquals("test fraction must be in [0, 1], got NaN", e.getMessage());
    }
}
