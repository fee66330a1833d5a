package org.cepstra.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cepstra.audio.Audio;

/**
 * Minimal reader of mono 16-bit PCM WAVs for the feature tests (the test resources and the FSDD
 * corpus are all in this layout). Samples become floats in [-1, 1): int16 value / 32768.
 */
final class TestWavs {
    private TestWavs() {
    }

    /** The WAV {@code name}.wav from the test resources folder {@code kaldi-mfcc/wavs/}. */
    static Audio resource(String name) {
        String path = "/kaldi-mfcc/wavs/" + name + ".wav";
        try (InputStream in = TestWavs.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return parse(in.readAllBytes(), path);
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }

    /** A WAV file from disk. */
    static Audio file(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses the bytes of a mono 16-bit PCM WAV. */
    static Audio parse(byte[] bytes, String name) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IllegalArgumentException(name + ": not a RIFF/WAVE file");
        }
        int pos = 12;
        int rate = -1;
        while (pos + 8 <= bytes.length) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                int format = b.getShort(body) & 0xffff;
                int channels = b.getShort(body + 2) & 0xffff;
                rate = b.getInt(body + 4);
                int bits = b.getShort(body + 14) & 0xffff;
                if (format != 1 || channels != 1 || bits != 16) {
                    throw new IllegalArgumentException(name + ": expected mono 16-bit PCM, got format " + format
                            + ", " + channels + " channels, " + bits + " bits");
                }
            } else if (id == 0x61746164) { // "data"
                if (rate < 0) {
                    throw new IllegalArgumentException(name + ": data chunk before fmt chunk");
                }
                int n = Math.min(size, bytes.length - body) / 2;
                float[] x = new float[n];
                for (int i = 0; i < n; i++) {
                    x[i] = b.getShort(body + 2 * i) / 32768f;
                }
                return Audio.wrap(x, rate);
            }
            pos = body + size + (size & 1);
        }
        throw new IllegalArgumentException(name + ": no data chunk");
    }
}
