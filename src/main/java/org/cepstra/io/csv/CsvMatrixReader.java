package org.cepstra.io.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.cepstra.base.FeatureFileException;
import org.cepstra.base.FeatureFileNumbers;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Reads a matrix of numbers from delimited text: one frame per line, one dimension per cell.
 *
 * <ul>
 * <li>The separator is taken from the first data line: {@code ;} if it has one, else {@code ,},
 * else tab, else runs of spaces and tabs. Cells may have spaces around them and double quotes.</li>
 * <li>The first non-comment line is a header (and skipped) if any of its cells is not a number.</li>
 * <li>Blank lines and lines whose first non-blank character is {@code #} are skipped.</li>
 * <li>Numbers are plain decimals ({@code -1.5}, {@code 2e-3}), rounded to float.</li>
 * </ul>
 * Empty or non-numeric cells, NaN or infinite values, values outside the float range, rows with a
 * different number of cells than the first data row, and a file without data rows are errors naming
 * the file, the line and the (1-based) column.
 */
public final class CsvMatrixReader {

    private CsvMatrixReader() {
    }

    /**
     * Reads the UTF-8 file {@code path}.
     *
     * @throws FeatureFileException naming the file if it is malformed or not UTF-8 text
     */
    public static FeatureMatrix read(Path path) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(r, path.toString());
        } catch (CharacterCodingException e) {
            throw new FeatureFileException(path.toString(), null, "not a UTF-8 text file", e);
        }
    }

    /** Reads from {@code in} (not closed); {@code sourceName} names it in error messages. */
    public static FeatureMatrix read(Reader in, String sourceName) throws IOException {
        Objects.requireNonNull(sourceName, "sourceName");
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(Objects.requireNonNull(in, "in"));
        Separator sep = null;
        boolean firstContent = true;
        int cols = -1;
        long colsLine = 0;
        int rows = 0;
        float[] values = new float[1024];
        int count = 0;
        long lineNo = 0;
        String lineText;
        List<String> cells = new ArrayList<>();
        while ((lineText = r.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !lineText.isEmpty() && lineText.charAt(0) == '\uFEFF') {
                lineText = lineText.substring(1);
            }
            String trimmed = lineText.strip();
            if (trimmed.isEmpty() || trimmed.charAt(0) == '#') {
                continue;
            }
            if (sep == null) {
                sep = Separator.detect(trimmed);
            }
            split(trimmed, sep, cells);
            if (firstContent) {
                firstContent = false;
                if (isHeader(cells)) {
                    sep = null; // the data rows decide their own separator
                    continue;
                }
            }
            if (cols == -1) {
                cols = cells.size();
                colsLine = lineNo;
            } else if (cells.size() != cols) {
                throw FeatureFileException.atLine(sourceName, lineNo, cells.size() + " columns, but line " + colsLine
                        + " has " + cols + (sep == Separator.WHITESPACE ? " (whitespace-separated)"
                                : " (separator '" + sep.display + "')"));
            }
            if (count + cols > values.length) {
                long want = Math.max((long) values.length * 2, (long) count + cols);
                if (want > Integer.MAX_VALUE - 8) {
                    throw FeatureFileException.atLine(sourceName, lineNo, "matrix too large");
                }
                values = Arrays.copyOf(values, (int) want);
            }
            for (int c = 0; c < cols; c++) {
                values[count++] = parseCell(cells.get(c), sourceName, lineNo, c + 1);
            }
            rows++;
        }
        if (rows == 0) {
            throw new FeatureFileException(sourceName, null, "no rows of numbers found");
        }
        return FeatureMatrix.wrap(rows, cols, count == values.length ? values : Arrays.copyOf(values, count));
    }

    private static float parseCell(String cell, String source, long line, int column) throws FeatureFileException {
        if (cell.isEmpty()) {
            throw FeatureFileException.atLineColumn(source, line, column, "empty cell");
        }
        Float v;
        try {
            v = FeatureFileNumbers.parseFloat(cell);
        } catch (NumberFormatException e) {
            throw FeatureFileException.atLineColumn(source, line, column, e.getMessage());
        }
        if (v == null) {
            throw FeatureFileException.atLineColumn(source, line, column, FeatureFileNumbers.isNonFiniteWord(cell)
                    ? FeatureFileNumbers.quote(cell) + " is not a finite number"
                    : FeatureFileNumbers.quote(cell) + " is not a number");
        }
        return v;
    }

    private static boolean isHeader(List<String> cells) {
        for (String cell : cells) {
            if (!cell.isEmpty() && !FeatureFileNumbers.isDecimal(cell) && !FeatureFileNumbers.isNonFiniteWord(cell)) {
                return true;
            }
        }
        return false;
    }

    private static void split(String line, Separator sep, List<String> out) {
        out.clear();
        if (sep == Separator.WHITESPACE) {
            int i = 0;
            int n = line.length();
            while (i < n) {
                while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                    i++;
                }
                int start = i;
                while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                    i++;
                }
                if (i > start) {
                    out.add(unquote(line.substring(start, i)));
                }
            }
            return;
        }
        int start = 0;
        while (true) {
            int at = line.indexOf(sep.ch, start);
            String cell = at < 0 ? line.substring(start) : line.substring(start, at);
            out.add(unquote(cell.strip()));
            if (at < 0) {
                return;
            }
            start = at + 1;
        }
    }

    private static String unquote(String cell) {
        if (cell.length() >= 2 && cell.charAt(0) == '"' && cell.charAt(cell.length() - 1) == '"') {
            return cell.substring(1, cell.length() - 1).strip();
        }
        return cell;
    }

    private enum Separator {
        SEMICOLON(';', ";"), COMMA(',', ","), TAB('\t', "tab"), WHITESPACE(' ', "whitespace");

        final char ch;
        final String display;

        Separator(char ch, String display) {
            this.ch = ch;
            this.display = display;
        }

        static Separator detect(String line) {
            if (line.indexOf(';') >= 0) {
                return SEMICOLON;
            }
            if (line.indexOf(',') >= 0) {
                return COMMA;
            }
            if (line.indexOf('\t') >= 0) {
                return TAB;
            }
            return WHITESPACE;
        }
    }
}
