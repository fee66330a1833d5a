package org.cepstra.gmm;

import java.util.Arrays;

/**
 * (frame, slot) pairs of a batch of frames grouped by a key (a component or a cluster) with a counting sort, so that
 * the frames that need the same component can be gathered ({@link Kernels#gatherColumns}) and scored together with
 * the block kernel: the pairs of key q are {@code [start(q), start(q + 1))}, in the order they were added (ascending
 * frame order when frames are added in order). Pairs are added with {@link #add}; the arrays grow as needed, so
 * nothing is allocated once a batch of the largest size has been grouped. Not thread-safe.
 */
final class FrameGroups {
    private int[] key = new int[0];
    private int[] frameIn = new int[0];
    private int[] slotIn = new int[0];
    private int count;
    private int[] start = new int[1];
    private int[] next = new int[1];
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
        if (start.length < keys + 1) {
            start = new int[keys + 1];
            next = new int[keys + 1];
        }
        if (frame.length < count) {
            frame = new int[key.length];
            slot = new int[key.length];
        }
        Arrays.fill(start, 0, keys + 1, 0);
        for (int p = 0; p < count; p++) {
            start[key[p] + 1]++;
        }
        for (int q = 0; q < keys; q++) {
            start[q + 1] += start[q];
        }
        System.arraycopy(start, 0, next, 0, keys + 1);
        for (int p = 0; p < count; p++) {
            int at = next[key[p]]++;
            frame[at] = frameIn[p];
            slot[at] = slotIn[p];
        }
    }

    /** Index of the first grouped pair of key q ({@code start(keys)} = the number of pairs). */
    int start(int q) {
        return start[q];
    }
}
