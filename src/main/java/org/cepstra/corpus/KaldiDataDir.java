package org.cepstra.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cepstra.base.FileLineException;
import org.cepstra.io.kaldi.KaldiTable;

/**
 * Reads a Kaldi data directory.
 *
 * <ul>
 *   <li>{@code wav.scp} (required): {@code <recording-id> <path>}. Only plain paths are supported;
 *       a piped entry (ending in '|') is reported with the reason "piped wav.scp entries are not
 *       supported". Relative paths are resolved against the path base, by default the data directory
 *       itself (Kaldi resolves them against the recipe folder it runs in: pass that with
 *       {@link #withPathBase}).</li>
 *   <li>{@code segments} (optional): {@code <utterance-id> <recording-id> <start> <end>} in seconds;
 *       an end of -1 means "to the end of the file" ({@link Segment#toEndOfFile}). Lines with a fifth
 *       (channel) field are reported: channels are not supported. Without {@code segments}, each
 *       recording is one whole-file utterance whose id is the recording id.</li>
 *   <li>Labels: {@code <utterance-id> <label...>}, from the label file, by default {@code utt2label}
 *       if present, otherwise {@code text}; any other such file (e.g. {@code utt2lang}) may be named
 *       with {@link #withLabelFile}. The label is the rest of the line, trimmed, with runs of spaces
 *       and tabs inside it turned into one space (so a {@code text} transcript is one label).</li>
 *   <li>{@code utt2spk} (optional): {@code <utterance-id> <speaker-id>} fills the speaker.</li>
 * </ul>
 *
 * Ids are the Kaldi utterance ids. Utterances keep the order of {@code segments} (or {@code wav.scp}).
 * Line problems (too few fields, repeated keys, bad or negative times, an end not after its start,
 * unknown recordings, missing audio files, utterances without a label, labels for utterances that
 * do not exist) are reported as {@link SkippedFile} against the file holding the line, e.g.
 * {@code "segments line 4: end 1.2 is before start 1.5"}. The table syntax itself (key, rest of the
 * line, blank lines, repeated keys) is {@link KaldiTable}'s; this class maps its entries to utterances.
 */
public final class KaldiDataDir {
    private final Path dataDir;
    private final String labelFile;
    private final Path pathBase;

    /** The data directory {@code dataDir}, with the default label file and path base. */
    public KaldiDataDir(Path dataDir) {
        this(dataDir, null, null);
    }

