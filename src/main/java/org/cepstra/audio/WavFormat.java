package org.cepstra.audio;

/**
 * The sample layout of a WAV file, as read from its {@code fmt } and {@code data} chunks.
 *
 * @param formatCode    the effective WAV format code: 1 PCM, 3 IEEE float, 6 A-law, 7 µ-law. For a
 *                      {@code WAVE_FORMAT_EXTENSIBLE} (0xFFFE) file this is the code carried by its
 *                      SubFormat GUID, not 0xFFFE
 * @param encoding      how each sample is stored
 * @param channels      number of interleaved channels (&ge; 1)
 * @param sampleRateHz  sample frames per second, in Hz (&ge; 1)
 * @param bitsPerSample bits per sample as stated in the header (the container width for PCM, which
 *                      may hold fewer significant bits, e.g. 12 bits in 2 bytes)
 * @param blockAlign    bytes per sample frame (all channels), = channels × bytes per sample
 * @param frameCount    sample frames in the data chunk, or -1 when the header does not say (data
 *                      size 0 or 0xFFFFFFFF: the data runs to the end of the file)
 */
public record WavFormat(int formatCode, SampleEncoding encoding, int channels, int sampleRateHz,
                        int bitsPerSample, int blockAlign, long frameCount) {
    /** Format code of integer PCM. */
    public static final int PCM = 0x0001;
    /** Format code of IEEE float samples. */
    public static final int IEEE_FLOAT = 0x0003;
    /** Format code of G.711 A-law. */
    public static final int ALAW = 0x0006;
    /** Format code of G.711 µ-law. */
    public static final int MULAW = 0x0007;
    /** Format code announcing a {@code WAVE_FORMAT_EXTENSIBLE} header with a SubFormat GUID. */
    public static final int EXTENSIBLE = 0xFFFE;

    /** Checks that the fields agree with each other. */
    public WavFormat {
        if (encoding == null) {
            throw new IllegalArgumentException("encoding is null");
        }
        if (formatCode != encoding.formatCode()) {
            throw new IllegalArgumentException("format code 0x" + Integer.toHexString(formatCode)
                    + " does not match encoding " + encoding);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        if (sampleRateHz < 1) {
            throw new IllegalArgumentException("sample rate must be >= 1 Hz, got " + sampleRateHz);
        }
        if (bitsPerSample < 1 || (bitsPerSample + 7) / 8 != encoding.bytesPerSample()) {
            throw new IllegalArgumentException(bitsPerSample + " bits per sample do not fit encoding " + encoding);
        }
        if (blockAlign != (long) channels * encoding.bytesPerSample()) {
            throw new IllegalArgumentException("block align " + blockAlign + " != " + channels + " channels × "
                    + encoding.bytesPerSample() + " bytes");
        }
        if (frameCount < -1) {
            throw new IllegalArgumentException("frame count must be >= 0 or -1 (unknown), got " + frameCount);
        }
    }

    /** Bytes one sample of one channel takes. */
    public int bytesPerSample() {
        return encoding.bytesPerSample();
    }

    /** Whether the header states the number of frames ({@link #frameCount()} &ge; 0). */
    public boolean hasKnownLength() {
        return frameCount >= 0;
    }

    /** Duration in seconds, or {@code NaN} when the frame count is unknown. */
    public double durationSeconds() {
        return frameCount < 0 ? Double.NaN : frameCount / (double) sampleRateHz;
    }
}
