package org.cepstra.audio;

import java.util.Objects;

/**
 * Band-limited sample-rate conversion by a Hann-windowed sinc filter, the method of Kaldi's
 * {@code LinearResample}: output sample t (at time t / outRate) is
 * {@code sum_j x[j] · h(j / inRate - t / outRate) / inRate} with
 * {@code h(u) = 2 fc sinc(2 fc u) · w(u)}, {@code fc} = cutoff in Hz and {@code w} a Hann window
 * reaching zero at {@code |u| = numZeros / (2 fc)}. Samples before the start and after the end
 * count as zero, and the output has {@code ceil(n × outRate / inRate)} samples (Kaldi's count with
 * flushing).
 *
 * <p>When both rates are whole numbers of Hz, the filter taps repeat with a period of
 * {@code outRate / gcd(inRate, outRate)} output samples and are computed once per phase; other
 * rate pairs compute taps per output sample (slower, same filter). Instances are immutable and
 * thread-safe.
 */
public final class Resampler {
    private static final long MAX_PRECOMPUTED_TAPS = 1L << 23;

    private final ResamplerConfig config;

    /** A resampler with Kaldi's filter ({@link ResamplerConfig#kaldi()}). */
    public Resampler() {
        this(ResamplerConfig.kaldi());
    }

