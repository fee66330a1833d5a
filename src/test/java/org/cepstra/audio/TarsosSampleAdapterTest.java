package org.cepstra.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.io.TarsosDSPAudioFloatConverter;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TarsosDSP dispatchers feeding a {@link SampleSink} through {@link TarsosSampleAdapter}: every
 * sample exactly once, whatever the buffer size and overlap, padding of the first or last buffer,
 * and the same values as {@link WavReader}.
 */
class TarsosSampleAdapterTest {
    /** (buffer size, overlap) pairs, including a buffer longer than the recording. */
    private static final int[][] LAYOUTS = {
        {1024, 0}, {1024, 512}, {512, 384}, {100, 99}, {2048, 1000}, {7, 3}, {1, 0}, {333, 0}, {65536, 0},
        {65536, 4000},
    };

    @TempDir
    Path dir;

    /** Collects what it is given. */
    static final class RecordingSink implements SampleSink {
        private final double rate;
        float[] samples = new float[0];
        int length;
        int finishes;

        RecordingSink(double rate) {
            this.rate = rate;
        }

        @Override
        public double sampleRateHz() {
            return rate;
        }

        @Override
        public void accept(float[] x, int offset, int count) {
            if (finishes > 0) {
                fail("samples after finish");
            }
            if (length + count > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(length + count, 2 * samples.length));
            }
            System.arraycopy(x, offset, samples, length, count);
            length += count;
        }

        @Override
        public void finish() {
            finishes++;
        }

