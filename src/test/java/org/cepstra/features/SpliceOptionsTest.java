package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cepstra.audio.Audio;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

class SpliceOptionsTest {

    @Test
    void neighboursAreAppendedEarliestFirstWithEdgesRepeated() {
        FeatureMatrix x = FeatureMatrix.of(new float[][] {{1, 10}, {2, 20}, {3, 30}});
        FeatureMatrix s = new SpliceOptions(1).apply(x);
        assertEquals(3, s.rows());
        assertEquals(6, s.cols());
        assertArrayEquals(new float[] {1, 10, 1, 10, 2, 20}, s.row(0));
        assertArrayEquals(new float[] {1, 10, 2, 20, 3, 30}, s.row(1));
        assertArrayEquals(new float[] {2, 20, 3, 30, 3, 30}, s.row(2));
        FeatureMatrix two = new SpliceOptions(2).apply(FeatureMatrix.of(new float[][] {{5}, {6}}));
        assertArrayEquals(new float[] {5, 5, 5, 6, 6}, two.row(0));
        assertArrayEquals(new float[] {5, 5, 6, 6, 6}, two.row(1));
        assertSame(x, SpliceOptions.none().apply(x));
        // frames of no values spliced are frames of no values
        FeatureMatrix empty = FeatureMatrix.wrap(4, 0, new float[0]);
        assertEquals(FeatureMatrix.wrap(4, 0, new float[0]), new SpliceOptions(2).apply(empty));
        // one frame spliced with more context than frames: that frame 2c + 1 times
        assertArrayEquals(new float[] {7, 7, 7, 7, 7, 7, 7}, new SpliceOptions(3).apply(FeatureMatrix.of(new float[][] {{7}}))
                .row(0));
        assertEquals(39 * 7, new SpliceOptions(3).outputDims(39));
        assertEquals("splice context must be in [0, 99] frames, got 100",
                assertThrows(IllegalArgumentException.class, () -> new SpliceOptions(100)).getMessage());
    }

    @Test
    void thePipelineSplicesAfterDeltasAndCmvn() {
        FeatureConfig plain = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults())
                .withCmvn(CmvnOptions.utterance(false), CmvnPlacement.AFTER_DELTAS);
        FeatureConfig spliced = plain.withSplice(new SpliceOptions(2));
        assertEquals(39 * 5, spliced.dimension());
        float[] samples = new float[4000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.1 * Math.sin(i * 0.05) + 0.01 * Math.sin(i * 1.3));
        }
        Audio audio = Audio.of(samples, 8000);
        FeatureMatrix base = new FeaturePipeline(plain).extract(audio);
        FeatureMatrix s = new FeaturePipeline(spliced).extract(audio);
        assertEquals(base.rows(), s.rows());
        assertEquals(new SpliceOptions(2).apply(base), s);
        assertEquals("spliced frames (splice 2) need the frames after each one: they are made for whole recordings, "
                + "not streamed", assertThrows(IllegalArgumentException.class,
                () -> new StreamingFeatureExtractor(spliced, 8000)).getMessage());
    }
}
