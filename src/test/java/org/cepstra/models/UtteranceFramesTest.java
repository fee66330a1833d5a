package org.cepstra.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UtteranceFramesTest {
    @Test
    void batchesAreRunsOfAtLeastTheFramesAskedTheLastOneShorter() {
        List<UtteranceFrames> utterances = new ArrayList<>();
        int[] lengths = {3, 4, 1, 9, 2, 2, 2};
        for (int i = 0; i < lengths.length; i++) {
            utterances.add(ModelSetTrainerTest.frames("u" + i, "a", new double[lengths[i]][2]));
        }
        List<List<UtteranceFrames>> batches = UtteranceFrames.batches(utterances, 5);
        // 3 + 4 = 7; 1 + 9 = 10; 2 + 2 + 2 = 6
        assertEquals(List.of(utterances.subList(0, 2), utterances.subList(2, 4), utterances.subList(4, 7)), batches);
        assertEquals(List.of(utterances.subList(0, 7)), UtteranceFrames.batches(utterances, 100));
        assertEquals(7, UtteranceFrames.batches(utterances, 1).size());
        assertEquals(List.of(), UtteranceFrames.batches(List.of(), 5));
    }
}