    private KaldiDataDir(Path dataDir, String labelFile, Path pathBase) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.labelFile = labelFile;
        this.pathBase = pathBase;
    }

    /** The same directory, taking labels from the file {@code fileName} in it (e.g. "text", "utt2lang"). */
    public KaldiDataDir withLabelFile(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) {
            throw new IllegalArgumentException("label file must be a plain file name in the data directory, got '"
                    + fileName + "'");
        }
        return new KaldiDataDir(dataDir, fileName, pathBase);
    }

    /** The same directory, resolving relative {@code wav.scp} paths against {@code base}. */
    public KaldiDataDir withPathBase(Path base) {
        return new KaldiDataDir(dataDir, labelFile, Objects.requireNonNull(base, "base"));
    }

    /**
     * Reads the corpus.
     *
     * @throws CorpusException when the data directory, {@code wav.scp} or the label file is missing or
     *                         unreadable
     */
    public Corpus read() throws CorpusException {
        Path dir = CorpusFiles.requireFolder(dataDir, "Kaldi data directory");
        Path base = pathBase == null ? dir : CorpusFiles.absolute(pathBase);
        CorpusBuilder builder = new CorpusBuilder();

        Path wavScp = dir.resolve("wav.scp");
        Map<String, KaldiTable.Entry> recordingLines = new LinkedHashMap<>();
        Map<String, Path> recordings = new LinkedHashMap<>();
        Map<String, String> badRecordings = new HashMap<>();
        for (KaldiTable.Entry e : readTable(wavScp, true, builder)) {
            String where = "wav.scp line " + e.line();
            if (e.value().endsWith("|")) {
                builder.skip(wavScp, where + ": piped wav.scp entries are not supported");
                badRecordings.put(e.key(), where);
                continue;
            }
            Path audio;
            try {
                audio = base.resolve(e.value()).normalize();
            } catch (InvalidPathException ex) {
                builder.skip(wavScp, where + ": '" + e.value() + "' is not a valid path");
                badRecordings.put(e.key(), where);
                continue;
            }
            if (!Files.isRegularFile(audio)) {
                builder.skip(wavScp, where + ": audio file " + e.value() + " not found (looked for " + audio + ")");
                badRecordings.put(e.key(), where);
                continue;
            }
            recordings.put(e.key(), audio);
            recordingLines.put(e.key(), e);
        }

        Path labels = labelPath(dir);
        String labelsName = labels.getFileName().toString();
        Map<String, KaldiTable.Entry> labelOf = table(readTable(labels, true, builder));
        Map<String, String> speakerOf = new HashMap<>();
        Path utt2spk = dir.resolve("utt2spk");
        if (Files.exists(utt2spk)) {
            for (KaldiTable.Entry e : readTable(utt2spk, true, builder)) {
                String[] f = CorpusFiles.fields(e.value());
                if (f.length != 1) {
                    builder.skip(utt2spk, "utt2spk line " + e.line() + ": expected '<utterance-id> <speaker-id>', found "
                            + (f.length + 1) + " fields");
                    continue;
                }
                speakerOf.put(e.key(), f[0]);
            }
        }

        Map<String, Boolean> mentioned = new HashMap<>();
        Path segmentsFile = dir.resolve("segments");
        if (Files.exists(segmentsFile)) {
            for (KaldiTable.Entry e : readTable(segmentsFile, false, builder)) {
                String where = "segments line " + e.line();
                mentioned.put(e.key(), true);
                String[] f = CorpusFiles.fields(e.value());
                if (f.length == 4) {
                    builder.skip(segmentsFile, where + ": a channel field is not supported");
                    continue;
                }
                if (f.length != 3) {
                    builder.skip(segmentsFile, where + ": expected '<utterance-id> <recording-id> <start> <end>', found "
                            + (f.length + 1) + " fields");
                    continue;
                }
                String problem = segmentProblem(f[1], f[2]);
                if (problem != null) {
                    builder.skip(segmentsFile, where + ": " + problem);
                    continue;
                }
                Path audio = recordings.get(f[0]);
                if (audio == null) {
                    builder.skip(segmentsFile, where + ": recording '" + f[0] + "' "
                            + (badRecordings.containsKey(f[0]) ? "was skipped (see " + badRecordings.get(f[0]) + ")"
                            : "is not in wav.scp"));
                    continue;
                }
                double start = CorpusFiles.parseDecimal(f[1]);
                double end = CorpusFiles.parseDecimal(f[2]);
                Segment segment = end == -1 ? Segment.toEndOfFile(start) : new Segment(start, end);
                addUtterance(e.key(), audio, Optional.of(segment), labelOf, labelsName, speakerOf, segmentsFile,
                        where, builder);
            }
        } else {
            for (String rec : badRecordings.keySet()) {
                mentioned.put(rec, true);
            }
            for (Map.Entry<String, Path> r : recordings.entrySet()) {
                mentioned.put(r.getKey(), true);
                addUtterance(r.getKey(), r.getValue(), Optional.empty(), labelOf, labelsName, speakerOf, wavScp,
                        "wav.scp line " + recordingLines.get(r.getKey()).line(), builder);
            }
        }
        for (KaldiTable.Entry e : labelOf.values()) {
            if (!mentioned.containsKey(e.key())) {
                builder.skip(labels, labelsName + " line " + e.line() + ": utterance '" + e.key() + "' is not in "
                        + (Files.exists(segmentsFile) ? "segments" : "wav.scp"));
            }
        }
        return builder.build();
    }

    private static void addUtterance(String id, Path audio, Optional<Segment> segment,
                              Map<String, KaldiTable.Entry> labelOf, String labelsName, Map<String, String> speakerOf,
                              Path source, String where, CorpusBuilder builder) {
        KaldiTable.Entry label = labelOf.get(id);
        if (label == null) {
            builder.skip(source, where + ": utterance '" + id + "' has no label in " + labelsName);
            return;
        }
        String text = label.value().replaceAll("[ \\t]+", " ");
        Utterance u = new Utterance(id, audio, text, Optional.ofNullable(speakerOf.get(id)), segment);
        builder.add(u, source, where);
    }

    private Path labelPath(Path dir) throws CorpusException {
        if (labelFile != null) {
            Path p = dir.resolve(labelFile);
            if (!Files.exists(p)) {
                throw new CorpusException(p, "label file not found");
            }
            return p;
        }
        Path utt2label = dir.resolve("utt2label");
        if (Files.exists(utt2label)) {
            return utt2label;
        }
        Path text = dir.resolve("text");
        if (Files.exists(text)) {
            return text;
        }
        throw new CorpusException(dir, "neither utt2label nor text found; name the label file with withLabelFile");
    }

    private static String segmentProblem(String startText, String endText) {
        Double start = CorpusFiles.parseDecimal(startText);
        if (start == null) {
            return "start '" + startText + "' is not a number of seconds";
        }
        Double end = CorpusFiles.parseDecimal(endText);
        if (end == null) {
            return "end '" + endText + "' is not a number of seconds";
        }
        if (start < 0) {
            return "start " + startText + " is negative";
        }
        if (end == -1) {
            return null;
        }
        if (end == start.doubleValue()) {
            return "end " + endText + " equals start " + startText + " (empty segment)";
        }
        if (end < start) {
            return "end " + endText + " is before start " + startText;
        }
        return null;
    }

    private static Map<String, KaldiTable.Entry> table(List<KaldiTable.Entry> entries) {
        Map<String, KaldiTable.Entry> map = new LinkedHashMap<>();
        for (KaldiTable.Entry e : entries) {
            map.put(e.key(), e);
        }
        return map;
    }

    /**
     * The lines of a {@code key value} file ({@link KaldiTable}): blank lines ignored; lines without a value
     * (when {@code valueRequired}) or with a repeated key are reported and left out.
     */
    private static List<KaldiTable.Entry> readTable(Path file, boolean valueRequired, CorpusBuilder builder)
            throws CorpusException {
        String name = file.getFileName().toString();
        if (!Files.exists(file)) {
            throw new CorpusException(file, name + " not found");
        }
        String text;
        try {
            text = CorpusFiles.readUtf8(file);
        } catch (IOException e) {
            throw new CorpusException(file, "cannot read " + name + ": " + FileLineException.describe(e), e);
        }
        KaldiTable table = KaldiTable.parse(name, text, valueRequired);
        for (KaldiTable.Problem p : table.problems()) {
            builder.skip(file, p.message());
        }
        return table.entries();
    }
}
