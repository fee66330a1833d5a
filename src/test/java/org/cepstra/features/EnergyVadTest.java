package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

class EnergyVadTest {

    private static FeatureMatrix energies(float... logEnergy) {
        float[][] rows = new float[logEnergy.length][2];
        for (int t = 0; t < logEnergy.length; t++) {
            rows[t][0] = logEnergy[t];
            rows[t][1] = 100f + t; // a second column the detector must ignore
        }
        return FeatureMatrix.of(rows);
    }

    @Test
    void defaultsAreKaldiComputeVad() {
        VadOptions o = VadOptions.kaldiDefaults();
        assertEquals(5.0f, o.energyThreshold());
        assertEquals(0.5f, o.energyMeanScale());
        assertEquals(0, o.framesContext());
        assertEquals(0.6f, o.proportionThreshold());
    }

    @Test
    void defaultThresholdIsFivePlusHalfTheMean() {
        // mean of (0, 10, 20, 30) = 15 -> threshold 5 + 7.5 = 12.5; strictly above it: 20 and 30
        boolean[] v = new EnergyVad(VadOptions.kaldiDefaults()).voicedFrames(energies(0, 10, 20, 30));
        assertArrayEquals(new boolean[] {false, false, true, true}, v);
    }

    @Test
    void frameExactlyAtThresholdIsNotVoiced() {
        // mean scale 0: threshold 10; 10 is not strictly above
        EnergyVad vad = new EnergyVad(new VadOptions(10f, 0f, 0, 0.6f));
        assertArrayEquals(new boolean[] {false, true, false}, vad.voicedFrames(energies(10f, 10.001f, 9f)));
    }

    @Test
    void contextVotesWithClippedWindows() {
        // threshold 0 (scale 0); above: frames 1, 2. Context 1, proportion 0.5:
        // t0: {0,1} -> 1/2 >= 1.0? 1 >= 2*0.5 yes; t1: {0,1,2} 2 >= 1.5 yes; t2: {1,2,3} 2 >= 1.5 yes;
        // t3: {2,3,4} 1 >= 1.5 no; t4: {3,4} 0 no
        EnergyVad vad = new EnergyVad(new VadOptions(0f, 0f, 1, 0.5f));
        assertArrayEquals(new boolean[] {true, true, true, false, false},
                vad.voicedFrames(energies(-1f, 1f, 1f, -1f, -1f)));
        // proportion 0.7: t0 needs 1 >= 1.4 no; t1 2 >= 2.1 no
        EnergyVad strict = new EnergyVad(new VadOptions(0f, 0f, 1, 0.7f));
        assertArrayEquals(new boolean[] {false, false, false, false, false},
                strict.voicedFrames(energies(-1f, 1f, 1f, -1f, -1f)));
    }

    @Test
    void proportionComparisonInSinglePrecisionLikeKaldi() {
        // context 2, proportion 0.6: 5 * 0.6f rounds to exactly 3.0f, so 3 of 5 frames above is voiced
        EnergyVad vad = new EnergyVad(new VadOptions(0f, 0f, 2, 0.6f));
        boolean[] v = vad.voicedFrames(energies(1f, 1f, 1f, -1f, -1f, -1f, -1f));
        // t2: frames 0..4 -> 3 of 5 voiced
        assertEquals(true, v[2]);
        // t3: frames 1..5 -> 2 of 5
        assertEquals(false, v[3]);
        // t0: frames 0..2 -> 3 of 3
        assertEquals(true, v[0]);
    }

    @Test
    void allUnvoicedGivesZeroFrameMatrix() {
        FeatureMatrix f = energies(1f, 1f, 1f);
        EnergyVad vad = new EnergyVad(VadOptions.kaldiDefaults()); // threshold 5.5
        boolean[] v = vad.voicedFrames(f);
        assertArrayEquals(new boolean[] {false, false, false}, v);
        FeatureMatrix selected = EnergyVad.selectVoiced(f, v);
        assertEquals(0, selected.rows());
        assertEquals(2, selected.cols());
    }

    @Test
    void selectVoicedKeepsFlaggedRowsOfWiderMatrix() {
        FeatureMatrix wide = FeatureMatrix.of(new float[][] {
            {0f, 1f, 2f, 3f}, {10f, 11f, 12f, 13f}, {20f, 21f, 22f, 23f}, {30f, 31f, 32f, 33f}, {40f, 41f, 42f, 43f}});
        FeatureMatrix out = EnergyVad.selectVoiced(wide, new boolean[] {true, false, true, true, false});
        assertEquals(FeatureMatrix.of(new float[][] {
            {0f, 1f, 2f, 3f}, {20f, 21f, 22f, 23f}, {30f, 31f, 32f, 33f}}), out);
        assertSame(wide, EnergyVad.selectVoiced(wide, new boolean[] {true, true, true, true, true}));
    }

    @Test
    void selectVoicedRejectsLengthMismatch() {
        FeatureMatrix f = energies(1f, 2f);
        assertThrows(IllegalArgumentException.class, () -> EnergyVad.selectVoiced(f, new boolean[3]));
    }

    @Test
    void emptyInputGivesNoDecisions() {
        assertEquals(0, new EnergyVad(VadOptions.kaldiDefaults()).voicedFrames(FeatureMatrix.empty(13)).length);
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new VadOptions(5f, -0.5f, 0, 0.6f));
        assertThrows(IllegalArgumentException.class, () -> new VadOptions(5f, 0.5f, -1, 0.6f));
        assertThrows(IllegalArgumentException.class, () -> new VadOptions(5f, 0.5f, 0, 0f));
        assertThrows(IllegalArgumentException.class, () -> new VadOptions(5f, 0.5f, 0, 1f));
        assertThrows(IllegalArgumentException.class, () -> new VadOptions(Float.NaN, 0.5f, 0, 0.6f));
    }
}
