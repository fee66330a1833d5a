package org.cepstra.audio;

/**
 * Tight loops turning a block of interleaved little-endian sample frames into mono floats,
 * one loop per encoding and per channel mode (pick one channel / average all), so no call or
 * branch happens per sample beyond the loop itself.
 */
final class SampleDecoder {
    private static final float SCALE_8 = 1f / 128f;
    private static final float SCALE_16 = 1f / 32768f;
    private static final float SCALE_24 = 1f / 8388608f;
    private static final float SCALE_32 = 1f / 2147483648f;

    private SampleDecoder() {
    }

    /**
     * Decodes {@code frames} frames of {@code channels} channels from {@code src[0..]} into
     * {@code dest[destOffset..]}.
     *
     * @param pick the channel to keep (0-based), or -1 to average all channels
     * @return -1 when all samples were finite, otherwise the index (frame × channels + channel,
     *         within this block) of the first NaN/infinite float sample; {@code dest} is then
     *         partly written
     */
    static int decode(SampleEncoding encoding, byte[] src, int frames, int channels, int pick,
                      float[] dest, int destOffset) {
        int blockAlign = channels * encoding.bytesPerSample();
        if (pick < 0 && channels == 1) {
            pick = 0;
        }
        if (pick >= 0) {
            int p = pick * encoding.bytesPerSample();
            switch (encoding) {
                case PCM_UNSIGNED_8 -> pickU8(src, p, blockAlign, frames, dest, destOffset);
                case PCM_SIGNED_16 -> pick16(src, p, blockAlign, frames, dest, destOffset);
                case PCM_SIGNED_24 -> pick24(src, p, blockAlign, frames, dest, destOffset);
                case PCM_SIGNED_32 -> pick32(src, p, blockAlign, frames, dest, destOffset);
                case ALAW -> pickTable(G711.alawTable(), src, p, blockAlign, frames, dest, destOffset);
                case MULAW -> pickTable(G711.mulawTable(), src, p, blockAlign, frames, dest, destOffset);
                case FLOAT_32 -> {
                    int bad = pickF32(src, p, blockAlign, frames, dest, destOffset);
                    return bad < 0 ? -1 : bad * channels + pick;
                }
                case FLOAT_64 -> {
                    int bad = pickF64(src, p, blockAlign, frames, dest, destOffset);
                    return bad < 0 ? -1 : bad * channels + pick;
                }
                default -> throw new AssertionError(encoding);
            }
            return -1;
        }
        switch (encoding) {
            case PCM_UNSIGNED_8 -> averageU8(src, channels, frames, dest, destOffset);
            case PCM_SIGNED_16 -> average16(src, channels, frames, dest, destOffset);
            case PCM_SIGNED_24 -> average24(src, channels, frames, dest, destOffset);
            case PCM_SIGNED_32 -> average32(src, channels, frames, dest, destOffset);
            case ALAW -> averageTable(G711.alawTable(), src, channels, frames, dest, destOffset);
            case MULAW -> averageTable(G711.mulawTable(), src, channels, frames, dest, destOffset);
            case FLOAT_32 -> {
                return averageF32(src, channels, frames, dest, destOffset);
            }
            case FLOAT_64 -> {
                return averageF64(src, channels, frames, dest, destOffset);
            }
            default -> throw new AssertionError(encoding);
        }
        return -1;
    }

    // ---- one channel ----

    private static void pickU8(byte[] s, int p, int stride, int n, float[] d, int o) {
        for (int i = 0; i < n; i++, p += stride) {
            d[o + i] = ((s[p] & 0xFF) - 128) * SCALE_8;
        }
    }

    private static void pick16(byte[] s, int p, int stride, int n, float[] d, int o) {
        for (int i = 0; i < n; i++, p += stride) {
            d[o + i] = (short) ((s[p] & 0xFF) | (s[p + 1] << 8)) * SCALE_16;
        }
    }

    private static void pick24(byte[] s, int p, int stride, int n, float[] d, int o) {
        for (int i = 0; i < n; i++, p += stride) {
            d[o + i] = ((s[p] & 0xFF) | ((s[p + 1] & 0xFF) << 8) | (s[p + 2] << 16)) * SCALE_24;
        }
    }

