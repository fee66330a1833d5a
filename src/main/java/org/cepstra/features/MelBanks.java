package org.cepstra.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * A triangular mel filter bank over the FFT bins of one FFT size and sample rate, stored sparsely:
 * filter {@code b} has weights for the consecutive FFT bins {@code firstFftBin(b) ..
 * firstFftBin(b) + weights(b).length - 1}. Mel is {@code 1127 ln(1 + f / 700)}; filters are equally
 * spaced in mel between the low and high frequencies and overlap by half. FFT bin {@code k} has
 * centre frequency {@code k · rate / fftSize}; the Nyquist bin is never used. Immutable.
 *
 * <p>Kaldi mode follows {@code MelBanks::MelBanks} ({@code mel-computations.cc}): FFT bin {@code k}
 * belongs to filter {@code b} when its mel lies strictly between the filter's left and right edges.
 * HTK mode follows HTK's {@code InitFBank} ({@code HSigP.c}): each FFT bin from HTK's {@code klo} to
 * {@code khi} is shared between the channel below it (weight {@code loWt}) and the one above
 * ({@code 1 - loWt}); with a low frequency of 0 both give the same triangles.
 */
final class MelBanks {
    private final int fftSize;
    private final double sampleRateHz;
    private final int[] firstBin;
    private final int[] offset;
    private final float[] weights;
    private final double[] centerHz;

    private MelBanks(int fftSize, double sampleRateHz, int[] firstBin, int[] offset, float[] weights,
                     double[] centerHz) {
        this.fftSize = fftSize;
        this.sampleRateHz = sampleRateHz;
        this.firstBin = firstBin;
        this.offset = offset;
        this.weights = weights;
        this.centerHz = centerHz;
    }

    /** Mel of a frequency in Hz: {@code 1127 ln(1 + hz / 700)} (the same scale as HTK's {@code 2595 log10}). */
    public static double melScale(double hz) {
        return 1127.0 * Math.log(1.0 + hz / 700.0);
    }

    /** Frequency in Hz of a mel value: {@code 700 (exp(mel / 1127) - 1)}. */
    public static double inverseMelScale(double mel) {
        return 700.0 * (Math.exp(mel / 1127.0) - 1.0);
    }

    /**
     * Kaldi's piecewise-linear VTLN warp ({@code MelBanks::VtlnWarpFreq}) of {@code freqHz}: the identity
     * outside {@code [lowFreqHz, highFreqHz]}, {@code freq / warp} between the inflection points
     * {@code vtlnLowHz · max(1, warp)} and {@code vtlnHighHz · min(1, warp)}, and straight lines that keep
     * {@code lowFreqHz} and {@code highFreqHz} fixed outside them.
     */
    public static double vtlnWarpFreq(double vtlnLowHz, double vtlnHighHz, double lowFreqHz, double highFreqHz,
                                      double warp, double freqHz) {
        if (freqHz < lowFreqHz || freqHz > highFreqHz) {
            return freqHz;
        }
        double l = vtlnLowHz * Math.max(1.0, warp);
        double h = vtlnHighHz * Math.min(1.0, warp);
        double scale = 1.0 / warp;
        double fl = scale * l;
        double fh = scale * h;
        if (!(l > lowFreqHz && h < highFreqHz)) {
            throw new IllegalArgumentException("VTLN inflection points " + l + " Hz and " + h
                    + " Hz must lie inside the mel range " + lowFreqHz + " .. " + highFreqHz + " Hz");
        }
        double scaleLeft = (fl - lowFreqHz) / (l - lowFreqHz);
        double scaleRight = (highFreqHz - fh) / (highFreqHz - h);
        if (freqHz < l) {
            return lowFreqHz + scaleLeft * (freqHz - lowFreqHz);
        } else if (freqHz < h) {
            return scale * freqHz;
        } else {
            return highFreqHz + scaleRight * (freqHz - highFreqHz);
        }
    }

