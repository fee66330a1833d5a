package org.cepstra.audio;

import static org.cepstra.audio.WavBytes.ascii;
import static org.cepstra.audio.WavBytes.chunk;
import static org.cepstra.audio.WavBytes.chunkDeclaring;
import static org.cepstra.audio.WavBytes.concat;
import static org.cepstra.audio.WavBytes.fmt;
import static org.cepstra.audio.WavBytes.fmtExtensible;
import static org.cepstra.audio.WavBytes.pcm16;
import static org.cepstra.audio.WavBytes.riff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a WAV file can be bad gives a typed exception naming the file and the problem. */
class WavErrorsTest {
    @TempDir
    Path dir;

    /** Reads {@code bytes} as file {@code name}, expecting {@code type} whose message has all {@code words}. */
    private <T extends AudioFileException> T fails(Class<T> type, String name, byte[] bytes, String... words)
            throws IOException {
        return fails(type, new WavReader(), name, bytes, words);
    }

    private <T extends AudioFileException> T fails(Class<T> type, WavReader reader, String name, byte[] bytes,
                                                  String... words) throws IOException {
        Path file = WavBytes.write(dir, name, bytes);
        T e = assertThrows(type, () -> reader.read(file));
        assertEquals(type, e.getClass());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertEquals(file, e.file());
        assertEquals(file.toString(), e.sourceName());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' missing from: " + e.getMessage());
        }
        // The same bytes from a stream fail with the same exception type and the source name.
        T s = assertThrows(type, () -> reader.read(new ByteArrayInputStream(bytes), "stream:" + name));
        assertTrue(s.getMessage().startsWith("stream:" + name + ": "), s.getMessage());
        assertNull(s.file());
        return e;
    }

    private static byte[] mono16Fmt() {
        return fmt(1, 1, 8000, 2, 16);
    }

    @Test
    void notRiffWave() throws IOException {
        fails(UnsupportedWavException.class, "song.mp3.wav", concat(ascii("ID3"), new byte[] {3, 0, 0, 0, 0, 0, 0, 0}),
                "not a RIFF/WAVE file", "starts with 'ID3\\x03'");
        fails(UnsupportedWavException.class, "movie.wav", concat(ascii("RIFF"), WavBytes.le32(4), ascii("AVI ")),
                "not a RIFF/WAVE file", "'AVI '");
        fails(UnsupportedWavException.class, "tiny.wav", ascii("OK"), "not a RIFF/WAVE file", "'OK'");
        fails(UnsupportedWavException.class, "rifx.wav", concat(ascii("RIFX"), new byte[8]), "RIFX");
        fails(UnsupportedWavException.class, "rf64.wav", concat(ascii("RF64"), new byte[8]), "RF64");
    }

    @Test
    void emptyAndTruncatedHeaders() throws IOException {
        fails(CorruptWavException.class, "empty.wav", new byte[0], "file is empty");
        fails(CorruptWavException.class, "short.wav", ascii("RIFF\0\0\0\0WA"), "truncated header", "10 bytes");
        fails(CorruptWavException.class, "rif.wav", ascii("RIF"), "truncated header", "3 bytes");
        fails(CorruptWavException.class, "chunkhdr.wav", concat(riff(), ascii("fmt ")), "truncated header",
                "byte 12", "4 of 8 bytes");
        byte[] cutFmt = concat(riff(), ascii("fmt "), WavBytes.le32(16), new byte[10]);
        fails(CorruptWavException.class, "cutfmt.wav", cutFmt, "'fmt ' ", "at byte 12", "16 bytes", "10");
    }

    @Test
    void fmtMissingOrAfterData() throws IOException {
        fails(CorruptWavException.class, "nofmt.wav", riff(chunk("data", pcm16(1, 2))),
                "'fmt ' chunk missing", "'data' chunk at byte 12");
        fails(CorruptWavException.class, "late.wav", riff(chunk("data", pcm16(1, 2)), mono16Fmt()),
                "'fmt ' chunk at byte 24 comes after the 'data' chunk at byte 12");
        fails(CorruptWavException.class, "nothing.wav", riff(chunk("LIST", new byte[4])),
                "no 'fmt ' chunk and no 'data' chunk");
        fails(CorruptWavException.class, "nodata.wav", riff(mono16Fmt()), "no 'data' chunk");
        fails(CorruptWavException.class, "twofmt.wav", riff(mono16Fmt(), mono16Fmt(), chunk("data", pcm16(1))),
                "second 'fmt ' chunk at byte 36");
        fails(CorruptWavException.class, "smallfmt.wav", riff(chunk("fmt ", new byte[14]), chunk("data", pcm16(1))),
                "'fmt ' chunk at byte 12 is 14 bytes long, at least 16");
    }

    @Test
    void dataChunkShorterThanItsHeaderSays() throws IOException {
        // 44-byte header, header claims 4096 bytes of data, the file holds 768: ends at byte 812.
        byte[] wav = riff(mono16Fmt(), chunkDeclaring("data", 4096, new byte[768]));
        CorruptWavException e = fails(CorruptWavException.class, "cut.wav", wav,
                "data chunk ends at byte 812, header says 4096 bytes", "truncated");
        assertEquals("data chunk ends at byte 812, header says 4096 bytes (from byte 44 to 4140): the file is truncated",
                e.problem());
        // From a stream the truncation is found when reading reaches it: same numbers.
        CorruptWavException s = assertThrows(CorruptWavException.class,
                () -> new WavReader().read(new ByteArrayInputStream(wav), "pipe"));
        assertTrue(s.getMessage().startsWith("pipe: data chunk ends at byte 812, header says 4096 bytes"),
                s.getMessage());
    }

    @Test
    void partialSampleFrames() throws IOException {
        fails(CorruptWavException.class, "odd-declared.wav", riff(mono16Fmt(), chunk("data", new byte[7])),
                "data chunk of 7 bytes ends in a partial sample frame", "frames are 2 bytes");
        byte[] toEnd = riff(mono16Fmt(), chunkDeclaring("data", 0, new byte[7]));
        fails(CorruptWavException.class, "odd-to-end.wav", toEnd,
                "data chunk ends at byte 51 in the middle of a sample frame", "1 bytes left over");
        byte[] stereoToEnd = riff(fmt(1, 2, 8000, 4, 16), chunkDeclaring("data", 0xFFFFFFFFL, new byte[4 * 70000 + 3]));
        fails(CorruptWavException.class, "stereo-to-end.wav", stereoToEnd, "in the middle of a sample frame",
                "frames are 4 bytes; 3 bytes left over");
    }

    @Test
    void noSamples() throws IOException {
        fails(CorruptWavException.class, "silent.wav", riff(mono16Fmt(), chunk("data", new byte[0])),
                "contains no audio samples");
        fails(CorruptWavException.class, "silent2.wav", riff(mono16Fmt(), chunkDeclaring("data", 0xFFFFFFFFL, new byte[0])),
                "contains no audio samples");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "17 | IMA ADPCM (0x0011) is not supported",
            "85 | MP3 (MPEG Layer III) (0x0055) is not supported",
            "49 | GSM 6.10 (0x0031) is not supported",
            "2  | Microsoft ADPCM (0x0002) is not supported",
            "4660 | format code 0x1234 is not supported",
            "0  | Unknown format (0x0000) is not supported"})
    void unsupportedFormatCodesAreNamed(int code, String message) throws IOException {
        fails(UnsupportedWavException.class, "codec" + code + ".wav",
                riff(fmt(code, 1, 8000, 256, 4), chunk("data", new byte[256])), message,
                "only PCM, IEEE float, A-law and µ-law are decoded");
    }

    @Test
    void impossibleFieldValues() throws IOException {
        fails(CorruptWavException.class, "nochan.wav", riff(fmt(1, 0, 8000, 2, 16), chunk("data", pcm16(1))),
                "declares 0 channels");
        fails(CorruptWavException.class, "norate.wav", riff(fmt(1, 1, 0, 2, 16), chunk("data", pcm16(1))),
                "sample rate of 0 Hz");
        fails(UnsupportedWavException.class, "hugerate.wav", riff(fmt(1, 1, 0xFFFFFFFFL, 2, 16), chunk("data", pcm16(1))),
                "sample rate of 4294967295 Hz");
        fails(CorruptWavException.class, "align.wav", riff(fmt(1, 2, 8000, 2, 16), chunk("data", pcm16(1, 2))),
                "block align 2 does not match 2 channel(s) × 2 byte(s) per sample = 4");
    }

    @Test
    void unsupportedBitsPerSample() throws IOException {
        fails(UnsupportedWavException.class, "pcm40.wav", riff(fmt(1, 1, 8000, 5, 40), chunk("data", new byte[10])),
                "PCM with 40 bits per sample is not supported");
        fails(UnsupportedWavException.class, "pcm0.wav", riff(fmt(1, 1, 8000, 1, 0), chunk("data", new byte[10])),
                "PCM with 0 bits per sample");
        fails(UnsupportedWavException.class, "float16.wav", riff(fmt(3, 1, 8000, 2, 16), chunk("data", new byte[10])),
                "IEEE float with 16 bits per sample is not supported");
        fails(UnsupportedWavException.class, "alaw16.wav", riff(fmt(6, 1, 8000, 2, 16), chunk("data", new byte[10])),
                "A-law with 16 bits per sample");
        fails(UnsupportedWavException.class, "mulaw4.wav", riff(fmt(7, 1, 8000, 1, 4), chunk("data", new byte[10])),
                "µ-law with 4 bits per sample");
    }

    @Test
    void extensibleProblems() throws IOException {
        byte[] ambisonic = {0x01, 0x00, 0x00, 0x00, 0x21, 0x07, (byte) 0xD3, 0x11, (byte) 0x86, 0x44, (byte) 0xC8,
                (byte) 0xC1, (byte) 0xCA, 0x00, 0x00, 0x00};
        fails(UnsupportedWavException.class, "ambi.wav",
                riff(fmtExtensible(1, 8000, 2, 16, 16, ambisonic), chunk("data", pcm16(1))),
                "WAVE_FORMAT_EXTENSIBLE with unknown SubFormat GUID {00000001-0721-11D3-8644-C8C1CA000000}");
        fails(UnsupportedWavException.class, "extmp3.wav",
                riff(fmtExtensible(1, 8000, 2, 16, 16, WavBytes.guidOf(0x55)), chunk("data", pcm16(1))),
                "MP3 (MPEG Layer III) (0x0055, in WAVE_FORMAT_EXTENSIBLE) is not supported");
        byte[] shortExt = chunk("fmt ", concat(WavBytes.fmtBody(0xFFFE, 1, 8000, 2, 16), WavBytes.le16(0)));
        fails(CorruptWavException.class, "shortext.wav", riff(shortExt, chunk("data", pcm16(1))),
                "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is 18 bytes long, 40 are needed");
        fails(CorruptWavException.class, "validbits.wav",
                riff(fmtExtensible(1, 8000, 2, 16, 20, WavBytes.guidOf(1)), chunk("data", pcm16(1))),
                "20 valid bits in a 16-bit sample container");
    }

    @Test
    void nonFiniteFloatSamplesAreNamedByIndex() throws IOException {
        byte[] f32 = riff(chunk("fmt ", concat(WavBytes.fmtBody(3, 1, 8000, 4, 32), WavBytes.le16(0))),
                chunk("data", WavBytes.float32(0.5f, 0.25f, 0f, 0f, 0f, Float.NaN, 1f)));
        fails(CorruptWavException.class, "nan.wav", f32, "float sample 5 (channel 0, byte 66) is NaN");
        byte[] f64 = riff(chunk("fmt ", concat(WavBytes.fmtBody(3, 1, 8000, 8, 64), WavBytes.le16(0))),
                chunk("data", WavBytes.float64(0.5, Double.NEGATIVE_INFINITY)));
        fails(CorruptWavException.class, "inf.wav", f64, "float sample 1", "is -Infinity");
        byte[] tooBig = riff(fmt(3, 1, 8000, 8, 64), chunk("data", WavBytes.float64(1e300)));
        fails(CorruptWavException.class, "big.wav", tooBig, "float sample 0", "Infinity");
        byte[] stereo = riff(fmt(3, 2, 8000, 8, 32),
                chunk("data", WavBytes.float32(0f, 0f, 0f, 0f, 0f, 0f, 0f, Float.POSITIVE_INFINITY)));
        fails(CorruptWavException.class, "stereo-inf.wav", stereo, "float sample 3 (channel 1");
        fails(CorruptWavException.class, ChannelSelection.channel(1), "stereo-inf-pick.wav", stereo,
                "float sample 3 (channel 1");
    }

    private <T extends AudioFileException> void fails(Class<T> type, ChannelSelection selection, String name,
                                                     byte[] bytes, String... words) throws IOException {
        fails(type, new WavReader(selection), name, bytes, words);
    }

    @Test
    void nonFiniteSampleFoundDeepInALongFileCountsAcrossBlocks() throws IOException {
        float[] x = new float[100_000];
        x[77_777] = Float.NaN;
        byte[] data = WavBytes.float32(x);
        byte[] wav = riff(fmt(3, 1, 8000, 4, 32), chunk("data", data));
        fails(CorruptWavException.class, "deep.wav", wav, "float sample 77777 (channel 0, byte " + (44 + 4 * 77_777)
                + ") is NaN");
    }

    @Test
    void hugeDeclaredSizesFailFastWithoutAllocating() throws IOException {
        byte[] wav = riff(mono16Fmt(), chunkDeclaring("data", 0x7FFFFFF0L, new byte[56]));
        assertEquals(100, wav.length);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> fails(CorruptWavException.class, "claims2g.wav", wav,
                "data chunk ends at byte 100, header says 2147483632 bytes"));
        byte[] bigChunk = riff(mono16Fmt(), chunkDeclaring("LIST", 0xFFFFFFF0L, new byte[40]));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            Path file = WavBytes.write(dir, "biglist.wav", bigChunk);
            CorruptWavException e = assertThrows(CorruptWavException.class, () -> new WavReader().read(file));
            assertTrue(e.getMessage().contains("chunk 'LIST' at byte 36 declares 4294967280 bytes but only 40 remain"),
                    e.getMessage());
            // From a stream of unknown length the chunk is read through and found short.
            CorruptWavException s = assertThrows(CorruptWavException.class,
                    () -> new WavReader().read(new ByteArrayInputStream(bigChunk), "pipe"));
            assertTrue(s.getMessage().contains("chunk 'LIST' at byte 36 is truncated"), s.getMessage());
        });
        byte[] bigFmt = concat(riff(), ascii("fmt "), WavBytes.le32(0xFFFFFFFFL), WavBytes.fmtBody(1, 1, 8000, 2, 16));
        fails(CorruptWavException.class, "bigfmt.wav", bigFmt, "chunk 'fmt ' at byte 12 declares 4294967295 bytes");
    }

    @Test
    void channelOutOfRange() throws IOException {
        byte[] stereo = riff(fmt(1, 2, 8000, 4, 16), chunk("data", pcm16(1, 2)));
        Path file = WavBytes.write(dir, "stereo.wav", stereo);
        AudioFileException e = assertThrows(AudioFileException.class,
                () -> new WavReader(ChannelSelection.channel(2)).read(file));
        assertEquals(AudioFileException.class, e.getClass());
        assertEquals(file + ": channel 2 (0-based) was requested but the file has 2 channels", e.getMessage());
        Path mono = WavBytes.write(dir, "mono.wav", WavBytes.mono16(1, 2));
        assertThrows(AudioFileException.class, () -> new WavReader(ChannelSelection.channel(1)).read(mono));
        assertEquals(2, new WavReader(ChannelSelection.channel(0)).read(mono).length());
    }

    @Test
    void channelSelectionValidation() {
        assertThrows(IllegalArgumentException.class, () -> ChannelSelection.channel(-1));
        assertThrows(IllegalArgumentException.class, () -> new ChannelSelection(true, 0));
        assertEquals(new ChannelSelection(true, -1), ChannelSelection.average());
    }
}
