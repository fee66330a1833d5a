package org.cepstra.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cepstra.audio.Audio;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.Test;

/**
 * One {@link ModelSet} shared by four threads streaming different recordings (each with its own
 * {@link StreamingScorer} and random chunking) and two threads classifying with one shared batch
 * {@link Scorer}: every ranking and decision equals, bit for bit, the one of a single-threaded run.
 */
class ConcurrentScoringTest {
    private static final int STREAM_THREADS = 4;
    private static final int BATCH_THREADS = 2;
    private static final int ROUNDS = 3;

    /** What one streamed recording gave. */
    private record Streamed(Ranking ranking, Optional<Decision> decision, int frames) {
    }

    /** Streams the recordings of thread {@code t} in turn through one scorer, chunked by a seeded generator. */
    private static List<Streamed> stream(ModelSet models, List<Audio> audios, long seed) {
        StreamingScorer scorer = new StreamingScorer(models, 8000).withEarlyDecision(0.95, 5);
        SplittableRandom r = new SplittableRandom(seed);
        List<Streamed> out = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (Audio audio : audios) {
                scorer.reset();
                ScoringTestData.feedRandomChunks(scorer, audio.samples(), r);
                scorer.finish();
                out.add(new Streamed(scorer.current(), scorer.decision(), scorer.framesScored()));
            }
        }
        return out;
    }

    private static List<Ranking> classify(Scorer scorer, List<Audio> audios) {
        List<Ranking> out = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (Audio audio : audios) {
                out.add(scorer.classify(audio));
            }
        }
        return out;
    }

    @Test
    void sharedModelSetGivesTheSingleThreadedResults() throws Exception {
        ModelSet models = ScoringTestData.trainedDigits(ScoringTestData.MFCC_39, 4);
        List<Audio> all = ScoringTestData.WAVS_8K.stream().map(ScoringTestData::audio).toList();
        List<List<Audio>> perThread = new ArrayList<>();
        for (int t = 0; t < STREAM_THREADS; t++) {
            perThread.add(List.of(all.get(t), all.get(t + STREAM_THREADS), all.get(t + 2 * STREAM_THREADS)));
        }
        Scorer shared = new Scorer(models);

        // Single-threaded reference.
        List<List<Streamed>> expectedStreams = new ArrayList<>();
        for (int t = 0; t < STREAM_THREADS; t++) {
            expectedStreams.add(stream(models, perThread.get(t), 1000 + t));
        }
        List<Ranking> expectedBatch = classify(new Scorer(models), all);

        ExecutorService pool = Executors.newFixedThreadPool(STREAM_THREADS + BATCH_THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Streamed>>> streams = new ArrayList<>();
            for (int t = 0; t < STREAM_THREADS; t++) {
                List<Audio> mine = perThread.get(t);
                long seed = 1000 + t;
                streams.add(pool.submit(awaiting(start, () -> stream(models, mine, seed))));
            }
            List<Future<List<Ranking>>> batches = new ArrayList<>();
            for (int t = 0; t < BATCH_THREADS; t++) {
                batches.add(pool.submit(awaiting(start, () -> classify(shared, all))));
            }
            start.countDown();
            int decisions = 0;
            for (int t = 0; t < STREAM_THREADS; t++) {
                List<Streamed> got = streams.get(t).get(60, TimeUnit.SECONDS);
                assertEquals(expectedStreams.get(t), got, "stream thread " + t);
                decisions += (int) got.stream().filter(s -> s.decision().isPresent()).count();
            }
            for (int t = 0; t < BATCH_THREADS; t++) {
                assertEquals(expectedBatch, batches.get(t).get(60, TimeUnit.SECONDS), "batch thread " + t);
            }
            assertTrue(decisions > 0, "some streams decided early");
        } finally {
            pool.shutdownNow();
        }
        // The streamed totals are the batch ones of the same recordings.
        for (int t = 0; t < STREAM_THREADS; t++) {
            for (int i = 0; i < perThread.get(t).size(); i++) {
                Ranking batch = shared.classify(perThread.get(t).get(i));
                ScoringTestData.assertClose(ScoringTestData.totalsByLabel(batch),
                        ScoringTestData.totalsByLabel(expectedStreams.get(t).get(i).ranking()), 1e-12,
                        "thread " + t + " recording " + i);
            }
        }
    }

    private static <T> Callable<T> awaiting(CountDownLatch start, Callable<T> work) {
        return () -> {
            start.await();
            return work.call();
        };
    }
}
