package org.cepstra.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cepstra.base.FileLineException;

/**
 * Reads a manifest: a CSV or TSV table naming each audio file and its label.
 *
 * <ul>
 *   <li>The first line that is not blank and not a {@code #} comment is the header. Its delimiter
 *       decides the file's: tab, comma or semicolon, whichever occurs most often in it.</li>
 *   <li>Columns, by header name in any letter case: {@code path} (or {@code file}, {@code wav}) and
 *       {@code label} are required; {@code speaker}, {@code split} ({@link SplitRole} words),
 *       {@code start} and {@code end} (seconds, both or neither; a row with both empty is a whole
 *       file) and {@code id} are optional; other columns are ignored.</li>
 *   <li>Fields follow RFC 4180: a field in double quotes may hold the delimiter, line breaks and
 *       doubled quotes. Spaces around fields are dropped. Blank lines and lines starting with
 *       {@code #} are comments.</li>
 *   <li>Relative paths are resolved against the manifest's folder.</li>
 *   <li>The id is the {@code id} column when given, otherwise the path below the manifest's folder
 *       without ".wav" (the bare file name when the file lies elsewhere), plus {@code _<k>} for a
 *       segment row, k counting that file's accepted segment rows from 0.</li>
 * </ul>
 *
 * A row with the wrong number of fields, an empty path or label, bad times, an unknown split value,
 * a missing audio file or a repeated id is reported as a {@link SkippedFile} against the manifest
 * ({@code "train.csv line 7: label column empty"}); the other rows are read.
 */
public final class ManifestReader {
    private static final List<String> PATH_NAMES = List.of("path", "file", "wav");

    /** A manifest reader. */
    public ManifestReader() {
    }

    /**
     * Reads the corpus a manifest describes.
     *
     * @throws CorpusException when the manifest is missing or unreadable, has no header, lacks a
     *                         required column, repeats a column, or has a quoted field that never closes
     */
    public Corpus read(Path manifest) throws CorpusException {
        return readManifest(manifest).corpus();
    }

