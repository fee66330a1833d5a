package org.cepstra.features;

/**
 * Receives the feature frames of a {@link StreamingFeatureExtractor} as soon as they are complete.
 * Called on the thread that feeds the extractor, from inside {@code accept} or {@code finish}.
 */
@FunctionalInterface
public interface StreamingFrameListener {

    /**
     * Takes one frame.
     *
     * @param frameIndex 0-based index of the frame in the utterance's output: the row it has in
     *                   {@link FeaturePipeline#extract(org.cepstra.audio.Audio)}'s matrix
     * @param frame      the {@link StreamingFeatureExtractor#dimension()} values of the frame. The array
     *                   belongs to the extractor and is overwritten after the call returns: copy what
     *                   you keep, and do not modify it.
     */
    void onFrame(int frameIndex, float[] frame);
}
