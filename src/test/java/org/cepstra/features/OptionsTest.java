package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptionsTest {
    private static final FrameExtractionOptions F = FrameExtractionOptions.kaldiDefaults();

    @Test
    void defaultsAreKaldisWithDitherOff() {
        assertEquals(new FrameExtractionOptions(25, 10, 0, 0, 0.97, true, WindowType.POVEY, true, 0.42, true), F);
        assertEquals(new MelBanksOptions(23, 20, 0, 100, -500, 1.0, false, true), MelBanksOptions.kaldiDefaults());
        assertEquals(new MfccOptions(13, true, 0, true, 22, false, false), MfccOptions.kaldiDefaults());
    }

    @Test
    void samplesPerFrameAtCommonRates() {
        assertEquals(200, F.windowSizeSamples(8000));
        assertEquals(80, F.windowShiftSamples(8000));
        assertEquals(256, F.paddedWindowSizeSamples(8000));
        assertEquals(400, F.windowSizeSamples(16000));
        assertEquals(512, F.paddedWindowSizeSamples(16000));
        assertEquals(1102, F.windowSizeSamples(44100));   // 1102.5 truncated
        assertEquals(441, F.windowShiftSamples(44100));
        assertEquals(2048, F.paddedWindowSizeSamples(44100));
        assertEquals(200, F.withRoundToPowerOfTwo(false).paddedWindowSizeSamples(8000));
        assertEquals(256, F.withFrameLengthMs(32).paddedWindowSizeSamples(8000), "exact power of two kept");
    }

    @Test
    void numFramesWithSnipEdges() {
        assertEquals(0, F.numFrames(0, 8000));
        assertEquals(0, F.numFrames(199, 8000), "shorter than one frame");
        assertEquals(1, F.numFrames(200, 8000));
        assertEquals(1, F.numFrames(279, 8000));
        assertEquals(2, F.numFrames(280, 8000));
        assertEquals(12, F.numFrames(1148, 8000), "6_yweweler_3");
        assertEquals(226, F.numFrames(18262, 8000), "9_theo_16");
    }

    @Test
    void numFramesWithoutSnipEdges() {
        FrameExtractionOptions f = F.withSnipEdges(false);
        assertEquals(0, f.numFrames(0, 8000));
        assertEquals(0, f.numFrames(39, 8000));
        assertEquals(1, f.numFrames(40, 8000));
        assertEquals(1, f.numFrames(119, 8000));
        assertEquals(2, f.numFrames(120, 8000));
        assertEquals(14, f.numFrames(1148, 8000), "6_yweweler_3");
        assertEquals(-60, f.firstSampleOfFrame(0, 8000));
        assertEquals(20, f.firstSampleOfFrame(1, 8000));
        assertEquals(160, F.firstSampleOfFrame(2, 8000));
    }

    @Test
    void invalidFrameOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> F.withFrameLengthMs(0));
        assertThrows(IllegalArgumentException.class, () -> F.withFrameShiftMs(-10));
        assertThrows(IllegalArgumentException.class, () -> F.withFrameLengthMs(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> F.withDither(-1));
        assertThrows(IllegalArgumentException.class, () -> F.withPreemphasisCoefficient(1.5));
        assertThrows(IllegalArgumentException.class, () -> F.withBlackmanCoeff(Double.POSITIVE_INFINITY));
        assertThrows(NullPointerException.class, () -> F.withWindowType(null));
        assertThrows(IllegalArgumentException.class, () -> F.numFrames(-1, 8000));
        assertThrows(IllegalArgumentException.class, () -> F.numFrames(100, 0));
        assertThrows(IllegalArgumentException.class, () -> F.withFrameShiftMs(0.01).numFrames(100, 8000),
                "shift below one sample");
    }

    @Test
    void invalidMelAndMfccOptionsAreRejected() {
        MelBanksOptions m = MelBanksOptions.kaldiDefaults();
        assertThrows(IllegalArgumentException.class, () -> m.withNumBins(2));
        assertThrows(IllegalArgumentException.class, () -> m.withLowFreqHz(-1));
        assertThrows(IllegalArgumentException.class, () -> m.withHighFreqHz(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> m.withVtlnWarp(0));
        MfccOptions c = MfccOptions.kaldiDefaults();
        assertThrows(IllegalArgumentException.class, () -> c.withNumCeps(0));
        assertThrows(IllegalArgumentException.class, () -> c.withEnergyFloor(-1));
        assertThrows(IllegalArgumentException.class, () -> c.withCepstralLifter(-22));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MfccSettings(F, m, c.withNumCeps(24)));
        assertTrue(e.getMessage().contains("numCeps"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MfccExtractor(F, m, c.withNumCeps(24)));
    }

    @Test
    void withersChangeOneFieldOnly() {
        FrameExtractionOptions f = F.withSnipEdges(false).withDitherSeed(7);
        assertFalse(f.snipEdges());
        assertEquals(7, f.ditherSeed());
        assertEquals(F.frameLengthMs(), f.frameLengthMs());
        MfccOptions c = MfccOptions.kaldiDefaults().withHtkCompat(true).withSubtractMean(true);
        assertTrue(c.htkCompat() && c.subtractMean());
        assertEquals(13, c.numCeps());
    }

    @Test
    void htkPresetSettings() {
        MfccSettings h = MfccPresets.htk(false);
        assertEquals(WindowType.HAMMING, h.frame().windowType());
        assertFalse(h.frame().removeDcOffset());
        assertEquals(0.97, h.frame().preemphasisCoefficient());
        assertEquals(26, h.mel().numBins());
        assertEquals(0.0, h.mel().lowFreqHz());
        assertTrue(h.mel().htkMode());
        assertFalse(h.mel().usePower());
        assertEquals(13, h.mfcc().numCeps());
        assertTrue(h.mfcc().htkCompat());
        assertFalse(h.mfcc().useEnergy());
        assertTrue(MfccPresets.htk(true).mfcc().useEnergy());
        assertEquals(new MfccSettings(F, MelBanksOptions.kaldiDefaults(), MfccOptions.kaldiDefaults()),
                MfccPresets.kaldi());
    }
}
