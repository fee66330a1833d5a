package org.cepstra.features;

/**
 * One step of streaming post-processing: takes frames in order, passes its results on in order.
 * Frames passed to {@link #push} are only valid during the call.
 */
interface StreamingStage {

    /** Takes the next frame of the utterance. */
    void push(float[] frame);

    /** The utterance has ended: emits every frame still held back, then finishes the next stage. */
    void finish();

    /** Forgets the utterance (this stage and the following ones). */
    void reset();
}
