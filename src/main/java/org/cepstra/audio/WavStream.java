package org.cepstra.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A WAV file opened for reading its samples block by block, as mono floats in [-1, 1) (float
 * files: as stored), so that recordings far larger than memory can be processed in chunks.
 * Obtain one from {@link WavReader#open(Path)}; close it when done. Not thread-safe.
 *
 * <p>The same checks as {@link WavReader#read(Path)} apply while reading: a data chunk that ends
 * before its header says (or in the middle of a sample frame) raises {@link CorruptWavException}
 * when the reading reaches that point; a NaN or infinite float sample raises one naming its frame.
 */
public final class WavStream implements AutoCloseable {
    private static final int BLOCK_BYTES = 1 << 16;

    private final CountingInput in;
    private final Path file;
    private final String name;
    private final WavFormat format;
    private final int pick;
    private final long dataStart;
    private final long dataBytes;
    private final byte[] block;
    private long bytesRead;
    private long framesRead;
    private boolean atEnd;

    WavStream(CountingInput in, Path file, String name, WavHeaderParser.Header header, ChannelSelection selection) {
        this.in = in;
        this.file = file;
        this.name = name;
        this.format = header.format();
        this.dataStart = header.dataStart();
        this.dataBytes = header.dataBytes();
        this.pick = selection.averaged() ? -1 : selection.channel();
        int blockAlign = format.blockAlign();
        // a short file needs no more than its data: saves allocating (and zeroing) 64 kB per small file
        long wanted = dataBytes >= 0 ? Math.min(BLOCK_BYTES, dataBytes) : BLOCK_BYTES;
        this.block = new byte[(int) Math.max(blockAlign, wanted / blockAlign * blockAlign)];
    }

    /** The layout of the file being read. */
    public WavFormat format() {
        return format;
    }

    /** The file name or source name used in error messages. */
    public String sourceName() {
        return name;
    }

    /** Byte offset of the first sample in the file. */
    long dataStart() {
        return dataStart;
    }

    /** The file being read, or null for a non-file stream. */
    Path file() {
        return file;
    }

    /** Mono samples (sample frames) delivered so far. */
    public long samplesRead() {
        return framesRead;
    }

    /**
     * Reads up to {@code maxSamples} mono samples into {@code monoDest[offset..]}, fewer only at
     * the end of the data.
     *
     * @return the number of samples read, or -1 when the data is exhausted (0 only when
     *         {@code maxSamples} is 0)
     * @throws CorruptWavException the data is truncated, ends in a partial frame, holds a
     *                             NaN/infinite float, or holds no samples at all
     */
    public int read(float[] monoDest, int offset, int maxSamples) throws IOException {
        Objects.checkFromIndexSize(offset, maxSamples, monoDest.length);
        int total = 0;
        while (total < maxSamples) {
            int n = readBlock(monoDest, offset + total, maxSamples - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        if (total == 0 && maxSamples > 0) {
            if (framesRead == 0) {
                throw corrupt("contains no audio samples (the data chunk starting at byte " + dataStart
                        + " is empty)");
            }
            return -1;
        }
        return total;
    }

    private int readBlock(float[] dest, int offset, int maxFrames) throws IOException {
        if (atEnd) {
            return -1;
        }
        int blockAlign = format.blockAlign();
        long frames = Math.min(maxFrames, block.length / blockAlign);
        if (dataBytes >= 0) {
            frames = Math.min(frames, (dataBytes - bytesRead) / blockAlign);
            if (frames == 0) {
                atEnd = true;
                return -1;
            }
        }
        int wanted = (int) frames * blockAlign;
        int got = in.readUpTo(block, 0, wanted);
        if (got < wanted) {
            atEnd = true;
            if (dataBytes >= 0) {
                throw corrupt("data chunk ends at byte " + (dataStart + bytesRead + got) + ", header says "
                        + dataBytes + " bytes (from byte " + dataStart + " to " + (dataStart + dataBytes)
                        + "): the file is truncated");
            }
            if (got % blockAlign != 0) {
                throw corrupt("data chunk ends at byte " + (dataStart + bytesRead + got)
                        + " in the middle of a sample frame (frames are " + blockAlign + " bytes; "
                        + got % blockAlign + " bytes left over)");
            }
        }
        int n = got / blockAlign;
        int bad = SampleDecoder.decode(format.encoding(), block, n, format.channels(), pick, dest, offset);
        if (bad >= 0) {
            int frame = bad / format.channels();
            int channel = bad % format.channels();
            long byteOffset = dataStart + bytesRead + (long) bad * format.bytesPerSample();
            float value = format.encoding() == SampleEncoding.FLOAT_32
                    ? Float.intBitsToFloat(SampleDecoder.int32(block, bad * 4))
                    : (float) Double.longBitsToDouble(SampleDecoder.int64(block, bad * 8));
            throw corrupt("float sample " + (framesRead + frame) + " (channel " + channel + ", byte " + byteOffset
                    + ") is " + value + "; NaN and infinite samples are not allowed");
        }
        bytesRead += got;
        framesRead += n;
        return n == 0 ? -1 : n;
    }

    private CorruptWavException corrupt(String problem) {
        return new CorruptWavException(file, name, problem);
    }

    /** Closes the underlying file or stream. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
