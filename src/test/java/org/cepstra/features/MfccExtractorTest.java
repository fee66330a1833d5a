package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cepstra.audio.Audio;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

class MfccExtractorTest {
    /** log(FLT_EPSILON) = log(2^-23). */
    private static final double LOG_FLT_EPSILON = -23 * Math.log(2);
    private static final MfccSettings KALDI = MfccPresets.kaldi();

    @Test
    void digitalSilenceFrameGivesTheEpsilonFloor() {
        Audio audio = TestWavs.resource("8_nicolas_31");
        float[] withEnergy = KALDI.newExtractor().compute(audio).row(35);
        assertEquals(-15.9423852, withEnergy[0], 1e-6);
        assertEquals(LOG_FLT_EPSILON, withEnergy[0], 1e-6);
        float[] c0 = KALDI.withMfcc(KALDI.mfcc().withUseEnergy(false)).newExtractor().compute(audio).row(35);
        // All 23 log mel energies are log(FLT_EPSILON): C0 = sqrt(23) log(eps), C1..C12 = 0.
        assertEquals(Math.sqrt(23) * LOG_FLT_EPSILON, c0[0], 1e-4);
        assertEquals(-76.4569933, c0[0], 1e-4);
        for (int k = 1; k < 13; k++) {
            assertEquals(0.0, c0[k], 1e-4, "C" + k);
        }
    }

    @Test
    void energyFloorReplacesLowerLogEnergies() {
        Audio zeros = Audio.of(new float[400], 8000);
        FeatureMatrix m = KALDI.withMfcc(KALDI.mfcc().withEnergyFloor(2.0)).newExtractor().compute(zeros);
        assertEquals(3, m.rows());
        for (int r = 0; r < 3; r++) {
            assertEquals(Math.log(2.0), m.get(r, 0), 1e-6);
        }
    }

    @Test
    void shortRecordingsGiveNoFramesOrReflectedFrames() {
        MfccExtractor kaldi = KALDI.newExtractor();
        FeatureMatrix none = kaldi.compute(Audio.of(new float[199], 8000));
        assertEquals(0, none.rows());
        assertEquals(13, none.cols());
        MfccExtractor noSnip = KALDI.withFrame(KALDI.frame().withSnipEdges(false)).newExtractor();
        assertEquals(0, noSnip.compute(Audio.of(new float[39], 8000)).rows());
        float[] tiny = new float[40];
        for (int i = 0; i < tiny.length; i++) {
            tiny[i] = (float) Math.sin(0.3 * i) * 0.5f;
        }
        FeatureMatrix one = noSnip.compute(Audio.of(tiny, 8000));
        assertEquals(1, one.rows(), "a 200-sample frame from 40 samples by repeated reflection");
        assertTrue(one.isFinite());
        assertTrue(one.get(0, 0) > 5, "energy of the reflected sine");
    }

    @Test
    void dimensionAndFrameCountsFollowTheOptions() {
        MfccExtractor e = new MfccExtractor(KALDI.frame(), KALDI.mel().withNumBins(40),
                KALDI.mfcc().withNumCeps(20));
        assertEquals(20, e.dimension());
        assertEquals(226, e.numFrames(18262, 8000));
        assertEquals(26, e.numFrames(4400, 16000), "1 + (4400 - 400) / 160");
        MfccComputer c = e.forSampleRate(44100);
        assertEquals(1102, c.frameLengthSamples());
        assertEquals(441, c.frameShiftSamples());
        assertEquals(2048, c.fftSize());
        assertEquals(20, c.dimension());
        assertSame(c, e.forSampleRate(44100), "cached per rate");
    }

    @Test
    void computerRejectsOtherRates() {
        MfccComputer c = KALDI.newExtractor().forSampleRate(16000);
        assertThrows(IllegalArgumentException.class, () -> c.compute(Audio.of(new float[800], 8000)));
        assertThrows(IllegalArgumentException.class, () -> KALDI.newExtractor().forSampleRate(0));
        // 23 bins from 20 Hz up to 300 Hz Nyquist cannot be built.
        assertThrows(IllegalArgumentException.class,
                () -> KALDI.newExtractor().compute(Audio.of(new float[100], 600)));
    }

    @Test
    void arrayEntryPointMatchesAudioEntryPoint() {
        Audio audio = TestWavs.resource("3_theo_3");
        float[] x = audio.samples();
        float[] padded = new float[x.length + 10];
        System.arraycopy(x, 0, padded, 7, x.length);
        MfccComputer c = KALDI.newExtractor().forSampleRate(8000);
        assertEquals(c.compute(audio), c.compute(padded, 7, x.length));
        assertArrayEquals(x, audio.samples(), "input untouched");
        // frames reflected at the ends: from the recording as from its samples
        MfccComputer noSnip = KALDI.withFrame(KALDI.frame().withSnipEdges(false)).newExtractor().forSampleRate(8000);
        assertEquals(noSnip.compute(padded, 7, x.length), noSnip.compute(audio));
        Audio shorter = Audio.of(java.util.Arrays.copyOf(x, 150), 8000);
        assertEquals(noSnip.compute(shorter.samples(), 0, 150), noSnip.compute(shorter));
        assertEquals(2, noSnip.compute(shorter).rows());
    }

