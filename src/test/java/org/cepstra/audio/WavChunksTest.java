package org.cepstra.audio;

import static org.cepstra.audio.WavBytes.ascii;
import static org.cepstra.audio.WavBytes.chunk;
import static org.cepstra.audio.WavBytes.chunkDeclaring;
import static org.cepstra.audio.WavBytes.concat;
import static org.cepstra.audio.WavBytes.fmt;
import static org.cepstra.audio.WavBytes.pcm16;
import static org.cepstra.audio.WavBytes.riff;
import static org.cepstra.audio.WavBytes.riffWithSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunk layouts: unknown chunks, padding, and data chunks of unknown size. */
class WavChunksTest {
    private static final int[] VALUES = {0, 1, -1, 16384, -16384, 32767, -32768, 12345};
    private static final float[] EXPECTED = new float[VALUES.length];

    static {
        for (int i = 0; i < VALUES.length; i++) {
            EXPECTED[i] = VALUES[i] / 32768f;
        }
    }

    @TempDir
    Path dir;

    private float[] readBoth(String name, byte[] wav) throws IOException {
        Path file = WavBytes.write(dir, name, wav);
        float[] fromFile = new WavReader().read(file).samples();
        float[] fromStream = new WavReader().read(new ByteArrayInputStream(wav), name).samples();
        assertArrayEquals(fromFile, fromStream, "file and stream reading agree");
        return fromFile;
    }

    @Test
    void listChunkBeforeFmt() throws IOException {
        byte[] wav = riff(chunk("LIST", concat(ascii("INFO"), chunk("INAM", ascii("Test\0")))),
                fmt(1, 1, 8000, 2, 16), chunk("data", pcm16(VALUES)));
        assertArrayEquals(EXPECTED, readBoth("list-first.wav", wav));
    }

    @Test
    void unknownChunksBetweenFmtAndDataIncludingOddSizes() throws IOException {
        byte[] odd = chunk("junk", ascii("abc"));
        assertEquals(8 + 3 + 1, odd.length, "odd chunk is padded");
        byte[] wav = riff(fmt(1, 1, 8000, 2, 16), odd, chunk("fact", WavBytes.le32(VALUES.length)),
                chunk("bext", new byte[257]), chunk("cue ", new byte[4]), chunk("data", pcm16(VALUES)));
        assertArrayEquals(EXPECTED, readBoth("odd.wav", wav));
    }

    @Test
    void chunksLargerThanTheHeaderBufferBeforeFmtAndData() throws IOException {
        // 10 kB of metadata before fmt and 5 kB between fmt and data: the header is read past both
        byte[] wav = riff(chunk("LIST", concat(ascii("INFO"), new byte[10_000])), fmt(1, 1, 8000, 2, 16),
                chunk("bext", new byte[5_001]), chunk("data", pcm16(VALUES)));
        assertArrayEquals(EXPECTED, readBoth("big-chunks.wav", wav));
        WavFormat format = new WavReader().readFormat(dir.resolve("big-chunks.wav"));
        assertEquals(VALUES.length, format.frameCount());
        assertEquals(8000, format.sampleRateHz());
        assertEquals(1, format.channels());
        // the header's checks apply as for reading: a channel the file does not have
        AudioFileException e = assertThrows(AudioFileException.class,
                () -> new WavReader(ChannelSelection.channel(1)).readFormat(dir.resolve("big-chunks.wav")));
        assertTrue(e.getMessage().contains("channel 1 (0-based) was requested but the file has 1 channel"),
                e.getMessage());
    }

    @Test
    void fmtChunkLongerThanNeededIsSkipped() throws IOException {
        // A PCM fmt chunk of 18 bytes (cbSize = 0) plus 3 more bytes (odd size, padded).
        byte[] body = concat(WavBytes.fmtBody(1, 1, 8000, 2, 16), WavBytes.le16(0), new byte[] {9, 9, 9});
        byte[] wav = riff(chunk("fmt ", body), chunk("data", pcm16(VALUES)));
        assertArrayEquals(EXPECTED, readBoth("longfmt.wav", wav));
    }

    @Test
    void chunksAfterDataAreIgnored() throws IOException {
        byte[] wav = riff(fmt(1, 1, 8000, 2, 16), chunk("data", pcm16(VALUES)),
                chunk("LIST", concat(ascii("INFO"), new byte[11])), chunk("id3 ", new byte[30]));
        assertArrayEquals(EXPECTED, readBoth("after.wav", wav));
    }

    @Test
    void dataSizeZeroIsReadToTheEnd() throws IOException {
        byte[] wav = riffWithSize(0, fmt(1, 1, 8000, 2, 16), chunkDeclaring("data", 0, pcm16(VALUES)));
        assertArrayEquals(EXPECTED, readBoth("zero.wav", wav));
        WavFormat format = new WavReader().readFormat(dir.resolve("zero.wav"));
        assertEquals(-1, format.frameCount());
        assertFalse(format.hasKnownLength());
    }

