package org.cepstra.features;

import org.cepstra.base.OptionTable;
import org.cepstra.base.OptionType;

/**
 * The cepstral stage: DCT, lifter, energy and coefficient order; Kaldi's {@code MfccOptions} plus
 * {@code compute-mfcc-feats --subtract-mean}.
 *
 * @param numCeps        number of cepstra kept, including C0 or energy, at most the number of mel
 *                       bins ({@code --num-ceps}, 13)
 * @param useEnergy      replace C0 by the log energy of the frame ({@code --use-energy}, true)
 * @param energyFloor    floor on the energy (not its log), 0 = only FLT_EPSILON ({@code --energy-floor}, 0)
 * @param rawEnergy      take the energy before pre-emphasis and window (true) or after them
 *                       ({@code --raw-energy}, true)
 * @param cepstralLifter lifter constant Q: coefficient i is scaled by {@code 1 + Q/2 sin(π i / Q)},
 *                       0 = none ({@code --cepstral-lifter}, 22)
 * @param htkCompat      HTK order: C1..C(n-1) first, then energy, or C0 scaled by √2 when
 *                       {@code useEnergy} is false, last ({@code --htk-compat}, false)
 * @param subtractMean   subtract each recording's mean frame from all its frames
 *                       ({@code compute-mfcc-feats --subtract-mean}, false)
 */
public record MfccOptions(
        int numCeps,
        boolean useEnergy,
        double energyFloor,
        boolean rawEnergy,
        double cepstralLifter,
        boolean htkCompat,
        boolean subtractMean) {

    /** The options of this record by their Kaldi names, with Kaldi's defaults. */
    public static final OptionTable<MfccOptions> OPTIONS = OptionTable.of(kaldiDefaults())
            .add("num-ceps", "numCeps", OptionType.integer("N"), "number of cepstra including C0/energy",
                    MfccOptions::numCeps, MfccOptions::withNumCeps)
            .add("use-energy", "useEnergy", OptionType.bool(), "C0 replaced by the log energy",
                    MfccOptions::useEnergy, MfccOptions::withUseEnergy)
            .add("energy-floor", "energyFloor", OptionType.real("X"), "floor on the energy (not its log), 0 = none",
                    MfccOptions::energyFloor, MfccOptions::withEnergyFloor)
            .add("raw-energy", "rawEnergy", OptionType.bool(), "energy before pre-emphasis and window",
                    MfccOptions::rawEnergy, MfccOptions::withRawEnergy)
            .add("cepstral-lifter", "cepstralLifter", OptionType.real("X"), "lifter constant, 0 = none",
                    MfccOptions::cepstralLifter, MfccOptions::withCepstralLifter)
            .add("htk-compat", "htkCompat", OptionType.bool(), "energy/C0 last, C0 scaled by sqrt(2)",
                    MfccOptions::htkCompat, MfccOptions::withHtkCompat)
            .add("subtract-mean", "subtractMean", OptionType.bool(), "subtract each file's mean frame",
                    MfccOptions::subtractMean, MfccOptions::withSubtractMean)
            .build();

    /** Validates every field; {@code numCeps <= numBins} is checked where both are known. */
    public MfccOptions {
        if (numCeps < 1) {
            throw new IllegalArgumentException("numCeps must be at least 1, got " + numCeps);
        }
        if (!(energyFloor >= 0) || !Double.isFinite(energyFloor)) {
            throw new IllegalArgumentException("energyFloor must be a finite number >= 0, got " + energyFloor);
        }
        if (!(cepstralLifter >= 0) || !Double.isFinite(cepstralLifter)) {
            throw new IllegalArgumentException(
                    "cepstralLifter must be a finite number >= 0, got " + cepstralLifter);
        }
    }

    /** Kaldi's defaults: 13 cepstra, C0 replaced by the raw log energy, lifter 22, Kaldi order. */
    public static MfccOptions kaldiDefaults() {
        return new MfccOptions(13, true, 0.0, true, 22.0, false, false);
    }

    /** A copy with {@link #numCeps} replaced. */
    public MfccOptions withNumCeps(int v) {
        return new MfccOptions(v, useEnergy, energyFloor, rawEnergy, cepstralLifter, htkCompat, subtractMean);
    }

    /** A copy with {@link #useEnergy} replaced. */
    public MfccOptions withUseEnergy(boolean v) {
        return new MfccOptions(numCeps, v, energyFloor, rawEnergy, cepstralLifter, htkCompat, subtractMean);
    }

    /** A copy with {@link #energyFloor} replaced. */
    public MfccOptions withEnergyFloor(double v) {
        return new MfccOptions(numCeps, useEnergy, v, rawEnergy, cepstralLifter, htkCompat, subtractMean);
    }

    /** A copy with {@link #rawEnergy} replaced. */
    public MfccOptions withRawEnergy(boolean v) {
        return new MfccOptions(numCeps, useEnergy, energyFloor, v, cepstralLifter, htkCompat, subtractMean);
    }

    /** A copy with {@link #cepstralLifter} replaced. */
    public MfccOptions withCepstralLifter(double v) {
        return new MfccOptions(numCeps, useEnergy, energyFloor, rawEnergy, v, htkCompat, subtractMean);
    }

    /** A copy with {@link #htkCompat} replaced. */
    public MfccOptions withHtkCompat(boolean v) {
        return new MfccOptions(numCeps, useEnergy, energyFloor, rawEnergy, cepstralLifter, v, subtractMean);
    }

    /** A copy with {@link #subtractMean} replaced. */
    public MfccOptions withSubtractMean(boolean v) {
        return new MfccOptions(numCeps, useEnergy, energyFloor, rawEnergy, cepstralLifter, htkCompat, v);
    }
}
