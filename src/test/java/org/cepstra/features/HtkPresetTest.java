package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cepstra.audio.Audio;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/**
 * The HTK preset against hand-derived properties, a brute-force statement of HCopy's MFCC_0/MFCC_E
 * (HSigP.c / HParm.c: naive DFT, loChan/loWt filter bank, magnitude spectrum, log floor 1.0, DCT with
 * sqrt(2/N), lifter, C0 or raw energy last) and Kaldi's htk-compat references where the two agree.
 */
class HtkPresetTest {
    private static final int NUM_CHANS = 26;

    @Test
    void digitalSilenceGivesZeroCepstraBecauseOfTheFloorAtOne() {
        Audio zeros = Audio.of(new float[1000], 8000);
        FeatureMatrix c0 = MfccPresets.htk(false).newExtractor().compute(zeros);
        FeatureMatrix e = MfccPresets.htk(true).newExtractor().compute(zeros);
        assertEquals(11, c0.rows());
        for (int r = 0; r < c0.rows(); r++) {
            for (int k = 0; k < 13; k++) {
                assertEquals(0.0, c0.get(r, k), 0.0, "log(max(0, 1)) = 0 in every channel");
            }
            for (int k = 0; k < 12; k++) {
                assertEquals(0.0, e.get(r, k), 0.0);
            }
            assertEquals(-23 * Math.log(2), e.get(r, 12), 1e-6, "energy floored at FLT_EPSILON");
        }
    }

    @Test
    void c0IsLastAndIsSqrtTwoOverNTimesTheSumOfLogFilterOutputs() {
        // A constant signal without DC removal: after pre-emphasis the frame is (1 - 0.97) · 16384 = 491.52
        // everywhere, times the Hamming window. Its spectrum is the window's, concentrated at DC.
        float[] x = new float[200];
        java.util.Arrays.fill(x, 0.5f);
        FeatureMatrix m = MfccPresets.htk(false).newExtractor().compute(Audio.of(x, 8000));
        double[] ref = naiveHtk(x, 0, false);
        assertEquals(1, m.rows());
        assertEquals(ref[12], m.get(0, 12), 1e-3 + 1e-4 * Math.abs(ref[12]));
        assertTrue(m.get(0, 12) > 0, "C0 of a loud frame is positive");
    }

    @Test
    void presetMatchesBruteForceHcopy() {
        for (String name : new String[] {"0_george_0", "8_nicolas_31", "6_yweweler_3"}) {
            Audio audio = TestWavs.resource(name);
            float[] x = audio.samples();
            for (boolean useEnergy : new boolean[] {false, true}) {
                FeatureMatrix m = MfccPresets.htk(useEnergy).newExtractor().compute(audio);
                assertEquals(1 + (x.length - 200) / 80, m.rows());
                for (int t = 0; t < m.rows(); t++) {
                    double[] ref = naiveHtk(x, t * 80, useEnergy);
                    for (int k = 0; k < 13; k++) {
                        assertEquals(ref[k], m.get(t, k), 1e-3 + 1e-4 * Math.abs(ref[k]),
                                name + " frame " + t + " col " + k + " energy " + useEnergy);
                    }
                }
            }
        }
    }

    @Test
    void withPowerSpectrumPresetMatchesKaldiHtkCompatWhereNoChannelIsFloored() {
        for (boolean useEnergy : new boolean[] {false, true}) {
            MfccSettings htk = MfccPresets.htk(useEnergy);
            MfccExtractor power = htk.withMel(htk.mel().withUsePower(true)).newExtractor();
            String set = useEnergy ? "htk-compat-e" : "htk-compat-c0";
            int compared = 0;
            int total = 0;
            for (String name : new String[] {"0_george_0", "4_yweweler_4", "6_yweweler_3", "8_nicolas_31"}) {
                Audio audio = TestWavs.resource(name);
                float[] x = audio.samples();
                double[][] ref = ReferenceMatrices.load(set, name);
                FeatureMatrix m = power.compute(audio);
                assertEquals(ref.length, m.rows());
                for (int t = 0; t < ref.length; t++) {
                    total++;
                    if (minPowerChannel(x, t * 80) < 1.0) {
                        continue; // HTK floors this channel at 1, Kaldi at FLT_EPSILON
                    }
                    compared++;
                    for (int k = 0; k < 13; k++) {
                        assertEquals(ref[t][k], m.get(t, k), 1e-3 + 1e-4 * Math.abs(ref[t][k]),
                                set + "/" + name + " frame " + t + " col " + k);
                    }
                }
            }
            assertTrue(compared >= total - 2, compared + " of " + total + " frames compared");
        }
    }