    /** A resampler with the given filter settings. */
    public Resampler(ResamplerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The filter settings. */
    public ResamplerConfig config() {
        return config;
    }

    /**
     * {@code in} converted to {@code targetRateHz}; {@code in} itself when the rates are equal.
     *
     * @throws IllegalArgumentException the target rate is not a positive finite number of Hz, or
     *                                  the output would not fit in one array
     */
    public Audio resample(Audio in, double targetRateHz) {
        Objects.requireNonNull(in, "in");
        if (!(targetRateHz > 0) || !Double.isFinite(targetRateHz)) {
            throw new IllegalArgumentException("target sample rate must be a positive number of Hz, got "
                    + targetRateHz);
        }
        if (targetRateHz == in.sampleRateHz()) {
            return in;
        }
        float[] x = new float[in.length()];
        in.copySamples(0, x.length, x, 0);
        return Audio.wrap(resample(x, in.sampleRateHz(), targetRateHz), targetRateHz);
    }

    /**
     * {@code samples} at {@code inRateHz} converted to {@code outRateHz} (a new array; a copy when
     * the rates are equal).
     */
    public float[] resample(float[] samples, double inRateHz, double outRateHz) {
        Objects.requireNonNull(samples, "samples");
        checkRate(inRateHz, "input");
        checkRate(outRateHz, "output");
        if (inRateHz == outRateHz) {
            return samples.clone();
        }
        double cutoffHz = cutoffHz(inRateHz, outRateHz);
        int outLength = outputLengthFor(samples.length, inRateHz, outRateHz);
        if (isWholeHz(inRateHz) && isWholeHz(outRateHz)) {
            long in = (long) inRateHz;
            long out = (long) outRateHz;
            long g = gcd(in, out);
            if (usesPhaseTables(in, out)) {
                return resamplePhases(samples, in, out, in / g, out / g, cutoffHz, outLength);
            }
        }
        return resampleDirect(samples, inRateHz, outRateHz, cutoffHz, outLength);
    }

    /** The same conversion with taps evaluated for every output sample (no per-phase tables). */
    float[] resampleWithoutPhaseTables(float[] samples, double inRateHz, double outRateHz) {
        return resampleDirect(samples, inRateHz, outRateHz, cutoffHz(inRateHz, outRateHz),
                outputLengthFor(samples.length, inRateHz, outRateHz));
    }

    private double cutoffHz(double inRateHz, double outRateHz) {
        return config.cutoffFraction() * 0.5 * Math.min(inRateHz, outRateHz);
    }

    private static int outputLengthFor(int inputLength, double inRateHz, double outRateHz) {
        long count;
        if (isWholeHz(inRateHz) && isWholeHz(outRateHz)) {
            count = outputLength(inputLength, (int) inRateHz, (int) outRateHz);
        } else {
            double exact = inputLength * (outRateHz / inRateHz);
            count = (long) Math.ceil(exact - 1e-9 * Math.max(1, exact));
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampled signal of " + count + " samples does not fit in one array");
        }
        return (int) Math.max(0, count);
    }

    /**
     * Number of output samples for {@code inputLength} input samples: the count of output times
     * t / outRate that fall before the end of the input, inputLength / inRate (whole-Hz rates only).
     */
    public static long outputLength(long inputLength, int inRateHz, int outRateHz) {
        if (inputLength < 0 || inRateHz < 1 || outRateHz < 1) {
            throw new IllegalArgumentException("need a length >= 0 and rates >= 1 Hz");
        }
        long g = gcd(inRateHz, outRateHz);
        long inUnit = inRateHz / g;
        long outUnit = outRateHz / g;
        return Math.addExact(Math.multiplyExact(inputLength, outUnit), inUnit - 1) / inUnit;
    }

    /** Rational rates: taps computed once per output phase, then a dot product per output sample. */
    private float[] resamplePhases(float[] x, long in, long out, long inUnit, long outUnit, double cutoffHz,
                                   int outLength) {
        PhaseTable table = phaseTable(in, out, outUnit, cutoffHz);
        float[] y = new float[outLength];
        int n = x.length;
        for (int t = 0; t < outLength; t++) {
            long unit = t / outUnit;
            int phase = (int) (t - unit * outUnit);
            double[] w = table.weights[phase];
            long firstLong = unit * inUnit + table.firstIndex[phase];
            double sum = 0;
            if (firstLong >= 0 && firstLong + w.length <= n) {
                int first = (int) firstLong;
                for (int j = 0; j < w.length; j++) {
                    sum += w[j] * x[first + j];
                }
            } else {
                sum = partialSum(w, firstLong, x, 0, n);
            }
            y[t] = (float) sum;
        }
        return y;
    }

    /**
     * The dot product of {@code w} with input samples {@code firstIndex .. firstIndex + w.length - 1}
     * (absolute indices), of which {@code x[0 .. n)} hold those from absolute index {@code xStart} on and
     * every index outside {@code [0, xStart + n)} counts as zero (before the start, after the end).
     */
    static double partialSum(double[] w, long firstIndex, float[] x, long xStart, long n) {
        double sum = 0;
        for (int j = 0; j < w.length; j++) {
            long k = firstIndex + j;
            if (k >= 0 && k < xStart + n) {
                sum += w[j] * x[(int) (k - xStart)];
            }
        }
        return sum;
    }

    /**
     * Filter taps for each of the {@code outUnit} output phases of a conversion from {@code in} to
     * {@code out} Hz (whole numbers): output sample {@code t = unit·outUnit + phase} is the dot product of
     * {@code weights[phase]} with the input from index {@code unit·inUnit + firstIndex[phase]} on.
     */
    PhaseTable phaseTable(long in, long out, long outUnit, double cutoffHz) {
        int phases = (int) outUnit;
        double windowWidth = config.numZeros() / (2.0 * cutoffHz);
        int[] firstIndex = new int[phases];
        double[][] weights = new double[phases][];
        for (int i = 0; i < phases; i++) {
            double outputT = i / (double) out;
            int first = (int) Math.ceil((outputT - windowWidth) * in);
            int last = (int) Math.floor((outputT + windowWidth) * in);
            firstIndex[i] = first;
            double[] w = new double[last - first + 1];
            for (int j = 0; j < w.length; j++) {
                w[j] = filter((first + j) / (double) in - outputT, cutoffHz, windowWidth) / in;
            }
            weights[i] = w;
        }
        return new PhaseTable(firstIndex, weights);
    }

    /** Per-phase filter taps (see {@link #phaseTable}). */
    record PhaseTable(int[] firstIndex, double[][] weights) {
    }

    /**
     * Whether {@link #resample} uses per-phase tables for this whole-Hz rate pair (and so what
     * {@link StreamingResampler} can reproduce exactly).
     */
    boolean usesPhaseTables(long in, long out) {
        long g = gcd(in, out);
        long tapsPerPhase = (long) Math.ceil(config.numZeros() / cutoffHz(in, out) * in) + 2;
        return out / g * tapsPerPhase <= MAX_PRECOMPUTED_TAPS;
    }

    /** The filter cutoff in Hz for a conversion between the two rates. */
    double cutoffFor(double inRateHz, double outRateHz) {
        return cutoffHz(inRateHz, outRateHz);
    }

    static long gcdOf(long a, long b) {
        return gcd(a, b);
    }

    /** Any rates: taps evaluated afresh for every output sample. */
    private float[] resampleDirect(float[] x, double in, double out, double cutoffHz, int outLength) {
        double windowWidth = config.numZeros() / (2.0 * cutoffHz);
        float[] y = new float[outLength];
        int n = x.length;
        for (int t = 0; t < outLength; t++) {
            double outputT = t / out;
            long first = Math.max(0, (long) Math.ceil((outputT - windowWidth) * in));
            long last = Math.min(n - 1L, (long) Math.floor((outputT + windowWidth) * in));
            double sum = 0;
            for (long k = first; k <= last; k++) {
                sum += filter(k / in - outputT, cutoffHz, windowWidth) * x[(int) k];
            }
            y[t] = (float) (sum / in);
        }
        return y;
    }

    /** The windowed sinc at time offset {@code t} seconds: 2 fc sinc(2 fc t) × Hann window. */
    private double filter(double t, double cutoffHz, double windowWidth) {
        if (Math.abs(t) >= windowWidth) {
            return 0;
        }
        double window = 0.5 * (1 + Math.cos(2 * Math.PI * cutoffHz / config.numZeros() * t));
        double sinc = t == 0 ? 2 * cutoffHz : Math.sin(2 * Math.PI * cutoffHz * t) / (Math.PI * t);
        return sinc * window;
    }

    private static void checkRate(double rate, String what) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException(what + " sample rate must be a positive number of Hz, got " + rate);
        }
    }

    private static boolean isWholeHz(double rate) {
        return rate == Math.rint(rate) && rate <= Integer.MAX_VALUE;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }
}
