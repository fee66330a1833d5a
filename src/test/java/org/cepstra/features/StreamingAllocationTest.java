package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.cepstra.audio.Audio;
import org.junit.jupiter.api.Test;

/**
 * In the steady state the streaming extractor allocates nothing per frame: 10 s of 16 kHz audio fed
 * in 10 ms chunks, after a warm-up, measured with the thread's allocation counter.
 */
class StreamingAllocationTest {
    private static final int RATE = 16000;
    private static final int CHUNK = RATE / 100;
    private static final long MAX_BYTES_PER_FRAME = 64;

    /** 10 s of speech at 16 kHz: the 16 kHz test recordings, repeated. */
    private static float[] tenSeconds() {
        float[] x = new float[10 * RATE];
        int at = 0;
        while (at < x.length) {
            for (String name : new String[] {"0_george_0_16k", "3_theo_3_16k", "5_nicolas_33_16k", "9_theo_16_16k"}) {
                Audio a = TestWavs.resource(name);
                int n = Math.min(a.length(), x.length - at);
                a.copySamples(0, n, x, at);
                at += n;
            }
        }
        return x;
    }

    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean b = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(b.isThreadAllocatedMemorySupported() && b.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter switched off");
        return b;
    }

    /** Feeds the audio in 10 ms chunks, pulling queued frames after each; returns the frames emitted. */
    private static int feed(StreamingFeatureExtractor x, float[] audio, float[] drained) {
        x.reset();
        int maxFrames = drained.length / x.dimension();
        for (int pos = 0; pos < audio.length; pos += CHUNK) {
            x.accept(audio, pos, Math.min(CHUNK, audio.length - pos));
            x.drainTo(drained, 0, maxFrames);
        }
        x.finish();
        while (x.drainTo(drained, 0, maxFrames) > 0) {
            // empty the queue
        }
        return x.framesEmitted();
    }

    private static double bytesPerFrame(StreamingFeatureExtractor x, float[] audio) {
        com.sun.management.ThreadMXBean bean = threads();
        float[] drained = new float[200 * x.dimension()];
        for (int warm = 0; warm < 5; warm++) {
            feed(x, audio, drained);
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        int frames = feed(x, audio, drained);
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertEquals(998, frames, "frames of 10 s at 16 kHz");
        return (double) allocated / frames;
    }

    @Test
    void defaultConfigurationAllocatesNothingPerFrame() {
        double[] sum = new double[1];
        StreamingFeatureExtractor x = new StreamingFeatureExtractor(FeatureConfig.kaldiDefaults(), RATE,
                (i, f) -> sum[0] += f[1]);
        double perFrame = bytesPerFrame(x, tenSeconds());
        assertTrue(perFrame < MAX_BYTES_PER_FRAME, perFrame + " bytes per frame");
        assertTrue(sum[0] != 0);
    }

    @Test
    void deltasAndSlidingCmvnPulledAllocateNothingPerFrame() {
        FeatureConfig config = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults())
                .withCmvn(CmvnOptions.sliding(), CmvnPlacement.BEFORE_DELTAS);
        StreamingFeatureExtractor x = new StreamingFeatureExtractor(config, RATE);
        double perFrame = bytesPerFrame(x, tenSeconds());
        assertTrue(perFrame < MAX_BYTES_PER_FRAME, perFrame + " bytes per frame");
    }
}
