package org.cepstra.features;

import java.util.Objects;
import org.cepstra.base.OptionTable;
import org.cepstra.base.OptionType;

/**
 * How a recording is cut into frames and how each frame is prepared before its FFT; Kaldi's
 * {@code FrameExtractionOptions} without the sample rate (features use each recording's own rate).
 *
 * @param frameLengthMs          frame length in milliseconds (Kaldi {@code --frame-length}, 25)
 * @param frameShiftMs           distance between frame starts in milliseconds ({@code --frame-shift}, 10)
 * @param dither                 standard deviation of Gaussian noise added to every int16-scale sample
 *                               of every frame, 0 = none ({@code --dither}; 0 here, Kaldi's default is 1)
 * @param ditherSeed             seed of the dither noise, used only when {@code dither != 0}: the same
 *                               seed and recording give the same features
 * @param preemphasisCoefficient pre-emphasis {@code x[i] -= c x[i-1]}, 0 = none, in [0, 1]
 *                               ({@code --preemphasis-coefficient}, 0.97)
 * @param removeDcOffset         subtract each frame's mean before energy and pre-emphasis
 *                               ({@code --remove-dc-offset}, true)
 * @param windowType             taper applied after pre-emphasis ({@code --window-type}, povey)
 * @param roundToPowerOfTwo      zero-pad each frame to the next power of two for the FFT
 *                               ({@code --round-to-power-of-two}, true)
 * @param blackmanCoeff          constant of the Blackman window ({@code --blackman-coeff}, 0.42)
 * @param snipEdges              true: only frames that fit wholly in the signal; false: frames centred
 *                               on multiples of the shift, signal reflected at the ends
 *                               ({@code --snip-edges}, true)
 */
