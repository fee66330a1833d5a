package org.cepstra.models;

import java.util.Locale;
import java.util.Objects;
import org.cepstra.corpus.Segment;
import org.cepstra.corpus.SegmentFrames;
import org.cepstra.features.FrameExtractionOptions;

/**
 * Which frames of a whole recording belong to a segment of it ({@link SegmentFrames#FROM_RECORDING}):
 * the frames whose centre lies inside the segment's half-open interval [start, end), as HTK and Kaldi
 * label frames from a time alignment.
 *
 * <p>Frame {@code t}'s centre is {@link FrameExtractionOptions#frameCentreSample}: with snip-edges
 * {@code t·shift + length/2} samples (160t + 200 at Kaldi's 16 kHz defaults), without it
 * {@code t·shift + shift/2} (160t + 80). A segment boundary of {@code s} seconds lies at {@code s·rate}
 * samples, rounded to the nearest thousandth of a sample so that times written in decimal (0.29 s is
 * not exactly representable) fall where they were meant to. Consecutive segments therefore share out
 * the frames without gap or overlap; a segment shorter than a frame shift may hold no centre and gets
 * no frame.
 */
public final class SegmentFrameRanges {
    private final FrameExtractionOptions framing;
    private final double sampleRateHz;

    /**
     * @param framing      how the recording was cut into frames
     * @param sampleRateHz the rate the frames were computed at (after any resampling), Hz
     */
    public SegmentFrameRanges(FrameExtractionOptions framing, double sampleRateHz) {
        this.framing = Objects.requireNonNull(framing, "framing");
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate must be a positive number of Hz, got " + sampleRateHz);
        }
        this.sampleRateHz = sampleRateHz;
    }

    /**
     * Frames {@code [first, end)} of a recording: {@code end - first} frames, possibly none.
     *
     * @param first index of the first frame
     * @param end   index just past the last frame
     */
    public record Range(int first, int end) {
        /** Checks {@code 0 <= first <= end}. */
        public Range {
            if (first < 0 || end < first) {
                throw new IllegalArgumentException("bad frame range [" + first + ", " + end + ")");
            }
        }

        /** Number of frames. */
        public int size() {
            return end - first;
        }
    }

    /**
     * The frames of {@code segment} among the {@code numFrames} frames of a recording of
     * {@code lengthSamples} samples.
     *
     * @throws IllegalArgumentException when the segment starts at or after the end of the recording, or
     *                                  ends more than {@link Segment#MAX_OVERSHOOT_SECONDS} beyond it
     */
    public Range range(Segment segment, long lengthSamples, int numFrames) {
        requireInside(segment, sampleRateHz, lengthSamples);
        double start = boundary(segment.startSeconds());
        double end = segment.isOpenEnded() ? Double.POSITIVE_INFINITY : boundary(segment.endSeconds());
        int first = firstCentreAtOrAfter(start, numFrames);
        return new Range(first, Math.max(first, firstCentreAtOrAfter(end, numFrames)));
    }

    private double boundary(double seconds) {
        return Math.rint(seconds * sampleRateHz * 1000.0) / 1000.0;
    }

    /** The first frame whose centre is at or after {@code sample}, or {@code numFrames} if none is. */
    private int firstCentreAtOrAfter(double sample, int numFrames) {
        if (sample == Double.POSITIVE_INFINITY || numFrames == 0) {
            return numFrames;
        }
        double c0 = framing.frameCentreSample(0, sampleRateHz);
        double shift = framing.windowShiftSamples(sampleRateHz);
        double guess = Math.ceil((sample - c0) / shift);
        int t = (int) Math.max(0, Math.min(numFrames, guess));
        while (t > 0 && framing.frameCentreSample(t - 1, sampleRateHz) >= sample) {
            t--;
        }
        while (t < numFrames && framing.frameCentreSample(t, sampleRateHz) < sample) {
            t++;
        }
        return t;
    }

    /**
     * Checks that {@code segment} lies in a recording of {@code lengthSamples} samples at {@code rateHz}:
     * it starts before the end, and holds at least one sample ({@link Segment#firstSample},
     * {@link Segment#endSample}).
     *
     * @throws IllegalArgumentException when it lies outside the recording or ends too far beyond it
     */
    static void requireInside(Segment segment, double rateHz, long lengthSamples) {
        long first = segment.firstSample(rateHz);
        long end = segment.endSample(rateHz, lengthSamples);
        if (first >= lengthSamples || end <= first) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "segment %.3f-%.3f s lies outside the recording (%.3f s)", segment.startSeconds(),
                    segment.endSeconds(), lengthSamples / rateHz));
        }
    }
}
