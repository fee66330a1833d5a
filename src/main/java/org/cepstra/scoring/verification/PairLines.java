package org.cepstra.scoring.verification;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cepstra.base.AtomicFiles;

/**
 * The layout shared by trials and scores files: {@code <model> <utterance> <value>} lines, each
 * (model, utterance) pair once, at least one line. One reader and one writer for both.
 */
final class PairLines {
    private PairLines() {
    }

    /** Turns the three fields of a line into an entry; {@link IllegalArgumentException} for a bad one. */
    @FunctionalInterface
    interface Parser<T> {
        /** The entry of {@code model utterance value}, or a {@link VerificationFileException} naming the line. */
        T parse(long line, String model, String utterance, String value) throws VerificationFileException;
    }

    /**
     * The entries of {@code file} in file order.
     *
     * @param layout the line layout for messages, e.g. {@code "<model> <utterance> <score>"}
     * @param what   the plural noun for an empty file, e.g. {@code "scores"}
     */
    static <T> List<T> read(Path file, String layout, String what, Parser<T> parser, Function<T, String> pair)
            throws VerificationFileException {
        List<T> entries = new ArrayList<>();
        Map<String, Long> firstLine = new HashMap<>();
        TextLines.read(file, (line, f) -> {
            if (f.length != 3) {
                throw new VerificationFileException(file, line, "expected '" + layout + "', found "
                        + f.length + (f.length == 1 ? " field" : " fields"));
            }
            T entry;
            try {
                entry = parser.parse(line, f[0], f[1], f[2]);
            } catch (IllegalArgumentException e) {
                throw new VerificationFileException(file, line, e.getMessage());
            }
            Long first = firstLine.putIfAbsent(pair.apply(entry), line);
            if (first != null) {
                throw new VerificationFileException(file, line, "trial " + TextLines.quote(pair.apply(entry))
                        + " repeats line " + first);
            }
            entries.add(entry);
        });
        if (entries.isEmpty()) {
            throw new VerificationFileException(file, "no " + what + " (the file is empty)");
        }
        return entries;
    }

    /** Writes {@code pair value} lines (LF ends, UTF-8) to {@code file} atomically. */
    static <T> void write(Path file, List<T> entries, Function<T, String> pair, Function<T, String> value)
            throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            for (T e : entries) {
                w.write(pair.apply(e));
                w.write(' ');
                w.write(value.apply(e));
                w.write('\n');
            }
            w.flush();
        });
    }

    /**
     * Throws {@link IllegalArgumentException} at the first pair that repeats, naming it and both positions
     * (1-based): {@code "trial 'a b' <verb> (<noun> 1 and 3)"}.
     */
    static <T> void requireUniquePairs(List<T> entries, Function<T, String> pair, String verb, String noun) {
        Map<String, Integer> seen = new HashMap<>(entries.size() * 2);
        for (int i = 0; i < entries.size(); i++) {
            String p = pair.apply(entries.get(i));
            Integer first = seen.putIfAbsent(p, i);
            if (first != null) {
                throw new IllegalArgumentException("trial '" + p + "' " + verb + " (" + noun + " " + (first + 1)
                        + " and " + (i + 1) + ")");
            }
        }
    }
}
