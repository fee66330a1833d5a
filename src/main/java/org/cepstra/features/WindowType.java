package org.cepstra.features;

import java.util.Locale;

/**
 * The taper applied to every frame before the FFT, with Kaldi's definitions
 * ({@code feature-window.cc}, {@code FeatureWindowFunction}). For a frame of {@code N} samples and
 * {@code a = 2π / (N - 1)}, sample {@code i} (0-based) is multiplied by the value given per constant.
 */
public enum WindowType {
    /** {@code 0.54 - 0.46 cos(a i)}; also HTK's window ({@code USEHAMMING = T}). */
    HAMMING("hamming"),
    /** {@code 0.5 - 0.5 cos(a i)} (symmetric Hann window, zero at both ends). */
    HANNING("hanning"),
    /** {@code (0.5 - 0.5 cos(a i))^0.85}: Kaldi's default, like Hamming but zero at the ends. */
    POVEY("povey"),
    /** All ones: no taper. */
    RECTANGULAR("rectangular"),
    /** {@code sin(a i / 2) = sin(π i / (N - 1))}. */
    SINE("sine"),
    /** {@code b - 0.5 cos(a i) + (0.5 - b) cos(2 a i)} with {@code b} the Blackman coefficient (0.42). */
    BLACKMAN("blackman");

    private final String kaldiName;

    WindowType(String kaldiName) {
        this.kaldiName = kaldiName;
    }

    /** The name Kaldi uses for this window in {@code --window-type} (lower case). */
    public String kaldiName() {
        return kaldiName;
    }

    /**
     * The window named {@code name} as in Kaldi's {@code --window-type} (case-insensitive).
     *
     * @throws IllegalArgumentException if no window has that name
     */
    public static WindowType fromKaldiName(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        for (WindowType w : values()) {
            if (w.kaldiName.equals(lower)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown window type '" + name
                + "' (expected hamming, hanning, povey, rectangular, sine or blackman)");
    }

    /**
     * The window values for a frame of {@code frameLengthSamples} samples, computed in double as Kaldi
     * does. {@code blackmanCoeff} is used only by {@link #BLACKMAN}.
     *
     * @throws IllegalArgumentException if the frame is shorter than 2 samples
     */
    public double[] coefficients(int frameLengthSamples, double blackmanCoeff) {
        if (frameLengthSamples < 2) {
            throw new IllegalArgumentException(
                    "a frame must hold at least 2 samples for a window, got " + frameLengthSamples);
        }
        double[] w = new double[frameLengthSamples];
        double a = 2.0 * Math.PI / (frameLengthSamples - 1);
        for (int i = 0; i < frameLengthSamples; i++) {
            w[i] = switch (this) {
                case HAMMING -> 0.54 - 0.46 * Math.cos(a * i);
                case HANNING -> 0.5 - 0.5 * Math.cos(a * i);
                case POVEY -> Math.pow(0.5 - 0.5 * Math.cos(a * i), 0.85);
                case RECTANGULAR -> 1.0;
                case SINE -> Math.sin(0.5 * a * i);
                case BLACKMAN -> blackmanCoeff - 0.5 * Math.cos(a * i)
                        + (0.5 - blackmanCoeff) * Math.cos(2 * a * i);
            };
        }
        return w;
    }
}
