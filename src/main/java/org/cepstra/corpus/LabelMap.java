package org.cepstra.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.cepstra.base.TextFiles;

/**
 * A mapping of labels read from a text file, e.g. TIMIT's 61 phones folded into 39 (Lee and Hon, 1989).
 *
 * <p>One mapping per line: {@code from to} (two fields separated by white space) renames label
 * {@code from} to {@code to}; {@code from} alone maps it to nothing, and its utterances are dropped.
 * Several labels may map to the same one. Blank lines and lines starting with {@code #} are comments.
 * UTF-8; a leading byte-order mark is ignored.
 *
 * <p>Errors name the file and the line ({@code "timit61.map line 7: label 'ax' is already mapped on
 * line 3"}): more than two fields, a label with a control character, a label mapped twice, a file with
 * no mapping. Applying the map to a corpus holding a label the file does not list is an error too, naming
 * the labels with their counts and, where the source says, where the first of each was read
 * ({@code "'ZH' (2 utterances, first at LJ001-0007.lab line 32)"}): a forgotten label would otherwise train
 * a model of its own or silently vanish.
 */
public final class LabelMap {
    private final Path file;
    private final Map<String, Optional<String>> mapping;

    private LabelMap(Path file, Map<String, Optional<String>> mapping) {
        this.file = file;
        this.mapping = Collections.unmodifiableMap(mapping);
    }

    /**
     * Reads a label map.
     *
     * @throws CorpusException when the file is missing, unreadable or not UTF-8, or a line is wrong (naming it)
     */
    public static LabelMap read(Path file) throws CorpusException {
        Objects.requireNonNull(file, "file");
        String text = CorpusFiles.readListFile(file, "label map");
        Map<String, Optional<String>> mapping = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        String[] lines = TextFiles.lines(text);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = CorpusFiles.fields(line);
            if (f.length > 2) {
                throw new CorpusException(file, i + 1, "expected 'from to' or a label alone (mapped to nothing), found "
                        + f.length + " fields");
            }
            for (String label : f) {
                String bad = CorpusBuilder.controlProblem("label", label);
                if (bad != null) {
                    throw new CorpusException(file, i + 1, bad);
                }
            }
            Integer first = lineOf.putIfAbsent(f[0], i + 1);
            if (first != null) {
                throw new CorpusException(file, i + 1, "label '" + f[0] + "' is already mapped on line " + first);
            }
            mapping.put(f[0], f.length == 2 ? Optional.of(f[1]) : Optional.empty());
        }
        if (mapping.isEmpty()) {
            throw new CorpusException(file, "the label map holds no mapping (lines 'from to', or a label alone)");
        }
        return new LabelMap(file, mapping);
    }

    /** The file the map was read from. */
    public Path file() {
        return file;
    }

    /** Every listed label and what it maps to (empty: dropped), in file order. */
    public Map<String, Optional<String>> mapping() {
        return mapping;
    }

    /**
     * What {@code label} maps to: empty when it is dropped.
     *
     * @throws IllegalArgumentException when the map does not list it
     */
    public Optional<String> map(String label) {
        Optional<String> to = mapping.get(label);
        if (to == null) {
            throw new IllegalArgumentException(file + ": label '" + label + "' is not in the label map");
        }
        return to;
    }

    /**
     * {@code corpus} with every label mapped and the utterances of labels mapped to nothing left out (the
     * skip reports are kept).
     *
     * @throws CorpusException naming this file and every corpus label it does not list, with its count
     */
    public Corpus applyTo(Corpus corpus) throws CorpusException {
        SortedMap<String, List<Utterance>> unknown = new TreeMap<>();
        corpus.byLabel().forEach((label, list) -> {
            if (!mapping.containsKey(label)) {
                unknown.put(label, list);
            }
        });
        if (!unknown.isEmpty()) {
            List<String> parts = new ArrayList<>();
            unknown.forEach((label, list) -> {
                int n = list.size();
                parts.add("'" + label + "' (" + n + (n == 1 ? " utterance" : " utterances")
                        + corpus.origin(list.get(0).id()).map(o -> ", first at " + o).orElse("") + ")");
            });
            throw new CorpusException(file, "the corpus has " + (unknown.size() == 1 ? "a label" : unknown.size()
                    + " labels") + " the label map does not list: " + String.join(", ", parts));
        }
        return corpus.filter(u -> mapping.get(u.label()).isPresent()).relabel(u -> mapping.get(u.label()).orElseThrow());
    }
}
