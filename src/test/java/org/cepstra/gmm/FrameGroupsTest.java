package org.cepstra.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link FrameGroups}: pairs grouped by key in the order added, against a list per key; reuse after clearing. */
class FrameGroupsTest {

    @Test
    void pairsAreGroupedByKeyInTheOrderTheyWereAdded() {
        FrameGroups g = new FrameGroups();
        SplittableRandom r = new SplittableRandom(11);
        for (int round = 0; round < 3; round++) {
            int keys = 1 + r.nextInt(30);
            int pairs = r.nextInt(500);
            List<List<int[]>> want = new ArrayList<>();
            for (int q = 0; q < keys; q++) {
                want.add(new ArrayList<>());
            }
            g.clear();
            for (int p = 0; p < pairs; p++) {
                int q = r.nextInt(keys);
                int frame = r.nextInt(1000);
                int slot = r.nextInt(5);
                g.add(q, frame, slot);
                want.get(q).add(new int[] {frame, slot});
            }
            g.group(keys);
            assertEquals(0, g.start(0));
            assertEquals(pairs, g.start(keys));
            for (int q = 0; q < keys; q++) {
                assertEquals(want.get(q).size(), g.start(q + 1) - g.start(q), "key " + q);
                for (int j = 0; j < want.get(q).size(); j++) {
                    assertEquals(want.get(q).get(j)[0], g.frame[g.start(q) + j], "key " + q + " pair " + j);
                    assertEquals(want.get(q).get(j)[1], g.slot[g.start(q) + j], "key " + q + " pair " + j);
                }
            }
        }
    }
}
