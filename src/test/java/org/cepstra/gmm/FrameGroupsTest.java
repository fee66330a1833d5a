package org.cepstra.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FrameGroups}: pairs grouped by key in the order added, against a list per key, with few pairs among many
 * keys (insertion sort) and many pairs (counting sort); reuse after clearing.
 */
class FrameGroupsTest {

    @Test
    void pairsAreGroupedByKeyInTheOrderTheyWereAdded() {
        FrameGroups g = new FrameGroups();
        SplittableRandom r = new SplittableRandom(11);
        for (int[] keysAndPairs : new int[][] {{512, 1}, {512, 5}, {30, 0}, {30, 500}, {512, 40}, {7, 3000}, {64, 2}}) {
            int keys = keysAndPairs[0];
            int pairs = keysAndPairs[1];
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
            int group = 0;
            for (int q = 0; q < keys; q++) {
                if (want.get(q).isEmpty()) {
                    continue;
                }
                String what = keys + " keys, " + pairs + " pairs, key " + q;
                assertEquals(q, g.key(group), what);
                assertEquals(want.get(q).size(), g.end(group) - g.start(group), what);
                for (int j = 0; j < want.get(q).size(); j++) {
                    assertEquals(want.get(q).get(j)[0], g.frame[g.start(group) + j], what + " pair " + j);
                    assertEquals(want.get(q).get(j)[1], g.slot[g.start(group) + j], what + " pair " + j);
                }
                group++;
            }
            assertEquals(group, g.groups(), keys + " keys, " + pairs + " pairs");
            if (group > 0) {
                assertEquals(0, g.start(0));
                assertEquals(pairs, g.end(group - 1));
            }
        }
    }
}
