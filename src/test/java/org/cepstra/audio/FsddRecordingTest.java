package org.cepstra.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** A real recording: FSDD 0_george_0.wav (8 kHz, 16-bit, mono, 4812 bytes). */
class FsddRecordingTest {
    static Path resource(String name) {
        try {
            return Paths.get(FsddRecordingTest.class.getResource("/audio/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void georgeZero() throws IOException {
        Path file = resource("0_george_0.wav");
        assertEquals(4812, Files.size(file));
        WavFormat format = new WavReader().readFormat(file);
        // data chunk of 4768 bytes = 2384 samples of 2 bytes
        assertEquals(new WavFormat(1, SampleEncoding.PCM_SIGNED_16, 1, 8000, 16, 2, 2384), format);

        Audio audio = new WavReader().read(file);
        assertEquals(2384, audio.length());
        assertEquals(8000.0, audio.sampleRateHz());
        // Values read independently with Python's wave module + struct.unpack('<2384h'):
        //   s[:8] = (-1489, -962, -606, 163, 1033, 1669, 2129, 2680)
        //   s[1000:1004] = (-4660, -5453, -3718, -228); s[-4:] = (-2113, -1814, -1110, -15)
        //   max = 10354 at index 234, min = -9165
        int[] first = {-1489, -962, -606, 163, 1033, 1669, 2129, 2680};
        for (int i = 0; i < first.length; i++) {
            assertEquals(first[i] / 32768f, audio.sample(i), 0f, "sample " + i);
        }
        int[] mid = {-4660, -5453, -3718, -228};
        for (int i = 0; i < mid.length; i++) {
            assertEquals(mid[i] / 32768f, audio.sample(1000 + i), 0f);
        }
        int[] last = {-2113, -1814, -1110, -15};
        for (int i = 0; i < last.length; i++) {
            assertEquals(last[i] / 32768f, audio.sample(2380 + i), 0f);
        }
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        int argMax = -1;
        for (int i = 0; i < audio.length(); i++) {
            if (audio.sample(i) > max) {
                max = audio.sample(i);
                argMax = i;
            }
            min = Math.min(min, audio.sample(i));
        }
        assertEquals(10354 / 32768f, max, 0f);
        assertEquals(234, argMax);
        assertEquals(-9165 / 32768f, min, 0f);

        try (InputStream in = FsddRecordingTest.class.getResourceAsStream("/audio/0_george_0.wav")) {
            assertEquals(audio, new WavReader().read(in, "0_george_0.wav"));
        }
    }
}
