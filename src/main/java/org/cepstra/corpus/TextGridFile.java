package org.cepstra.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Praat TextGrid text files, long ({@code xmin = 0}, {@code intervals [1]:}) or short (values alone),
 * the way Praat reads them: the file is a sequence of numbers, {@code "strings"} (a doubled quote stands for
 * a quote) and {@code <flags>}; any other word ({@code xmin}, {@code =}, {@code [1]:}) is skipped, and
 * {@code !} starts a comment that runs to the end of the line. Sequence: file type, object class, xmin,
 * xmax, {@code <exists>}, tier count, then per tier its class ({@code IntervalTier} or {@code TextTier}),
 * name, xmin, xmax, count, and per interval xmin, xmax and text (per point: time and mark).
 *
 * <p>One interval tier is read: the one named, or else the only interval tier of the file. The file is
 * refused as a whole, naming the line, when its structure is broken (a number where a string belongs, a
 * malformed number, an early end), when the tier is missing or is a point tier, or when no tier was named
 * and the file has several interval tiers (the report lists the tiers). Intervals whose text is empty or
 * white space are unlabelled and give no segment.
 */
final class TextGridFile {
    private TextGridFile() {
    }

    /** One interval of the chosen tier. */
    private record Interval(int line, double xmin, double xmax, String text) {
    }

    /** A tier's name, kind and the line of its class. */
    private record TierHead(String name, boolean intervals, int line) {
        String describe() {
            return "'" + name + "' (" + (intervals ? "interval" : "point") + " tier, line " + line + ")";
        }
    }

    /** The file's structure is broken; the message names the line and the problem. */
    private static final class Broken extends Exception {
        private static final long serialVersionUID = 1L;

