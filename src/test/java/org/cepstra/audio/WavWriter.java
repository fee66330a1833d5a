package org.cepstra.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes float samples as a WAV file in one {@link SampleEncoding}, with any number of channels,
 * as a plain header (format code 1, 3, 6 or 7) or as {@code WAVE_FORMAT_EXTENSIBLE}. Integer and
 * G.711 encodings round each sample to the nearest step of the scale {@link WavReader} decodes
 * with (e.g. 16-bit: round(x × 32768)) and clip at full scale; float encodings store the values.
 * Non-PCM and extensible files get a {@code fact} chunk with the frame count.
 *
 * <p>Files are written in place (not atomically). Instances are immutable and thread-safe.
 */
public final class WavWriter {
    private final SampleEncoding encoding;
    private final boolean extensible;

    /** A writer of plain (non-extensible) WAV files in {@code encoding}. */
    public WavWriter(SampleEncoding encoding) {
        this(encoding, false);
    }

    /** A writer in {@code encoding}; {@code extensible} selects the WAVE_FORMAT_EXTENSIBLE header. */
    public WavWriter(SampleEncoding encoding, boolean extensible) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.extensible = extensible;
    }

    /** The sample encoding written. */
    public SampleEncoding encoding() {
        return encoding;
    }

    /** Whether files get a WAVE_FORMAT_EXTENSIBLE header. */
    public boolean extensible() {
        return extensible;
    }

    /**
     * Writes mono {@code audio} to {@code file}.
     *
     * @throws IllegalArgumentException the sample rate is not a whole number of Hz, or a sample is
     *                                  NaN or infinite
     */
    public void write(Path file, Audio audio) throws IOException {
        double rate = audio.sampleRateHz();
        if (rate != Math.rint(rate) || rate > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a WAV sample rate is a whole number of Hz, got " + rate);
        }
        float[] samples = audio.samples();
        writeInterleaved(file, samples, 1, (int) rate);
    }

    /** Writes one array per channel (all the same length) to {@code file} at {@code sampleRateHz}. */
    public void write(Path file, float[][] channelSamples, int sampleRateHz) throws IOException {
        int frames = checkedChannelLength(channelSamples);
        try (WavOutput out = open(file, channelSamples.length, sampleRateHz)) {
            out.writeChannels(channelSamples, 0, frames);
        }
    }

    /** Writes interleaved samples of {@code channels} channels to {@code file} at {@code sampleRateHz}. */
    public void writeInterleaved(Path file, float[] interleaved, int channels, int sampleRateHz) throws IOException {
        int frames = checkedFrames(interleaved, channels);
        try (WavOutput out = open(file, channels, sampleRateHz)) {
            out.writeInterleaved(interleaved, 0, frames);
        }
    }

    /** A complete WAV file in memory (sizes filled in) holding interleaved samples of {@code channels} channels. */
    public byte[] toBytes(float[] interleaved, int channels, int sampleRateHz) {
        Layout layout = new Layout(encoding, extensible, channels, sampleRateHz);
        int frames = checkedFrames(interleaved, channels);
        long dataBytes = (long) frames * layout.blockAlign();
        byte[] header = layout.header(frames);
        long total = header.length + dataBytes + (dataBytes & 1);
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("WAV of " + total + " bytes does not fit in one array");
        }
        byte[] bytes = new byte[(int) total];
        System.arraycopy(header, 0, bytes, 0, header.length);
        byte[] data = new byte[(int) dataBytes];
        SampleEncoder.encode(encoding, interleaved, 0, interleaved.length, data, 0);
        System.arraycopy(data, 0, bytes, header.length, data.length);
        return bytes;
    }

    /**
     * Creates (or truncates) {@code file} for writing chunk by chunk; sizes are patched into the
     * header when the returned output is closed.
     */
    public WavOutput open(Path file, int channels, int sampleRateHz) throws IOException {
        Layout layout = new Layout(encoding, extensible, channels, sampleRateHz);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return new WavOutput(layout, channel, null);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Starts a WAV stream on {@code out} whose RIFF and data sizes are 0xFFFFFFFF ("until the end
     * of the stream"), for pipes and other outputs that cannot seek back. Closing the returned
     * output flushes {@code out} but does not close it.
     */
    public WavOutput open(OutputStream out, int channels, int sampleRateHz) throws IOException {
        Objects.requireNonNull(out, "out");
        return new WavOutput(new Layout(encoding, extensible, channels, sampleRateHz), null, out);
    }

    private static int checkedFrames(float[] interleaved, int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        if (interleaved.length % channels != 0) {
            throw new IllegalArgumentException(interleaved.length + " interleaved samples are not a whole number of "
                    + channels + "-channel frames");
        }
        return interleaved.length / channels;
    }

    private static int checkedChannelLength(float[][] channelSamples) {
        if (channelSamples.length < 1) {
            throw new IllegalArgumentException("at least one channel is needed");
        }
        int frames = channelSamples[0].length;
        for (int k = 1; k < channelSamples.length; k++) {
            if (channelSamples[k].length != frames) {
                throw new IllegalArgumentException("channel " + k + " has " + channelSamples[k].length
                        + " samples, channel 0 has " + frames);
            }
        }
        return frames;
    }

    /** The header layout of one file: encoding, header kind, channels, rate. */
    record Layout(SampleEncoding encoding, boolean extensible, int channels, int sampleRateHz) {
        private static final byte[] GUID_TAIL = {
                0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

        Layout {
            if (channels < 1) {
                throw new IllegalArgumentException("channels must be >= 1, got " + channels);
            }
            if ((long) channels * encoding.bytesPerSample() > 0xFFFF) {
                throw new IllegalArgumentException(channels + " channels of " + encoding
                        + " do not fit a WAV sample frame (at most 65535 bytes)");
            }
            if (sampleRateHz < 1) {
                throw new IllegalArgumentException("sample rate must be >= 1 Hz, got " + sampleRateHz);
            }
            if ((long) sampleRateHz * channels * encoding.bytesPerSample() > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("byte rate of " + sampleRateHz + " Hz × " + channels
                        + " channels does not fit a WAV header");
            }
        }

        int blockAlign() {
            return channels * encoding.bytesPerSample();
        }

        private boolean hasFact() {
            return extensible || encoding.formatCode() != WavFormat.PCM;
        }

        private int fmtSize() {
            return extensible ? 40 : encoding.formatCode() == WavFormat.PCM ? 16 : 18;
        }

        int headerLength() {
            return 12 + 8 + fmtSize() + (hasFact() ? 12 : 0) + 8;
        }

        /** Largest data chunk that keeps the RIFF size (header + data + pad - 8) within 32 bits. */
        long maxDataBytes() {
            return 0xFFFFFFFFL - (headerLength() - 8) - 1;
        }

        /** The header for {@code frames} frames, or with 0xFFFFFFFF sizes when {@code frames} is -1. */
        byte[] header(long frames) {
            byte[] h = new byte[headerLength()];
            long dataBytes = frames < 0 ? -1 : frames * blockAlign();
            int unknown = 0xFFFFFFFF;
            int p = 0;
            p = putId(h, p, "RIFF");
            p = put32(h, p, dataBytes < 0 ? unknown : (int) (headerLength() - 8 + dataBytes + (dataBytes & 1)));
            p = putId(h, p, "WAVE");
            p = putId(h, p, "fmt ");
            p = put32(h, p, fmtSize());
            p = put16(h, p, extensible ? WavFormat.EXTENSIBLE : encoding.formatCode());
            p = put16(h, p, channels);
            p = put32(h, p, sampleRateHz);
            p = put32(h, p, (int) ((long) sampleRateHz * blockAlign()));
            p = put16(h, p, blockAlign());
            p = put16(h, p, encoding.bitsPerSample());
            if (extensible) {
                p = put16(h, p, 22);
                p = put16(h, p, encoding.bitsPerSample());
                p = put32(h, p, channels == 1 ? 0x4 : channels == 2 ? 0x3 : 0);
                p = put16(h, p, encoding.formatCode());
                System.arraycopy(GUID_TAIL, 0, h, p, GUID_TAIL.length);
                p += GUID_TAIL.length;
            } else if (fmtSize() == 18) {
                p = put16(h, p, 0);
            }
            if (hasFact()) {
                p = putId(h, p, "fact");
                p = put32(h, p, 4);
                p = put32(h, p, frames < 0 || frames > 0xFFFFFFFFL ? unknown : (int) frames);
            }
            p = putId(h, p, "data");
            p = put32(h, p, dataBytes < 0 ? unknown : (int) dataBytes);
            assert p == h.length;
            return h;
        }

        private static int putId(byte[] h, int p, String id) {
            for (int i = 0; i < 4; i++) {
                h[p + i] = (byte) id.charAt(i);
            }
            return p + 4;
        }

        private static int put16(byte[] h, int p, int v) {
            h[p] = (byte) v;
            h[p + 1] = (byte) (v >> 8);
            return p + 2;
        }

        private static int put32(byte[] h, int p, int v) {
            SampleEncoder.putInt(h, p, v);
            return p + 4;
        }
    }
}