    private static void pick32(byte[] s, int p, int stride, int n, float[] d, int o) {
        for (int i = 0; i < n; i++, p += stride) {
            d[o + i] = int32(s, p) * SCALE_32;
        }
    }

    private static void pickTable(short[] table, byte[] s, int p, int stride, int n, float[] d, int o) {
        for (int i = 0; i < n; i++, p += stride) {
            d[o + i] = table[s[p] & 0xFF] * SCALE_16;
        }
    }

    private static int pickF32(byte[] s, int p, int stride, int n, float[] d, int o) {
        for (int i = 0; i < n; i++, p += stride) {
            float v = Float.intBitsToFloat(int32(s, p));
            if (!Float.isFinite(v)) {
                return i;
            }
            d[o + i] = v;
        }
        return -1;
    }

    private static int pickF64(byte[] s, int p, int stride, int n, float[] d, int o) {
        for (int i = 0; i < n; i++, p += stride) {
            float v = (float) Double.longBitsToDouble(int64(s, p));
            if (!Float.isFinite(v)) {
                return i;
            }
            d[o + i] = v;
        }
        return -1;
    }

    // ---- average of all channels ----

    private static void averageU8(byte[] s, int c, int n, float[] d, int o) {
        float scale = (float) (1.0 / (128.0 * c));
        int bias = 128 * c;
        for (int i = 0, p = 0; i < n; i++) {
            int sum = 0;
            for (int k = 0; k < c; k++, p++) {
                sum += s[p] & 0xFF;
            }
            d[o + i] = (sum - bias) * scale;
        }
    }

    private static void average16(byte[] s, int c, int n, float[] d, int o) {
        float scale = (float) (1.0 / (32768.0 * c));
        for (int i = 0, p = 0; i < n; i++) {
            int sum = 0;
            for (int k = 0; k < c; k++, p += 2) {
                sum += (short) ((s[p] & 0xFF) | (s[p + 1] << 8));
            }
            d[o + i] = sum * scale;
        }
    }

    private static void average24(byte[] s, int c, int n, float[] d, int o) {
        double scale = 1.0 / (8388608.0 * c);
        for (int i = 0, p = 0; i < n; i++) {
            long sum = 0;
            for (int k = 0; k < c; k++, p += 3) {
                sum += (s[p] & 0xFF) | ((s[p + 1] & 0xFF) << 8) | (s[p + 2] << 16);
            }
            d[o + i] = (float) (sum * scale);
        }
    }

    private static void average32(byte[] s, int c, int n, float[] d, int o) {
        double scale = 1.0 / (2147483648.0 * c);
        for (int i = 0, p = 0; i < n; i++) {
            long sum = 0;
            for (int k = 0; k < c; k++, p += 4) {
                sum += int32(s, p);
            }
            d[o + i] = (float) (sum * scale);
        }
    }

    private static void averageTable(short[] table, byte[] s, int c, int n, float[] d, int o) {
        float scale = (float) (1.0 / (32768.0 * c));
        for (int i = 0, p = 0; i < n; i++) {
            int sum = 0;
            for (int k = 0; k < c; k++, p++) {
                sum += table[s[p] & 0xFF];
            }
            d[o + i] = sum * scale;
        }
    }

    private static int averageF32(byte[] s, int c, int n, float[] d, int o) {
        for (int i = 0, p = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < c; k++, p += 4) {
                float v = Float.intBitsToFloat(int32(s, p));
                if (!Float.isFinite(v)) {
                    return i * c + k;
                }
                sum += v;
            }
            d[o + i] = (float) (sum / c);
        }
        return -1;
    }

    private static int averageF64(byte[] s, int c, int n, float[] d, int o) {
        for (int i = 0, p = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < c; k++, p += 8) {
                double v = Double.longBitsToDouble(int64(s, p));
                if (!Float.isFinite((float) v)) {
                    return i * c + k;
                }
                sum += v;
            }
            d[o + i] = (float) (sum / c);
        }
        return -1;
    }

    static int int32(byte[] s, int p) {
        return (s[p] & 0xFF) | ((s[p + 1] & 0xFF) << 8) | ((s[p + 2] & 0xFF) << 16) | (s[p + 3] << 24);
    }

    static long int64(byte[] s, int p) {
        return (int32(s, p) & 0xFFFFFFFFL) | ((long) int32(s, p + 4) << 32);
    }
}
