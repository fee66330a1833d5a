package org.cepstra.base;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread-pool policy of the library: a fixed number of daemon worker threads (a pool never keeps
 * the process alive after {@code main} ends), named {@code name-1}, {@code name-2}, … so that a thread dump
 * says whose they are, created by whoever needs them for the duration of one operation and shut down by it.
 * {@link ParallelMap}, the GMM trainer's chunk scheduler and the feature-archive job all take their
 * threads here.
 */
public final class WorkerPool {
    private WorkerPool() {
    }

    /**
     * A pool of {@code threads} daemon threads named after {@code name}; the caller shuts it down.
     *
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public static ExecutorService fixed(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
