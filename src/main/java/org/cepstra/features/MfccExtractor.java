package org.cepstra.features;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.cepstra.audio.Audio;
import org.cepstra.matrix.FeatureMatrix;

/**
 * MFCC features exactly as Kaldi's {@code compute-mfcc-feats} (or HTK's HCopy with
 * {@link MfccPresets#htk(boolean)}), for recordings at any sample rate: each recording is processed at
 * its own rate, with the mel range up to its own Nyquist frequency.
 *
 * <p>Thread-safe: the options are immutable and the tables of each sample rate are built once, on
 * first use, into an immutable {@link MfccComputer} shared by all threads; each call uses its own
 * scratch memory.
 */
public final class MfccExtractor {
    private final FrameExtractionOptions frame;
    private final MelBanksOptions mel;
    private final MfccOptions mfcc;
    private final ConcurrentMap<Double, MfccComputer> byRate = new ConcurrentHashMap<>();

    /**
     * An extractor for these options.
     *
     * @throws IllegalArgumentException if {@code numCeps} exceeds the number of mel bins
     */
    public MfccExtractor(FrameExtractionOptions frame, MelBanksOptions mel, MfccOptions mfcc) {
        this.frame = Objects.requireNonNull(frame, "frame");
        this.mel = Objects.requireNonNull(mel, "mel");
        this.mfcc = Objects.requireNonNull(mfcc, "mfcc");
        if (mfcc.numCeps() > mel.numBins()) {
            throw new IllegalArgumentException("numCeps (" + mfcc.numCeps()
                    + ") cannot exceed the number of mel bins (" + mel.numBins() + ")");
        }
    }

    /** An extractor for a preset or parsed configuration. */
    public MfccExtractor(MfccSettings settings) {
        this(settings.frame(), settings.mel(), settings.mfcc());
    }

    /** The frame options. */
    public FrameExtractionOptions frameOptions() {
        return frame;
    }

    /** The mel filter bank options. */
    public MelBanksOptions melOptions() {
        return mel;
    }

    /** The cepstral options. */
    public MfccOptions mfccOptions() {
        return mfcc;
    }

    /**
     * The computer for recordings at {@code sampleRateHz}, built on first request and cached.
     *
     * @throws IllegalArgumentException if the options do not fit this rate (e.g. the mel range exceeds
     *                                  Nyquist, or the frame is shorter than 2 samples)
     */
    MfccComputer forSampleRate(double sampleRateHz) {
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate must be a positive number of Hz, got " + sampleRateHz);
        }
        MfccComputer c = byRate.get(sampleRateHz);
        if (c == null) {
            c = byRate.computeIfAbsent(sampleRateHz, r -> new MfccComputer(frame, mel, mfcc, r));
        }
        return c;
    }

    /** MFCC frames of {@code audio} at its own sample rate: {@code numFrames × dimension()}. */
    public FeatureMatrix compute(Audio audio) {
        Objects.requireNonNull(audio, "audio");
        return forSampleRate(audio.sampleRateHz()).compute(audio);
    }

    /** Number of frames {@link #compute} returns for {@code numSamples} samples at {@code sampleRateHz}. */
    public int numFrames(long numSamples, double sampleRateHz) {
        return frame.numFrames(numSamples, sampleRateHz);
    }

    /** Number of values per frame ({@code numCeps}). */
    public int dimension() {
        return mfcc.numCeps();
    }
}
