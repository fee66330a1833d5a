package org.cepstra.gmm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import org.cepstra.base.WorkerPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a computation over fixed chunks of rows on a fixed number of threads and hands the chunk
 * results to a consumer in chunk order. Chunk boundaries depend only on the row count, and results
 * are combined in the same order whatever thread computed them, so sums (and the models built from
 * them) are bit-identical for any thread count and any scheduling.
 *
 * <p>Owns its thread pool (if more than one thread); {@link #close()} shuts it down.
 */
final class ChunkScheduler implements AutoCloseable {
    /** Rows per chunk. */
    static final int CHUNK_ROWS = 8192;

    /** Work on one chunk with one thread's worker. */
    @FunctionalInterface
    interface Task<W, R> {
        R run(W worker, int firstRow, int count);
    }

    private final int threads;
    private final ExecutorService executor;

    ChunkScheduler(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        if (threads > 1) {
            this.executor = WorkerPool.fixed(threads, "cepstra-gmm");
        } else {
            this.executor = null;
        }
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code task} over {@code [0, totalRows)} in chunks of {@code chunkRows} rows, one worker
     * per thread ({@code workers.size() ≥ threads}), delivering results to {@code inOrder} in chunk
     * order (never concurrently).
     */
    <W, R> void run(List<W> workers, int totalRows, int chunkRows, Task<W, R> task, Consumer<R> inOrder) {
        int chunks = (int) (((long) totalRows + chunkRows - 1) / chunkRows);
        if (chunks == 0) {
            return;
        }
        if (executor == null || chunks == 1) {
            W w = workers.get(0);
            for (int c = 0; c < chunks; c++) {
                int first = c * chunkRows;
                inOrder.accept(task.run(w, first, Math.min(chunkRows, totalRows - first)));
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Object[] pending = new Object[chunks];
        int[] nextToMerge = {0};
        Object lock = new Object();
        int used = Math.min(threads, chunks);
        List<Future<?>> futures = new ArrayList<>(used);
        for (int t = 0; t < used; t++) {
            W w = workers.get(t);
            futures.add(executor.submit(() -> {
                while (!failed.get()) {
                    int c = next.getAndIncrement();
                    if (c >= chunks) {
                        return null;
                    }
                    int first = c * chunkRows;
                    R r;
                    try {
                        r = task.run(w, first, Math.min(chunkRows, totalRows - first));
                    } catch (RuntimeException | Error e) {
                        failed.set(true);
                        throw e;
                    }
                    synchronized (lock) {
                        pending[c] = r;
                        while (nextToMerge[0] < chunks && pending[nextToMerge[0]] != null) {
                            @SuppressWarnings("unchecked")
                            R ready = (R) pending[nextToMerge[0]];
                            pending[nextToMerge[0]] = null;
                            nextToMerge[0]++;
                            inOrder.accept(ready);
                        }
                    }
                }
                return null;
            }));
        }
        Throwable problem = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (problem == null) {
                    problem = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.set(true);
                throw new GmmTrainingException("interrupted while training", e);
            }
        }
        if (problem instanceof RuntimeException re) {
            throw re;
        }
        if (problem instanceof Error err) {
            throw err;
        }
        if (problem != null) {
            throw new GmmTrainingException("training failed: " + problem, problem);
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