public record FrameExtractionOptions(
        double frameLengthMs,
        double frameShiftMs,
        double dither,
        long ditherSeed,
        double preemphasisCoefficient,
        boolean removeDcOffset,
        WindowType windowType,
        boolean roundToPowerOfTwo,
        double blackmanCoeff,
        boolean snipEdges) {

    /** The options of this record by their Kaldi names, with Kaldi's defaults (dither 0). */
    public static final OptionTable<FrameExtractionOptions> OPTIONS = OptionTable.of(kaldiDefaults())
            .add("frame-length", "frameLengthMs", OptionType.real("MS"), "frame length in ms",
                    FrameExtractionOptions::frameLengthMs, FrameExtractionOptions::withFrameLengthMs)
            .add("frame-shift", "frameShiftMs", OptionType.real("MS"), "frame shift in ms",
                    FrameExtractionOptions::frameShiftMs, FrameExtractionOptions::withFrameShiftMs)
            .add("dither", "dither", OptionType.real("X"),
                    "standard deviation of Gaussian dither on int16-scale samples, 0 = none (Kaldi's default: 1)",
                    FrameExtractionOptions::dither, FrameExtractionOptions::withDither)
            .add("dither-seed", "ditherSeed", OptionType.longInteger("N"), "seed of the dither noise",
                    FrameExtractionOptions::ditherSeed, FrameExtractionOptions::withDitherSeed)
            .add("preemphasis-coefficient", "preemphasisCoefficient", OptionType.real("X"),
                    "pre-emphasis coefficient in [0, 1], 0 = none",
                    FrameExtractionOptions::preemphasisCoefficient, FrameExtractionOptions::withPreemphasisCoefficient)
            .add("remove-dc-offset", "removeDcOffset", OptionType.bool(), "subtract each frame's mean",
                    FrameExtractionOptions::removeDcOffset, FrameExtractionOptions::withRemoveDcOffset)
            .add("window-type", "windowType", OptionType.choice(WindowType.class, "TYPE",
                            WindowType::fromKaldiName, WindowType::kaldiName),
                    "hamming|hanning|povey|rectangular|sine|blackman",
                    FrameExtractionOptions::windowType, FrameExtractionOptions::withWindowType)
            .add("round-to-power-of-two", "roundToPowerOfTwo", OptionType.bool(),
                    "FFT size rounded up to a power of two",
                    FrameExtractionOptions::roundToPowerOfTwo, FrameExtractionOptions::withRoundToPowerOfTwo)
            .add("blackman-coeff", "blackmanCoeff", OptionType.real("X"),
                    "constant of the generalised Blackman window",
                    FrameExtractionOptions::blackmanCoeff, FrameExtractionOptions::withBlackmanCoeff)
            .add("snip-edges", "snipEdges", OptionType.bool(),
                    "only frames that fit in the file; false: frames centred on multiples of the shift",
                    FrameExtractionOptions::snipEdges, FrameExtractionOptions::withSnipEdges)
            .build();

    /** Validates every field; rate-dependent checks happen when a sample rate is known. */
    public FrameExtractionOptions {
        Objects.requireNonNull(windowType, "windowType");
        requirePositive(frameLengthMs, "frameLengthMs");
        requirePositive(frameShiftMs, "frameShiftMs");
        if (!(dither >= 0) || !Double.isFinite(dither)) {
            throw new IllegalArgumentException("dither must be a finite number >= 0, got " + dither);
        }
        if (!(preemphasisCoefficient >= 0 && preemphasisCoefficient <= 1)) {
            throw new IllegalArgumentException(
                    "preemphasisCoefficient must be in [0, 1], got " + preemphasisCoefficient);
        }
        if (!Double.isFinite(blackmanCoeff)) {
            throw new IllegalArgumentException("blackmanCoeff must be finite, got " + blackmanCoeff);
        }
    }

    private static void requirePositive(double v, String name) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive number of ms, got " + v);
        }
    }

    /** Kaldi's defaults, except {@code dither = 0} (deterministic) and seed 0. */
    public static FrameExtractionOptions kaldiDefaults() {
        return new FrameExtractionOptions(25.0, 10.0, 0.0, 0L, 0.97, true, WindowType.POVEY, true, 0.42, true);
    }

    /**
     * Frame length in samples at {@code sampleRateHz}, truncated as Kaldi's {@code WindowSize()}
     * (which computes {@code float rate * 0.001 * float ms} in double).
     */
    public int windowSizeSamples(double sampleRateHz) {
        return toSamples(sampleRateHz, frameLengthMs);
    }

    /** Frame shift in samples at {@code sampleRateHz}, truncated as Kaldi's {@code WindowShift()}. */
    public int windowShiftSamples(double sampleRateHz) {
        return toSamples(sampleRateHz, frameShiftMs);
    }

    /** FFT size in samples: the frame length, rounded up to a power of two when {@link #roundToPowerOfTwo}. */
    public int paddedWindowSizeSamples(double sampleRateHz) {
        int size = windowSizeSamples(sampleRateHz);
        if (!roundToPowerOfTwo || size <= 1) {
            return size;
        }
        int p = Integer.highestOneBit(size);
        return p == size ? size : Math.multiplyExact(p, 2);
    }

    /**
     * Number of frames Kaldi extracts from {@code numSamples} samples at {@code sampleRateHz}
     * ({@code NumFrames} with flush): with {@link #snipEdges} {@code 1 + (N - length) / shift}, or 0 when
     * {@code N < length}; without, {@code (N + shift / 2) / shift}.
     */
    public int numFrames(long numSamples, double sampleRateHz) {
        if (numSamples < 0) {
            throw new IllegalArgumentException("negative number of samples: " + numSamples);
        }
        long shift = windowShiftSamples(sampleRateHz);
        long length = windowSizeSamples(sampleRateHz);
        if (shift < 1 || length < 1) {
            throw new IllegalArgumentException("at " + sampleRateHz + " Hz a frame of " + frameLengthMs
                    + " ms shifted by " + frameShiftMs + " ms is less than one sample");
        }
        long frames;
        if (snipEdges) {
            frames = numSamples < length ? 0 : 1 + (numSamples - length) / shift;
        } else {
            frames = (numSamples + shift / 2) / shift;
        }
        return Math.toIntExact(frames);
    }

    /**
     * Index of the first sample of frame {@code frame} (may be negative, or run past the end, when
     * {@link #snipEdges} is false), as Kaldi's {@code FirstSampleOfFrame}.
     */
    public long firstSampleOfFrame(int frame, double sampleRateHz) {
        long shift = windowShiftSamples(sampleRateHz);
        if (snipEdges) {
            return frame * shift;
        }
        return frame * shift + shift / 2 - windowSizeSamples(sampleRateHz) / 2;
    }

    /**
     * Centre of frame {@code frame} in samples from the start of the recording (fractional for an odd
     * frame length): {@link #firstSampleOfFrame} + length / 2. With {@link #snipEdges}
     * {@code t·shift + length/2} (Kaldi's defaults at 16 kHz: 160t + 200); without,
     * {@code t·shift + ⌊shift/2⌋} for an even length (160t + 80), the centre Kaldi places each frame on.
     */
    public double frameCentreSample(int frame, double sampleRateHz) {
        return firstSampleOfFrame(frame, sampleRateHz) + windowSizeSamples(sampleRateHz) / 2.0;
    }

    private static int toSamples(double sampleRateHz, double ms) {
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate must be a positive number of Hz, got " + sampleRateHz);
        }
        double samples = (double) (float) sampleRateHz * 0.001 * (double) (float) ms;
        if (samples >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException(ms + " ms at " + sampleRateHz + " Hz is too many samples");
        }
        return (int) samples;
    }

    /** A copy with {@link #frameLengthMs} replaced. */
    public FrameExtractionOptions withFrameLengthMs(double v) {
        return new FrameExtractionOptions(v, frameShiftMs, dither, ditherSeed, preemphasisCoefficient,
                removeDcOffset, windowType, roundToPowerOfTwo, blackmanCoeff, snipEdges);
    }

    /** A copy with {@link #frameShiftMs} replaced. */
    public FrameExtractionOptions withFrameShiftMs(double v) {
        return new FrameExtractionOptions(frameLengthMs, v, dither, ditherSeed, preemphasisCoefficient,
                removeDcOffset, windowType, roundToPowerOfTwo, blackmanCoeff, snipEdges);
    }

    /** A copy with {@link #dither} replaced. */
    public FrameExtractionOptions withDither(double v) {
        return new FrameExtractionOptions(frameLengthMs, frameShiftMs, v, ditherSeed, preemphasisCoefficient,
                removeDcOffset, windowType, roundToPowerOfTwo, blackmanCoeff, snipEdges);
    }

    /** A copy with {@link #ditherSeed} replaced. */
    public FrameExtractionOptions withDitherSeed(long v) {
        return new FrameExtractionOptions(frameLengthMs, frameShiftMs, dither, v, preemphasisCoefficient,
                removeDcOffset, windowType, roundToPowerOfTwo, blackmanCoeff, snipEdges);
    }

    /** A copy with {@link #preemphasisCoefficient} replaced. */
    public FrameExtractionOptions withPreemphasisCoefficient(double v) {
        return new FrameExtractionOptions(frameLengthMs, frameShiftMs, dither, ditherSeed, v,
                removeDcOffset, windowType, roundToPowerOfTwo, blackmanCoeff, snipEdges);
    }

    /** A copy with {@link #removeDcOffset} replaced. */
    public FrameExtractionOptions withRemoveDcOffset(boolean v) {
        return new FrameExtractionOptions(frameLengthMs, frameShiftMs, dither, ditherSeed, preemphasisCoefficient,
                v, windowType, roundToPowerOfTwo, blackmanCoeff, snipEdges);
    }

    /** A copy with {@link #windowType} replaced. */
    public FrameExtractionOptions withWindowType(WindowType v) {
        return new FrameExtractionOptions(frameLengthMs, frameShiftMs, dither, ditherSeed, preemphasisCoefficient,
                removeDcOffset, v, roundToPowerOfTwo, blackmanCoeff, snipEdges);
    }

    /** A copy with {@link #roundToPowerOfTwo} replaced. */
    public FrameExtractionOptions withRoundToPowerOfTwo(boolean v) {
        return new FrameExtractionOptions(frameLengthMs, frameShiftMs, dither, ditherSeed, preemphasisCoefficient,
                removeDcOffset, windowType, v, blackmanCoeff, snipEdges);
    }

    /** A copy with {@link #blackmanCoeff} replaced. */
    public FrameExtractionOptions withBlackmanCoeff(double v) {
        return new FrameExtractionOptions(frameLengthMs, frameShiftMs, dither, ditherSeed, preemphasisCoefficient,
                removeDcOffset, windowType, roundToPowerOfTwo, v, snipEdges);
    }

    /** A copy with {@link #snipEdges} replaced. */
    public FrameExtractionOptions withSnipEdges(boolean v) {
        return new FrameExtractionOptions(frameLengthMs, frameShiftMs, dither, ditherSeed, preemphasisCoefficient,
                removeDcOffset, windowType, roundToPowerOfTwo, blackmanCoeff, v);
    }
}
