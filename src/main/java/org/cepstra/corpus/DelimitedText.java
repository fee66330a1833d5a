package org.cepstra.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * A small reader for delimiter-separated text after RFC 4180: fields may be quoted with '"', a
 * quoted field may hold the delimiter, line breaks and doubled quotes ({@code ""} for one '"').
 * Spaces around a field (outside its quotes) are dropped. Lines that are blank or start with '#'
 * (after spaces) are comments, when they are not inside a quoted field. Line numbers are 1-based
 * physical lines.
 */
final class DelimitedText {

    /** One record: the line it starts on, its fields, and a problem that makes it unusable (or null). */
    record Row(int line, List<String> fields, String problem) {
    }

    /** A quoted field runs to the end of the text. */
    static final class UnclosedQuoteException extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        UnclosedQuoteException(int line) {
            super("quoted field starting on this line is never closed");
            this.line = line;
        }
    }

    private DelimitedText() {
    }

    /**
     * The delimiter of a header line: whichever of tab, comma and semicolon occurs most often outside
     * quotes (ties in that order); 0 when none occurs.
     */
    static char detectDelimiter(String headerLine) {
        int tabs = 0;
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == '\t') {
                    tabs++;
                } else if (c == ',') {
                    commas++;
                } else if (c == ';') {
                    semicolons++;
                }
            }
        }
        if (tabs == 0 && commas == 0 && semicolons == 0) {
            return 0;
        }
        if (tabs >= commas && tabs >= semicolons) {
            return '\t';
        }
        return commas >= semicolons ? ',' : ';';
    }

    /** The first line that is not blank and not a comment, with its 1-based number; null if none. */
    static Row firstContentLine(String text) {
        int i = 0;
        int line = 1;
        while (i < text.length()) {
            int eol = lineEnd(text, i);
            String physical = text.substring(i, eol);
            if (!isComment(physical)) {
                return new Row(line, List.of(physical), null);
            }
            i = afterLineBreak(text, eol);
            line++;
        }
        return null;
    }

    /** Parses all records of {@code text}. */
    static List<Row> parse(String text, char delimiter) throws UnclosedQuoteException {
        List<Row> rows = new ArrayList<>();
        int n = text.length();
        int i = 0;
        int line = 1;
        while (i < n) {
            int eol = lineEnd(text, i);
            if (isComment(text.substring(i, eol))) {
                i = afterLineBreak(text, eol);
                line++;
                continue;
            }
            int recordLine = line;
            List<String> fields = new ArrayList<>();
            String problem = null;
            int j = i;
            while (true) {
                while (j < n && isSpace(text.charAt(j), delimiter)) {
                    j++;
                }
                if (j < n && text.charAt(j) == '"') {
                    StringBuilder value = new StringBuilder();
                    j++;
                    while (true) {
                        if (j >= n) {
                            throw new UnclosedQuoteException(recordLine);
                        }
                        char c = text.charAt(j);
                        if (c == '"') {
                            if (j + 1 < n && text.charAt(j + 1) == '"') {
                                value.append('"');
                                j += 2;
                                continue;
                            }
                            j++;
                            break;
                        }
                        if (c == '\n' || (c == '\r' && (j + 1 >= n || text.charAt(j + 1) != '\n'))) {
                            line++;
                        }
                        value.append(c);
                        j++;
                    }
                    while (j < n && isSpace(text.charAt(j), delimiter)) {
                        j++;
                    }
                    fields.add(value.toString());
                    if (j < n && text.charAt(j) != delimiter && !isLineBreak(text.charAt(j))) {
                        if (problem == null) {
                            problem = "unexpected character '" + text.charAt(j) + "' after the closing quote of field "
                                    + fields.size();
                        }
                        j = lineEnd(text, j);
                    }
                } else {
                    int k = j;
                    while (k < n && text.charAt(k) != delimiter && !isLineBreak(text.charAt(k))) {
                        k++;
                    }
                    fields.add(text.substring(j, k).strip());
                    j = k;
                }
                if (j < n && text.charAt(j) == delimiter) {
                    j++;
                    continue;
                }
                break;
            }
            rows.add(new Row(recordLine, List.copyOf(fields), problem));
            i = afterLineBreak(text, j);
            line++;
        }
        return rows;
    }

    private static boolean isComment(String physicalLine) {
        String s = physicalLine.strip();
        return s.isEmpty() || s.charAt(0) == '#';
    }

    private static boolean isSpace(char c, char delimiter) {
        return c != delimiter && (c == ' ' || c == '\t');
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    private static int lineEnd(String text, int from) {
        int i = from;
        while (i < text.length() && !isLineBreak(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int afterLineBreak(String text, int eol) {
        if (eol >= text.length()) {
            return text.length();
        }
        if (text.charAt(eol) == '\r' && eol + 1 < text.length() && text.charAt(eol + 1) == '\n') {
            return eol + 2;
        }
        return eol + 1;
    }
}
