package org.cepstra.features;

import static org.cepstra.features.StreamingFeatureExtractorTest.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.io.TarsosDSPAudioFloatConverter;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cepstra.audio.Audio;
import org.cepstra.audio.TarsosSampleAdapter;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/**
 * A TarsosDSP dispatcher feeding a {@link StreamingFeatureExtractor} through
 * {@link TarsosSampleAdapter}: the frames equal batch extraction of the same file.
 */
class TarsosStreamingTest {
    private static final int[][] LAYOUTS = {{1024, 0}, {1024, 512}, {512, 448}, {80, 0}, {200, 120}, {4096, 1}};

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TarsosStreamingTest.class.getResource("/kaldi-mfcc/wavs/" + name + ".wav").toURI());
    }

    /** Runs a dispatcher into a new extractor (listener mode) and returns the frames. */
    private static FeatureMatrix run(AudioDispatcher d, FeatureConfig config, TarsosSampleAdapter.Scaling scaling) {
        List<float[]> frames = new ArrayList<>();
        StreamingFeatureExtractor x = new StreamingFeatureExtractor(config, d.getFormat().getSampleRate(),
                (i, f) -> frames.add(f.clone()));
        TarsosSampleAdapter.attach(d, x, scaling);
        d.run();
        assertTrue(x.isFinished(), "processingFinished() finishes the extractor");
        float[] out = new float[frames.size() * x.dimension()];
        for (int r = 0; r < frames.size(); r++) {
            System.arraycopy(frames.get(r), 0, out, r * x.dimension(), x.dimension());
        }
        return FeatureMatrix.wrap(frames.size(), x.dimension(), out);
    }

    @Test
    void filesThroughTarsosGiveTheBatchFrames() throws Exception {
        FeatureConfig[] configs = {
            FeatureConfig.kaldiDefaults(),
            FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults())
                    .withCmvn(CmvnOptions.sliding(), CmvnPlacement.BEFORE_DELTAS),
        };
        for (String name : new String[] {"0_george_0", "8_nicolas_31", "3_theo_3_16k", "9_theo_16_44k"}) {
            Path file = resource(name);
            for (FeatureConfig config : configs) {
                FeatureMatrix expected = new FeaturePipeline(config).extract(file);
                assertTrue(expected.rows() > 10);
                for (int[] layout : LAYOUTS) {
                    AudioDispatcher d = AudioDispatcherFactory.fromFile(file.toFile(), layout[0], layout[1]);
                    assertBitIdentical(expected, run(d, config, TarsosSampleAdapter.Scaling.WAV_READER),
                            name + " buffer " + layout[0] + " overlap " + layout[1]);
                }
            }
        }
    }

    @Test
    void floatArrayDispatcherGivesTheBatchFramesOfWhatTarsosDelivers() throws Exception {
        FeatureConfig config = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults());
        Audio audio = TestWavs.resource("5_nicolas_33");
        float[] x = audio.samples();
        // fromFloatArray stores the floats as 16-bit PCM ((int) (x * 32767)) and reads them back / 32767.
        TarsosDSPAudioFloatConverter c = TarsosDSPAudioFloatConverter.getConverter(
                new TarsosDSPAudioFormat(8000, 16, 1, true, false));
        float[] delivered = c.toFloatArray(c.toByteArray(x, new byte[2 * x.length]), new float[x.length]);
        FeatureMatrix expected = new FeaturePipeline(config).extract(Audio.wrap(delivered, 8000));
        for (int[] layout : LAYOUTS) {
            AudioDispatcher d = AudioDispatcherFactory.fromFloatArray(x, 8000, layout[0], layout[1]);
            assertBitIdentical(expected, run(d, config, TarsosSampleAdapter.Scaling.AS_DELIVERED),
                    "float array, buffer " + layout[0] + " overlap " + layout[1]);
        }
        // Those frames differ from the original floats' only by TarsosDSP's 16-bit rounding.
        FeatureMatrix original = new FeaturePipeline(config).extract(audio);
        assertEquals(original.rows(), expected.rows());
        assertEquals(original.get(10, 0), expected.get(10, 0), 1e-2);
    }
}
