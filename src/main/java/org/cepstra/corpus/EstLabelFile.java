package org.cepstra.corpus;

import org.cepstra.base.TextFiles;

/**
 * Reads Festival / Edinburgh Speech Tools (ESPS xlabel) label files: header lines up to a line holding only
 * {@code #}, then lines {@code end colour label} giving the end of each segment in seconds; a segment starts
 * where the line before ended, the first at 0. See {@link AlignmentFormat#EST_LAB}.
 */
final class EstLabelFile {
    /** The header line that ends the header. */
    private static final String HEADER_END = "#";
    /** The header keyword naming the character(s) that end the label field. */
    private static final String SEPARATOR = "separator";

    private EstLabelFile() {
    }

    /**
     * Whether the lines look like an EST label file rather than an HTK one: the first line that is not blank
     * is {@code #}, or does not start with a number and is followed by a {@code #} line before any line
     * starting with a number.
     */
    static boolean looksLikeEst(String[] lines) {
        boolean first = true;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals(HEADER_END)) {
                return true;
            }
            String[] f = CorpusFiles.fields(line);
            if (CorpusFiles.parseDecimal(f[0]) != null || (first && line.equals("#!MLF!#"))) {
                return false;
            }
            first = false;
        }
        return false;
    }

    /**
     * Reads {@code text}, the content of the file called {@code name}.
     *
     * @return the number of data lines after the header (dropped and rejected ones included), or -1 when
     *         the whole file was refused (reported)
     */
    static int read(String name, String text, AlignmentSink sink) {
        String[] lines = TextFiles.lines(text);
        String separator = ";";
        int i = 0;
        boolean headerEnded = false;
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.equals(HEADER_END)) {
                headerEnded = true;
                i++;
                break;
            }
            String[] f = CorpusFiles.fields(line);
            if (f.length == 2 && f[0].equals(SEPARATOR)) {
                separator = f[1];
            }
        }
        if (!headerEnded) {
            sink.skip(name + ": no line '#' ends the header; not a Festival/EST label file");
            return -1;
        }
        int ordinal = 0;
        double previousEnd = 0;
        int unknownAfter = 0; // the line whose end time is unusable, so that the next segment's start is unknown
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int index = ordinal++;
            String where = name + " line " + (i + 1);
            String[] f = CorpusFiles.fields(line);
            Double end = CorpusFiles.parseDecimal(f[0]);
            String problem = null;
            if (f.length < 2) {
                problem = "expected end time, colour code and label, found 1 field";
            } else if (end == null) {
                problem = "end time '" + f[0] + "' is not a number";
            } else if (end < 0) {
                problem = "end time " + f[0] + " is negative";
            } else if (CorpusFiles.parseInteger(f[1]) == null) {
                problem = "colour code '" + f[1] + "' is not a whole number";
            } else if (unknownAfter == 0 && end < previousEnd) {
                problem = "end time " + f[0] + " is before the end of the line before (" + previousEnd
                        + " s); times must increase";
            }
            if (problem != null) {
                sink.skip(where + ": " + problem);
                unknownAfter = i + 1;
                continue;
            }
            String label = label(line, f, separator);
            boolean wanted = !label.isEmpty() && !sink.drops(label);
            if (wanted) { // an unlabelled or dropped stretch only gives the next segment's start
                if (unknownAfter != 0) {
                    sink.skip(where + ": start unknown, as line " + unknownAfter + " gives no usable end time");
                } else if (end == previousEnd) {
                    if (!(index == 0 && end == 0)) {
                        sink.skip(where + ": end time " + f[0] + " equals the end of the line before (empty segment)");
                    }
                } else {
                    sink.segment(index, i + 1, previousEnd, end, label);
                }
            }
            previousEnd = end;
            unknownAfter = 0;
        }
        return ordinal;
    }

    /** The label of a data line: what follows the end time and the colour code, up to the separator, stripped. */
    private static String label(String line, String[] fields, String separator) {
        int at = line.indexOf(fields[1], fields[0].length()) + fields[1].length();
        String rest = line.substring(at);
        int cut = rest.indexOf(separator);
        return (cut < 0 ? rest : rest.substring(0, cut)).strip();
    }
}
