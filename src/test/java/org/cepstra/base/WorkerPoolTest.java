package org.cepstra.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    @Test
    void threadsAreNamedDaemonsAndTheSizeIsChecked() throws Exception {
        ExecutorService pool = WorkerPool.fixed(2, "test-pool");
        try {
            List<Future<String>> names = List.of(
                    pool.submit(() -> Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? "+d" : "")),
                    pool.submit(() -> Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? "+d" : "")));
            TreeSet<String> seen = new TreeSet<>();
            for (Future<String> f : names) {
                seen.add(f.get());
            }
            for (String n : seen) {
                assertTrue(n.equals("test-pool-1+d") || n.equals("test-pool-2+d"), n);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerPool.fixed(0, "x"));
        assertEquals("threads must be >= 1, got 0", e.getMessage());
    }
}
