package org.cepstra.features;

import java.util.List;

/**
 * The Kaldi reference sets in {@code src/test/resources/kaldi-mfcc/}: the options each was made with
 * (see the README.md in each folder) and the recordings it holds.
 */
final class ReferenceSets {
    private ReferenceSets() {
    }

    /** One folder of reference matrices. */
    record RefSet(String folder, MfccSettings settings, List<String> files) {
        @Override
        public String toString() {
            return folder;
        }
    }

    static final List<String> FSDD12 = List.of("0_george_0", "7_george_12", "1_jackson_1", "8_jackson_20",
            "2_nicolas_2", "5_nicolas_33", "3_theo_3", "9_theo_16", "4_yweweler_4", "6_yweweler_45",
            "6_yweweler_3", "8_nicolas_31");

    static List<RefSet> all() {
        MfccSettings k = MfccPresets.kaldi();
        FrameExtractionOptions f = k.frame();
        MelBanksOptions m = k.mel();
        MfccOptions c = k.mfcc();
        MfccSettings htkCompat = new MfccSettings(
                f.withWindowType(WindowType.HAMMING).withRemoveDcOffset(false),
                m.withNumBins(26).withLowFreqHz(0),
                c.withHtkCompat(true));
        return List.of(
                new RefSet("default", k, FSDD12),
                new RefSet("no-energy", k.withMfcc(c.withUseEnergy(false)), FSDD12),
                new RefSet("mel40-ceps20", new MfccSettings(f, m.withNumBins(40), c.withNumCeps(20)), FSDD12),
                new RefSet("no-snip-edges", k.withFrame(f.withSnipEdges(false)), FSDD12),
                new RefSet("default-16k", k,
                        List.of("0_george_0_16k", "3_theo_3_16k", "5_nicolas_33_16k", "9_theo_16_16k")),
                new RefSet("default-44k", k,
                        List.of("0_george_0_44k", "3_theo_3_44k", "5_nicolas_33_44k", "9_theo_16_44k")),
                new RefSet("hanning-20ms-no-snip", new MfccSettings(
                        f.withWindowType(WindowType.HANNING).withPreemphasisCoefficient(0.0)
                                .withFrameLengthMs(20).withFrameShiftMs(8).withSnipEdges(false),
                        m.withLowFreqHz(64).withHighFreqHz(-200),
                        c.withUseEnergy(false)),
                        List.of("0_george_0", "1_jackson_1", "6_yweweler_3", "8_nicolas_31")),
                new RefSet("rectangular-floor-nolifter", new MfccSettings(
                        f.withWindowType(WindowType.RECTANGULAR).withFrameShiftMs(12.5),
                        m.withNumBins(30).withLowFreqHz(0),
                        c.withNumCeps(30).withEnergyFloor(1.0).withCepstralLifter(0)),
                        List.of("0_george_0", "3_theo_3", "6_yweweler_3", "8_nicolas_31")),
                new RefSet("blackman-vtln-nonraw", new MfccSettings(
                        f.withWindowType(WindowType.BLACKMAN).withBlackmanCoeff(0.40).withRemoveDcOffset(false)
                                .withRoundToPowerOfTwo(false),
                        m.withVtlnWarp(0.9),
                        c.withRawEnergy(false)),
                        List.of("0_george_0", "2_nicolas_2", "6_yweweler_3", "8_nicolas_31")),
                new RefSet("htk-compat-c0", htkCompat.withMfcc(htkCompat.mfcc().withUseEnergy(false)),
                        List.of("0_george_0", "4_yweweler_4", "6_yweweler_3", "8_nicolas_31")),
                new RefSet("htk-compat-e", htkCompat,
                        List.of("0_george_0", "4_yweweler_4", "6_yweweler_3", "8_nicolas_31")),
                new RefSet("vtln-subtract-mean", k.withMel(m.withVtlnWarp(1.1).withVtlnLowHz(200).withVtlnHighHz(-800))
                        .withMfcc(c.withSubtractMean(true)),
                        List.of("5_nicolas_33", "7_george_12", "3_theo_3_16k", "9_theo_16_16k")));
    }
}
