package org.cepstra.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * A mono recording held in memory: float samples in [-1, 1) at a sample rate in Hz.
 * Immutable; {@link #samples()} returns a copy. Multi-channel files are mixed down (or one
 * channel picked) by the reader before they become an {@code Audio}.
 */
public final class Audio {
    private final float[] samples;
    private final double sampleRateHz;

    private Audio(float[] samples, double sampleRateHz) {
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate must be a positive number of Hz, got " + sampleRateHz);
        }
        this.samples = samples;
        this.sampleRateHz = sampleRateHz;
    }

    /** An {@code Audio} holding a copy of {@code samples} (in [-1, 1)) at {@code sampleRateHz}. */
    public static Audio of(float[] samples, double sampleRateHz) {
        Objects.requireNonNull(samples, "samples");
        return new Audio(samples.clone(), sampleRateHz);
    }

    /**
     * Takes ownership of {@code samples} without copying: the caller must not modify the array
     * afterwards. For decoders and resamplers that build a fresh array.
     */
    public static Audio wrap(float[] samples, double sampleRateHz) {
        Objects.requireNonNull(samples, "samples");
        return new Audio(samples, sampleRateHz);
    }

    /** A copy of the samples, in [-1, 1). */
    public float[] samples() {
        return samples.clone();
    }

    /** Sample {@code index} (0-based). */
    public float sample(int index) {
        return samples[index];
    }

    /** Copies {@code count} samples starting at {@code from} into {@code dest} at {@code destOffset}. */
    public void copySamples(int from, int count, float[] dest, int destOffset) {
        Objects.checkFromIndexSize(from, count, samples.length);
        System.arraycopy(samples, from, dest, destOffset, count);
    }

    /** Number of samples. */
    public int length() {
        return samples.length;
    }

    /** Sample rate in Hz. */
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /** Duration in seconds. */
    public double durationSeconds() {
        return samples.length / sampleRateHz;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Audio a && a.sampleRateHz == sampleRateHz && Arrays.equals(a.samples, samples);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(sampleRateHz) + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "Audio[" + samples.length + " samples at " + sampleRateHz + " Hz]";
    }
}
