package org.cepstra.audio;

/**
 * A consumer of one mono recording that arrives over time: chunks of float samples in [-1, 1) at a
 * fixed rate, then an end. Streaming sources (such as {@link TarsosSampleAdapter}) feed a sink;
 * the streaming feature extractor is one. Implementations are not expected to be thread-safe: one
 * thread feeds a sink at a time.
 */
public interface SampleSink {

    /** The sample rate in Hz this sink expects. */
    double sampleRateHz();

    /**
     * Takes the next {@code count} samples ({@code samples[offset .. offset + count)}, floats in
     * [-1, 1), at {@link #sampleRateHz()}) of the recording. Any count, including 0, is allowed; the
     * array is only read during the call and may be reused by the caller afterwards.
     *
     * @throws IllegalStateException if the recording has already ended ({@link #finish()})
     */
    void accept(float[] samples, int offset, int count);

    /** Marks the end of the recording: everything still held back is processed now. */
    void finish();
}
