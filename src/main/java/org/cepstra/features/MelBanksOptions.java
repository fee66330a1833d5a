package org.cepstra.features;

import org.cepstra.base.OptionTable;
import org.cepstra.base.OptionType;

/**
 * The triangular mel filter bank; Kaldi's {@code MelBanksOptions} plus two HTK switches. Frequencies
 * are in Hz; the upper limits are resolved against each recording's own Nyquist frequency.
 *
 * @param numBins    number of triangular mel filters, at least 3 ({@code --num-mel-bins}, 23)
 * @param lowFreqHz  lower edge of the first filter in Hz, {@code >= 0} ({@code --low-freq}, 20)
 * @param highFreqHz upper edge of the last filter in Hz; {@code <= 0} means Nyquist plus this value
 *                   ({@code --high-freq}, 0 = Nyquist)
 * @param vtlnLowHz  lower inflection point of the piecewise-linear VTLN warp in Hz ({@code --vtln-low}, 100)
 * @param vtlnHighHz upper inflection point of the VTLN warp in Hz; negative means Nyquist plus this
 *                   value ({@code --vtln-high}, -500)
 * @param vtlnWarp   VTLN warp factor applied to the filter edges, 1 = none ({@code --vtln-warp}, 1.0)
 * @param htkMode    false: Kaldi's filter bank, mel energies floored at FLT_EPSILON before the log;
 *                   true: HTK's filter bank (HSigP {@code InitFBank}: FFT bins restricted to HTK's
 *                   {@code klo..khi}) with mel energies floored at 1.0 before the log, as HTK's
 *                   {@code Wav2FBank} (false)
 * @param usePower   true: filters weight the power spectrum |X|², as Kaldi and HTK's {@code USEPOWER = T};
 *                   false: the magnitude spectrum |X|, HTK's default (true)
 */
public record MelBanksOptions(
        int numBins,
        double lowFreqHz,
        double highFreqHz,
        double vtlnLowHz,
        double vtlnHighHz,
        double vtlnWarp,
        boolean htkMode,
        boolean usePower) {

    /** The options of this record by their Kaldi names ({@code htk-mode}, {@code use-power}: ours), Kaldi's defaults. */
    public static final OptionTable<MelBanksOptions> OPTIONS = OptionTable.of(kaldiDefaults())
            .add("num-mel-bins", "numBins", OptionType.integer("N"), "number of triangular mel bins, at least 3",
                    MelBanksOptions::numBins, MelBanksOptions::withNumBins)
            .add("low-freq", "lowFreqHz", OptionType.real("HZ"), "low edge of the mel bins in Hz",
                    MelBanksOptions::lowFreqHz, MelBanksOptions::withLowFreqHz)
            .add("high-freq", "highFreqHz", OptionType.real("HZ"),
                    "high edge of the mel bins in Hz; <= 0 is an offset from Nyquist",
                    MelBanksOptions::highFreqHz, MelBanksOptions::withHighFreqHz)
            .add("vtln-low", "vtlnLowHz", OptionType.real("HZ"), "low inflection point of VTLN warping in Hz",
                    MelBanksOptions::vtlnLowHz, MelBanksOptions::withVtlnLowHz)
            .add("vtln-high", "vtlnHighHz", OptionType.real("HZ"),
                    "high inflection point of VTLN warping in Hz; < 0 is an offset from Nyquist",
                    MelBanksOptions::vtlnHighHz, MelBanksOptions::withVtlnHighHz)
            .add("vtln-warp", "vtlnWarp", OptionType.real("X"), "VTLN warp factor, 1 = none",
                    MelBanksOptions::vtlnWarp, MelBanksOptions::withVtlnWarp)
            .add("htk-mode", "htkMode", OptionType.bool(), "HTK's filter bank and its log floor of 1.0",
                    MelBanksOptions::htkMode, MelBanksOptions::withHtkMode)
            .add("use-power", "usePower", OptionType.bool(), "filters weight the power spectrum; false: magnitude",
                    MelBanksOptions::usePower, MelBanksOptions::withUsePower)
            .build();

    /** Validates every field; checks against the Nyquist frequency happen when a sample rate is known. */
    public MelBanksOptions {
        if (numBins < 3) {
            throw new IllegalArgumentException("numBins must be at least 3, got " + numBins);
        }
        if (!(lowFreqHz >= 0) || !Double.isFinite(lowFreqHz)) {
            throw new IllegalArgumentException("lowFreqHz must be a finite number of Hz >= 0, got " + lowFreqHz);
        }
        requireFinite(highFreqHz, "highFreqHz");
        requireFinite(vtlnLowHz, "vtlnLowHz");
        requireFinite(vtlnHighHz, "vtlnHighHz");
        if (!(vtlnWarp > 0) || !Double.isFinite(vtlnWarp)) {
            throw new IllegalArgumentException("vtlnWarp must be a positive finite factor, got " + vtlnWarp);
        }
    }

    private static void requireFinite(double v, String name) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number of Hz, got " + v);
        }
    }

    /** Kaldi's defaults: 23 bins from 20 Hz to Nyquist, no VTLN warp, power spectrum. */
    public static MelBanksOptions kaldiDefaults() {
        return new MelBanksOptions(23, 20.0, 0.0, 100.0, -500.0, 1.0, false, true);
    }

    /** A copy with {@link #numBins} replaced. */
    public MelBanksOptions withNumBins(int v) {
        return new MelBanksOptions(v, lowFreqHz, highFreqHz, vtlnLowHz, vtlnHighHz, vtlnWarp, htkMode, usePower);
    }

    /** A copy with {@link #lowFreqHz} replaced. */
    public MelBanksOptions withLowFreqHz(double v) {
        return new MelBanksOptions(numBins, v, highFreqHz, vtlnLowHz, vtlnHighHz, vtlnWarp, htkMode, usePower);
    }

    /** A copy with {@link #highFreqHz} replaced. */
    public MelBanksOptions withHighFreqHz(double v) {
        return new MelBanksOptions(numBins, lowFreqHz, v, vtlnLowHz, vtlnHighHz, vtlnWarp, htkMode, usePower);
    }

    /** A copy with {@link #vtlnLowHz} replaced. */
    public MelBanksOptions withVtlnLowHz(double v) {
        return new MelBanksOptions(numBins, lowFreqHz, highFreqHz, v, vtlnHighHz, vtlnWarp, htkMode, usePower);
    }

    /** A copy with {@link #vtlnHighHz} replaced. */
    public MelBanksOptions withVtlnHighHz(double v) {
        return new MelBanksOptions(numBins, lowFreqHz, highFreqHz, vtlnLowHz, v, vtlnWarp, htkMode, usePower);
    }

    /** A copy with {@link #vtlnWarp} replaced. */
    public MelBanksOptions withVtlnWarp(double v) {
        return new MelBanksOptions(numBins, lowFreqHz, highFreqHz, vtlnLowHz, vtlnHighHz, v, htkMode, usePower);
    }

    /** A copy with {@link #htkMode} replaced. */
    public MelBanksOptions withHtkMode(boolean v) {
        return new MelBanksOptions(numBins, lowFreqHz, highFreqHz, vtlnLowHz, vtlnHighHz, vtlnWarp, v, usePower);
    }

    /** A copy with {@link #usePower} replaced. */
    public MelBanksOptions withUsePower(boolean v) {
        return new MelBanksOptions(numBins, lowFreqHz, highFreqHz, vtlnLowHz, vtlnHighHz, vtlnWarp, htkMode, v);
    }
}
