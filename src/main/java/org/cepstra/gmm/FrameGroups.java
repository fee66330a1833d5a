package org.cepstra.gmm;

import java.util.Arrays;

/**
 * (frame, slot) pairs of a batch of frames grouped by a key (a component or a cluster), so that the frames that need
 * the same component can be gathered ({@link Kernels#gatherColumns}) and scored together with the block kernel.
 * After {@link #group}, the non-empty groups are numbered {@code 0 ≤ g < groups()} in ascending key order; group g
 * holds the pairs {@code [start(g), end(g))} of {@link #frame} and {@link #slot}, in the order they were added
 * (ascending frame order when frames are added in order). Many pairs are grouped by a counting sort; a few pairs
 * among many keys (one frame arriving in a stream) by an insertion sort, so that grouping never costs a pass over
 * all keys for a handful of pairs. The arrays grow as needed, so nothing is allocated once a batch of the largest
 * size has been grouped. Not thread-safe.
 */
final class FrameGroups {
    private int[] key = new int[0];
    private int[] frameIn = new int[0];
    private int[] slotIn = new int[0];
    private int count;
    private int[] counts = new int[1];
    private int[] order = new int[0];
    private int[] groupKey = new int[0];
    private int[] groupStart = new int[1];
    private int groups;
    /** The grouped pairs' frames and slots, valid after {@link #group}. */
    int[] frame = new int[0];
    int[] slot = new int[0];

    /** Forgets the pairs added so far. */
    void clear() {
        count = 0;
    }

    /** Adds the pair (frame, slot) under key q (0 ≤ q &lt; the key count given to {@link #group}). */
    void add(int q, int frameIndex, int slotIndex) {
        if (count == key.length) {
            int size = Math.max(16, 2 * count);
            key = Arrays.copyOf(key, size);
            frameIn = Arrays.copyOf(frameIn, size);
            slotIn = Arrays.copyOf(slotIn, size);
        }
        key[count] = q;
        frameIn[count] = frameIndex;
        slotIn[count] = slotIndex;
        count++;
    }

    /** Groups the pairs added since {@link #clear} by key, keys in {@code [0, keys)}. */
    void group(int keys) {
        if (frame.length < count) {
            frame = new int[key.length];
            slot = new int[key.length];
            order = new int[key.length];
        }
        if (groupKey.length < Math.min(keys, count)) {
            groupKey = new int[Math.max(Math.min(keys, key.length), 1)];
            groupStart = new int[groupKey.length + 1];
        }
        if ((long) count * count <= 4L * keys) {
            insertionSort();
        } else {
            countingSort(keys);
        }
        groups = 0;
        for (int p = 0; p < count; p++) {
            int q = key[order[p]];
            if (groups == 0 || groupKey[groups - 1] != q) {
                groupKey[groups] = q;
                groupStart[groups++] = p;
            }
            frame[p] = frameIn[order[p]];
            slot[p] = slotIn[order[p]];
        }
        groupStart[groups] = count;
    }

    /** {@link #order}: the pairs' indices sorted by key, stable (few pairs). */
    private void insertionSort() {
        for (int p = 0; p < count; p++) {
            int q = key[p];
            int at = p;
            while (at > 0 && key[order[at - 1]] > q) {
                order[at] = order[at - 1];
                at--;
            }
            order[at] = p;
        }
    }

    /** {@link #order}: the pairs' indices sorted by key, stable (many pairs). */
    private void countingSort(int keys) {
        if (counts.length < keys + 1) {
            counts = new int[keys + 1];
        }
        Arrays.fill(counts, 0, keys + 1, 0);
        for (int p = 0; p < count; p++) {
            counts[key[p] + 1]++;
        }
        for (int q = 0; q < keys; q++) {
            counts[q + 1] += counts[q];
        }
        for (int p = 0; p < count; p++) {
            order[counts[key[p]]++] = p;
        }
    }

    /** Number of non-empty groups. */
    int groups() {
        return groups;
    }

    /** The key of group g. */
    int key(int g) {
        return groupKey[g];
    }

    /** Index of the first pair of group g. */
    int start(int g) {
        return groupStart[g];
    }

    /** Index after the last pair of group g. */
    int end(int g) {
        return groupStart[g + 1];
    }
}
