package org.cepstra.audio;

/**
 * Settings of the band-limited {@link Resampler}: a Hann-windowed sinc low-pass filter whose
 * cutoff is {@code cutoffFraction} × the lower of the two Nyquist frequencies and whose window
 * spans {@code numZeros} zero crossings of the sinc on each side of its centre.
 *
 * <p>More zeros give a sharper transition band around the cutoff, at a proportional cost in
 * time. Measured on 1 s tones (0.5 amplitude): with {@link #kaldi()} the level of tones up to
 * 0.6 × the lower Nyquist frequency changes by less than 0.03 dB, and a tone at 1.35 × / 1.5 ×
 * the target Nyquist frequency is suppressed by 45 / 55 dB when downsampling; with
 * {@link #highQuality()} the pass band is flat to 0.0001 dB at 0.6 × Nyquist and a tone at
 * 1.04 × the target Nyquist frequency is suppressed by 70 dB.
 *
 * @param cutoffFraction filter cutoff as a fraction of min(input, output) Nyquist, in (0, 1]
 * @param numZeros       sinc zero crossings on each side of the filter centre, &ge; 1
 */
public record ResamplerConfig(double cutoffFraction, int numZeros) {
    /** Checks the ranges. */
    public ResamplerConfig {
        if (!(cutoffFraction > 0 && cutoffFraction <= 1)) {
            throw new IllegalArgumentException("cutoff fraction must be in (0, 1], got " + cutoffFraction);
        }
        if (numZeros < 1 || numZeros > 1024) {
            throw new IllegalArgumentException("number of zero crossings must be in 1..1024, got " + numZeros);
        }
    }

    /**
     * Kaldi's settings ({@code ResampleWaveform} in {@code feat/resample.cc}, also torchaudio's
     * defaults): cutoff 0.99 × min Nyquist, 6 zero crossings. Fast, but tones just above the
     * target Nyquist frequency are only partly removed. Use these to match Kaldi features
     * computed on resampled audio.
     */
    public static ResamplerConfig kaldi() {
        return new ResamplerConfig(0.99, 6);
    }

    /**
     * A sharper filter: cutoff 0.94 × min Nyquist, 32 zero crossings, so that little above the
     * target Nyquist frequency gets through; about 5.6 times the work of {@link #kaldi()}.
     */
    public static ResamplerConfig highQuality() {
        return new ResamplerConfig(0.94, 32);
    }
}
