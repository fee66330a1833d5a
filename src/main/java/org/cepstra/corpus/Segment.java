package org.cepstra.corpus;

/**
 * A stretch of time inside one recording, in seconds from the start of the file: the half-open
 * interval [{@code startSeconds}, {@code endSeconds}).
 *
 * <p>{@code startSeconds} is finite and at least 0; {@code endSeconds} is greater than
 * {@code startSeconds} and either finite or {@link Double#POSITIVE_INFINITY}, which means
 * "to the end of the file" (Kaldi writes this as an end time of -1 in a {@code segments} file).
 * Whether the segment lies inside the file is checked when its samples are cut
 * ({@link #endSample}): the corpus does not know the length of a recording.
 *
 * <p>How the segment's frames are made is part of the segment ({@link SegmentFrames}): cut out and
 * featurised alone (an utterance-level segment, as Kaldi's {@code extract-segments}), or taken from
 * the frames of the whole recording (a phone or word of a time alignment).
 *
 * @param startSeconds first instant of the segment, seconds from the start of the file
 * @param endSeconds   instant just after the segment, seconds; +infinity for "to the end"
 * @param frames       where the segment's frames come from
 */
public record Segment(double startSeconds, double endSeconds, SegmentFrames frames) {

    /** Validates the interval; throws {@link IllegalArgumentException} naming the bad value. */
    public Segment {
        java.util.Objects.requireNonNull(frames, "frames");
        if (!Double.isFinite(startSeconds) || startSeconds < 0) {
            throw new IllegalArgumentException(
                    "segment start must be a finite number of seconds >= 0, got " + startSeconds);
        }
        if (Double.isNaN(endSeconds) || !(endSeconds > startSeconds)) {
            throw new IllegalArgumentException(
                    "segment end " + endSeconds + " s must be after its start " + startSeconds + " s");
        }
    }

    /** An utterance-level segment, {@link SegmentFrames#CUT cut out} and featurised alone. */
    public Segment(double startSeconds, double endSeconds) {
        this(startSeconds, endSeconds, SegmentFrames.CUT);
    }

    /**
     * A segment of a time alignment (a phone, a word): its frames are those of the whole recording
     * whose centre lies inside it ({@link SegmentFrames#FROM_RECORDING}).
     */
    public static Segment ofRecording(double startSeconds, double endSeconds) {
        return new Segment(startSeconds, endSeconds, SegmentFrames.FROM_RECORDING);
    }

    /** The segment from {@code startSeconds} to the end of the file. */
    public static Segment toEndOfFile(double startSeconds) {
        return new Segment(startSeconds, Double.POSITIVE_INFINITY);
    }

    /** True when the segment runs to the end of the file ({@code endSeconds} is +infinity). */
    public boolean isOpenEnded() {
        return endSeconds == Double.POSITIVE_INFINITY;
    }

    /** Length in seconds; +infinity for an open-ended segment. */
    public double durationSeconds() {
        return endSeconds - startSeconds;
    }

    /** True when the two intervals share some time (touching ends do not overlap). */
    public boolean overlaps(Segment other) {
        return startSeconds < other.endSeconds && other.startSeconds < endSeconds;
    }

    /**
     * Index of the first sample of the segment in a recording sampled at {@code sampleRateHz}:
     * {@code floor(startSeconds * sampleRateHz)}, the truncation Kaldi's {@code extract-segments} uses.
     */
    public long firstSample(double sampleRateHz) {
        checkRate(sampleRateHz);
        return (long) (startSeconds * sampleRateHz);
    }

    /**
     * How far, in seconds, the end of a segment may lie beyond the end of its recording and still be
     * cut at the recording's end: times written to the hundredth of a second round up by less. A segment
     * ending further out does not describe this recording (a wrong file, a wrong unit, a wrong rate) and
     * is refused rather than clipped. Stricter than Kaldi's {@code extract-segments}, which truncates
     * without a word up to its {@code --max-overshoot} of 0.5 s: a phone alignment off by half a second
     * would silently give the wrong frames.
     */
    public static final double MAX_OVERSHOOT_SECONDS = 0.01;

    /**
     * Index just past the last sample of the segment in a recording of {@code lengthSamples} samples
     * at {@code sampleRateHz}: {@code floor(endSeconds * sampleRateHz)} as Kaldi's
     * {@code extract-segments} computes it, cut to {@code lengthSamples} when it overshoots by at most
     * {@link #MAX_OVERSHOOT_SECONDS}; {@code lengthSamples} for an open-ended segment. The range
     * [{@link #firstSample}, endSample) may be empty when the segment starts after the end of the file;
     * callers check that.
     *
     * @throws IllegalArgumentException if the end lies more than {@link #MAX_OVERSHOOT_SECONDS} beyond
     *                                  the recording, saying by how much
     */
    public long endSample(double sampleRateHz, long lengthSamples) {
        checkRate(sampleRateHz);
        if (lengthSamples < 0) {
            throw new IllegalArgumentException("recording length must be >= 0 samples, got " + lengthSamples);
        }
        if (isOpenEnded()) {
            return lengthSamples;
        }
        double end = endSeconds * sampleRateHz;
        if (end > lengthSamples + MAX_OVERSHOOT_SECONDS * sampleRateHz) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "segment %s ends %.3f s beyond the end of the recording (%.3f s); not clipped",
                    this, endSeconds - lengthSamples / sampleRateHz, lengthSamples / sampleRateHz));
        }
        return end >= lengthSamples ? lengthSamples : (long) end;
    }

    /**
     * Why this segment does not lie in a recording {@code durationSeconds} long, called {@code recording}: it
     * starts at or after the end, or ends more than {@link #MAX_OVERSHOOT_SECONDS} beyond it (the rules
     * {@link #endSample} applies to samples); null when it lies in the recording.
     */
    public String outsideRecording(double durationSeconds, String recording) {
        if (startSeconds >= durationSeconds) {
            return String.format(java.util.Locale.ROOT, "segment %s starts at or after the end of the recording %s"
                    + " (%.3f s)", this, recording, durationSeconds);
        }
        if (!isOpenEnded() && endSeconds > durationSeconds + MAX_OVERSHOOT_SECONDS) {
            return String.format(java.util.Locale.ROOT, "segment %s ends %.3f s beyond the end of the recording %s"
                    + " (%.3f s)", this, endSeconds - durationSeconds, recording, durationSeconds);
        }
        return null;
    }

    private static void checkRate(double sampleRateHz) {
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate must be a positive number of Hz, got " + sampleRateHz);
        }
    }

    /** {@code [0.5, 1.25) s} or {@code [0.5, end) s}. */
    @Override
    public String toString() {
        return "[" + startSeconds + ", " + (isOpenEnded() ? "end" : Double.toString(endSeconds)) + ") s";
    }
}