    /** {@link #vtlnWarpFreq} applied to a mel value (converted to Hz and back). */
    public static double vtlnWarpMelFreq(double vtlnLowHz, double vtlnHighHz, double lowFreqHz, double highFreqHz,
                                         double warp, double mel) {
        return melScale(vtlnWarpFreq(vtlnLowHz, vtlnHighHz, lowFreqHz, highFreqHz, warp, inverseMelScale(mel)));
    }

    /**
     * Builds the filter bank of {@code options} for an FFT of {@code fftSize} samples (even) at
     * {@code sampleRateHz}.
     *
     * @throws IllegalArgumentException if the frequencies do not fit below Nyquist, the VTLN points lie
     *                                  outside the mel range, or (Kaldi mode) a filter covers no FFT bin
     */
    public static MelBanks create(MelBanksOptions options, double sampleRateHz, int fftSize) {
        Objects.requireNonNull(options, "options");
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate must be a positive number of Hz, got " + sampleRateHz);
        }
        if (fftSize < 2 || fftSize % 2 != 0) {
            throw new IllegalArgumentException("the FFT size must be even and at least 2, got " + fftSize
                    + " (set roundToPowerOfTwo or an even frame length)");
        }
        int numBins = options.numBins();
        double nyquist = 0.5 * sampleRateHz;
        double lowFreq = options.lowFreqHz();
        double highFreq = options.highFreqHz() > 0 ? options.highFreqHz() : nyquist + options.highFreqHz();
        if (lowFreq < 0 || lowFreq >= nyquist || highFreq <= 0 || highFreq > nyquist || highFreq <= lowFreq) {
            throw new IllegalArgumentException("mel range " + lowFreq + " .. " + highFreq
                    + " Hz does not fit in 0 .. " + nyquist + " Hz (Nyquist at " + sampleRateHz + " Hz)");
        }
        double warp = options.vtlnWarp();
        double vtlnLow = options.vtlnLowHz();
        double vtlnHigh = options.vtlnHighHz() < 0 ? options.vtlnHighHz() + nyquist : options.vtlnHighHz();
        if (warp != 1.0 && (vtlnLow < 0 || vtlnLow <= lowFreq || vtlnLow >= highFreq || vtlnHigh <= 0
                || vtlnHigh >= highFreq || vtlnHigh <= vtlnLow)) {
            throw new IllegalArgumentException("VTLN points " + vtlnLow + " and " + vtlnHigh
                    + " Hz must satisfy low-freq " + lowFreq + " < vtln-low < vtln-high < high-freq " + highFreq);
        }
        double melLow = melScale(lowFreq);
        double melHigh = melScale(highFreq);
        double delta = (melHigh - melLow) / (numBins + 1);
        // Filter edges in mel: edge[j] for j = 0 .. numBins + 1; filter b spans edge[b] .. edge[b + 2].
        double[] edge = new double[numBins + 2];
        for (int j = 0; j < edge.length; j++) {
            double mel = melLow + j * delta;
            edge[j] = warp == 1.0 ? mel : vtlnWarpMelFreq(vtlnLow, vtlnHigh, lowFreq, highFreq, warp, mel);
        }
        int numFftBins = fftSize / 2;
        double binWidth = sampleRateHz / fftSize;
        double[][] dense = new double[numBins][numFftBins];
        if (options.htkMode()) {
            fillHtk(dense, edge, melLow, lowFreq, highFreq, binWidth, numFftBins);
        } else {
            fillKaldi(dense, edge, binWidth, numFftBins);
        }
        int[] first = new int[numBins];
        int[] off = new int[numBins + 1];
        float[][] rows = new float[numBins][];
        for (int b = 0; b < numBins; b++) {
            int lo = -1;
            int hi = -1;
            for (int k = 0; k < numFftBins; k++) {
                if (dense[b][k] != 0.0) {
                    if (lo < 0) {
                        lo = k;
                    }
                    hi = k;
                }
            }
            if (lo < 0) {
                if (!options.htkMode()) {
                    throw new IllegalArgumentException("mel bin " + b + " covers no FFT bin: " + numBins
                            + " mel bins are too many for an FFT of " + fftSize + " points at " + sampleRateHz
                            + " Hz between " + lowFreq + " and " + highFreq + " Hz");
                }
                rows[b] = new float[0];
                first[b] = 0;
            } else {
                rows[b] = new float[hi - lo + 1];
                for (int k = lo; k <= hi; k++) {
                    rows[b][k - lo] = (float) dense[b][k];
                }
                first[b] = lo;
            }
            off[b + 1] = off[b] + rows[b].length;
        }
        float[] flat = new float[off[numBins]];
        double[] centers = new double[numBins];
        for (int b = 0; b < numBins; b++) {
            System.arraycopy(rows[b], 0, flat, off[b], rows[b].length);
            centers[b] = inverseMelScale(edge[b + 1]);
        }
        return new MelBanks(fftSize, sampleRateHz, first, off, flat, centers);
    }

    private static void fillKaldi(double[][] dense, double[] edge, double binWidth, int numFftBins) {
        for (int b = 0; b < dense.length; b++) {
            double left = edge[b];
            double center = edge[b + 1];
            double right = edge[b + 2];
            for (int k = 0; k < numFftBins; k++) {
                double mel = melScale(binWidth * k);
                if (mel > left && mel < right) {
                    dense[b][k] = mel <= center ? (mel - left) / (center - left) : (right - mel) / (right - center);
                }
            }
        }
    }

    /** HTK's InitFBank: channels 1..n have centres edge[1..n]; edge[n + 1] is the top edge. */
    private static void fillHtk(double[][] dense, double[] edge, double melLow, double lowFreq, double highFreq,
                                double binWidth, int numFftBins) {
        int numChans = dense.length;
        int maxChan = numChans + 1;
        // HTK's klo/khi are 1-based FFT indices (index 1 = DC); 0-based bin = index - 1.
        int klo = Math.max(2, (int) (lowFreq / binWidth + 2.5));
        int khi = Math.min(numFftBins, (int) (highFreq / binWidth + 0.5));
        int chan = 1;
        for (int k = klo; k <= khi; k++) {
            int bin = k - 1;
            double melk = melScale(bin * binWidth);
            while (chan <= maxChan && edge[chan] < melk) {
                chan++;
            }
            int lower = chan - 1;
            double loWt;
            if (lower > 0) {
                loWt = (edge[lower + 1] - melk) / (edge[lower + 1] - edge[lower]);
            } else {
                loWt = (edge[1] - melk) / (edge[1] - melLow);
            }
            if (lower > 0) {
                dense[lower - 1][bin] += loWt;
            }
            if (lower < numChans) {
                dense[lower][bin] += 1.0 - loWt;
            }
        }
    }

    /** Number of mel filters. */
    public int numBins() {
        return firstBin.length;
    }

    /** FFT size in samples this bank was built for. */
    public int fftSize() {
        return fftSize;
    }

    /** Sample rate in Hz this bank was built for. */
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /** Index of the first FFT bin with a weight in filter {@code bin} (0-based). */
    public int firstFftBin(int bin) {
        return firstBin[bin];
    }

    /** A copy of the weights of filter {@code bin}, for consecutive FFT bins from {@link #firstFftBin}. */
    public float[] weights(int bin) {
        return Arrays.copyOfRange(weights, offset[bin], offset[bin + 1]);
    }

    /** Centre frequency of filter {@code bin} in Hz (after any VTLN warp). */
    public double centerFrequencyHz(int bin) {
        return centerHz[bin];
    }

    /** The dense weight matrix, {@code numBins × (fftSize / 2 + 1)}; the last column (Nyquist) is zero. */
    public double[][] toDense() {
        double[][] out = new double[numBins()][fftSize / 2 + 1];
        for (int b = 0; b < numBins(); b++) {
            for (int j = offset[b]; j < offset[b + 1]; j++) {
                out[b][firstBin[b] + j - offset[b]] = weights[j];
            }
        }
        return out;
    }

    int[] firstBinArray() {
        return firstBin;
    }

    int[] offsetArray() {
        return offset;
    }

    float[] weightArray() {
        return weights;
    }
}
