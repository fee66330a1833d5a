package org.cepstra.reliability;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Writes damaged and hostile WAV files byte by byte (the WAV writer refuses to write NaN or infinity). */
final class BadWavs {
    private BadWavs() {
    }

    /** A canonical 44-byte-header mono WAV with the given format code, bits per sample, rate and data bytes. */
    static byte[] wav(int formatCode, int bitsPerSample, int sampleRateHz, byte[] data) {
        int blockAlign = bitsPerSample / 8;
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + data.length).put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) formatCode).putShort((short) 1)
                .putInt(sampleRateHz).putInt(sampleRateHz * blockAlign).putShort((short) blockAlign)
                .putShort((short) bitsPerSample);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(data.length).put(data);
        return b.array();
    }

    /** A 32-bit IEEE float mono WAV of {@code count} samples, all equal to {@code value}. */
    static void float32(Path file, int sampleRateHz, int count, float value) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            data.putFloat(value);
        }
        Files.write(file, wav(3, 32, sampleRateHz, data.array()));
    }

    /** A 32-bit float mono WAV of {@code samples}, with {@code value} written over sample {@code at}. */
    static void float32With(Path file, int sampleRateHz, float[] samples, int at, float value) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples.length; i++) {
            data.putFloat(i == at ? value : samples[i]);
        }
        Files.write(file, wav(3, 32, sampleRateHz, data.array()));
    }

    /** A 16-bit PCM mono WAV of {@code count} zero samples (digital silence). */
    static void silence16(Path file, int sampleRateHz, int count) throws IOException {
        Files.write(file, wav(1, 16, sampleRateHz, new byte[count * 2]));
    }

    /** A 16-bit PCM mono WAV of {@code count} samples of value 1 (one LSB): too short when below one frame. */
    static void tiny16(Path file, int sampleRateHz, int count) throws IOException {
        byte[] data = new byte[count * 2];
        for (int i = 0; i < count; i++) {
            data[2 * i] = 1;
        }
        Files.write(file, wav(1, 16, sampleRateHz, data));
    }

    /** The first {@code fraction} of {@code source}'s bytes (its data chunk then ends before its header says). */
    static void truncated(Path source, Path file, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        Files.write(file, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
    }
}
