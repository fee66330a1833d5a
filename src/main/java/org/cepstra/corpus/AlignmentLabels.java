package org.cepstra.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cepstra.base.FileLineException;

/**
 * Labels the segments of long recordings from time-alignment files: for each WAV file below the
 * audio root, the alignment file of the same name ({@code X.wav} → {@code X.lab}, {@code X.PHN}...,
 * extension in any letter case) gives one {@link Utterance} per segment line, labelled with that
 * line's label.
 *
 * <p>Where alignments are looked for: beside each WAV file by default; with an alignment folder, at
 * the same relative path below that folder ({@code root/a/X.wav} → {@code alignments/a/X.lab}), or
 * else directly in it ({@code alignments/X.lab}).
 *
 * <p>Ids are the WAV file's id (its path below the audio root without ".wav") plus {@code _<i>},
 * where i counts the segment lines of the alignment file from 0, dropped and rejected lines
 * included, so ids do not change when the set of dropped labels does. Segments may overlap and
 * need not be in time order; they are kept as written. Segment ends are not checked against the
 * length of the recording.
 *
 * <p>Reported as {@link SkippedFile}, the rest being read: a line with fewer than three fields, a
 * time that is not a number (TIMIT: not a whole number), a negative time, an end not after its start
 * ({@code "a.lab line 3: end 1200000 is before start 1500000"}), a label that is only white space
 * (such as U+2003, which does not separate fields); an alignment file that cannot be
 * read, is not UTF-8, is an HTK master label file, or holds no segment lines; a WAV without an
 * alignment file; an alignment file without a WAV; a recording whose sample rate the lookup cannot
 * give.
 */
public final class AlignmentLabels {
    private final Path audioRoot;
    private final Path alignmentDir;
    private final AlignmentFormat format;
    private final Set<String> droppedLabels;
    private final SampleRateLookup sampleRates;

    /** Alignments of {@code format} beside the WAV files below {@code audioRoot}. */
    public AlignmentLabels(Path audioRoot, AlignmentFormat format) {
        this(audioRoot, null, format, Set.of(), null);
    }

    /** Alignments of {@code format} in {@code alignmentDir} for the WAV files below {@code audioRoot}. */
    public AlignmentLabels(Path audioRoot, Path alignmentDir, AlignmentFormat format) {
        this(audioRoot, Objects.requireNonNull(alignmentDir, "alignmentDir"), format, Set.of(), null);
    }

    private AlignmentLabels(Path audioRoot, Path alignmentDir, AlignmentFormat format, Set<String> droppedLabels,
                            SampleRateLookup sampleRates) {
        this.audioRoot = Objects.requireNonNull(audioRoot, "audioRoot");
        this.alignmentDir = alignmentDir;
        this.format = Objects.requireNonNull(format, "format");
        this.droppedLabels = Set.copyOf(droppedLabels);
        this.sampleRates = sampleRates;
    }

    /**
     * The same source, leaving out segments whose label is in {@code labels} (exact match), e.g.
     * silences and pauses: {@code Set.of("sil", "sp", "h#", "pau")}. Dropped segments are not reported.
     */
    public AlignmentLabels droppingLabels(Set<String> labels) {
        return new AlignmentLabels(audioRoot, alignmentDir, format, labels, sampleRates);
    }

    /** The same source, asking {@code lookup} for sample rates (needed by TIMIT sample offsets). */
    public AlignmentLabels withSampleRateLookup(SampleRateLookup lookup) {
        return new AlignmentLabels(audioRoot, alignmentDir, format, droppedLabels,
                Objects.requireNonNull(lookup, "lookup"));
    }

