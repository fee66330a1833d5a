package org.cepstra.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every WAV layout written by {@link WavWriter} reads back within its quantisation error. */
class WavRoundTripTest {
    private static final int RATE = 16000;

    @TempDir
    Path dir;

    static Stream<Arguments> layouts() {
        List<Arguments> all = new ArrayList<>();
        for (SampleEncoding e : SampleEncoding.values()) {
            all.add(Arguments.of(e, false));
            all.add(Arguments.of(e, true));
        }
        return all.stream();
    }

    /** A test signal in (-0.95, 0.95): two tones plus a slow ramp, covering small and large values. */
    static float[] signal(int n, int seed) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i / (double) RATE;
            x[i] = (float) (0.6 * Math.sin(2 * Math.PI * (440 + 37 * seed) * t)
                    + 0.3 * Math.sin(2 * Math.PI * 3001 * t + seed) * (i / (double) n)
                    + 0.04 * ((i * 7 + seed) % 11 - 5) / 5.0);
        }
        return x;
    }

    @ParameterizedTest(name = "{0} extensible={1}")
    @MethodSource("layouts")
    void monoRoundTripWithinQuantisationError(SampleEncoding encoding, boolean extensible) throws IOException {
        float[] x = signal(1001, 0);
        Path file = dir.resolve("mono.wav");
        new WavWriter(encoding, extensible).write(file, Audio.of(x, RATE));

        WavFormat format = new WavReader().readFormat(file);
        assertEquals(new WavFormat(encoding.formatCode(), encoding, 1, RATE, encoding.bitsPerSample(),
                encoding.bytesPerSample(), 1001), format);
        long expectedSize = headerLength(encoding, extensible) + 1001L * encoding.bytesPerSample()
                + (1001L * encoding.bytesPerSample() & 1);
        assertEquals(expectedSize, Files.size(file));

        Audio audio = new WavReader().read(file);
        assertEquals(RATE, audio.sampleRateHz());
        assertEquals(1001, audio.length());
        for (int i = 0; i < x.length; i++) {
            assertWithinQuantisation(encoding, x[i], audio.sample(i), i);
        }
    }

    @ParameterizedTest(name = "{0} extensible={1}")
    @MethodSource("layouts")
    void multiChannelAverageAndPick(SampleEncoding encoding, boolean extensible) throws IOException {
        int channels = 3;
        int n = 500;
        float[][] ch = new float[channels][];
        for (int k = 0; k < channels; k++) {
            ch[k] = signal(n, k + 1);
        }
        Path file = dir.resolve("three.wav");
        new WavWriter(encoding, extensible).write(file, ch, RATE);
        assertEquals(3, new WavReader().readFormat(file).channels());
        assertEquals(3 * encoding.bytesPerSample(), new WavReader().readFormat(file).blockAlign());

        float[][] picked = new float[channels][];
        for (int k = 0; k < channels; k++) {
            picked[k] = new WavReader(ChannelSelection.channel(k)).read(file).samples();
            for (int i = 0; i < n; i++) {
                assertWithinQuantisation(encoding, ch[k][i], picked[k][i], i);
            }
        }
        float[] mean = new WavReader(ChannelSelection.average()).read(file).samples();
        for (int i = 0; i < n; i++) {
            double expected = (picked[0][i] + (double) picked[1][i] + picked[2][i]) / 3;
            assertEquals(expected, mean[i], 1e-7, "frame " + i);
        }
    }

    @Test
    void interleavedAndPerChannelWritersProduceTheSameFile() throws IOException {
        float[] left = signal(300, 1);
        float[] right = signal(300, 2);
        float[] interleaved = new float[600];
        for (int i = 0; i < 300; i++) {
            interleaved[2 * i] = left[i];
            interleaved[2 * i + 1] = right[i];
        }
        WavWriter writer = new WavWriter(SampleEncoding.PCM_SIGNED_24, true);
        Path a = dir.resolve("a.wav");
        Path b = dir.resolve("b.wav");
        writer.writeInterleaved(a, interleaved, 2, RATE);
        writer.write(b, new float[][] {left, right}, RATE);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertArrayEquals(Files.readAllBytes(a), writer.toBytes(interleaved, 2, RATE));
    }

    @Test
    void stereoLeftRightAndMeanOfExactValues() throws IOException {
        // 16-bit values chosen so that every expected float is exact.
        Path file = WavBytes.write(dir, "lr.wav", WavBytes.riff(WavBytes.fmt(1, 2, 8000, 4, 16),
                WavBytes.chunk("data", WavBytes.pcm16(1000, -3000, -32768, 32767, 5, 6))));
        assertArrayEquals(new float[] {1000 / 32768f, -32768 / 32768f, 5 / 32768f},
                new WavReader(ChannelSelection.channel(0)).read(file).samples());
        assertArrayEquals(new float[] {-3000 / 32768f, 32767 / 32768f, 6 / 32768f},
                new WavReader(ChannelSelection.channel(1)).read(file).samples());
        assertArrayEquals(new float[] {-1000 / 32768f, -0.5f / 32768f, 5.5f / 32768f},
                new WavReader().read(file).samples());
    }

    @Test
    void integerEncodingsClipAtFullScaleAndFloatKeepsLargeValues() throws IOException {
        float[] x = {1.5f, -1.5f, 1.0f, -1.0f};
        Path f16 = dir.resolve("clip16.wav");
        new WavWriter(SampleEncoding.PCM_SIGNED_16).write(f16, Audio.of(x, RATE));
        assertArrayEquals(new float[] {32767 / 32768f, -1f, 32767 / 32768f, -1f},
                new WavReader().read(f16).samples());
        Path fu8 = dir.resolve("clip8.wav");
        new WavWriter(SampleEncoding.PCM_UNSIGNED_8).write(fu8, Audio.of(x, RATE));
        assertArrayEquals(new float[] {127 / 128f, -1f, 127 / 128f, -1f}, new WavReader().read(fu8).samples());
        Path ff = dir.resolve("float.wav");
        new WavWriter(SampleEncoding.FLOAT_32).write(ff, Audio.of(x, RATE));
        assertArrayEquals(x, new WavReader().read(ff).samples());
    }

    @ParameterizedTest
    @EnumSource(SampleEncoding.class)
    void oddDataSizeGetsAPadByteAndChunksAfterItAreIgnored(SampleEncoding encoding) throws IOException {
        float[] x = signal(7, 3);
        byte[] wav = new WavWriter(encoding).toBytes(x, 1, RATE);
        int dataBytes = 7 * encoding.bytesPerSample();
        assertEquals(headerLength(encoding, false) + dataBytes + (dataBytes & 1), wav.length);
        byte[] withTrailer = WavBytes.concat(wav, WavBytes.chunk("LIST", WavBytes.ascii("INFOISFT")));
        Path file = WavBytes.write(dir, "odd.wav", withTrailer);
        float[] y = new WavReader().read(file).samples();
        assertEquals(7, y.length);
        for (int i = 0; i < 7; i++) {
            assertWithinQuantisation(encoding, x[i], y[i], i);
        }
    }

    private static int headerLength(SampleEncoding encoding, boolean extensible) {
        if (extensible) {
            return 12 + 48 + 12 + 8;
        }
        return encoding.formatCode() == WavFormat.PCM ? 44 : 12 + 26 + 12 + 8;
    }

    /** Checks one decoded sample against the original float, for the encoding's step size. */
    static void assertWithinQuantisation(SampleEncoding encoding, float original, float decoded, int index) {
        switch (encoding) {
            case PCM_UNSIGNED_8 -> assertEquals(original, decoded, 0.5 / 128 + 1e-7, "sample " + index);
            case PCM_SIGNED_16 -> assertEquals(original, decoded, 0.5 / 32768 + 1e-9, "sample " + index);
            case PCM_SIGNED_24 -> assertEquals(original, decoded, 0.5 / 8388608 + 1e-12, "sample " + index);
            case PCM_SIGNED_32 -> assertEquals(original, decoded, 0.5 / 2147483648.0 + Math.ulp(original),
                    "sample " + index);
            case FLOAT_32, FLOAT_64 -> assertEquals(original, decoded, 0.0, "sample " + index);
            case ALAW, MULAW -> {
                // The decoded value must be one of the two companded levels enclosing the original
                // (the codec's step size at that amplitude).
                short[] table = encoding == SampleEncoding.ALAW ? G711.alawTable() : G711.mulawTable();
                TreeSet<Integer> levels = new TreeSet<>();
                for (short v : table) {
                    levels.add((int) v);
                }
                double scaled = Math.round(original * 32768.0);
                Integer below = levels.floor((int) Math.floor(scaled));
                Integer above = levels.ceiling((int) Math.ceil(scaled));
                int got = Math.round(decoded * 32768f);
                assertEquals(decoded * 32768.0, got, 0.0, "decoded value is a 16-bit level");
                assertTrue((below != null && got == below) || (above != null && got == above),
                        "sample " + index + ": " + original * 32768 + " decoded to " + got + ", levels " + below
                                + " / " + above);
            }
            default -> throw new AssertionError(encoding);
        }
    }
}
