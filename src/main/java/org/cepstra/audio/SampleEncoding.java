package org.cepstra.audio;

/**
 * How one sample of one channel is stored in a WAV file's data chunk. All multi-byte
 * encodings are little-endian.
 */
public enum SampleEncoding {
    /** Unsigned 8-bit PCM, silence at 128; decoded as (v - 128) / 128. */
    PCM_UNSIGNED_8(WavFormat.PCM, 1),
    /** Signed 16-bit PCM; decoded as v / 32768. */
    PCM_SIGNED_16(WavFormat.PCM, 2),
    /** Signed 24-bit PCM in 3 bytes; decoded as v / 8388608. */
    PCM_SIGNED_24(WavFormat.PCM, 3),
    /** Signed 32-bit PCM; decoded as v / 2147483648. */
    PCM_SIGNED_32(WavFormat.PCM, 4),
    /** IEEE 754 single precision, taken as stored. */
    FLOAT_32(WavFormat.IEEE_FLOAT, 4),
    /** IEEE 754 double precision, rounded to float. */
    FLOAT_64(WavFormat.IEEE_FLOAT, 8),
    /** ITU-T G.711 A-law, 8 bits; decoded to its 16-bit linear value / 32768. */
    ALAW(WavFormat.ALAW, 1),
    /** ITU-T G.711 µ-law, 8 bits; decoded to its 16-bit linear value / 32768. */
    MULAW(WavFormat.MULAW, 1);

    private final int formatCode;
    private final int bytesPerSample;

    SampleEncoding(int formatCode, int bytesPerSample) {
        this.formatCode = formatCode;
        this.bytesPerSample = bytesPerSample;
    }

    /** The WAV format code of this encoding (1 PCM, 3 IEEE float, 6 A-law, 7 µ-law). */
    public int formatCode() {
        return formatCode;
    }

    /** Bytes one sample of one channel takes in the data chunk. */
    public int bytesPerSample() {
        return bytesPerSample;
    }

    /** Bits per sample written to a header for this encoding (8 × bytes). */
    public int bitsPerSample() {
        return 8 * bytesPerSample;
    }
}
