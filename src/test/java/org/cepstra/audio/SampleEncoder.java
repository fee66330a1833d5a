package org.cepstra.audio;

/** Tight loops turning float samples into little-endian stored samples, one loop per encoding. */
final class SampleEncoder {
    private SampleEncoder() {
    }

    /**
     * Encodes {@code count} samples {@code src[srcOffset..]} into {@code dst[0..]}. Integer encodings
     * round to the nearest step and clip to their range.
     *
     * @throws IllegalArgumentException a sample is NaN or infinite (index given relative to
     *                                  {@code indexBase + i})
     */
    static void encode(SampleEncoding encoding, float[] src, int srcOffset, int count, byte[] dst, long indexBase) {
        for (int i = 0; i < count; i++) {
            if (!Float.isFinite(src[srcOffset + i])) {
                throw new IllegalArgumentException("sample " + (indexBase + i) + " is " + src[srcOffset + i]
                        + "; only finite samples can be written");
            }
        }
        switch (encoding) {
            case PCM_UNSIGNED_8 -> {
                for (int i = 0; i < count; i++) {
                    dst[i] = (byte) clamp(Math.round(src[srcOffset + i] * 128f) + 128, 0, 255);
                }
            }
            case PCM_SIGNED_16 -> {
                for (int i = 0, p = 0; i < count; i++, p += 2) {
                    int v = clamp(Math.round(src[srcOffset + i] * 32768f), -32768, 32767);
                    dst[p] = (byte) v;
                    dst[p + 1] = (byte) (v >> 8);
                }
            }
            case PCM_SIGNED_24 -> {
                for (int i = 0, p = 0; i < count; i++, p += 3) {
                    int v = clamp(Math.round(src[srcOffset + i] * 8388608f), -8388608, 8388607);
                    dst[p] = (byte) v;
                    dst[p + 1] = (byte) (v >> 8);
                    dst[p + 2] = (byte) (v >> 16);
                }
            }
            case PCM_SIGNED_32 -> {
                for (int i = 0, p = 0; i < count; i++, p += 4) {
                    long q = Math.round(src[srcOffset + i] * 2147483648.0);
                    putInt(dst, p, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, q)));
                }
            }
            case FLOAT_32 -> {
                for (int i = 0, p = 0; i < count; i++, p += 4) {
                    putInt(dst, p, Float.floatToRawIntBits(src[srcOffset + i]));
                }
            }
            case FLOAT_64 -> {
                for (int i = 0, p = 0; i < count; i++, p += 8) {
                    long bits = Double.doubleToRawLongBits(src[srcOffset + i]);
                    putInt(dst, p, (int) bits);
                    putInt(dst, p + 4, (int) (bits >>> 32));
                }
            }
            case ALAW -> {
                for (int i = 0; i < count; i++) {
                    dst[i] = (byte) G711.linearToAlaw(clamp(Math.round(src[srcOffset + i] * 32768f), -32768, 32767));
                }
            }
            case MULAW -> {
                for (int i = 0; i < count; i++) {
                    dst[i] = (byte) G711.linearToMulaw(clamp(Math.round(src[srcOffset + i] * 32768f), -32768, 32767));
                }
            }
            default -> throw new AssertionError(encoding);
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : Math.min(v, hi);
    }

    static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >> 8);
        b[p + 2] = (byte) (v >> 16);
        b[p + 3] = (byte) (v >> 24);
    }
}
