package org.cepstra.audio;

/**
 * ITU-T G.711 A-law and µ-law companding, following the classic Sun Microsystems reference
 * algorithm (the one sox and most telephony code use). Codes decode to 16-bit linear values:
 * A-law to ±8 .. ±32256, µ-law to 0 .. ±32124.
 */
final class G711 {
    private static final short[] ALAW_TO_LINEAR = new short[256];
    private static final short[] MULAW_TO_LINEAR = new short[256];
    private static final int[] ALAW_SEGMENT_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
    private static final int[] MULAW_SEGMENT_END = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
    private static final int MULAW_BIAS = 0x84;
    private static final int MULAW_CLIP = 8159;

    static {
        for (int code = 0; code < 256; code++) {
            ALAW_TO_LINEAR[code] = (short) alawToLinear(code);
            MULAW_TO_LINEAR[code] = (short) mulawToLinear(code);
        }
    }

    private G711() {
    }

    /** The 16-bit linear value of A-law code {@code code} (0..255). */
    static int alawToLinear(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        if (segment == 0) {
            t += 8;
        } else {
            t += 0x108;
            t <<= segment - 1;
        }
        return (a & 0x80) != 0 ? t : -t;
    }

    /** The 16-bit linear value of µ-law code {@code code} (0..255). */
    static int mulawToLinear(int code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + MULAW_BIAS;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? MULAW_BIAS - t : t - MULAW_BIAS;
    }

    /** Copy-free access to the A-law decoding table (code → 16-bit value); callers must not modify it. */
    static short[] alawTable() {
        return ALAW_TO_LINEAR;
    }

    /** Copy-free access to the µ-law decoding table (code → 16-bit value); callers must not modify it. */
    static short[] mulawTable() {
        return MULAW_TO_LINEAR;
    }

    /** The A-law code of a 16-bit linear value (-32768..32767). */
    static int linearToAlaw(int pcm) {
        int v = pcm >> 3;
        int mask;
        if (v >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            v = -v - 1;
        }
        int segment = segmentOf(v, ALAW_SEGMENT_END);
        if (segment >= 8) {
            return (0x7F ^ mask) & 0xFF;
        }
        int code = segment << 4;
        code |= segment < 2 ? (v >> 1) & 0x0F : (v >> segment) & 0x0F;
        return (code ^ mask) & 0xFF;
    }

    /** The µ-law code of a 16-bit linear value (-32768..32767). */
    static int linearToMulaw(int pcm) {
        int v = pcm >> 2;
        int mask;
        if (v < 0) {
            v = -v;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        if (v > MULAW_CLIP) {
            v = MULAW_CLIP;
        }
        v += MULAW_BIAS >> 2;
        int segment = segmentOf(v, MULAW_SEGMENT_END);
        if (segment >= 8) {
            return (0x7F ^ mask) & 0xFF;
        }
        int code = (segment << 4) | ((v >> (segment + 1)) & 0x0F);
        return (code ^ mask) & 0xFF;
    }

    private static int segmentOf(int value, int[] segmentEnds) {
        for (int i = 0; i < segmentEnds.length; i++) {
            if (value <= segmentEnds[i]) {
                return i;
            }
        }
        return segmentEnds.length;
    }
}
