package org.cepstra.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds WAV files byte by byte, including broken ones, for reader tests. */
final class WavBytes {
    private WavBytes() {
    }

    /** "RIFF" + size (computed) + "WAVE" + the chunks. */
    static byte[] riff(byte[]... chunks) {
        byte[] body = concat(chunks);
        return concat(ascii("RIFF"), le32(body.length + 4), ascii("WAVE"), body);
    }

    /** "RIFF" + the given size field + "WAVE" + the chunks. */
    static byte[] riffWithSize(long riffSize, byte[]... chunks) {
        return concat(ascii("RIFF"), le32(riffSize), ascii("WAVE"), concat(chunks));
    }

    /** A chunk with its true size, followed by a zero pad byte when the size is odd. */
    static byte[] chunk(String id, byte[] body) {
        byte[] c = concat(ascii(id), le32(body.length), body);
        return (body.length & 1) != 0 ? concat(c, new byte[1]) : c;
    }

    /** A chunk header declaring {@code declaredSize}, followed by {@code body} as is (no pad). */
    static byte[] chunkDeclaring(String id, long declaredSize, byte[] body) {
        return concat(ascii(id), le32(declaredSize), body);
    }

    /** A 16-byte fmt chunk body. */
    static byte[] fmtBody(int code, int channels, long rate, int blockAlign, int bits) {
        return concat(le16(code), le16(channels), le32(rate), le32(rate * blockAlign), le16(blockAlign), le16(bits));
    }

    /** A complete fmt chunk (16-byte body). */
    static byte[] fmt(int code, int channels, long rate, int blockAlign, int bits) {
        return chunk("fmt ", fmtBody(code, channels, rate, blockAlign, bits));
    }

    /** A complete 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk with the given SubFormat GUID bytes. */
    static byte[] fmtExtensible(int channels, long rate, int blockAlign, int bits, int validBits, byte[] guid) {
        return chunk("fmt ", concat(fmtBody(0xFFFE, channels, rate, blockAlign, bits), le16(22), le16(validBits),
                le32(0), guid));
    }

    /** The KSDATAFORMAT_SUBTYPE GUID of a format code, as stored on disk. */
    static byte[] guidOf(int code) {
        return concat(le16(code), new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
                (byte) 0x9B, 0x71});
    }

    /** Little-endian 16-bit samples. */
    static byte[] pcm16(int... values) {
        byte[] b = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            b[2 * i] = (byte) values[i];
            b[2 * i + 1] = (byte) (values[i] >> 8);
        }
        return b;
    }

    /** Little-endian float32 samples. */
    static byte[] float32(float... values) {
        byte[] b = new byte[values.length * 4];
        for (int i = 0; i < values.length; i++) {
            System.arraycopy(le32(Float.floatToRawIntBits(values[i]) & 0xFFFFFFFFL), 0, b, 4 * i, 4);
        }
        return b;
    }

    /** Little-endian float64 samples. */
    static byte[] float64(double... values) {
        byte[] b = new byte[values.length * 8];
        for (int i = 0; i < values.length; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            System.arraycopy(le32(bits & 0xFFFFFFFFL), 0, b, 8 * i, 4);
            System.arraycopy(le32(bits >>> 32), 0, b, 8 * i + 4, 4);
        }
        return b;
    }

    /** A valid mono 16-bit 8 kHz file holding {@code values}. */
    static byte[] mono16(int... values) {
        return riff(fmt(1, 1, 8000, 2, 16), chunk("data", pcm16(values)));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }
}