        float[] received() {
            return Arrays.copyOf(samples, length);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(TarsosSampleAdapterTest.class.getResource("/kaldi-mfcc/wavs/" + name + ".wav").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private enum Setup { ATTACH, PAD_LAST, PAD_FIRST_AND_LAST, PAD_FIRST_ONLY }

    /**
     * Whether TarsosDSP 2.4.1 itself delivers a recording of {@code n} samples intact. Not when the
     * whole recording fits in the first, unpadded-at-the-start buffer and there is an overlap: with
     * end padding the dispatcher converts only {@code size - overlap} of its samples; without, and
     * {@code n <= overlap}, its own assertion fails on the next read (assertions are on in tests).
     */
    private static boolean dispatcherCopes(Setup setup, int size, int overlap, int n) {
        boolean padFirst = setup == Setup.PAD_FIRST_AND_LAST || setup == Setup.PAD_FIRST_ONLY;
        boolean padLast = setup == Setup.PAD_LAST || setup == Setup.PAD_FIRST_AND_LAST;
        if (padFirst || overlap == 0) {
            return true;
        }
        return padLast ? n >= size : n > overlap;
    }

    /** Streams {@code file} through a dispatcher set up as {@code setup}; returns what the sink got. */
    private static float[] streamFile(Path file, int size, int overlap, Setup setup,
            TarsosSampleAdapter.Scaling scaling) throws Exception {
        AudioDispatcher d = AudioDispatcherFactory.fromFile(file.toFile(), size, overlap);
        RecordingSink sink = new RecordingSink(d.getFormat().getSampleRate());
        switch (setup) {
            case ATTACH -> TarsosSampleAdapter.attach(d, sink, scaling);
            case PAD_LAST -> d.addAudioProcessor(new TarsosSampleAdapter(sink, d.getFormat(), scaling));
            case PAD_FIRST_AND_LAST -> {
                d.setZeroPadFirstBuffer(true);
                d.addAudioProcessor(new TarsosSampleAdapter(sink, d.getFormat(), scaling));
            }
            case PAD_FIRST_ONLY -> {
                d.setZeroPadFirstBuffer(true);
                TarsosSampleAdapter.attach(d, sink, scaling);
            }
        }
        d.run();
        assertEquals(1, sink.finishes, "finish() once");
        return sink.received();
    }

    @Test
    void everySampleOnceForAnyBufferLayoutAndPadding() throws Exception {
        for (String name : new String[] {"0_george_0", "8_nicolas_31", "6_yweweler_3"}) {
            Path file = resource(name);
            float[] expected = new WavReader().read(file).samples();
            for (int[] layout : LAYOUTS) {
                for (Setup setup : Setup.values()) {
                    if (!dispatcherCopes(setup, layout[0], layout[1], expected.length)) {
                        continue;
                    }
                    float[] got = streamFile(file, layout[0], layout[1], setup, TarsosSampleAdapter.Scaling.WAV_READER);
                    assertBitIdentical(expected, got, name + " " + Arrays.toString(layout) + " " + setup);
                }
            }
        }
    }

    @Test
    void recordedSilenceAtTheEndIsKeptAndPaddingIsDropped() throws Exception {
        Random rnd = new Random(3);
        // Lengths that end mid-buffer (padding follows the zeros) and exactly on a buffer boundary.
        for (int zeros : new int[] {0, 1, 300, 1024, 2500}) {
            for (int body : new int[] {1000, 2048}) {
                float[] x = new float[body + zeros];
                for (int i = 0; i < body; i++) {
                    x[i] = Math.round(rnd.nextGaussian() * 3000) / 32768f;
                }
                x[body - 1] = 0.25f;
                Path file = dir.resolve("z" + zeros + "_" + body + ".wav");
                new WavWriter(SampleEncoding.PCM_SIGNED_16).write(file, Audio.of(x, 8000));
                for (int[] layout : new int[][] {{1024, 0}, {512, 256}, {300, 7}}) {
                    for (Setup setup : new Setup[] {Setup.PAD_LAST, Setup.ATTACH, Setup.PAD_FIRST_AND_LAST}) {
                        float[] got = streamFile(file, layout[0], layout[1], setup,
                                TarsosSampleAdapter.Scaling.WAV_READER);
                        assertBitIdentical(x, got,
                                zeros + " zeros after " + body + ", " + Arrays.toString(layout) + " " + setup);
                    }
                }
            }
        }
        float[] silence = new float[5000];
        Path file = dir.resolve("silence.wav");
        new WavWriter(SampleEncoding.PCM_SIGNED_16).write(file, Audio.of(silence, 8000));
        assertBitIdentical(silence, streamFile(file, 1024, 512, Setup.PAD_LAST, TarsosSampleAdapter.Scaling.WAV_READER),
                "all silence");
    }

    @Test
    void eightBitUnsignedFilesGiveTheWavReaderValues() throws Exception {
        Random rnd = new Random(5);
        float[] x = new float[3000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (rnd.nextInt(256) - 128) / 128f;
        }
        x[x.length - 1] = -1.0f; // byte 0: the value TarsosDSP pads unsigned buffers with
        x[x.length - 2] = -1.0f;
        Path file = dir.resolve("u8.wav");
        new WavWriter(SampleEncoding.PCM_UNSIGNED_8).write(file, Audio.of(x, 8000));
        float[] expected = new WavReader().read(file).samples();
        assertBitIdentical(x, expected, "8-bit round trip");
        for (Setup setup : new Setup[] {Setup.ATTACH, Setup.PAD_LAST}) {
            assertBitIdentical(expected, streamFile(file, 1024, 100, setup, TarsosSampleAdapter.Scaling.WAV_READER),
                    "u8 " + setup);
        }
        float[] asDelivered = streamFile(file, 1024, 100, Setup.ATTACH, TarsosSampleAdapter.Scaling.AS_DELIVERED);
        for (int i = 0; i < x.length; i++) {
            int u = Math.round(x[i] * 128) + 128;
            assertEquals((u - 127) * (1.0f / 127.0f), asDelivered[i], 0.0f, "TarsosDSP's own value, sample " + i);
        }
    }

    @Test
    void asDeliveredKeepsTarsosValuesAndWavReaderScalingDiffersByTheirRatio() throws Exception {
        Path file = resource("1_jackson_1");
        float[] ours = new WavReader().read(file).samples();
        float[] tarsos = streamFile(file, 1024, 512, Setup.ATTACH, TarsosSampleAdapter.Scaling.AS_DELIVERED);
        assertEquals(ours.length, tarsos.length);
        for (int i = 0; i < ours.length; i++) {
            int v = Math.round(ours[i] * 32768);
            assertEquals(v * (1.0f / 32767.0f), tarsos[i], 0.0f, "sample " + i);
        }
    }

    @Test
    void floatArrayDispatcherDeliversTheTarsosRoundTrip() throws Exception {
        float[] x = new WavReader().read(resource("2_nicolas_2")).samples();
        // What TarsosDSP makes of the floats: 16-bit bytes ((int) (x * 32767)), read back as / 32767.
        TarsosDSPAudioFormat format = new TarsosDSPAudioFormat(8000, 16, 1, true, false);
        TarsosDSPAudioFloatConverter converter = TarsosDSPAudioFloatConverter.getConverter(format);
        byte[] bytes = converter.toByteArray(x, new byte[2 * x.length]);
        float[] expected = converter.toFloatArray(bytes, new float[x.length]);
        for (int[] layout : LAYOUTS) {
            if (!dispatcherCopes(Setup.ATTACH, layout[0], layout[1], x.length)) {
                continue;
            }
            AudioDispatcher d = AudioDispatcherFactory.fromFloatArray(x, 8000, layout[0], layout[1]);
            RecordingSink sink = new RecordingSink(8000);
            TarsosSampleAdapter.attach(d, sink, TarsosSampleAdapter.Scaling.AS_DELIVERED);
            d.run();
            assertBitIdentical(expected, sink.received(), "float array " + Arrays.toString(layout));
        }
    }

    @Test
    void rejectsStereoAndAnotherRate() throws Exception {
        RecordingSink sink = new RecordingSink(16000);
        TarsosDSPAudioFormat stereo = new TarsosDSPAudioFormat(16000, 16, 2, true, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TarsosSampleAdapter(sink, stereo, TarsosSampleAdapter.Scaling.WAV_READER));
        assertTrue(e.getMessage().contains("2 channels"), e.getMessage());
        AudioDispatcher d = AudioDispatcherFactory.fromFile(new File(resource("0_george_0").toString()), 512, 0);
        e = assertThrows(IllegalArgumentException.class, () -> TarsosSampleAdapter.attach(d, sink));
        assertTrue(e.getMessage().contains("8000.0 Hz") && e.getMessage().contains("16000.0 Hz"), e.getMessage());
        assertThrows(NullPointerException.class, () -> TarsosSampleAdapter.attach(null, sink));
        assertThrows(NullPointerException.class,
                () -> new TarsosSampleAdapter(null, stereo, TarsosSampleAdapter.Scaling.AS_DELIVERED));
    }

    @Test
    void finishesOnceAndRefusesBuffersAfterwards() throws Exception {
        AudioDispatcher d = AudioDispatcherFactory.fromFile(resource("0_george_0").toFile(), 512, 0);
        RecordingSink sink = new RecordingSink(8000);
        TarsosSampleAdapter adapter = TarsosSampleAdapter.attach(d, sink);
        d.run();
        d.removeAudioProcessor(adapter); // calls processingFinished() a second time
        assertEquals(1, sink.finishes);
        assertEquals(sink.length, adapter.samplesForwarded());
        be.tarsos.dsp.AudioEvent event = new be.tarsos.dsp.AudioEvent(d.getFormat());
        event.setFloatBuffer(new float[4]);
        assertThrows(IllegalStateException.class, () -> adapter.process(event));
    }

    private static void assertBitIdentical(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": number of samples");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(what + ": sample " + i + " expected " + expected[i] + " got " + actual[i]);
            }
        }
    }
}
