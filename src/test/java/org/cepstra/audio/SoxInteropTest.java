package org.cepstra.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Files written by sox 14.4 (no dither, {@code -D}) from the first 256 samples of FSDD
 * 0_george_0.wav; see src/test/resources/audio/README.md for the commands.
 */
class SoxInteropTest {
    private static float[] george() throws IOException {
        Audio a = new WavReader().read(FsddRecordingTest.resource("0_george_0.wav"));
        float[] x = new float[256];
        a.copySamples(0, 256, x, 0);
        return x;
    }

    @Test
    void aLaw() throws IOException {
        WavFormat f = new WavReader().readFormat(FsddRecordingTest.resource("sox_alaw.wav"));
        assertEquals(new WavFormat(6, SampleEncoding.ALAW, 1, 8000, 8, 1, 256), f);
        float[] y = new WavReader().read(FsddRecordingTest.resource("sox_alaw.wav")).samples();
        // Python audioop.alaw2lin on the same bytes: [:6] and [100:104]
        assertSamples(y, 0, -1504, -944, -592, 168, 1056, 1696);
        assertSamples(y, 100, -1568, -2016, -1504, -1568);
        float[] x = george();
        for (int i = 0; i < 256; i++) {
            WavRoundTripTest.assertWithinQuantisation(SampleEncoding.ALAW, x[i], y[i], i);
        }
    }

    @Test
    void muLaw() throws IOException {
        float[] y = new WavReader().read(FsddRecordingTest.resource("sox_ulaw.wav")).samples();
        assertEquals(SampleEncoding.MULAW, new WavReader().readFormat(FsddRecordingTest.resource("sox_ulaw.wav"))
                .encoding());
        // Python audioop.ulaw2lin on the same bytes: [:6] and [100:104]
        assertSamples(y, 0, -1500, -988, -620, 164, 1052, 1692);
        assertSamples(y, 100, -1564, -2108, -1564, -1628);
        float[] x = george();
        for (int i = 0; i < 256; i++) {
            WavRoundTripTest.assertWithinQuantisation(SampleEncoding.MULAW, x[i], y[i], i);
        }
    }

    @Test
    void unsignedEightBit() throws IOException {
        float[] y = new WavReader().read(FsddRecordingTest.resource("sox_u8.wav")).samples();
        // bytes [:6] = 122 124 126 129 132 135 and [100:104] = 122 120 122 122 (hexdump), minus 128
        float[] expected = {-6, -4, -2, 1, 4, 7};
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i] / 128f, y[i], 0f);
        }
        float[] expected100 = {-6, -8, -6, -6};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected100[i] / 128f, y[100 + i], 0f);
        }
        float[] x = george();
        for (int i = 0; i < 256; i++) {
            WavRoundTripTest.assertWithinQuantisation(SampleEncoding.PCM_UNSIGNED_8, x[i], y[i], i);
        }
    }

    @Test
    void extensibleStereo24Bit() throws IOException {
        // sox -D 0_george_0.wav -c 2 -b 24 out.wav remix 1 1v-0.5: left = x, right = -x/2 (exact in 24 bits).
        var file = FsddRecordingTest.resource("sox_s24_stereo_ext.wav");
        assertEquals(new WavFormat(1, SampleEncoding.PCM_SIGNED_24, 2, 8000, 24, 6, 256),
                new WavReader().readFormat(file));
        float[] left = new WavReader(ChannelSelection.channel(0)).read(file).samples();
        float[] right = new WavReader(ChannelSelection.channel(1)).read(file).samples();
        float[] mean = new WavReader().read(file).samples();
        float[] x = george();
        for (int i = 0; i < 256; i++) {
            assertEquals(x[i], left[i], 0f);
            assertEquals(-0.5f * x[i], right[i], 0f);
            assertEquals(0.25f * x[i], mean[i], 0f);
        }
    }

    @Test
    void float32() throws IOException {
        var file = FsddRecordingTest.resource("sox_f32.wav");
        assertEquals(new WavFormat(3, SampleEncoding.FLOAT_32, 1, 8000, 32, 4, 256), new WavReader().readFormat(file));
        float[] y = new WavReader().read(file).samples();
        float[] x = george();
        for (int i = 0; i < 256; i++) {
            assertEquals(x[i], y[i], 0f);
        }
    }

    private static void assertSamples(float[] y, int from, int... int16) {
        for (int i = 0; i < int16.length; i++) {
            assertEquals(int16[i] / 32768f, y[from + i], 0f, "sample " + (from + i));
        }
    }
}
