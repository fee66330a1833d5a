package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.cepstra.audio.Audio;
import org.cepstra.audio.SampleEncoding;
import org.cepstra.audio.WavReader;
import org.cepstra.audio.WavWriter;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** The same recording stored in different sample layouts gives the same MFCC frames (within 1e-2). */
class SampleLayoutMfccTest {
    private static final Path WAV = Path.of("src/test/resources/kaldi-mfcc/wavs/5_nicolas_33.wav");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = SampleEncoding.class, names = {"PCM_SIGNED_16", "PCM_SIGNED_24", "PCM_SIGNED_32", "FLOAT_32",
            "FLOAT_64"})
    void mfccsDoNotDependOnTheSampleLayout(SampleEncoding encoding) throws IOException {
        WavReader reader = new WavReader();
        Audio original = reader.read(WAV); // 16-bit PCM: every layout below stores these values exactly or closely
        Path copy = tmp.resolve(encoding + ".wav");
        new WavWriter(encoding).write(copy, original);
        FeaturePipeline pipeline = new FeaturePipeline(FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults()));
        FeatureMatrix expected = pipeline.extract(WAV);
        FeatureMatrix actual = pipeline.extract(copy);
        assertEquals(expected.rows(), actual.rows());
        assertEquals(39, actual.cols());
        for (int t = 0; t < expected.rows(); t++) {
            for (int c = 0; c < expected.cols(); c++) {
                assertEquals(expected.get(t, c), actual.get(t, c), 1e-2, encoding + " frame " + t + " column " + c);
            }
        }
    }
}
