package org.cepstra.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chunk-by-chunk reading and writing. */
class WavStreamTest {
    @TempDir
    Path dir;

    /** Reads a stream of at most {@code capacity} samples {@code chunk} samples at a time. */
    private static float[] readInChunks(WavStream stream, int chunk, int capacity) throws IOException {
        float[] all = new float[capacity];
        float[] buf = new float[chunk + 3];
        int length = 0;
        int n;
        while ((n = stream.read(buf, 3, chunk)) >= 0) {
            System.arraycopy(buf, 3, all, length, n);
            length += n;
        }
        assertEquals(-1, stream.read(buf, 0, chunk), "stays at end");
        assertEquals(length, stream.samplesRead());
        return Arrays.copyOf(all, length);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096, 40000, 200000})
    void chunkedReadEqualsWholeRead(int chunk) throws IOException {
        float[][] ch = {WavRoundTripTest.signal(100_003, 1), WavRoundTripTest.signal(100_003, 2)};
        Path file = dir.resolve("stereo24.wav");
        new WavWriter(SampleEncoding.PCM_SIGNED_24).write(file, ch, 16000);
        for (ChannelSelection sel : new ChannelSelection[] {ChannelSelection.average(), ChannelSelection.channel(1)}) {
            WavReader reader = new WavReader(sel);
            float[] whole = reader.read(file).samples();
            assertEquals(100_003, whole.length);
            try (WavStream stream = reader.open(file)) {
                assertEquals(100_003, stream.format().frameCount());
                assertArrayEquals(whole, readInChunks(stream, chunk, 100_003));
            }
            try (WavStream stream = reader.open(Files.newInputStream(file), "pipe")) {
                assertArrayEquals(whole, readInChunks(stream, chunk, 100_003));
            }
        }
    }

    @Test
    void readZeroSamplesIsZero() throws IOException {
        Path file = WavBytes.write(dir, "m.wav", WavBytes.mono16(5, 6, 7));
        try (WavStream stream = new WavReader().open(file)) {
            assertEquals(0, stream.read(new float[4], 2, 0));
            float[] buf = new float[4];
            assertEquals(3, stream.read(buf, 1, 3));
            assertArrayEquals(new float[] {0, 5 / 32768f, 6 / 32768f, 7 / 32768f}, buf);
            assertEquals(-1, stream.read(buf, 0, 4));
            assertThrows(IndexOutOfBoundsException.class, () -> stream.read(buf, 2, 3));
        }
    }

    @Test
    void streamWrittenToAPipeHasUnknownSizesAndReadsBack() throws IOException {
        float[] x = WavRoundTripTest.signal(10_001, 4);
        ByteArrayOutputStream pipe = new ByteArrayOutputStream();
        try (WavOutput out = new WavWriter(SampleEncoding.PCM_SIGNED_16).open(pipe, 1, 16000)) {
            out.writeInterleaved(x, 0, 5000);
            out.writeInterleaved(x, 5000, 5001);
            assertEquals(10_001, out.framesWritten());
        }
        byte[] bytes = pipe.toByteArray();
        assertEquals(44 + 2 * 10_001, bytes.length, "no pad byte and no header patching on a stream");
        assertEquals(0xFFFFFFFFL, WavHeaderParser.u32(bytes, 4), "RIFF size");
        assertEquals(0xFFFFFFFFL, WavHeaderParser.u32(bytes, 40), "data size");
        Audio audio = new WavReader().read(new ByteArrayInputStream(bytes), "pipe");
        assertEquals(10_001, audio.length());
        for (int i = 0; i < x.length; i++) {
            WavRoundTripTest.assertWithinQuantisation(SampleEncoding.PCM_SIGNED_16, x[i], audio.sample(i), i);
        }
    }

    @Test
    void readFromAStreamLeavesItOpen() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(WavBytes.mono16(1, 2, 3)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertEquals(3, new WavReader().read(in, "s").length());
        assertEquals(false, closed[0]);
    }

    /**
     * One hour of 8 kHz 16-bit mono (28.8 million samples, 57.6 MB) written and read back chunk
     * by chunk, never whole. The signal is exact 16-bit values, so every sample is checked.
     */
    @Test
    void oneHourFileStreamedBothWays() throws IOException {
        int rate = 8000;
        long total = 3600L * rate;
        int chunk = 8000;
        Path file = dir.resolve("hour.wav");
        float[] buf = new float[chunk];
        try (WavOutput out = new WavWriter(SampleEncoding.PCM_SIGNED_16).open(file, 1, rate)) {
            for (long start = 0; start < total; start += chunk) {
                for (int i = 0; i < chunk; i++) {
                    buf[i] = hourSample(start + i);
                }
                out.writeInterleaved(buf, 0, chunk);
            }
        }
        assertEquals(44 + 2 * total, Files.size(file));
        WavFormat format = new WavReader().readFormat(file);
        assertEquals(total, format.frameCount());
        assertEquals(3600.0, format.durationSeconds(), 0.0);

        long seen = 0;
        long mismatches = 0;
        try (WavStream stream = new WavReader().open(file)) {
            float[] in = new float[65_537];
            int n;
            while ((n = stream.read(in, 0, in.length)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (in[i] != hourSample(seen + i)) {
                        mismatches++;
                    }
                }
                seen += n;
            }
        }
        assertEquals(total, seen);
        assertEquals(0, mismatches);
    }

    /** An exact 16-bit value for sample {@code i}: a pseudo-random walk over the full range. */
    private static float hourSample(long i) {
        long v = (i * 2654435761L + (i >> 13)) & 0xFFFF;
        return (v - 32768) / 32768f;
    }

    @Test
    void writerRejectsNonFiniteSamplesAndBadShapes() throws IOException {
        WavWriter w = new WavWriter(SampleEncoding.FLOAT_32);
        Path file = dir.resolve("x.wav");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.writeInterleaved(file, new float[] {0f, 0f, 0f, Float.NaN}, 2, 8000));
        assertEquals("sample 3 is NaN; only finite samples can be written", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.writeInterleaved(file, new float[3], 2, 8000));
        assertThrows(IllegalArgumentException.class, () -> w.write(file, new float[][] {new float[2], new float[3]}, 8000));
        assertThrows(IllegalArgumentException.class, () -> w.write(file, Audio.of(new float[2], 8000.5)));
        assertThrows(IllegalArgumentException.class, () -> w.writeInterleaved(file, new float[2], 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new WavWriter(SampleEncoding.FLOAT_64).open(file, 8192, 8000));
    }
}
