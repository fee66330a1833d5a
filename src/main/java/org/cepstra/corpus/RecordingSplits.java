package org.cepstra.corpus;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which recordings are training and which test data, read from a table such as the
 * {@code manifest.csv} of a phone-aligned corpus ({@code clip,split} / {@code LJ001-0001,train}), for
 * label sources that have no split column of their own (time alignments, file-name patterns, folders).
 *
 * <p>CSV or TSV after RFC 4180 (delimiter from the header, as {@link ManifestReader}); columns by header
 * name in any case: the recording ({@code clip}, {@code recording}, {@code id}, {@code file},
 * {@code path} or {@code wav}) and {@code split} ({@link SplitRole} words); other columns are ignored.
 * A recording is named by its file name without folders and without {@code .wav} ({@code wav/LJ001-0001.wav}
 * and {@code LJ001-0001} name the same one). Every segment of a recording goes to its side; dev
 * recordings are tested.
 *
 * <p>Errors throw a {@link CorpusException} naming the file and line: a missing column, a row with
 * another number of fields than the header, an unknown split word, a recording listed twice; splitting a
 * corpus with a recording the table does not list throws an {@link IllegalArgumentException} naming it.
 */
public final class RecordingSplits {
    private static final List<String> RECORDING_NAMES = List.of("clip", "recording", "id", "file", "path", "wav");

    private final Path file;
    private final Map<String, SplitRole> roles;

    private RecordingSplits(Path file, Map<String, SplitRole> roles) {
        this.file = file;
        this.roles = Collections.unmodifiableMap(roles);
    }

    /**
     * Reads the table.
     *
     * @throws CorpusException when the file is missing, unreadable, lacks a column or has a bad row (naming the line)
     */
    public static RecordingSplits read(Path file) throws CorpusException {
        Objects.requireNonNull(file, "file");
        String text = CorpusFiles.readListFile(file, "split table");
        DelimitedText.Row first = DelimitedText.firstContentLine(text);
        if (first == null) {
            throw new CorpusException(file, "split table is empty: no header line with a recording and a 'split' column");
        }
        char delimiter = DelimitedText.detectDelimiter(first.fields().get(0));
        List<DelimitedText.Row> rows;
        try {
            rows = DelimitedText.parse(text, delimiter == 0 ? ',' : delimiter);
        } catch (DelimitedText.UnclosedQuoteException e) {
            throw new CorpusException(file, e.line, e.getMessage());
        }
        DelimitedText.Row header = rows.get(0);
        int recording = -1;
        int split = -1;
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
            if (name.equals("split")) {
                split = i;
            } else if (recording < 0 && RECORDING_NAMES.contains(name)) {
                recording = i;
            }
        }
        if (recording < 0 || split < 0) {
            throw new CorpusException(file, header.line(), "header needs a 'split' column and a recording column (one of "
                    + String.join(", ", RECORDING_NAMES) + ")");
        }
        Map<String, SplitRole> roles = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (DelimitedText.Row row : rows.subList(1, rows.size())) {
            if (row.problem() != null) {
                throw new CorpusException(file, row.line(), row.problem());
            }
            if (row.fields().size() != header.fields().size()) {
                throw new CorpusException(file, row.line(), "expected " + header.fields().size()
                        + " fields as in the header, found " + row.fields().size());
            }
            String name = recordingName(row.fields().get(recording).strip());
            if (name.isEmpty()) {
                throw new CorpusException(file, row.line(), "recording column empty");
            }
            String word = row.fields().get(split);
            SplitRole role = SplitRole.parse(word).orElseThrow(() -> new CorpusException(file, row.line(),
                    "split '" + word + "' is not train, test or dev"));
            Integer before = lineOf.putIfAbsent(name, row.line());
            if (before != null) {
                throw new CorpusException(file, row.line(), "recording '" + name + "' is already listed on line " + before);
            }
            roles.put(name, role);
        }
        return new RecordingSplits(file, roles);
    }

    /** A recording's name: its file name without folders and without a {@code .wav} extension (any case). */
    static String recordingName(String pathOrName) {
        String name = pathOrName.substring(Math.max(pathOrName.lastIndexOf('/'), pathOrName.lastIndexOf('\\')) + 1);
        return name.toLowerCase(Locale.ROOT).endsWith(".wav") ? name.substring(0, name.length() - 4) : name;
    }

    /** Each listed recording's role, by name, in file order. */
    public Map<String, SplitRole> roles() {
        return roles;
    }

    /**
     * Splits by recording: train rows train, test and dev rows test. {@link Splitter#split} throws an
     * {@link IllegalArgumentException} for a recording the table does not list.
     */
    public Splitter splitter() {
        return Splitter.byPredicate(u -> {
            String name = recordingName(u.audioFile().getFileName().toString());
            SplitRole role = roles.get(name);
            if (role == null) {
                throw new IllegalArgumentException(file + ": recording '" + name + "' (" + u.audioFile()
                        + ") is not listed");
            }
            return role != SplitRole.TRAIN;
        });
    }
}