        Broken(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads {@code text}, the content of the file called {@code name}.
     *
     * @param tierName the tier to read, or null for the only interval tier
     * @return the number of intervals of the tier (dropped, unlabelled and rejected ones included), or -1
     *         when the whole file was refused (reported)
     */
    static int read(String name, String text, String tierName, AlignmentSink sink) {
        List<TierHead> tiers = new ArrayList<>();
        TierHead chosen = null;
        List<Interval> intervals = new ArrayList<>();
        Tokens in = new Tokens(text);
        try {
            if (text.startsWith("ooBinaryFile")) {
                throw new Broken("line 1: a binary TextGrid; save it from Praat as a text file");
            }
            String fileType = in.string("the file type (File type = \"ooTextFile\")");
            if (!fileType.equals("ooTextFile") && !fileType.equals("ooTextFile short")) {
                throw new Broken("line " + in.line + ": file type is \"" + fileType + "\", not \"ooTextFile\""
                        + (fileType.contains("chronological") ? " (a chronological TextGrid, which is not supported;"
                        + " save it from Praat as a text file)" : ""));
            }
            String objectClass = in.string("the object class");
            if (!objectClass.equals("TextGrid")) {
                throw new Broken("line " + in.line + ": a Praat " + objectClass + ", not a TextGrid");
            }
            in.number("xmin of the TextGrid");
            in.number("xmax of the TextGrid");
            boolean exists = in.flag("tiers?").equals("exists");
            long tierCount = exists ? in.count("the number of tiers") : 0;
            for (long t = 1; t <= tierCount; t++) {
                String what = "tier " + t;
                String tierClass = in.string("the class of " + what);
                int tierLine = in.line;
                boolean isIntervalTier = tierClass.equals("IntervalTier");
                if (!isIntervalTier && !tierClass.equals("TextTier")) {
                    throw new Broken("line " + tierLine + ": " + what + " is a \"" + tierClass
                            + "\", not an IntervalTier or TextTier");
                }
                TierHead tier = new TierHead(in.string("the name of " + what), isIntervalTier, tierLine);
                for (TierHead other : tiers) {
                    if (tierName != null && other.name.equals(tier.name) && tier.name.equals(tierName)) {
                        throw new Broken("line " + tierLine + ": two tiers are named '" + tierName + "' (lines "
                                + other.line + " and " + tierLine + ")");
                    }
                }
                tiers.add(tier);
                what = "tier '" + tier.name + "'";
                in.number("xmin of " + what);
                in.number("xmax of " + what);
                long n = in.count("the number of " + (isIntervalTier ? "intervals" : "points") + " of " + what);
                boolean keep = chosen == null && isIntervalTier
                        && (tierName == null || tierName.equals(tier.name));
                if (keep || (tierName != null && tierName.equals(tier.name))) {
                    chosen = tier;
                }
                for (long k = 1; k <= n; k++) {
                    if (isIntervalTier) {
                        String interval = "interval " + k + " of " + what;
                        double xmin = in.number("xmin of " + interval);
                        int line = in.line;
                        double xmax = in.number("xmax of " + interval);
                        String label = in.string("the text of " + interval);
                        if (keep) {
                            intervals.add(new Interval(line, xmin, xmax, label));
                        }
                    } else {
                        String point = "point " + k + " of " + what;
                        in.number("the time of " + point);
                        in.string("the mark of " + point);
                    }
                }
            }
        } catch (Broken e) {
            sink.skip(name + " " + e.getMessage());
            return -1;
        }
        String choice = choiceProblem(tiers, chosen, tierName);
        if (choice != null) {
            sink.skip(name + ": " + choice);
            return -1;
        }
        for (int k = 0; k < intervals.size(); k++) {
            Interval v = intervals.get(k);
            String label = v.text.strip();
            if (label.isEmpty() || sink.drops(label)) {
                continue;
            }
            String where = name + " line " + v.line + ": interval " + (k + 1) + " of tier '" + chosen.name + "'";
            if (v.xmin < 0) {
                sink.skip(where + " starts at " + v.xmin + " s, before the start of the recording");
            } else if (!(v.xmax > v.xmin)) {
                sink.skip(where + " ends at " + v.xmax + " s, not after its start " + v.xmin + " s");
            } else {
                sink.segment(k, v.line, v.xmin, v.xmax, label);
            }
        }
        return intervals.size();
    }

    /** Why no tier could be chosen, listing the tiers, or null when {@code chosen} is the interval tier to read. */
    private static String choiceProblem(List<TierHead> tiers, TierHead chosen, String tierName) {
        if (tierName == null) {
            long intervalTiers = tiers.stream().filter(TierHead::intervals).count();
            if (intervalTiers == 1) {
                return null;
            }
            if (tiers.isEmpty()) {
                return "the TextGrid has no tiers";
            }
            return intervalTiers == 0 ? "the TextGrid has no interval tier, only point tiers: " + list(tiers, false)
                    : intervalTiers + " interval tiers; choose one by name: " + list(tiers, true);
        }
        if (chosen == null) {
            return "no tier named '" + tierName + "'; its tiers are " + list(tiers, false);
        }
        if (!chosen.intervals) {
            return "tier '" + tierName + "' (line " + chosen.line + ") is a point tier (TextTier), which has no"
                    + " intervals; choose an interval tier: " + list(tiers, true);
        }
        return null;
    }

    private static String list(List<TierHead> tiers, boolean intervalTiersOnly) {
        List<String> parts = new ArrayList<>();
        for (TierHead t : tiers) {
            if (t.intervals || !intervalTiersOnly) {
                parts.add(t.describe());
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** The numbers, strings and flags of a Praat text file, in order, with their lines. */
    private static final class Tokens {
        private final String text;
        private int pos;
        /** The 1-based line of the token read last (of its start, for a string). */
        int line = 1;
        private int currentLine = 1;

        Tokens(String text) {
            this.text = text;
        }

        /** Kinds of token. */
        private enum Kind { NUMBER, STRING, FLAG, END }

        private Kind kind;
        private String value;

        /** Reads the next token into {@link #kind}, {@link #value} and {@link #line}. */
        private void next() throws Broken {
            int n = text.length();
            while (pos < n) {
                char c = text.charAt(pos);
                if (isSpace(c)) {
                    newline(c);
                    pos++;
                } else if (c == '!') {
                    while (pos < n && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                        pos++;
                    }
                } else if (c == '"') {
                    line = currentLine;
                    kind = Kind.STRING;
                    value = quoted();
                    return;
                } else if (c == '<') {
                    line = currentLine;
                    int close = text.indexOf('>', pos);
                    int lineEnd = lineEnd(pos);
                    if (close < 0 || close > lineEnd) {
                        throw new Broken("line " + line + ": '<' opens a flag such as <exists> that is not closed"
                                + " on its line");
                    }
                    kind = Kind.FLAG;
                    value = text.substring(pos + 1, close);
                    pos = close + 1;
                    return;
                } else if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
                    line = currentLine;
                    int start = pos;
                    while (pos < n && !isSpace(text.charAt(pos))) {
                        pos++;
                    }
                    kind = Kind.NUMBER;
                    value = text.substring(start, pos);
                    return;
                } else {
                    while (pos < n && !isSpace(text.charAt(pos))) { // a word such as xmin, =, [1]: or size
                        pos++;
                    }
                }
            }
            line = n > 0 && (text.charAt(n - 1) == '\n' || text.charAt(n - 1) == '\r') ? currentLine - 1 : currentLine;
            kind = Kind.END;
            value = null;
        }

        /** A string's value from the opening quote at {@code pos}; a doubled quote stands for one. */
        private String quoted() throws Broken {
            StringBuilder sb = new StringBuilder();
            int startLine = currentLine;
            pos++;
            int n = text.length();
            while (pos < n) {
                char c = text.charAt(pos);
                if (c == '"') {
                    if (pos + 1 < n && text.charAt(pos + 1) == '"') {
                        sb.append('"');
                        pos += 2;
                        continue;
                    }
                    pos++;
                    return sb.toString();
                }
                newline(c);
                sb.append(c);
                pos++;
            }
            throw new Broken("line " + startLine + ": the string that starts here has no closing quote");
        }

        private void newline(char c) {
            if (c == '\n' ? pos == 0 || text.charAt(pos - 1) != '\r' : c == '\r') {
                currentLine++;
            }
        }

        private int lineEnd(int from) {
            int n = text.length();
            int i = from;
            while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                i++;
            }
            return i;
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
        }

        private Broken expected(String what, String expectation) {
            String found = switch (kind) {
                case NUMBER -> "the number " + value;
                case STRING -> "the string \"" + abbreviated(value) + "\"";
                case FLAG -> "the flag <" + abbreviated(value) + ">";
                case END -> "the end of the file";
            };
            return new Broken("line " + line + ": expected " + expectation + " for " + what + ", found " + found);
        }

        private static String abbreviated(String s) {
            return s.length() <= 40 ? s : s.substring(0, 40) + "...";
        }

        String string(String what) throws Broken {
            next();
            if (kind != Kind.STRING) {
                throw expected(what, "a string");
            }
            return value;
        }

        String flag(String what) throws Broken {
            next();
            if (kind != Kind.FLAG) {
                throw expected(what, "a flag");
            }
            if (!value.equals("exists") && !value.equals("absent")) {
                throw new Broken("line " + line + ": expected <exists> or <absent> for " + what + ", found <"
                        + abbreviated(value) + ">");
            }
            return value;
        }

        double number(String what) throws Broken {
            next();
            if (kind != Kind.NUMBER) {
                throw expected(what, "a number");
            }
            Double v = CorpusFiles.parseDecimal(value);
            if (v == null) {
                throw new Broken("line " + line + ": " + what + " '" + abbreviated(value) + "' is not a number");
            }
            return v;
        }

        long count(String what) throws Broken {
            next();
            if (kind != Kind.NUMBER) {
                throw expected(what, "a whole number");
            }
            Long v = CorpusFiles.parseInteger(value);
            if (v == null || v < 0) {
                throw new Broken("line " + line + ": " + what + " '" + abbreviated(value)
                        + "' is not a whole number >= 0");
            }
            return v;
        }
    }
}
