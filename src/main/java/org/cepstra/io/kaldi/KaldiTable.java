package org.cepstra.io.kaldi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.cepstra.base.TextFiles;

/**
 * The lines of a table file of a Kaldi data folder ({@code wav.scp}, {@code segments}, {@code utt2spk},
 * {@code text}, {@code utt2lang}, ...): per line a key, white space, and the rest of the line as its
 * value. Blank lines are skipped; a line without a value (where one is required) or with a key seen
 * before is a {@link Problem} and left out, so one bad line costs that line only. What the values mean
 * (paths, times, labels) is up to the caller.
 *
 * @param entries  the usable lines, in file order
 * @param problems the lines left out, in file order
 */
public record KaldiTable(List<Entry> entries, List<Problem> problems) {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Copies both lists. */
    public KaldiTable {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /**
     * One usable line.
     *
     * @param key   the first field
     * @param value the rest of the line, trimmed (empty if the line has no value)
     * @param line  the 1-based line number
     */
    public record Entry(String key, String value, int line) {
        /** Checks that key and value are present. */
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A line left out.
     *
     * @param line    the 1-based line number
     * @param message what is wrong, naming the file and line, e.g. {@code utt2spk line 4: 'u1' is repeated
     *                (first on line 2)}
     */
    public record Problem(int line, String message) {
    }

    /**
     * Splits the text of a table file into entries and problems.
     *
     * @param name          the file name used in problem messages ({@code wav.scp})
     * @param text          the whole file (line breaks CR LF, CR or LF)
     * @param valueRequired whether a line with a key alone is a problem
     */
    public static KaldiTable parse(String name, String text, boolean valueRequired) {
        Objects.requireNonNull(name, "name");
        String[] lines = TextFiles.lines(text);
        List<Entry> entries = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] kv = WHITESPACE.split(line, 2);
            String value = kv.length > 1 ? kv[1].strip() : "";
            String where = name + " line " + (i + 1);
            if (valueRequired && value.isEmpty()) {
                problems.add(new Problem(i + 1, where + ": '" + kv[0] + "' has no value after it"));
                continue;
            }
            Integer first = firstLine.putIfAbsent(kv[0], i + 1);
            if (first != null) {
                problems.add(new Problem(i + 1, where + ": '" + kv[0] + "' is repeated (first on line " + first + ")"));
                continue;
            }
            entries.add(new Entry(kv[0], value, i + 1));
        }
        return new KaldiTable(entries, problems);
    }
}