    /**
     * Reads the corpus a manifest describes together with the {@code split} column, if any.
     *
     * @throws CorpusException as {@link #read(Path)}; also when a line is longer than 65536 characters
     *                         (not a text file of lines) or the heap cannot hold the manifest
     */
    public Manifest readManifest(Path manifest) throws CorpusException {
        try {
            return readWhole(manifest);
        } catch (OutOfMemoryError e) {
            // every row is held until the corpus is built: the partial structures are dropped with the stack
            throw new CorpusException(manifest, "not enough memory to read this manifest ("
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB heap): give Java more memory (-Xmx) "
                    + "or split the manifest into smaller ones");
        }
    }

    private Manifest readWhole(Path manifest) throws CorpusException {
        Path file = CorpusFiles.absolute(manifest);
        if (!Files.exists(file)) {
            throw new CorpusException(manifest, "manifest not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new CorpusException(manifest, "manifest is not a regular file");
        }
        String text;
        try {
            text = CorpusFiles.readUtf8(file);
        } catch (IOException e) {
            throw new CorpusException(manifest, "cannot read manifest: " + FileLineException.describe(e), e);
        }
        DelimitedText.Row headerLine = DelimitedText.firstContentLine(text);
        if (headerLine == null) {
            throw new CorpusException(manifest, "manifest is empty: no header line with 'path' and 'label' columns");
        }
        char delimiter = DelimitedText.detectDelimiter(headerLine.fields().get(0));
        if (delimiter == 0) {
            delimiter = ',';
        }
        List<DelimitedText.Row> rows;
        try {
            rows = DelimitedText.parse(text, delimiter);
        } catch (DelimitedText.UnclosedQuoteException e) {
            throw new CorpusException(manifest, e.line, e.getMessage());
        }
        DelimitedText.Row header = rows.get(0);
        Columns columns = Columns.of(manifest, header);
        Path folder = file.getParent();
        String name = file.getFileName().toString();

        CorpusBuilder builder = new CorpusBuilder();
        Map<String, SplitRole> splits = new LinkedHashMap<>();
        Map<Path, Integer> segmentCounts = new HashMap<>();
        for (DelimitedText.Row row : rows.subList(1, rows.size())) {
            String where = name + " line " + row.line();
            if (row.problem() != null) {
                builder.skip(file, where + ": " + row.problem());
                continue;
            }
            List<String> f = row.fields();
            if (f.size() != columns.count) {
                builder.skip(file, where + ": expected " + columns.count + " fields as in the header, found " + f.size());
                continue;
            }
            String pathText = f.get(columns.path);
            if (pathText.isEmpty()) {
                builder.skip(file, where + ": " + columns.pathName + " column empty");
                continue;
            }
            String label = f.get(columns.label).strip();
            if (label.isEmpty()) {
                builder.skip(file, where + ": label column empty");
                continue;
            }
            Optional<Segment> segment;
            if (columns.start >= 0) {
                String startText = f.get(columns.start);
                String endText = f.get(columns.end);
                if (startText.isEmpty() && endText.isEmpty()) {
                    segment = Optional.empty();
                } else {
                    String problem = segmentProblem(startText, endText);
                    if (problem != null) {
                        builder.skip(file, where + ": " + problem);
                        continue;
                    }
                    segment = Optional.of(new Segment(CorpusFiles.parseDecimal(startText),
                            CorpusFiles.parseDecimal(endText)));
                }
            } else {
                segment = Optional.empty();
            }
            SplitRole role = null;
            if (columns.split >= 0) {
                String splitText = f.get(columns.split);
                if (splitText.isEmpty()) {
                    builder.skip(file, where + ": split column empty");
                    continue;
                }
                Optional<SplitRole> parsed = SplitRole.parse(splitText);
                if (parsed.isEmpty()) {
                    builder.skip(file, where + ": split '" + splitText + "' is not one of train, test, dev");
                    continue;
                }
                role = parsed.get();
            }
            Path audio;
            try {
                audio = folder.resolve(pathText).normalize();
            } catch (InvalidPathException e) {
                builder.skip(file, where + ": '" + pathText + "' is not a valid path");
                continue;
            }
            if (!Files.exists(audio)) {
                builder.skip(file, where + ": audio file " + pathText + " not found (looked for " + audio + ")");
                continue;
            }
            if (!Files.isRegularFile(audio)) {
                builder.skip(file, where + ": " + pathText + " is not a regular file");
                continue;
            }
            String speaker = columns.speaker >= 0 ? f.get(columns.speaker).strip() : "";
            String id = columns.id >= 0 ? f.get(columns.id).strip() : "";
            if (id.isEmpty()) {
                id = CorpusFiles.fileId(folder, audio);
                if (segment.isPresent()) {
                    int k = segmentCounts.getOrDefault(audio, 0);
                    id = id + "_" + k;
                }
            }
            Utterance u = new Utterance(id, audio, label,
                    speaker.isEmpty() ? Optional.empty() : Optional.of(speaker), segment);
            if (builder.add(u, file, where)) {
                if (segment.isPresent()) {
                    segmentCounts.merge(audio, 1, Integer::sum);
                }
                if (role != null) {
                    splits.put(id, role);
                }
            }
        }
        return new Manifest(file, builder.build(), columns.split >= 0, splits);
    }

    /** Why a start/end pair is not a segment, or null if it is one. */
    private static String segmentProblem(String startText, String endText) {
        if (startText.isEmpty()) {
            return "end given without start";
        }
        if (endText.isEmpty()) {
            return "start given without end";
        }
        Double start = CorpusFiles.parseDecimal(startText);
        if (start == null) {
            return "start '" + startText + "' is not a number of seconds";
        }
        Double end = CorpusFiles.parseDecimal(endText);
        if (end == null) {
            return "end '" + endText + "' is not a number of seconds";
        }
        if (start < 0) {
            return "start " + startText + " s is negative";
        }
        if (end == start.doubleValue()) {
            return "end " + endText + " s equals start " + startText + " s (empty segment)";
        }
        if (end < start) {
            return "end " + endText + " s is before start " + startText + " s";
        }
        return null;
    }

    /** Column positions found in the header; -1 for an absent optional column. */
    private static final class Columns {
        int count;
        int path = -1;
        String pathName;
        int label = -1;
        int speaker = -1;
        int split = -1;
        int start = -1;
        int end = -1;
        int id = -1;

        static Columns of(Path manifest, DelimitedText.Row header) throws CorpusException {
            Columns c = new Columns();
            List<String> names = header.fields();
            c.count = names.size();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String column = names.get(i).strip().toLowerCase(Locale.ROOT);
                if (column.isEmpty()) {
                    continue;
                }
                Integer before = seen.putIfAbsent(column, i);
                if (before != null) {
                    throw new CorpusException(manifest, header.line(), "column '" + column + "' appears twice in header"
                            + " (columns " + (before + 1) + " and " + (i + 1) + ")");
                }
                if (PATH_NAMES.contains(column)) {
                    if (c.path >= 0) {
                        throw new CorpusException(manifest, header.line(), "header has both '" + c.pathName
                                + "' and '" + column + "' columns; keep one path column");
                    }
                    c.path = i;
                    c.pathName = column;
                }
                switch (column) {
                    case "label" -> c.label = i;
                    case "speaker" -> c.speaker = i;
                    case "split" -> c.split = i;
                    case "start" -> c.start = i;
                    case "end" -> c.end = i;
                    case "id" -> c.id = i;
                    default -> {
                    }
                }
            }
            if (c.path < 0 && c.label < 0) {
                throw new CorpusException(manifest, header.line(), "no header: the first line names neither a 'path'"
                        + " nor a 'label' column; first line is " + names);
            }
            if (c.path < 0) {
                throw new CorpusException(manifest, header.line(),
                        "no 'path' column in header (also accepted: 'file', 'wav'); header is " + names);
            }
            if (c.label < 0) {
                throw new CorpusException(manifest, header.line(), "no 'label' column in header; header is " + names);
            }
            if ((c.start < 0) != (c.end < 0)) {
                throw new CorpusException(manifest, header.line(), c.start < 0
                        ? "header has an 'end' column but no 'start' column"
                        : "header has a 'start' column but no 'end' column");
            }
            return c;
        }
    }
}
