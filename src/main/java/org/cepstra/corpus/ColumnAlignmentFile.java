package org.cepstra.corpus;

import org.cepstra.base.TextFiles;

/**
 * Reads alignment files of lines {@code start end label ...}: HTK {@code .lab} (times in 100 ns units,
 * {@code ///} ends the first alternative, master label files refused) and TIMIT {@code .phn}/{@code .wrd}
 * (whole sample offsets).
 */
final class ColumnAlignmentFile {
    private ColumnAlignmentFile() {
    }

    /**
     * Reads {@code text}, the content of the file called {@code name}.
     *
     * @param htk    true for HTK times (100 ns units), false for TIMIT sample offsets
     * @param rateHz the recording's sample rate (TIMIT only)
     * @return the number of segment lines (dropped and rejected ones included), or -1 when the whole
     *         file was refused (reported)
     */
    static int read(String name, String text, boolean htk, double rateHz, AlignmentSink sink) {
        String[] lines = TextFiles.lines(text);
        int ordinal = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (htk && line.equals("#!MLF!#")) {
                sink.skip(name + ": is an HTK master label file (#!MLF!#), which is not supported");
                return -1;
            }
            if (htk && line.equals("///")) {
                break;
            }
            int index = ordinal++;
            String[] f = CorpusFiles.fields(line);
            if (f.length < 3) {
                sink.skip(where(name, i) + ": expected start, end and label, found " + f.length
                        + (f.length == 1 ? " field" : " fields"));
                continue;
            }
            double[] times = new double[2];
            String problem = htk ? htkTimeProblem(f[0], f[1], times) : sampleTimeProblem(f[0], f[1], times);
            if (problem != null) {
                sink.skip(where(name, i) + ": " + problem);
                continue;
            }
            String label = f[2];
            if (label.isBlank()) {
                sink.skip(where(name, i) + ": label is blank (only white space)");
                continue;
            }
            if (sink.drops(label)) {
                continue;
            }
            double start = htk ? times[0] / 1e7 : times[0] / rateHz;
            double end = htk ? times[1] / 1e7 : times[1] / rateHz;
            if (!Double.isFinite(end)) {
                sink.skip(where(name, i) + ": end " + f[1] + " is " + end + " s, not a time");
                continue;
            }
            if (!(end > start)) {
                sink.skip(where(name, i) + ": start " + f[0] + " and end " + f[1] + " are the same time in"
                        + " seconds (" + start + " s; empty segment)");
                continue;
            }
            sink.segment(index, i + 1, start, end, label);
        }
        return ordinal;
    }

    /** "NAME line N", N counted from 1 for the 0-based line index {@code i}. */
    private static String where(String name, int i) {
        return name + " line " + (i + 1);
    }

    /** What is wrong with the two HTK times, or null with their values (100 ns units) in {@code times}. */
    private static String htkTimeProblem(String startText, String endText, double[] times) {
        Double start = CorpusFiles.parseDecimal(startText);
        if (start == null) {
            return "start '" + startText + "' is not a number";
        }
        Double end = CorpusFiles.parseDecimal(endText);
        if (end == null) {
            return "end '" + endText + "' is not a number";
        }
        times[0] = start;
        times[1] = end;
        return orderProblem(startText, start, endText, end);
    }

    /** What is wrong with the two sample offsets, or null with their values in {@code times}. */
    private static String sampleTimeProblem(String startText, String endText, double[] times) {
        Long start = CorpusFiles.parseInteger(startText);
        if (start == null) {
            return "start '" + startText + "' is not a whole number of samples";
        }
        Long end = CorpusFiles.parseInteger(endText);
        if (end == null) {
            return "end '" + endText + "' is not a whole number of samples";
        }
        times[0] = start;
        times[1] = end;
        return orderProblem(startText, start, endText, end);
    }

    private static String orderProblem(String startText, double start, String endText, double end) {
        if (start < 0) {
            return "start " + startText + " is negative";
        }
        if (end == start) {
            return "end " + endText + " equals start " + startText + " (empty segment)";
        }
        if (end < start) {
            return "end " + endText + " is before start " + startText;
        }
        return null;
    }
}
