package org.cepstra.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Walks the RIFF chunks of a WAV file up to the start of its {@code data} chunk, checking every
 * size against the file and every field against the others.
 */
final class WavHeaderParser {
    /** The result: the format and where the sample data lies ({@code dataBytes} -1 = to end of file). */
    record Header(WavFormat format, long dataStart, long dataBytes) {
    }

    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
    private static final int FMT_BYTES_USED = 40;
    private static final byte[] GUID_TAIL = {
            0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private final CountingInput in;
    private final Path file;
    private final String name;
    private final byte[] buf = new byte[FMT_BYTES_USED];

    WavHeaderParser(CountingInput in, Path file, String name) {
        this.in = in;
        this.file = file;
        this.name = name;
    }

    Header parse() throws IOException {
        int n = in.readUpTo(buf, 0, 12);
        if (n == 0) {
            throw corrupt("file is empty (0 bytes), expected a RIFF/WAVE header");
        }
        String magic = new String(buf, 0, Math.min(n, 4), StandardCharsets.ISO_8859_1);
        if (n < 4 || !magic.equals("RIFF")) {
            if (magic.equals("RIFX")) {
                throw unsupported("big-endian RIFX WAV files are not supported");
            }
            if (magic.equals("RF64")) {
                throw unsupported("RF64 (64-bit RIFF) WAV files are not supported");
            }
            if (n >= 4 || !"RIFF".startsWith(magic)) {
                throw unsupported("not a RIFF/WAVE file (starts with " + quote(buf, 0, Math.min(n, 4)) + ")");
            }
        }
        if (n < 12) {
            throw corrupt("truncated header: the file has only " + n + " bytes, a RIFF/WAVE header needs 12"
                    + " before its first chunk");
        }
        if (!new String(buf, 8, 4, StandardCharsets.ISO_8859_1).equals("WAVE")) {
            throw unsupported("not a RIFF/WAVE file (RIFF form type is " + quote(buf, 8, 4) + ", not 'WAVE')");
        }
        Header header = null;
        WavFormat format = null;
        while (header == null) {
            long chunkStart = in.position();
            n = in.readUpTo(buf, 0, 8);
            if (n < 8) {
                String what = format == null ? "no 'fmt ' chunk and no 'data' chunk" : "no 'data' chunk";
                if (n == 0) {
                    throw corrupt(what + " (the file ends at byte " + chunkStart + ")");
                }
                throw corrupt("truncated header: chunk header at byte " + chunkStart + " is cut off after " + n
                        + " of 8 bytes (" + what + ")");
            }
            String id = new String(buf, 0, 4, StandardCharsets.ISO_8859_1);
            long size = u32(buf, 4);
            switch (id) {
                case "fmt " -> {
                    if (format != null) {
                        throw corrupt("second 'fmt ' chunk at byte " + chunkStart);
                    }
                    if (size < 16) {
                        throw corrupt("'fmt ' chunk at byte " + chunkStart + " is " + size
                                + " bytes long, at least 16 are needed");
                    }
                    checkFits(id, chunkStart, size);
                    int used = (int) Math.min(size, FMT_BYTES_USED);
                    int got = in.readUpTo(buf, 0, used);
                    if (got < used) {
                        throw corrupt("truncated header: 'fmt ' chunk at byte " + chunkStart + " ends after " + got
                                + " of its " + size + " bytes");
                    }
                    format = parseFmt(size);
                    skipChunkRest(id, chunkStart, size, used);
                }
                case "data" -> {
                    if (format == null) {
                        long laterFmt = findLaterFmt(size);
                        if (laterFmt >= 0) {
                            throw corrupt("'fmt ' chunk at byte " + laterFmt + " comes after the 'data' chunk at byte "
                                    + chunkStart + "; it must come before");
                        }
                        throw corrupt("'fmt ' chunk missing: none comes before the 'data' chunk at byte "
                                + chunkStart);
                    }
                    header = dataHeader(format, chunkStart, size);
                }
                default -> {
                    checkFits(id, chunkStart, size);
                    skipChunkRest(id, chunkStart, size, 0);
                }
            }
        }
        return header;
    }

    private Header dataHeader(WavFormat format, long chunkStart, long size)
            throws CorruptWavException {
        long dataStart = chunkStart + 8;
        int blockAlign = format.blockAlign();
        if (size == 0 || size == UNKNOWN_SIZE) {
            return new Header(format, dataStart, -1);
        }
        if (in.size() >= 0 && dataStart + size > in.size()) {
            throw corrupt("data chunk ends at byte " + in.size() + ", header says " + size + " bytes (from byte "
                    + dataStart + " to " + (dataStart + size) + "): the file is truncated");
        }
        if (size % blockAlign != 0) {
            throw corrupt("data chunk of " + size + " bytes ends in a partial sample frame (frames are "
                    + blockAlign + " bytes; " + (size % blockAlign) + " bytes left over)");
        }
        WavFormat withLength = new WavFormat(format.formatCode(), format.encoding(), format.channels(),
                format.sampleRateHz(), format.bitsPerSample(), blockAlign, size / blockAlign);
        return new Header(withLength, dataStart, size);
    }

    private WavFormat parseFmt(long fmtSize) throws AudioFileException {
        int code = u16(buf, 0);
        int channels = u16(buf, 2);
        long rate = u32(buf, 4);
        int blockAlign = u16(buf, 12);
        int bits = u16(buf, 14);
        String where = "";
        if (code == WavFormat.EXTENSIBLE) {
            if (fmtSize < FMT_BYTES_USED) {
                throw corrupt("WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is " + fmtSize + " bytes long, 40 are needed");
            }
            int extraSize = u16(buf, 16);
            if (extraSize < 22) {
                throw corrupt("WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk has an extension of " + extraSize
                        + " bytes (cbSize), 22 are needed");
            }
            int validBits = u16(buf, 18);
            if (!matches(buf, 26, GUID_TAIL)) {
                throw unsupported("WAVE_FORMAT_EXTENSIBLE with unknown SubFormat GUID " + guid(buf, 24)
                        + " is not supported");
            }
            code = u16(buf, 24);
            where = ", in WAVE_FORMAT_EXTENSIBLE";
            if (validBits > bits) {
                throw corrupt("WAVE_FORMAT_EXTENSIBLE header says " + validBits + " valid bits in a "
                        + bits + "-bit sample container");
            }
        }
        if (code != WavFormat.PCM && code != WavFormat.IEEE_FLOAT && code != WavFormat.ALAW
                && code != WavFormat.MULAW) {
            String known = formatName(code);
            throw unsupported((known == null ? "format code " + hex(code) + where : known + " (" + hex(code) + where
                    + ")") + " is not supported; only PCM, IEEE float, A-law and µ-law are decoded");
        }
        if (channels == 0) {
            throw corrupt("'fmt ' chunk declares 0 channels");
        }
        if (rate == 0) {
            throw corrupt("'fmt ' chunk declares a sample rate of 0 Hz");
        }
        if (rate > Integer.MAX_VALUE) {
            throw unsupported("sample rate of " + rate + " Hz is out of range");
        }
        SampleEncoding encoding = encodingOf(code, bits);
        if (blockAlign != channels * encoding.bytesPerSample()) {
            throw corrupt("block align " + blockAlign + " does not match " + channels + " channel(s) × "
                    + encoding.bytesPerSample() + " byte(s) per sample = " + channels * encoding.bytesPerSample());
        }
        return new WavFormat(code, encoding, channels, (int) rate, bits, blockAlign, -1);
    }

    private SampleEncoding encodingOf(int code, int bits) throws UnsupportedWavException {
        switch (code) {
            case WavFormat.PCM:
                if (bits >= 1 && bits <= 8) {
                    return SampleEncoding.PCM_UNSIGNED_8;
                } else if (bits >= 9 && bits <= 16) {
                    return SampleEncoding.PCM_SIGNED_16;
                } else if (bits >= 17 && bits <= 24) {
                    return SampleEncoding.PCM_SIGNED_24;
                } else if (bits >= 25 && bits <= 32) {
                    return SampleEncoding.PCM_SIGNED_32;
                }
                throw unsupported("PCM with " + bits + " bits per sample is not supported (1 to 32 are)");
            case WavFormat.IEEE_FLOAT:
                if (bits == 32) {
                    return SampleEncoding.FLOAT_32;
                } else if (bits == 64) {
                    return SampleEncoding.FLOAT_64;
                }
                throw unsupported("IEEE float with " + bits + " bits per sample is not supported (32 or 64 are)");
            case WavFormat.ALAW:
                if (bits == 8) {
                    return SampleEncoding.ALAW;
                }
                throw unsupported("A-law with " + bits + " bits per sample is not supported (only 8)");
            case WavFormat.MULAW:
                if (bits == 8) {
                    return SampleEncoding.MULAW;
                }
                throw unsupported("µ-law with " + bits + " bits per sample is not supported (only 8)");
            default:
                throw new AssertionError(code);
        }
    }

    /** Name of a well-known but unsupported WAV format code, or null. */
    static String formatName(int code) {
        return switch (code) {
            case 0x0000 -> "Unknown format";
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0011 -> "IMA ADPCM";
            case 0x0022 -> "DSP Group TrueSpeech";
            case 0x0031 -> "GSM 6.10";
            case 0x0040 -> "G.721 ADPCM";
            case 0x0050 -> "MPEG audio";
            case 0x0055 -> "MP3 (MPEG Layer III)";
            case 0x0064 -> "G.726 ADPCM";
            case 0x0092 -> "Dolby AC-3 (S/PDIF)";
            case 0x00FF -> "AAC";
            case 0x0160, 0x0161, 0x0162, 0x0163 -> "Windows Media Audio";
            case 0x1610 -> "HE-AAC";
            case 0xF1AC -> "FLAC";
            default -> null;
        };
    }

    /** Throws unless the chunk body of {@code size} bytes fits in what is left of the file. */
    private void checkFits(String id, long chunkStart, long size) throws CorruptWavException {
        if (size > in.remaining()) {
            throw corrupt("chunk " + quote(id) + " at byte " + chunkStart + " declares " + size
                    + " bytes but only " + in.remaining() + " remain in the file");
        }
    }

    /** Skips the rest of a chunk whose first {@code consumed} body bytes were read, and its pad byte. */
    private void skipChunkRest(String id, long chunkStart, long size, long consumed) throws IOException {
        long rest = size - consumed;
        if (in.skipUpTo(rest) < rest) {
            throw corrupt("chunk " + quote(id) + " at byte " + chunkStart + " is truncated: it declares " + size
                    + " bytes but the file ends at byte " + in.position());
        }
        if ((size & 1) != 0) {
            in.skipUpTo(1); // pad byte; a missing pad at the very end of the file is harmless
        }
    }

    /** Position of a {@code fmt } chunk after a {@code data} chunk of {@code dataSize} bytes, or -1. */
    private long findLaterFmt(long dataSize) throws IOException {
        if (dataSize == 0 || dataSize == UNKNOWN_SIZE) {
            return -1;
        }
        long skip = dataSize + (dataSize & 1);
        if (skip > in.remaining() || in.skipUpTo(skip) < skip) {
            return -1;
        }
        byte[] h = new byte[8];
        while (true) {
            long start = in.position();
            if (in.readUpTo(h, 0, 8) < 8) {
                return -1;
            }
            if (new String(h, 0, 4, StandardCharsets.ISO_8859_1).equals("fmt ")) {
                return start;
            }
            long size = u32(h, 4);
            skip = size + (size & 1);
            if (skip > in.remaining() || in.skipUpTo(skip) < skip) {
                return -1;
            }
        }
    }

    private CorruptWavException corrupt(String problem) {
        return new CorruptWavException(file, name, problem);
    }

    private UnsupportedWavException unsupported(String problem) {
        return new UnsupportedWavException(file, name, problem);
    }

    static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
    }

    static long u32(byte[] b, int p) {
        return SampleDecoder.int32(b, p) & 0xFFFFFFFFL;
    }

    static String hex(int code) {
        return String.format("0x%04X", code);
    }

    private static boolean matches(byte[] b, int p, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (b[p + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** A GUID as stored on disk (little-endian Data1..3), in the usual {xxxxxxxx-xxxx-...} form. */
    static String guid(byte[] b, int p) {
        StringBuilder s = new StringBuilder("{");
        s.append(String.format("%08X-%04X-%04X-", u32(b, p), u16(b, p + 4), u16(b, p + 6)));
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                s.append('-');
            }
            s.append(String.format("%02X", b[p + i] & 0xFF));
        }
        return s.append('}').toString();
    }

    private static String quote(String id) {
        byte[] b = id.getBytes(StandardCharsets.ISO_8859_1);
        return quote(b, 0, b.length);
    }

    /** Bytes shown in quotes: printable ASCII as is, anything else as \xNN. */
    static String quote(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder("'");
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\' && c != '\'') {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02X", c));
            }
        }
        return s.append('\'').toString();
    }
}
