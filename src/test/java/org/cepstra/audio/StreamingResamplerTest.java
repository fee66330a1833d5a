package org.cepstra.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreamingResamplerTest {

    /** Collects what the resampler emits. */
    private static final class Collector implements SampleSink {
        final double rate;
        float[] got = new float[0];
        int finished;

        Collector(double rate) {
            this.rate = rate;
        }

        @Override
        public double sampleRateHz() {
            return rate;
        }

        @Override
        public void accept(float[] samples, int offset, int count) {
            int n = got.length;
            got = Arrays.copyOf(got, n + count);
            System.arraycopy(samples, offset, got, n, count);
        }

        @Override
        public void finish() {
            finished++;
        }
    }

    private static float[] noise(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 1.6 - 0.8);
        }
        return x;
    }

    @Test
    void equalsBatchResamplingBitForBitForAnyChunking() {
        int[][] pairs = {{16000, 8000}, {44100, 8000}, {8000, 16000}, {22050, 16000}, {48000, 44100}, {11025, 8000}};
        SplittableRandom r = new SplittableRandom(7);
        for (int[] p : pairs) {
            for (ResamplerConfig config : new ResamplerConfig[] {ResamplerConfig.kaldi(), ResamplerConfig.highQuality()}) {
                Resampler batch = new Resampler(config);
                float[] x = noise(3000 + r.nextInt(2000), r.nextLong());
                float[] expected = batch.resample(x, p[0], p[1]);
                for (int trial = 0; trial < 5; trial++) {
                    Collector out = new Collector(p[1]);
                    StreamingResampler s = new StreamingResampler(p[0], out, batch);
                    int pos = 0;
                    while (pos < x.length) {
                        int n = Math.min(trial == 0 ? 1 : r.nextInt(700), x.length - pos);
                        s.accept(x, pos, n);
                        pos += n;
                    }
                    s.finish();
                    s.finish(); // a second finish does nothing
                    assertArrayEquals(expected, out.got, p[0] + " -> " + p[1] + " trial " + trial);
                    assertEquals(1, out.finished);
                    assertEquals(x.length, s.samplesAccepted());
                }
            }
        }
    }

    @Test
    void outputsLeaveAsSoonAsTheirInputHasArrived() {
        // Kaldi's filter from 16 to 8 kHz reaches 6 / (2 × 0.99 × 4000) s = 0.76 ms = 13 input samples ahead.
        Collector out = new Collector(8000);
        StreamingResampler s = new StreamingResampler(16000, out, new Resampler());
        float[] x = noise(1600, 3);
        s.accept(x, 0, 1600);
        int lookAhead = (int) Math.floor(6 / (2 * 0.99 * 4000) * 16000);
        assertEquals(12, lookAhead);
        // output t needs input up to 2t + 12, so after 1600 samples outputs 0 .. 793 are out
        assertEquals((1600 - 1 - lookAhead) / 2 + 1, out.got.length);
        s.finish();
        assertEquals(800, out.got.length);
    }

    @Test
    void resetStartsANewRecordingAndAcceptAfterFinishIsRefused() {
        Collector out = new Collector(8000);
        StreamingResampler s = new StreamingResampler(16000, out, new Resampler());
        float[] x = noise(500, 9);
        s.accept(x, 0, x.length);
        s.finish();
        assertThrows(IllegalStateException.class, () -> s.accept(x, 0, 1));
        float[] first = out.got;
        out.got = new float[0];
        s.reset();
        s.accept(x, 0, x.length);
        s.finish();
        assertArrayEquals(first, out.got);
    }

    @Test
    void fractionalRatesAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StreamingResampler(8000.5, new Collector(16000), new Resampler()));
        assertTrue(e.getMessage().contains("8000.5"), e.getMessage());
    }
}
