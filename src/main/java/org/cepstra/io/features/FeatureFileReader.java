package org.cepstra.io.features;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cepstra.base.FeatureFileException;
import org.cepstra.io.csv.CsvMatrixReader;
import org.cepstra.io.kaldi.KaldiTextArchiveReader;
import org.cepstra.io.kaldi.NamedFeatures;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Reads feature frames from a file whose format is recognised from its content:
 * <ul>
 * <li>a file starting with the .npy magic ({@code \x93NUMPY}), or named {@code *.npy}: {@link NpyFeatures};</li>
 * <li>a text file whose first line that is neither blank nor a {@code #} comment starts with a token
 * followed by whitespace and {@code [}: a Kaldi text archive ({@link KaldiTextArchiveReader});</li>
 * <li>any other text file: delimited numbers ({@link CsvMatrixReader}).</li>
 * </ul>
 * A .npy or CSV file gives one entry named after the file (without its extension); an archive gives
 * one entry per utterance. A zip file (such as a Cepstra model file) and other binary files are
 * refused by name; a file whose frames do not fit in the Java heap is a {@link FeatureFileException}
 * saying so, not an {@link OutOfMemoryError}.
 */
public final class FeatureFileReader {
    private static final int SNIFF_BYTES = 8192;

    private FeatureFileReader() {
    }

    /** Recognises the format of {@code path} from its first bytes (and the {@code .npy} extension). */
    public static FeatureFileFormat detectFormat(Path path) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npz")) {
            throw new FeatureFileException(path.toString(), null,
                    ".npz archives are not read; save each matrix with numpy.save as a .npy file");
        }
        if (name.endsWith(".npy") || startsWithNpyMagic(head)) {
            return FeatureFileFormat.NPY;
        }
        if (startsWithZipMagic(head)) {
            throw new FeatureFileException(path.toString(), null, "looks like a Cepstra model file (zip), not a"
                    + " feature file; give a Kaldi text archive, a CSV file or a .npy file");
        }
        if (looksLikeArchive(head)) {
            return FeatureFileFormat.KALDI_TEXT_ARCHIVE;
        }
        for (byte b : head) {
            if (b == 0) {
                throw new FeatureFileException(path.toString(), null, "is a binary file of unknown format, not a"
                        + " feature file; give a Kaldi text archive, a CSV file or a .npy file");
            }
        }
        return FeatureFileFormat.CSV;
    }

    /**
     * Reads every matrix in {@code path}.
     *
     * @throws FeatureFileException naming the file, the place and the problem if the file is malformed
     */
    public static List<NamedFeatures> read(Path path) throws IOException {
        try {
            return readUnguarded(path);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(path, e);
        }
    }

    private static List<NamedFeatures> readUnguarded(Path path) throws IOException {
        FeatureFileFormat format = detectFormat(path);
        switch (format) {
            case NPY:
                return List.of(new NamedFeatures(stem(path), NpyFeatures.readMatrix(path)));
            case CSV:
                return List.of(new NamedFeatures(stem(path), CsvMatrixReader.read(path)));
            case KALDI_TEXT_ARCHIVE:
            default:
                List<NamedFeatures> out = new ArrayList<>();
                for (Map.Entry<String, FeatureMatrix> e : KaldiTextArchiveReader.readAll(path).entrySet()) {
                    out.add(new NamedFeatures(e.getKey(), e.getValue()));
                }
                return out;
        }
    }

    /**
     * All frames of {@code path} in one matrix (archive entries stacked in file order; entries with no
     * frames skipped).
     *
     * @throws FeatureFileException if entries differ in columns or the file holds no frames
     */
    public static FeatureMatrix readStacked(Path path) throws IOException {
        FeatureFileFormat format = detectFormat(path);
        FeatureMatrix m;
        try {
            m = switch (format) {
                case NPY -> NpyFeatures.readMatrix(path);
                case CSV -> CsvMatrixReader.read(path);
                case KALDI_TEXT_ARCHIVE -> KaldiTextArchiveReader.stackAll(path);
            };
        } catch (OutOfMemoryError e) {
            throw outOfMemory(path, e);
        }
        if (m.rows() == 0) {
            throw new FeatureFileException(path.toString(), null, "holds no feature frames");
        }
        return m;
    }

    /**
     * The error for a file whose frames do not fit in the Java heap: names the file, its size and the
     * heap, and says what to do. The partly read data is unreachable once this is thrown.
     */
    static FeatureFileException outOfMemory(Path path, OutOfMemoryError cause) {
        long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        String what;
        try {
            what = "this " + Math.max(1, Files.size(path) / (1024 * 1024)) + " MB file";
        } catch (IOException | RuntimeException e) {
            what = "this file";
        }
        return new FeatureFileException(path.toString(), null, "not enough memory for the frames of " + what
                + " (" + heapMb + " MB heap): give Java more memory (-Xmx, e.g. java -Xmx8g -jar cepstra.jar ...)"
                + " or split the file", cause);
    }

    private static boolean startsWithZipMagic(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    private static String stem(Path path) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static boolean startsWithNpyMagic(byte[] head) {
        return head.length >= 6 && (head[0] & 0xff) == 0x93 && head[1] == 'N' && head[2] == 'U' && head[3] == 'M'
                && head[4] == 'P' && head[5] == 'Y';
    }

    /** True if the first content line is {@code token whitespace [} (or a binary entry {@code token \0B}). */
    static boolean looksLikeArchive(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int i = 0;
        int n = text.length();
        while (i < n) {
            int eol = text.indexOf('\n', i);
            int end = eol < 0 ? n : eol;
            String line = text.substring(i, end).strip();
            if (!line.isEmpty() && line.charAt(0) != '#') {
                int j = 0;
                while (j < line.length() && !isSpace(line.charAt(j))) {
                    j++;
                }
                if (j == 0 || j == line.length()) {
                    return false;
                }
                while (j < line.length() && isSpace(line.charAt(j))) {
                    j++;
                }
                if (j == line.length()) {
                    return false;
                }
                if (line.charAt(j) == '\0') {
                    return true; // binary Kaldi archive: the reader explains
                }
                if (line.charAt(j) != '[') {
                    return false;
                }
                // "[" then end of line, space, "]" or the start of a number (not a header like "energy [dB]")
                char next = j + 1 < line.length() ? line.charAt(j + 1) : ' ';
                return isSpace(next) || next == ']' || next == '-' || next == '+' || next == '.'
                        || (next >= '0' && next <= '9');
            }
            if (eol < 0) {
                break;
            }
            i = eol + 1;
        }
        return false;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