    @Test
    void dataSizeAllOnesIsReadToTheEnd() throws IOException {
        byte[] wav = riffWithSize(0xFFFFFFFFL, fmt(1, 1, 8000, 2, 16),
                chunkDeclaring("data", 0xFFFFFFFFL, pcm16(VALUES)));
        assertArrayEquals(EXPECTED, readBoth("ffff.wav", wav));
        assertEquals(-1, new WavReader().readFormat(dir.resolve("ffff.wav")).frameCount());
    }

    @Test
    void wrongRiffSizeIsNotRelied() throws IOException {
        byte[] wav = riffWithSize(12, fmt(1, 1, 8000, 2, 16), chunk("data", pcm16(VALUES)));
        assertArrayEquals(EXPECTED, readBoth("riffsize.wav", wav));
    }

    @Test
    void extensibleHeadersOfEachSubFormat() throws IOException {
        byte[] pcm = riff(WavBytes.fmtExtensible(1, 8000, 2, 16, 16, WavBytes.guidOf(1)), chunk("data", pcm16(VALUES)));
        assertArrayEquals(EXPECTED, readBoth("ext-pcm.wav", pcm));
        assertEquals(1, new WavReader().readFormat(dir.resolve("ext-pcm.wav")).formatCode());

        float[] f = {0.25f, -2.5f, 1e-20f};
        byte[] flt = riff(WavBytes.fmtExtensible(1, 8000, 4, 32, 32, WavBytes.guidOf(3)),
                chunk("fact", WavBytes.le32(3)), chunk("data", WavBytes.float32(f)));
        assertArrayEquals(f, readBoth("ext-float.wav", flt));
        assertEquals(SampleEncoding.FLOAT_32, new WavReader().readFormat(dir.resolve("ext-float.wav")).encoding());

        byte[] alaw = riff(WavBytes.fmtExtensible(1, 8000, 1, 8, 8, WavBytes.guidOf(6)),
                chunk("data", new byte[] {(byte) 0xD5, 0x55, (byte) 0xAA, 0x2A}));
        assertArrayEquals(new float[] {8 / 32768f, -8 / 32768f, 32256 / 32768f, -32256 / 32768f},
                readBoth("ext-alaw.wav", alaw));

        byte[] mulaw = riff(WavBytes.fmtExtensible(1, 8000, 1, 8, 8, WavBytes.guidOf(7)),
                chunk("data", new byte[] {(byte) 0xFF, 0x7F, 0x00, (byte) 0x80}));
        assertArrayEquals(new float[] {0f, 0f, -32124 / 32768f, 32124 / 32768f}, readBoth("ext-mulaw.wav", mulaw));
    }

    @Test
    void extensible24BitSamplesInA32BitContainer() throws IOException {
        // 24 valid bits, left-justified in 32-bit containers: decoded as 32-bit values.
        int[] v24 = {8388607, -8388608, 1, -1};
        byte[] data = new byte[16];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(WavBytes.le32((long) v24[i] << 8), 0, data, 4 * i, 4);
        }
        byte[] wav = riff(WavBytes.fmtExtensible(1, 48000, 4, 32, 24, WavBytes.guidOf(1)), chunk("data", data));
        assertArrayEquals(new float[] {8388607 / 8388608f, -1f, 1 / 8388608f, -1 / 8388608f},
                readBoth("ext-24in32.wav", wav));
    }

    @Test
    void twelveBitPcmInSixteenBitContainers() throws IOException {
        byte[] wav = riff(fmt(1, 1, 8000, 2, 12), chunk("data", pcm16(0x7FF0, -0x8000, 0x0010)));
        assertArrayEquals(new float[] {0x7FF0 / 32768f, -1f, 16 / 32768f}, readBoth("pcm12.wav", wav));
        assertEquals(12, new WavReader().readFormat(dir.resolve("pcm12.wav")).bitsPerSample());
    }

    @Test
    void unsignedEightBitAndFloat64Decoding() throws IOException {
        byte[] u8 = riff(fmt(1, 1, 8000, 1, 8), chunk("data", new byte[] {(byte) 128, 0, (byte) 255, 64, (byte) 192}));
        assertArrayEquals(new float[] {0f, -1f, 127 / 128f, -0.5f, 0.5f}, readBoth("u8.wav", u8));

        double[] d = {0.1, -0.75, 3.0};
        byte[] f64 = riff(chunk("fmt ", concat(WavBytes.fmtBody(3, 1, 8000, 8, 64), WavBytes.le16(0))),
                chunk("data", WavBytes.float64(d)));
        assertArrayEquals(new float[] {0.1f, -0.75f, 3.0f}, readBoth("f64.wav", f64));
    }
}
