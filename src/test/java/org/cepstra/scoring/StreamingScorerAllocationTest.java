package org.cepstra.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.Test;

/**
 * In the steady state the streaming scorer allocates nothing per frame: 10 s of 8 kHz speech fed in
 * 10 ms chunks to 10 models × 32 components × 39 dimensions, after a warm-up, measured with the
 * thread's allocation counter.
 */
class StreamingScorerAllocationTest {
    private static final int RATE = 8000;
    private static final int CHUNK = RATE / 100;
    private static final long MAX_BYTES_PER_FRAME = 16;

    /** 10 s of speech: the 8 kHz test recordings, repeated. */
    private static float[] tenSeconds() {
        float[] x = new float[10 * RATE];
        int at = 0;
        while (at < x.length) {
            for (String name : ScoringTestData.WAVS_8K) {
                float[] s = ScoringTestData.audio(name).samples();
                int n = Math.min(s.length, x.length - at);
                System.arraycopy(s, 0, x, at, n);
                at += n;
            }
        }
        return x;
    }

    private static int feed(StreamingScorer scorer, float[] audio) {
        scorer.reset();
        ScoringTestData.feedChunks(scorer, audio, CHUNK);
        return scorer.framesScored();
    }

    @Test
    void scoringAFrameAllocatesNothing() {
        assertNoAllocationPerFrame(ScoringTestData.randomModels(ScoringTestData.MFCC_39.withTargetSampleRateHz(RATE),
                10, 32, 3));
    }

    @Test
    void followingWholeWordPathsAllocatesNothing() {
        assertNoAllocationPerFrame(ScoringTestData.randomStateModels(
                ScoringTestData.MFCC_39.withTargetSampleRateHz(RATE), 10, 16, 2, 3));
    }

    private static void assertNoAllocationPerFrame(ModelSet models) {
        com.sun.management.ThreadMXBean bean = ScoringTestData.allocationCounter();
        // The decision rule is checked on every frame, and never met: it asks for more frames than there are.
        StreamingScorer scorer = new StreamingScorer(models, RATE).withEarlyDecision(0.5, 2000);
        float[] audio = tenSeconds();
        for (int warm = 0; warm < 5; warm++) {
            feed(scorer, audio);
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        int frames = feed(scorer, audio);
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertEquals(998, frames, "frames of 10 s at 8 kHz");
        assertTrue(scorer.decision().isEmpty());
        double perFrame = (double) allocated / frames;
        assertTrue(perFrame < MAX_BYTES_PER_FRAME, perFrame + " bytes per frame");
        assertTrue(Double.isFinite(scorer.current().best().totalLogLikelihood()));
    }
}
