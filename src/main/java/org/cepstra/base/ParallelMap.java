package org.cepstra.base;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Applies a function to every item of a list on a fixed number of worker threads and returns the
 * results in the list's order, so the outcome does not depend on scheduling. The pool lives only for
 * the call.
 */
public final class ParallelMap {
    private ParallelMap() {
    }

    /**
     * {@code function} applied to each item, results in item order.
     *
     * @param threads    worker threads (≥ 1; 1 runs on the calling thread)
     * @param threadName name of the worker threads
     * @throws RuntimeException the first (in item order) runtime exception a call threw
     */
    public static <T, R> List<R> map(List<T> items, int threads, String threadName, Function<? super T, R> function) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        List<R> results = new ArrayList<>(items.size());
        if (threads == 1 || items.size() < 2) {
            for (T item : items) {
                results.add(function.apply(item));
            }
            return results;
        }
        ExecutorService pool = WorkerPool.fixed(Math.min(threads, items.size()), threadName);
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> function.apply(item)));
            }
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + threadName, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
