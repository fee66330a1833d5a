package org.cepstra.features;

import java.util.Objects;

/** First-in first-out store of feature frames waiting to be pulled; grows by doubling, never shrinks. */
final class StreamingFrameQueue {
    private final int dims;
    private float[] data;
    private int capacity;
    private int head;
    private int size;

    StreamingFrameQueue(int dims, int initialFrames) {
        this.dims = dims;
        this.capacity = Math.max(1, initialFrames);
        this.data = new float[Math.multiplyExact(capacity, dims)];
    }

    int size() {
        return size;
    }

    void add(float[] frame) {
        if (size == capacity) {
            grow();
        }
        int slot = head + size;
        if (slot >= capacity) {
            slot -= capacity;
        }
        System.arraycopy(frame, 0, data, slot * dims, dims);
        size++;
    }

    private void grow() {
        int newCapacity = Math.multiplyExact(capacity, 2);
        float[] bigger = new float[Math.multiplyExact(newCapacity, dims)];
        int first = Math.min(size, capacity - head);
        System.arraycopy(data, head * dims, bigger, 0, first * dims);
        System.arraycopy(data, 0, bigger, first * dims, (size - first) * dims);
        data = bigger;
        capacity = newCapacity;
        head = 0;
    }

    /** Moves up to {@code maxFrames} frames, oldest first, into {@code dest} from {@code offset}, row-major. */
    int drainTo(float[] dest, int offset, int maxFrames) {
        Objects.requireNonNull(dest, "dest");
        if (maxFrames < 0) {
            throw new IllegalArgumentException("maxFrames must not be negative, got " + maxFrames);
        }
        int n = Math.min(maxFrames, size);
        Objects.checkFromIndexSize(offset, n * dims, dest.length);
        int at = offset;
        int left = n;
        while (left > 0) {
            int run = Math.min(left, capacity - head);
            System.arraycopy(data, head * dims, dest, at, run * dims);
            at += run * dims;
            left -= run;
            head += run;
            if (head == capacity) {
                head = 0;
            }
        }
        size -= n;
        if (size == 0) {
            head = 0;
        }
        return n;
    }

    void clear() {
        head = 0;
        size = 0;
    }
}
