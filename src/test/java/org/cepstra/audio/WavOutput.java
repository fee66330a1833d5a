package org.cepstra.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * A WAV file (or stream) being written chunk by chunk, so that long recordings never have to be
 * held in memory. Obtain one from {@link WavWriter#open}; {@link #close()} finishes the file.
 * For a file, the header's sizes are patched at close; for a non-seekable stream they are written
 * as 0xFFFFFFFF ("read to the end"), which {@link WavReader} understands. Not thread-safe.
 */
public final class WavOutput implements AutoCloseable {
    private static final int BLOCK_BYTES = 1 << 16;

    private final WavWriter.Layout layout;
    private final FileChannel channel;
    private final OutputStream out;
    private final byte[] block;
    private final int framesPerBlock;
    private final float[] interleaveScratch;
    private long frames;
    private boolean closed;

    WavOutput(WavWriter.Layout layout, FileChannel channel, OutputStream out) throws IOException {
        this.layout = layout;
        this.channel = channel;
        this.out = out;
        int blockAlign = layout.blockAlign();
        this.framesPerBlock = Math.max(1, BLOCK_BYTES / blockAlign);
        this.block = new byte[framesPerBlock * blockAlign];
        this.interleaveScratch = new float[framesPerBlock * layout.channels()];
        byte[] header = channel != null ? layout.header(0) : layout.header(-1);
        emit(header, header.length);
    }

    /** Number of channels per frame. */
    public int channels() {
        return layout.channels();
    }

    /** Sample frames written so far. */
    public long framesWritten() {
        return frames;
    }

    /**
     * Writes {@code frameCount} frames of interleaved samples (channel 0, 1, ... of frame 0, then
     * frame 1, ...) from {@code samples[offset..]}; {@code frameCount × channels} values are read.
     * Integer encodings round to the nearest step and clip at full scale.
     *
     * @throws IllegalArgumentException a sample is NaN or infinite
     */
    public void writeInterleaved(float[] samples, int offset, int frameCount) throws IOException {
        int c = layout.channels();
        Objects.checkFromIndexSize(offset, Math.multiplyExact(frameCount, c), samples.length);
        ensureOpen();
        int done = 0;
        while (done < frameCount) {
            int n = Math.min(framesPerBlock, frameCount - done);
            SampleEncoder.encode(layout.encoding(), samples, offset + done * c, n * c, block, frames * c);
            emitData(n);
            done += n;
        }
    }

    /**
     * Writes {@code frameCount} frames taken from one array per channel, each read from
     * {@code offset}. There must be exactly {@link #channels()} arrays.
     *
     * @throws IllegalArgumentException a sample is NaN or infinite, or the channel count differs
     */
    public void writeChannels(float[][] channelSamples, int offset, int frameCount) throws IOException {
        int c = layout.channels();
        if (channelSamples.length != c) {
            throw new IllegalArgumentException("expected " + c + " channel arrays, got " + channelSamples.length);
        }
        for (float[] ch : channelSamples) {
            Objects.checkFromIndexSize(offset, frameCount, ch.length);
        }
        ensureOpen();
        int done = 0;
        while (done < frameCount) {
            int n = Math.min(framesPerBlock, frameCount - done);
            for (int k = 0; k < c; k++) {
                float[] ch = channelSamples[k];
                for (int i = 0; i < n; i++) {
                    interleaveScratch[i * c + k] = ch[offset + done + i];
                }
            }
            SampleEncoder.encode(layout.encoding(), interleaveScratch, 0, n * c, block, frames * c);
            emitData(n);
            done += n;
        }
    }

    private void emitData(int n) throws IOException {
        long bytes = (frames + n) * layout.blockAlign();
        if (channel != null && bytes > layout.maxDataBytes()) {
            throw new IOException("WAV data would exceed the 4 GiB limit of a RIFF file (" + bytes + " bytes)");
        }
        emit(block, n * layout.blockAlign());
        frames += n;
    }

    private void emit(byte[] bytes, int length) throws IOException {
        if (channel != null) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } else {
            out.write(bytes, 0, length);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("WAV output is closed");
        }
    }

    /**
     * Finishes the file: adds the pad byte after an odd-sized data chunk and patches the sizes in
     * the header (files), or flushes (streams, which are not closed).
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (channel == null) {
            out.flush();
            return;
        }
        try (FileChannel ch = channel) {
            long dataBytes = frames * layout.blockAlign();
            if ((dataBytes & 1) != 0) {
                emit(new byte[1], 1);
            }
            ByteBuffer header = ByteBuffer.wrap(layout.header(frames));
            long position = 0;
            while (header.hasRemaining()) {
                position += ch.write(header, position);
            }
        }
    }
}