    /** HCopy MFCC_0 / MFCC_E of the 200-sample frame at {@code start}, written out naively in double. */
    static double[] naiveHtk(float[] x, int start, boolean useEnergy) {
        double[] fbank = filterBank(x, start, false);
        double[] out = new double[13];
        double norm = Math.sqrt(2.0 / NUM_CHANS);
        for (int j = 1; j <= 12; j++) {
            double c = 0;
            for (int k = 1; k <= NUM_CHANS; k++) {
                c += Math.log(Math.max(fbank[k], 1.0)) * Math.cos(Math.PI * j / NUM_CHANS * (k - 0.5));
            }
            out[j - 1] = c * norm * (1 + 11 * Math.sin(Math.PI * j / 22));
        }
        if (useEnergy) {
            double e = 0;
            for (int i = 0; i < 200; i++) {
                double s = x[start + i] * 32768.0;
                e += s * s;
            }
            out[12] = Math.log(Math.max(e, Math.ulp(1.0f)));
        } else {
            double sum = 0;
            for (int k = 1; k <= NUM_CHANS; k++) {
                sum += Math.log(Math.max(fbank[k], 1.0));
            }
            out[12] = sum * norm;
        }
        return out;
    }

    private static double minPowerChannel(float[] x, int start) {
        double[] fb = filterBank(x, start, true);
        double min = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= NUM_CHANS; k++) {
            min = Math.min(min, fb[k]);
        }
        return min;
    }

    /** Channels 1..26 of HTK's Wav2FBank (8 kHz, 256-point FFT, 0 Hz to Nyquist), 1-based. */
    private static double[] filterBank(float[] x, int start, boolean power) {
        int n = 200;
        int fftN = 256;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = x[start + i] * 32768.0;
        }
        for (int i = n - 1; i >= 1; i--) {
            s[i] -= 0.97 * s[i - 1];
        }
        s[0] *= 1 - 0.97;
        for (int i = 0; i < n; i++) {
            s[i] *= 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (n - 1));
        }
        double fres = 8000.0 / (fftN * 700.0);
        double mlo = 0;
        double mhi = 1127 * Math.log(1 + (fftN / 2) * fres);
        double[] cf = new double[NUM_CHANS + 2];
        for (int c = 1; c <= NUM_CHANS + 1; c++) {
            cf[c] = (double) c / (NUM_CHANS + 1) * (mhi - mlo) + mlo;
        }
        double[] fbank = new double[NUM_CHANS + 2];
        for (int k = 1; k < fftN / 2; k++) { // HTK's klo = 2 .. khi = 128, i.e. bins 1..127
            double re = 0;
            double im = 0;
            for (int i = 0; i < n; i++) {
                re += s[i] * Math.cos(2 * Math.PI * k * i / fftN);
                im -= s[i] * Math.sin(2 * Math.PI * k * i / fftN);
            }
            double ek = power ? re * re + im * im : Math.sqrt(re * re + im * im);
            double melk = 1127 * Math.log(1 + k * fres);
            int chan = 1;
            while (chan <= NUM_CHANS + 1 && cf[chan] < melk) {
                chan++;
            }
            int lo = chan - 1;
            double loWt = lo > 0 ? (cf[lo + 1] - melk) / (cf[lo + 1] - cf[lo]) : (cf[1] - melk) / (cf[1] - mlo);
            if (lo > 0) {
                fbank[lo] += loWt * ek;
            }
            if (lo < NUM_CHANS) {
                fbank[lo + 1] += ek - loWt * ek;
            }
        }
        return fbank;
    }
}
