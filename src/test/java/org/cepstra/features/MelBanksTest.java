package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MelBanksTest {
    private static final MelBanksOptions K = MelBanksOptions.kaldiDefaults();

    /**
     * 3 bins from 0 Hz to 4000 Hz at 8 kHz with a 16-point FFT: FFT bins every 500 Hz, mel edges at
     * j · mel(4000) / 4 = j · 536.5189 (j = 0..4). FFT bin 1 (mel(500) = 607.45) lies on the falling
     * side of bin 0: (1073.04 - 607.45) / 536.52 = 0.86780, and the rising side of bin 1: 0.13220.
     */
    @Test
    void smallBankMatchesHandComputedTriangles() {
        MelBanks banks = MelBanks.create(K.withNumBins(3).withLowFreqHz(0), 8000, 16);
        double[][] expected = {
            {0.0, 0.86779561, 0.136150103, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.0, 0.13220439, 0.863849897, 0.594559853, 0.16437314, 0.0, 0.0, 0.0, 0.0},
            {0.0, 0.0, 0.0, 0.405440147, 0.83562686, 0.807486899, 0.50252071, 0.236268819, 0.0}};
        double[][] dense = banks.toDense();
        for (int b = 0; b < 3; b++) {
            assertArrayEquals(expected[b], dense[b], 1e-7, "bin " + b);
        }
        assertEquals(1, banks.firstFftBin(0));
        assertEquals(2, banks.weights(0).length);
        assertEquals(3, banks.firstFftBin(2));
        assertEquals(5, banks.weights(2).length);
        assertEquals(MelBanks.inverseMelScale(2 * MelBanks.melScale(4000) / 4), banks.centerFrequencyHz(1), 1e-9);
    }

    @Test
    void melScaleMatchesHtk2595Log10Form() {
        for (double f : new double[] {0, 20, 700, 1000, 4000, 22050}) {
            assertEquals(2595.0 * Math.log10(1 + f / 700.0), MelBanks.melScale(f), 0.05 + 1e-4 * f);
            assertEquals(f, MelBanks.inverseMelScale(MelBanks.melScale(f)), 1e-9);
        }
        assertEquals(1127.0 * Math.log(2.0), MelBanks.melScale(700), 1e-12);
    }

    @Test
    void adjacentTrianglesSumToOneBetweenFirstAndLastCentre() {
        MelBanks banks = MelBanks.create(K, 8000, 256);
        double[][] d = banks.toDense();
        double firstCentre = banks.centerFrequencyHz(0);
        double lastCentre = banks.centerFrequencyHz(22);
        for (int k = 0; k < 129; k++) {
            double f = k * 8000.0 / 256;
            if (f > firstCentre && f < lastCentre) {
                double sum = 0;
                for (double[] row : d) {
                    sum += row[k];
                }
                assertEquals(1.0, sum, 1e-6, "FFT bin " + k);
            }
        }
        for (double[] row : d) {
            assertEquals(0.0, row[0], "DC unused from 20 Hz");
            assertEquals(0.0, row[128], "Nyquist bin unused");
        }
    }

    @Test
    void htkModeGivesKaldiTrianglesWhenLowFrequencyIsZero() {
        for (int bins : new int[] {23, 26, 40}) {
            MelBanksOptions o = K.withNumBins(bins).withLowFreqHz(0);
            double[][] kaldi = MelBanks.create(o, 8000, 256).toDense();
            double[][] htk = MelBanks.create(o.withHtkMode(true), 8000, 256).toDense();
            for (int b = 0; b < bins; b++) {
                assertArrayEquals(kaldi[b], htk[b], 1e-6, bins + " bins, bin " + b);
            }
        }
    }

    @Test
    void htkModeDropsTheFirstFftBinAboveTheLowFrequency() {
        // LOFREQ 20 Hz with 31.25 Hz FFT bins: HTK's klo = (int)(20 / 31.25 + 2.5) = 3, i.e. FFT bin 2;
        // Kaldi uses FFT bin 1 (31.25 Hz > 20 Hz) in its first filter.
        MelBanks kaldi = MelBanks.create(K, 8000, 256);
        MelBanks htk = MelBanks.create(K.withHtkMode(true), 8000, 256);
        assertEquals(1, kaldi.firstFftBin(0));
        assertEquals(2, htk.firstFftBin(0));
        assertEquals(kaldi.toDense()[0][2], htk.toDense()[0][2], 1e-6);
    }

    @Test
    void vtlnWarpIsPiecewiseLinearAndKeepsTheEnds() {
        double lo = 20;
        double hi = 4000;
        double vl = 100;
        double vh = 3500;
        for (double a : new double[] {0.85, 1.0, 1.15}) {
            assertEquals(lo, MelBanks.vtlnWarpFreq(vl, vh, lo, hi, a, lo), 1e-9);
            assertEquals(hi, MelBanks.vtlnWarpFreq(vl, vh, lo, hi, a, hi), 1e-9);
            assertEquals(1000 / a, MelBanks.vtlnWarpFreq(vl, vh, lo, hi, a, 1000), 1e-9);
            double l = vl * Math.max(1, a);
            double h = vh * Math.min(1, a);
            assertEquals(l / a, MelBanks.vtlnWarpFreq(vl, vh, lo, hi, a, l), 1e-9, "continuous at l");
            assertEquals(h / a, MelBanks.vtlnWarpFreq(vl, vh, lo, hi, a, h - 1e-9), 1e-6, "continuous at h");
            assertEquals(h / a, MelBanks.vtlnWarpFreq(vl, vh, lo, hi, a, h), 1e-9);
        }
        assertEquals(5000, MelBanks.vtlnWarpFreq(vl, vh, lo, hi, 0.9, 5000), 0.0, "outside the range");
    }

    @Test
    void warpedBankMovesCentresByTheWarpFactor() {
        MelBanks plain = MelBanks.create(K, 16000, 512);
        MelBanks warped = MelBanks.create(K.withVtlnWarp(0.9), 16000, 512);
        // Centres between the inflection points (100 · max(1, a) .. 7500 · min(1, a)) are divided by a.
        for (int b = 0; b < 23; b++) {
            double c = plain.centerFrequencyHz(b);
            if (c > 100 && c < 7500 * 0.9) {
                assertEquals(c / 0.9, warped.centerFrequencyHz(b), 1e-6 * c, "bin " + b);
            }
        }
    }

    @Test
    void badRangesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> MelBanks.create(K.withHighFreqHz(4500), 8000, 256));
        assertThrows(IllegalArgumentException.class, () -> MelBanks.create(K.withLowFreqHz(4000), 8000, 256));
        assertThrows(IllegalArgumentException.class,
                () -> MelBanks.create(K.withLowFreqHz(3000).withHighFreqHz(2000), 8000, 256));
        assertThrows(IllegalArgumentException.class, () -> MelBanks.create(K, 8000, 255));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> MelBanks.create(K.withNumBins(128), 8000, 256));
        assertTrue(tooMany.getMessage().contains("too many"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MelBanks.create(K.withVtlnWarp(0.9).withVtlnLowHz(10), 8000, 256));
    }
}
