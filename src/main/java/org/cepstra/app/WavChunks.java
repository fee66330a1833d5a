package org.cepstra.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.cepstra.audio.ChannelSelection;
import org.cepstra.audio.SampleSink;
import org.cepstra.audio.WavReader;
import org.cepstra.audio.WavStream;

/**
 * Feeds a WAV file to a {@link SampleSink} chunk by chunk, as a live source would: chunks of a fixed number
 * of ms of audio (the last one shorter), read with Cepstra's streaming WAV reader, then the end.
 */
public final class WavChunks {
    private WavChunks() {
    }

    /** Longest chunk a stream is fed in, ms of audio (one minute): a chunk is a buffer of that many samples. */
    public static final double MAX_CHUNK_MS = 60_000;

    /** Whether {@code chunkMs} is a chunk length streams accept: a number of ms above 0, at most {@link #MAX_CHUNK_MS}. */
    public static boolean isChunkMs(double chunkMs) {
        return chunkMs > 0 && chunkMs <= MAX_CHUNK_MS;
    }

    /** The rule of {@link #isChunkMs}, in words, for messages. */
    public static final String CHUNK_MS_RULE = "a positive number of ms, at most " + (long) MAX_CHUNK_MS
            + " (one minute of audio)";

    /** Most samples in one chunk (2^24, a buffer of 64 MB): what one minute is up to a rate of about 280 kHz. */
    public static final int MAX_CHUNK_SAMPLES = 1 << 24;

    /**
     * Samples in a chunk of {@code chunkMs} ms at {@code sampleRateHz}: {@code round(chunkMs · rate / 1000)},
     * at least 1.
     *
     * @throws IllegalArgumentException if {@code chunkMs} is not {@link #isChunkMs a chunk length}, or the chunk
     *                                  would hold more than {@link #MAX_CHUNK_SAMPLES} samples at this rate
     */
    public static int chunkSamples(double chunkMs, double sampleRateHz) {
        if (!isChunkMs(chunkMs)) {
            throw new IllegalArgumentException("a chunk must be " + CHUNK_MS_RULE + ", got " + chunkMs);
        }
        double samples = Math.floor(chunkMs * sampleRateHz / 1000 + 0.5); // Math.round, without its wrap at 2^31
        if (!(samples <= MAX_CHUNK_SAMPLES)) {
            throw new IllegalArgumentException("a chunk of " + chunkMs + " ms at " + sampleRateHz + " Hz holds "
                    + samples + " samples, more than " + MAX_CHUNK_SAMPLES + ": give shorter chunks");
        }
        return Math.max(1, (int) samples);
    }

    /**
     * Reads {@code file} ({@code channels} mixed or picked to mono) and gives its samples to {@code sink} in
     * chunks of {@code chunkSamples}, calling {@code afterChunk} after each chunk, then calls
     * {@link SampleSink#finish()}. The sink must expect the file's rate ({@link WavReader#readFormat}).
     *
     * @throws IOException              if the file cannot be read or is not a valid WAV file (named)
     * @throws IllegalArgumentException if {@code chunkSamples} &lt; 1
     */
    public static void feed(Path file, ChannelSelection channels, int chunkSamples, SampleSink sink,
                            Runnable afterChunk) throws IOException {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(afterChunk, "afterChunk");
        if (chunkSamples < 1) {
            throw new IllegalArgumentException("chunk must hold at least one sample, got " + chunkSamples);
        }
        try (WavStream in = new WavReader(channels).open(file)) {
            float[] buffer = new float[chunkSamples];
            for (int n = in.read(buffer, 0, chunkSamples); n > 0; n = in.read(buffer, 0, chunkSamples)) {
                sink.accept(buffer, 0, n);
                afterChunk.run();
            }
        }
        sink.finish();
    }
}
