package org.cepstra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link WavChunks#chunkSamples}: hand-counted samples, and chunk lengths or rates whose sample count would not fit
 * a buffer refused with a message (it once wrapped around to a negative or arbitrary size).
 */
class ChunkLengthTest {

    @Test
    void samplesPerChunkAreTheRoundedProductAtLeastOne() {
        assertEquals(160, WavChunks.chunkSamples(10, 16_000));
        assertEquals(441, WavChunks.chunkSamples(10, 44_100));
        assertEquals(960_000, WavChunks.chunkSamples(60_000, 16_000));
        assertEquals(1, WavChunks.chunkSamples(0.01, 8_000)); // 0.08 samples: still one
        assertEquals(3, WavChunks.chunkSamples(0.3125, 8_000)); // 2.5 rounds up
    }

    @Test
    void chunksTooLongOrBuffersTooLargeAreRefused() {
        assertTrue(WavChunks.isChunkMs(WavChunks.MAX_CHUNK_MS));
        for (double ms : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 60_000.5, 1.4e8}) {
            assertFalse(WavChunks.isChunkMs(ms), "" + ms);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WavChunks.chunkSamples(ms, 16_000));
            assertEquals("a chunk must be a positive number of ms, at most 60000 (one minute of audio), got " + ms,
                    e.getMessage());
        }
        // a minute at a rate a WAV header may claim: 2.4e9 samples would wrap an int
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WavChunks.chunkSamples(60_000, 40_000_000));
        assertEquals("a chunk of 60000.0 ms at 4.0E7 Hz holds 2.4E9 samples, more than 16777216: give shorter chunks",
                e.getMessage());
        assertEquals(WavChunks.MAX_CHUNK_SAMPLES, WavChunks.chunkSamples(16_777.216, 1_000_000));
    }
}