    /**
     * Reads the corpus.
     *
     * @throws CorpusException       when the audio root or alignment folder is missing, not a folder or
     *                               unreadable
     * @throws IllegalStateException when the format uses sample offsets and no
     *                               {@link #withSampleRateLookup sample-rate lookup} was given
     */
    public Corpus read() throws CorpusException {
        if (format.usesSampleOffsets() && sampleRates == null) {
            throw new IllegalStateException(format + " alignments give times in samples; supply a SampleRateLookup"
                    + " with withSampleRateLookup(...) to turn them into seconds");
        }
        CorpusFiles.Listing audio = CorpusFiles.list(audioRoot, Set.of("wav"), "audio folder");
        CorpusFiles.Listing aligned = alignmentDir == null
                ? CorpusFiles.list(audioRoot, Set.of(format.extension()), "audio folder")
                : CorpusFiles.list(alignmentDir, Set.of(format.extension()), "alignment folder");
        CorpusBuilder builder = new CorpusBuilder();
        Set<SkippedFile> problems = new LinkedHashSet<>(audio.problems());
        problems.addAll(aligned.problems());
        builder.skipAll(List.copyOf(problems));

        Map<String, Path> byKey = new HashMap<>();
        for (Path a : aligned.files()) {
            byKey.putIfAbsent(withoutExtension(CorpusFiles.relativeName(aligned.root(), a)), a);
        }
        Set<Path> used = new HashSet<>();
        for (Path wav : audio.files()) {
            String key = withoutExtension(CorpusFiles.relativeName(audio.root(), wav));
            Path alignment = byKey.get(key);
            if (alignment == null && alignmentDir != null) {
                alignment = byKey.get(CorpusFiles.stem(wav));
            }
            if (alignment == null) {
                builder.skip(wav, "no alignment file " + CorpusFiles.stem(wav) + "." + format.extension()
                        + " found " + (alignmentDir == null ? "beside it" : "in " + aligned.root()));
                continue;
            }
            used.add(alignment);
            double rateHz = Double.NaN;
            if (format.usesSampleOffsets()) {
                try {
                    rateHz = sampleRates.sampleRateHz(wav);
                } catch (IOException e) {
                    builder.skip(wav, "sample rate unknown: " + FileLineException.describe(e));
                    continue;
                }
                if (!(rateHz > 0) || !Double.isFinite(rateHz)) {
                    builder.skip(wav, "sample rate lookup gave " + rateHz + " Hz");
                    continue;
                }
            }
            readAlignment(wav, CorpusFiles.fileId(audio.root(), wav), alignment, rateHz, builder);
        }
        for (Path a : aligned.files()) {
            if (!used.contains(a)) {
                builder.skip(a, "no audio file " + CorpusFiles.stem(a) + ".wav for this alignment");
            }
        }
        return builder.build();
    }

    private void readAlignment(Path wav, String baseId, Path alignment, double rateHz, CorpusBuilder builder) {
        String name = alignment.getFileName().toString();
        String text;
        try {
            text = CorpusFiles.readUtf8(alignment);
        } catch (IOException e) {
            builder.skip(alignment, name + ": cannot read: " + FileLineException.describe(e) + "; recording skipped");
            return;
        }
        String[] lines = CorpusFiles.lines(text);
        boolean htk = format == AlignmentFormat.HTK_LAB;
        int ordinal = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (htk && line.equals("#!MLF!#")) {
                builder.skip(alignment, name + ": is an HTK master label file (#!MLF!#), which is not supported");
                return;
            }
            if (htk && line.equals("///")) {
                break;
            }
            int index = ordinal++;
            String where = name + " line " + (i + 1);
            String[] f = CorpusFiles.fields(line);
            if (f.length < 3) {
                builder.skip(alignment, where + ": expected start, end and label, found " + f.length
                        + (f.length == 1 ? " field" : " fields"));
                continue;
            }
            String problem = htk ? htkTimeProblem(f[0], f[1]) : sampleTimeProblem(f[0], f[1]);
            if (problem != null) {
                builder.skip(alignment, where + ": " + problem);
                continue;
            }
            String label = f[2];
            if (label.isBlank()) {
                builder.skip(alignment, where + ": label is blank (only white space)");
                continue;
            }
            if (droppedLabels.contains(label)) {
                continue;
            }
            double start = htk ? CorpusFiles.parseDecimal(f[0]) / 1e7 : CorpusFiles.parseInteger(f[0]) / rateHz;
            double end = htk ? CorpusFiles.parseDecimal(f[1]) / 1e7 : CorpusFiles.parseInteger(f[1]) / rateHz;
            if (!Double.isFinite(end)) {
                builder.skip(alignment, where + ": end " + f[1] + " is " + end + " s, not a time");
                continue;
            }
            if (!(end > start)) {
                builder.skip(alignment, where + ": start " + f[0] + " and end " + f[1] + " are the same time in"
                        + " seconds (" + start + " s; empty segment)");
                continue;
            }
            Utterance u = new Utterance(baseId + "_" + index, wav, label, Optional.empty(),
                    Optional.of(new Segment(start, end)));
            builder.add(u, alignment, where);
        }
        if (ordinal == 0) {
            builder.skip(alignment, name + ": holds no segment lines; recording " + wav.getFileName() + " skipped");
        }
    }

    private static String htkTimeProblem(String startText, String endText) {
        Double start = CorpusFiles.parseDecimal(startText);
        if (start == null) {
            return "start '" + startText + "' is not a number";
        }
        Double end = CorpusFiles.parseDecimal(endText);
        if (end == null) {
            return "end '" + endText + "' is not a number";
        }
        return orderProblem(startText, start, endText, end);
    }

    private static String sampleTimeProblem(String startText, String endText) {
        Long start = CorpusFiles.parseInteger(startText);
        if (start == null) {
            return "start '" + startText + "' is not a whole number of samples";
        }
        Long end = CorpusFiles.parseInteger(endText);
        if (end == null) {
            return "end '" + endText + "' is not a whole number of samples";
        }
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

    private static String withoutExtension(String relativeName) {
        int slash = relativeName.lastIndexOf('/');
        int dot = relativeName.lastIndexOf('.');
        return dot > slash + 1 ? relativeName.substring(0, dot) : relativeName;
    }
}
