package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cepstra.audio.Audio;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every coefficient of every reference file of every set (Kaldi's algorithm, float64) must be matched
 * within 1e-3 + 1e-4 |ref|.
 */
class KaldiConformanceTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (ReferenceSets.RefSet set : ReferenceSets.all()) {
            MfccExtractor extractor = set.settings().newExtractor();
            for (String file : set.files()) {
                out.add(Arguments.of(set.folder(), file, extractor));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("cases")
    void matchesKaldiReference(String folder, String file, MfccExtractor extractor) {
        Audio audio = TestWavs.resource(file);
        double[][] ref = ReferenceMatrices.load(folder, file);
        FeatureMatrix actual = extractor.compute(audio);
        assertEquals(ref.length, actual.rows(), "frames");
        assertEquals(ref.length, extractor.numFrames(audio.length(), audio.sampleRateHz()), "numFrames");
        assertEquals(ref[0].length, actual.cols(), "dimension");
        double worst = ReferenceMatrices.worstToleranceRatio(actual, ref);
        assertTrue(worst <= 1.0, () -> folder + "/" + file + ": worst error is " + worst
                + " times the tolerance (max abs error " + ReferenceMatrices.maxAbsError(actual, ref) + ")");
    }
}
