package org.cepstra.features;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import org.cepstra.audio.Audio;
import org.cepstra.matrix.FeatureMatrix;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * MFCC extraction for one sample rate, with every table precomputed: window, sparse mel weights,
 * DCT with the lifter folded in, FFT plan. Immutable and thread-safe: each call works in its own
 * scratch arrays. Obtain one from {@link MfccExtractor#forSampleRate(double)}.
 *
 * <p>Per frame, as Kaldi's {@code compute-mfcc-feats}: samples scaled to int16 range (× 32768), dither,
 * DC removal, raw log energy, pre-emphasis {@code x[i] -= c x[i-1]} (and {@code x[0] -= c x[0]}),
 * window, zero-padding to the FFT size, real FFT, power (or magnitude) spectrum, mel filters,
 * {@code log(max(e, floor))}, DCT-II, lifter, then C0 replaced by the log energy and/or HTK order.
 *
 * <p>Precision: the frame preparation (mean, energy, pre-emphasis, window) and the FFT run in double,
 * the mel filters, log and DCT in float. This keeps every value within about 1e-4 of Kaldi's algorithm
 * evaluated in double; Kaldi's own float32 arithmetic is further off on frames with a large spectral
 * dynamic range (e.g. constant, DC-only frames without DC removal).
 */
final class MfccComputer {
    /** C's FLT_EPSILON, the floor Kaldi puts under energies before their log. */
    static final float FLT_EPSILON = Math.ulp(1.0f);
    private static final float INT16_SCALE = 32768f;
    private static final float SQRT2 = (float) Math.sqrt(2.0);

    private final double sampleRateHz;
    private final int frameLength;
    private final int frameShift;
    private final int fftSize;
    private final boolean snipEdges;
    private final float dither;
    private final long ditherSeed;
    private final boolean removeDc;
    private final double preemph;
    private final double[] window;
    private final DoubleFFT_1D fft;

    private final boolean usePower;
    private final float logFloor;
    private final int numBins;
    private final int[] melFirst;
    private final int[] melOffset;
    private final float[] melWeights;
    private final int specLo;
    private final int specHi;

    private final int numCeps;
    private final float[] dct;
    private final boolean useEnergy;
    private final boolean rawEnergy;
    private final double logEnergyFloor;
    private final boolean htkCompat;
    private final boolean subtractMean;
    private final FrameExtractionOptions frameOptions;

    MfccComputer(FrameExtractionOptions frame, MelBanksOptions mel, MfccOptions mfcc, double sampleRateHz) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(mel, "mel");
        Objects.requireNonNull(mfcc, "mfcc");
        this.frameOptions = frame;
        this.sampleRateHz = sampleRateHz;
        this.frameLength = frame.windowSizeSamples(sampleRateHz);
        this.frameShift = frame.windowShiftSamples(sampleRateHz);
        if (frameLength < 2 || frameShift < 1) {
            throw new IllegalArgumentException("at " + sampleRateHz + " Hz, frames of " + frame.frameLengthMs()
                    + " ms shifted by " + frame.frameShiftMs() + " ms give " + frameLength + " samples shifted by "
                    + frameShift + ": need at least 2 samples and a shift of 1");
        }
        this.fftSize = frame.paddedWindowSizeSamples(sampleRateHz);
        this.snipEdges = frame.snipEdges();
        this.dither = (float) frame.dither();
        this.ditherSeed = frame.ditherSeed();
        this.removeDc = frame.removeDcOffset();
        this.preemph = frame.preemphasisCoefficient();
        this.window = frame.windowType().coefficients(frameLength, frame.blackmanCoeff());

        MelBanks banks = MelBanks.create(mel, sampleRateHz, fftSize);
        this.fft = new DoubleFFT_1D(fftSize);
        this.usePower = mel.usePower();
        this.logFloor = mel.htkMode() ? 1.0f : FLT_EPSILON;
        this.numBins = mel.numBins();
        this.melFirst = banks.firstBinArray();
        this.melOffset = banks.offsetArray();
        this.melWeights = banks.weightArray();
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (int b = 0; b < numBins; b++) {
            int len = melOffset[b + 1] - melOffset[b];
            if (len > 0) {
                lo = Math.min(lo, melFirst[b]);
                hi = Math.max(hi, melFirst[b] + len - 1);
            }
        }
        this.specLo = hi < 0 ? 0 : lo;
        this.specHi = hi;

        this.numCeps = mfcc.numCeps();
        if (numCeps > numBins) {
            throw new IllegalArgumentException("numCeps (" + numCeps + ") cannot exceed the number of mel bins ("
                    + numBins + ")");
        }
        double[][] dctRows = Dct.kaldiDct(numCeps, numBins);
        double[] lift = Dct.lifter(numCeps, mfcc.cepstralLifter());
        this.dct = new float[numCeps * numBins];
        for (int c = 0; c < numCeps; c++) {
            for (int b = 0; b < numBins; b++) {
                this.dct[c * numBins + b] = (float) (dctRows[c][b] * lift[c]);
            }
        }
        this.useEnergy = mfcc.useEnergy();
        this.rawEnergy = mfcc.rawEnergy();
        this.logEnergyFloor = mfcc.energyFloor() > 0 ? Math.log(mfcc.energyFloor()) : Double.NEGATIVE_INFINITY;
        this.htkCompat = mfcc.htkCompat();
        this.subtractMean = mfcc.subtractMean();
    }

    /** Sample rate in Hz this computer is built for. */
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /** Frame length in samples. */
    public int frameLengthSamples() {
        return frameLength;
    }

    /** Frame shift in samples. */
    public int frameShiftSamples() {
        return frameShift;
    }

    /** FFT size in samples (frame length zero-padded). */
    public int fftSize() {
        return fftSize;
    }

    /** Number of values per frame ({@code numCeps}). */
    public int dimension() {
        return numCeps;
    }

    /** Number of frames produced from {@code numSamples} samples. */
    public int numFrames(long numSamples) {
        return frameOptions.numFrames(numSamples, sampleRateHz);
    }

    /**
     * MFCC frames of {@code audio}, one row per frame.
     *
     * @throws IllegalArgumentException if the recording's sample rate is not this computer's
     */
    public FeatureMatrix compute(Audio audio) {
        Objects.requireNonNull(audio, "audio");
        if (audio.sampleRateHz() != sampleRateHz) {
            throw new IllegalArgumentException("recording at " + audio.sampleRateHz()
                    + " Hz given to an MFCC computer built for " + sampleRateHz + " Hz");
        }
        // each frame's samples are copied from the recording as it is taken: no copy of the whole recording
        return compute(audio, null, 0, audio.length());
    }

    /**
     * MFCC frames of {@code count} samples (floats in [-1, 1), at this computer's rate) starting at
     * {@code offset} in {@code samples}; the array is not modified.
     */
    public FeatureMatrix compute(float[] samples, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, samples.length);
        return compute(null, samples, offset, count);
    }

    /**
     * MFCC frames of {@code audio}, or if it is null of {@code count} samples of {@code samples} from {@code offset}
     * (one method rather than a frame source passed as a lambda, which the launcher's class-data archive lacks).
     */
    private FeatureMatrix compute(Audio audio, float[] samples, int offset, int count) {
        int frames = numFrames(count);
        float[] out = new float[Math.multiplyExact(frames, numCeps)];
        if (frames > 0) {
            Scratch s = new Scratch();
            for (int f = 0; f < frames; f++) {
                if (audio != null) {
                    extractFrame(audio, f, s.frame);
                } else {
                    extractFrame(samples, offset, count, f, s.frame);
                }
                processFrame(s, out, f * numCeps);
            }
            if (subtractMean) {
                subtractColumnMeans(out, frames);
            }
        }
        return FeatureMatrix.wrap(frames, numCeps, out);
    }

    /**
     * Per-call working memory; one per thread. Its dither generator starts at the configured seed, so
     * frames computed in order 0, 1, 2, ... draw the same noise as {@link #compute(float[], int, int)}.
     */
    final class Scratch {
        final float[] frame = new float[frameLength];
        final double[] buf = new double[fftSize];
        final float[] spec = new float[fftSize / 2 + 1];
        final float[] logMel = new float[numBins];
        final float[] ceps = new float[numCeps];
        final Random rng = dither != 0f ? new Random(ditherSeed) : null;

        /** Restarts the dither noise at the configured seed, as at the start of a recording. */
        void restartDither() {
            if (rng != null) {
                rng.setSeed(ditherSeed);
            }
        }
    }

    /** Fresh working memory for {@link #computeFrame}. */
    Scratch newScratch() {
        return new Scratch();
    }

    /** Whether the cepstra need the whole recording (per-recording mean subtraction). */
    boolean subtractsMean() {
        return subtractMean;
    }

    /**
     * Computes one frame from {@link #frameLengthSamples()} samples (floats in [-1, 1)) starting at
     * {@code start} in {@code samples}, writing {@link #dimension()} values at {@code outPos} in
     * {@code out}. The same arithmetic as {@link #compute(float[], int, int)} for a frame inside the
     * signal, so the values are bit-identical; with dither the frames must be computed in order with
     * one {@code Scratch}. No mean subtraction ({@link MfccOptions#subtractMean()}) is applied.
     */
    void computeFrame(float[] samples, int start, Scratch s, float[] out, int outPos) {
        copyScaled(samples, start, s.frame);
        processFrame(s, out, outPos);
    }

    /** Copies frame {@code f} (int16 scale) into {@code frame}, reflecting at the ends as Kaldi does. */
    private void extractFrame(float[] x, int offset, int n, int f, float[] frame) {
        long start = frameStart(f);
        if (start >= 0 && start + frameLength <= n) {
            copyScaled(x, offset + (int) start, frame);
        } else {
            for (int i = 0; i < frameLength; i++) {
                frame[i] = x[offset + reflected(start + i, n)] * INT16_SCALE;
            }
        }
    }

    /** Copies frame {@code f} of {@code audio} (int16 scale) into {@code frame}, reflecting at the ends as Kaldi does. */
    private void extractFrame(Audio audio, int f, float[] frame) {
        int n = audio.length();
        long start = frameStart(f);
        if (start >= 0 && start + frameLength <= n) {
            audio.copySamples((int) start, frameLength, frame, 0);
            for (int i = 0; i < frameLength; i++) {
                frame[i] *= INT16_SCALE;
            }
        } else {
            for (int i = 0; i < frameLength; i++) {
                frame[i] = audio.sample(reflected(start + i, n)) * INT16_SCALE;
            }
        }
    }

    /** First sample of frame f (negative, or past the end, only without snip-edges). */
    private long frameStart(int f) {
        return snipEdges ? (long) f * frameShift : (long) f * frameShift + frameShift / 2 - frameLength / 2;
    }

    /** Sample index s reflected into {@code [0, n)} as Kaldi's ExtractWindow does. */
    private static int reflected(long s, int n) {
        while (s < 0 || s >= n) {
            s = s < 0 ? -s - 1 : 2L * n - 1 - s;
        }
        return (int) s;
    }

    /** Copies {@code frameLength} samples from {@code x[base..]} into {@code frame}, scaled to int16 range. */
    private void copyScaled(float[] x, int base, float[] frame) {
        for (int i = 0; i < frameLength; i++) {
            frame[i] = x[base + i] * INT16_SCALE;
        }
    }

    private void processFrame(Scratch s, float[] out, int outPos) {
        final float[] fr = s.frame;
        final int len = frameLength;
        if (s.rng != null) {
            for (int i = 0; i < len; i++) {
                fr[i] += dither * (float) s.rng.nextGaussian();
            }
        }
        double mean = removeDc ? sum(fr, len) / len : 0.0;
        double logEnergy = 0.0;
        if (useEnergy && rawEnergy) {
            logEnergy = Math.log(Math.max(sumOfSquaredDeviations(fr, len, mean), FLT_EPSILON));
        }

        // Pre-emphasis of the DC-free frame, (x[i] - m) - c (x[i-1] - m), and window, in double.
        final double[] buf = s.buf;
        preemphasizeAndWindow(fr, len, mean, buf);
        Arrays.fill(buf, len, fftSize, 0.0);
        if (useEnergy && !rawEnergy) {
            logEnergy = Math.log(Math.max(sumOfSquares(buf, len), FLT_EPSILON));
        }
        if (useEnergy && logEnergy < logEnergyFloor) {
            logEnergy = logEnergyFloor;
        }

        fft.realForward(buf);
        final float[] spec = s.spec;
        powerSpectrum(buf, spec);
        melLog(spec, s.logMel);
        dct(s.logMel, s.ceps);

        final float[] ceps = s.ceps;
        final int nc = numCeps;
        if (!htkCompat) {
            System.arraycopy(ceps, 0, out, outPos, nc);
            if (useEnergy) {
                out[outPos] = (float) logEnergy;
            }
        } else {
            System.arraycopy(ceps, 1, out, outPos, nc - 1);
            out[outPos + nc - 1] = useEnergy ? (float) logEnergy : ceps[0] * SQRT2;
        }
    }

    /**
     * {@code buf[i] = ((x[i] - m) - c (x[i-1] - m)) w[i]} for the first {@code len} samples (with
     * {@code x[-1] = x[0]}), in double. A method of its own so that processFrame holds no long loop: the
     * JIT then compiles processFrame once rather than also on-stack in the middle of its first frames.
     */
    private void preemphasizeAndWindow(float[] fr, int len, double mean, double[] buf) {
        final double[] w = window;
        final double c = preemph;
        final double dc = (1.0 - c) * mean;
        buf[0] = (1.0 - c) * (fr[0] - mean) * w[0];
        for (int i = 1; i < len; i++) {
            buf[i] = (fr[i] - c * fr[i - 1] - dc) * w[i];
        }
    }

    /** Power (or magnitude) of FFT bins {@code specLo..specHi} from JTransforms' packed real FFT. */
    private void powerSpectrum(double[] a, float[] spec) {
        int half = fftSize / 2;
        int lo = Math.max(specLo, 1);
        int hi = Math.min(specHi, half - 1);
        if (usePower) {
            for (int k = lo; k <= hi; k++) {
                double re = a[2 * k];
                double im = a[2 * k + 1];
                spec[k] = (float) (re * re + im * im);
            }
        } else {
            for (int k = lo; k <= hi; k++) {
                double re = a[2 * k];
                double im = a[2 * k + 1];
                spec[k] = (float) Math.sqrt(re * re + im * im);
            }
        }
        // JTransforms packs the real DC term in a[0] and the real Nyquist term in a[1].
        if (specLo == 0) {
            spec[0] = (float) (usePower ? a[0] * a[0] : Math.abs(a[0]));
        }
        if (specHi == half) {
            spec[half] = (float) (usePower ? a[1] * a[1] : Math.abs(a[1]));
        }
    }

    /** Mel filter outputs, floored and logged; four accumulators per filter to shorten the add chains. */
    private void melLog(float[] spec, float[] logMel) {
        final float[] mw = melWeights;
        final int[] first = melFirst;
        final int[] off = melOffset;
        for (int b = 0; b < numBins; b++) {
            int j = off[b];
            int end = off[b + 1];
            int k = first[b] - j;
            float e0 = 0f;
            float e1 = 0f;
            float e2 = 0f;
            float e3 = 0f;
            for (; j + 3 < end; j += 4) {
                e0 += mw[j] * spec[k + j];
                e1 += mw[j + 1] * spec[k + j + 1];
                e2 += mw[j + 2] * spec[k + j + 2];
                e3 += mw[j + 3] * spec[k + j + 3];
            }
            for (; j < end; j++) {
                e0 += mw[j] * spec[k + j];
            }
            float e = (e0 + e1) + (e2 + e3);
            logMel[b] = (float) Math.log(Math.max(e, logFloor));
        }
    }

    /** Liftered DCT of the log mel energies, one dot product per cepstrum (four accumulators each). */
    private void dct(float[] logMel, float[] ceps) {
        final float[] d = dct;
        final int nb = numBins;
        for (int c = 0; c < numCeps; c++) {
            int row = c * nb;
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            int b = 0;
            for (; b + 3 < nb; b += 4) {
                s0 += d[row + b] * logMel[b];
                s1 += d[row + b + 1] * logMel[b + 1];
                s2 += d[row + b + 2] * logMel[b + 2];
                s3 += d[row + b + 3] * logMel[b + 3];
            }
            for (; b < nb; b++) {
                s0 += d[row + b] * logMel[b];
            }
            ceps[c] = (s0 + s1) + (s2 + s3);
        }
    }

    /** Sum in double with four accumulators. */
    private static double sum(float[] x, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (; i < n; i++) {
            s0 += x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Sum of {@code (x[i] - mean)^2} in double with four accumulators. */
    private static double sumOfSquaredDeviations(float[] x, int n, double mean) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double a = x[i] - mean;
            double b = x[i + 1] - mean;
            double c = x[i + 2] - mean;
            double d = x[i + 3] - mean;
            s0 += a * a;
            s1 += b * b;
            s2 += c * c;
            s3 += d * d;
        }
        for (; i < n; i++) {
            double a = x[i] - mean;
            s0 += a * a;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Sum of squares of a double array, four accumulators. */
    private static double sumOfSquares(double[] x, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[i] * x[i];
            s1 += x[i + 1] * x[i + 1];
            s2 += x[i + 2] * x[i + 2];
            s3 += x[i + 3] * x[i + 3];
        }
        for (; i < n; i++) {
            s0 += x[i] * x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Subtracts the mean of each column over {@code frames} rows of {@code out} (row-major, numCeps wide). */
    void subtractColumnMeans(float[] out, int frames) {
        double[] mean = new double[numCeps];
        for (int f = 0; f < frames; f++) {
            for (int k = 0; k < numCeps; k++) {
                mean[k] += out[f * numCeps + k];
            }
        }
        for (int k = 0; k < numCeps; k++) {
            mean[k] /= frames;
        }
        for (int f = 0; f < frames; f++) {
            for (int k = 0; k < numCeps; k++) {
                out[f * numCeps + k] = (float) (out[f * numCeps + k] - mean[k]);
            }
        }
    }
}