    @Test
    void ditherIsReproducibleUnderItsSeed() {
        Audio zeros = Audio.of(new float[2000], 8000);
        MfccSettings d = KALDI.withFrame(KALDI.frame().withDither(1.0).withDitherSeed(42));
        FeatureMatrix a = d.newExtractor().compute(zeros);
        FeatureMatrix b = d.newExtractor().compute(zeros);
        assertEquals(a, b);
        FeatureMatrix other = KALDI.withFrame(KALDI.frame().withDither(1.0).withDitherSeed(43))
                .newExtractor().compute(zeros);
        assertNotEquals(a, other);
        // Unit-variance noise in 200 samples, mean removed: energy near 199, far above the floor.
        for (int r = 0; r < a.rows(); r++) {
            assertEquals(Math.log(199), a.get(r, 0), 0.5);
        }
    }

    @Test
    void subtractMeanLeavesZeroMeanColumns() {
        Audio audio = TestWavs.resource("0_george_0");
        FeatureMatrix plain = KALDI.newExtractor().compute(audio);
        FeatureMatrix centred = KALDI.withMfcc(KALDI.mfcc().withSubtractMean(true)).newExtractor().compute(audio);
        for (int c = 0; c < 13; c++) {
            double mean = 0;
            for (int r = 0; r < plain.rows(); r++) {
                mean += plain.get(r, c);
            }
            mean /= plain.rows();
            double centredSum = 0;
            for (int r = 0; r < centred.rows(); r++) {
                centredSum += centred.get(r, c);
                assertEquals(plain.get(r, c) - mean, centred.get(r, c), 1e-4);
            }
            assertEquals(0.0, centredSum / centred.rows(), 1e-5);
        }
    }

    @Test
    void htkCompatMovesEnergyLastAndScalesC0() {
        Audio audio = TestWavs.resource("2_nicolas_2");
        MfccOptions noE = KALDI.mfcc().withUseEnergy(false);
        FeatureMatrix kaldi = KALDI.withMfcc(noE).newExtractor().compute(audio);
        FeatureMatrix htk = KALDI.withMfcc(noE.withHtkCompat(true)).newExtractor().compute(audio);
        FeatureMatrix kaldiE = KALDI.newExtractor().compute(audio);
        FeatureMatrix htkE = KALDI.withMfcc(KALDI.mfcc().withHtkCompat(true)).newExtractor().compute(audio);
        for (int r = 0; r < kaldi.rows(); r++) {
            for (int k = 1; k < 13; k++) {
                assertEquals(kaldi.get(r, k), htk.get(r, k - 1));
                assertEquals(kaldiE.get(r, k), htkE.get(r, k - 1));
            }
            assertEquals(kaldi.get(r, 0) * Math.sqrt(2), htk.get(r, 12), 1e-5 * Math.abs(kaldi.get(r, 0)));
            assertEquals(kaldiE.get(r, 0), htkE.get(r, 12));
        }
    }

    @Test
    void rawAndWindowedEnergyDiffer() {
        Audio audio = TestWavs.resource("1_jackson_1");
        FeatureMatrix raw = KALDI.newExtractor().compute(audio);
        FeatureMatrix windowed = KALDI.withMfcc(KALDI.mfcc().withRawEnergy(false)).newExtractor().compute(audio);
        for (int r = 0; r < raw.rows(); r++) {
            // The Povey window (mean square about 0.37) and pre-emphasis only lower the energy.
            assertTrue(windowed.get(r, 0) < raw.get(r, 0), "frame " + r);
            for (int k = 1; k < 13; k++) {
                assertEquals(raw.get(r, k), windowed.get(r, k));
            }
        }
    }

    @Test
    void threadsShareOneExtractorSafely() throws Exception {
        MfccExtractor pow2 = KALDI.newExtractor();
        MfccExtractor mixedRadix = KALDI.withFrame(KALDI.frame().withRoundToPowerOfTwo(false)).newExtractor();
        List<Audio> audios = List.of(TestWavs.resource("0_george_0"), TestWavs.resource("9_theo_16"),
                TestWavs.resource("0_george_0_16k"), TestWavs.resource("3_theo_3_44k"));
        List<FeatureMatrix> expected = new ArrayList<>();
        for (Audio a : audios) {
            expected.add(KALDI.newExtractor().compute(a));
            expected.add(KALDI.withFrame(KALDI.frame().withRoundToPowerOfTwo(false)).newExtractor().compute(a));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    boolean ok = true;
                    for (int rep = 0; rep < 5; rep++) {
                        for (int i = 0; i < audios.size(); i++) {
                            ok &= pow2.compute(audios.get(i)).equals(expected.get(2 * i));
                            ok &= mixedRadix.compute(audios.get(i)).equals(expected.get(2 * i + 1));
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
