package org.cepstra.audio;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Decodes WAV (RIFF/WAVE) files into mono {@link Audio}: 8-bit unsigned and 16/24/32-bit signed
 * PCM, 32/64-bit IEEE float, G.711 A-law and µ-law, plain or as {@code WAVE_FORMAT_EXTENSIBLE},
 * any number of channels (averaged, or one picked, by the {@link ChannelSelection}).
 *
 * <p>Scaling to [-1, 1): 16-bit values / 32768, 24-bit / 8388608, 32-bit / 2147483648, unsigned
 * 8-bit (v - 128) / 128, A-law and µ-law via their 16-bit linear values / 32768; float samples are
 * taken as stored (values beyond ±1 are kept, not clipped; NaN and infinity are errors).
 *
 * <p>The file is read through a buffered stream in blocks, never whole; {@link #open(Path)} gives
 * chunk-by-chunk access for recordings too large for memory. Chunks other than {@code fmt } and
 * {@code data} (LIST, fact, cue, bext, ...) are skipped, honouring the pad byte after an odd-sized
 * chunk. A {@code data} chunk whose size field is 0 or 0xFFFFFFFF (as streaming encoders write it)
 * runs to the end of the file. The RIFF size field is not relied on.
 *
 * <p><b>Truncated data is an error, never silently shortened audio.</b> A {@code data} chunk that
 * ends before the size in its header, or a data chunk (of declared or to-end size) ending in a
 * partial sample frame, raises {@link CorruptWavException} (e.g. "data chunk ends at byte 812,
 * header says 4096 bytes"). Header fields never drive an allocation unchecked: declared sizes are
 * checked against the file size before anything is skipped or allocated.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class WavReader {
    private static final int MAX_SAMPLES = Integer.MAX_VALUE - 8;
    private static final int STREAM_INITIAL_CAPACITY = 1 << 16;
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int MIN_BUFFER_BYTES = 1 << 10;
    /** Buffer for reading a header alone: most headers are 44 bytes; larger chunks before the data are skipped. */
    private static final int HEADER_BUFFER_BYTES = 1 << 12;

    private final ChannelSelection channels;

    /** A reader that averages all channels to mono. */
    public WavReader() {
        this(ChannelSelection.average());
    }

    /** A reader that turns multi-channel files into mono as {@code channels} says. */
    public WavReader(ChannelSelection channels) {
        this.channels = Objects.requireNonNull(channels, "channels");
    }

    /** How this reader makes multi-channel files mono. */
    public ChannelSelection channelSelection() {
        return channels;
    }

    /**
     * Reads the whole of {@code file} as mono audio at the file's sample rate.
     *
     * @throws CorruptWavException     the file is damaged (see the class comment)
     * @throws UnsupportedWavException not a WAV file, or an encoding not decoded here
     * @throws AudioFileException      the selected channel does not exist in the file
     * @throws IOException             the file cannot be read
     */
    public Audio read(Path file) throws IOException {
        try (WavStream stream = open(file)) {
            return readAll(stream, stream.format().hasKnownLength()
                    ? stream.format().frameCount()
                    : Math.max(0, Files.size(file) - stream.dataStart()) / stream.format().blockAlign(), true);
        }
    }

    /**
     * Reads a whole WAV stream (e.g. from a pipe or a resource) as mono audio. The stream is read
     * through the data chunk (and possibly beyond, by buffering) but not closed. {@code sourceName} names it in error messages.
     */
    public Audio read(InputStream in, String sourceName) throws IOException {
        Objects.requireNonNull(in, "in");
        WavStream stream = open(new FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        }, sourceName);
        long expected = stream.format().hasKnownLength() ? stream.format().frameCount() : -1;
        return readAll(stream, expected, false);
    }

    /**
     * The layout of {@code file}, read from its header; the header checks of {@link #read(Path)}
     * apply (including the data size against the file size), but the samples are not read.
     */
    public WavFormat readFormat(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        long size = Files.size(file);
        // the header alone: a small buffer, and no buffer for the samples
        int buffer = (int) Math.max(MIN_BUFFER_BYTES, Math.min(HEADER_BUFFER_BYTES, size));
        try (CountingInput in = new CountingInput(new BufferedInputStream(Files.newInputStream(file), buffer), size)) {
            return header(in, file, file.toString()).format();
        }
    }

    /**
     * Opens {@code file} for reading its samples chunk by chunk; the caller closes the stream.
     * The header is parsed and checked before this returns.
     */
    public WavStream open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        long size = Files.size(file);
        int buffer = (int) Math.max(MIN_BUFFER_BYTES, Math.min(BUFFER_BYTES, size)); // a small file in one read
        CountingInput in = new CountingInput(new BufferedInputStream(Files.newInputStream(file), buffer), size);
        return open(in, file, file.toString());
    }

    /**
     * Opens a WAV stream of unknown length for reading chunk by chunk. Closing the returned
     * {@link WavStream} closes {@code in}, and so does a failure to parse the header. {@code sourceName} names it in error messages.
     */
    public WavStream open(InputStream in, String sourceName) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        InputStream buffered = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, BUFFER_BYTES);
        return open(new CountingInput(buffered, -1), null, sourceName);
    }

    /** The parsed and checked header of {@code in}, including the channel this reader was asked for. */
    private WavHeaderParser.Header header(CountingInput in, Path file, String name) throws IOException {
        WavHeaderParser.Header header = new WavHeaderParser(in, file, name).parse();
        int fileChannels = header.format().channels();
        if (!channels.averaged() && channels.channel() >= fileChannels) {
            throw new AudioFileException(file, name, "channel " + channels.channel()
                    + " (0-based) was requested but the file has " + fileChannels + " channel"
                    + (fileChannels == 1 ? "" : "s"), null);
        }
        return header;
    }

    private WavStream open(CountingInput in, Path file, String name) throws IOException {
        try {
            return new WavStream(in, file, name, header(in, file, name), channels);
        } catch (IOException | RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Reads all samples. {@code expectedFrames} is the frame count to allocate for when
     * {@code trusted} (checked against a file's size), otherwise only a hint, clamped, and the
     * array grows as samples actually arrive.
     */
    private static Audio readAll(WavStream stream, long expectedFrames, boolean trusted) throws IOException {
        if (expectedFrames > MAX_SAMPLES) {
            throw new UnsupportedWavException(stream.file(), stream.sourceName(), "holds " + expectedFrames
                    + " samples, more than fit in memory at once; read it in chunks with WavReader.open()");
        }
        int capacity = trusted ? (int) expectedFrames
                : (int) Math.min(expectedFrames < 0 ? STREAM_INITIAL_CAPACITY : expectedFrames, 1 << 20);
        float[] samples = new float[Math.max(capacity, 1)];
        int length = 0;
        while (true) {
            if (length == samples.length) {
                float[] probe = new float[1];
                if (stream.read(probe, 0, 1) < 0) {
                    break;
                }
                if (length == MAX_SAMPLES) {
                    throw new UnsupportedWavException(stream.file(), stream.sourceName(), "holds more than " + MAX_SAMPLES
                            + " samples, more than fit in memory at once; read it in chunks with WavReader.open()");
                }
                samples = Arrays.copyOf(samples, (int) Math.min(MAX_SAMPLES, Math.max(16, length * 2L)));
                samples[length++] = probe[0];
                continue;
            }
            int n = stream.read(samples, length, samples.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        float[] exact = length == samples.length ? samples : Arrays.copyOf(samples, length);
        return Audio.wrap(exact, stream.format().sampleRateHz());
    }
}
