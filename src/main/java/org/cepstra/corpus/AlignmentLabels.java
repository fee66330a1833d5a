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
import java.util.TreeMap;
import org.cepstra.base.FileLineException;
import org.cepstra.base.TextFiles;

/**
 * Labels the segments of long recordings from time-alignment files ({@link AlignmentFormat}: HTK or
 * Festival/EST {@code .lab}, TIMIT {@code .phn}/{@code .wrd}, Praat {@code .TextGrid}): for each WAV file
 * below the audio root, the alignment file of the same name ({@code X.wav} → {@code X.lab}, {@code X.PHN},
 * {@code X.TextGrid}..., extension in any letter case) gives one {@link Utterance} per labelled segment,
 * labelled with that segment's label. The segments take their frames from the whole recording
 * ({@link SegmentFrames#FROM_RECORDING}): the frames whose centre lies inside the segment.
 *
 * <p>Where alignments are looked for: beside each WAV file by default; with an alignment folder, at
 * the same relative path below that folder ({@code root/a/X.wav} → {@code alignments/a/X.lab}), or
 * else directly in it ({@code alignments/X.lab}).
 *
 * <p>Ids are the WAV file's id (its path below the audio root without ".wav") plus {@code _<i>},
 * where i counts the segment lines of the alignment file from 0 (the data lines after an EST header; the
 * intervals of the TextGrid tier), dropped, unlabelled and rejected ones included, so ids do not change
 * when the set of dropped labels does. Segments need not be in time order, but the kept segments of one
 * file must not overlap: a segment that overlaps one read before it is reported (its frames would be counted
 * twice, under two labels). With a {@link #withDurationLookup duration lookup}, a segment that starts at or
 * after the end of its recording, or ends more than {@link Segment#MAX_OVERSHOOT_SECONDS} beyond it, is
 * reported too; without one, that is found when the audio is decoded.
 *
 * <p>Reported as {@link SkippedFile}, the rest being read, each naming the alignment file and line: a line
 * with too few fields, a time that is not a number (TIMIT: not a whole number), a negative time, an end not
 * after its start ({@code "a.lab line 3: end 1200000 is before start 1500000"}; EST: an end time before the
 * one of the line before, and the line after a line without a usable end time, whose start is unknown), a
 * label that is only white space (HTK, TIMIT: such as U+2003, which does not separate fields); an alignment
 * file that cannot be read, is not UTF-8 (TextGrid: nor UTF-16 with a byte-order mark), is an HTK master label
 * file, has an EST header without its closing {@code #} line, is a TextGrid whose structure is broken (named
 * line), lacks the tier asked for, whose tier is a point tier, or which has several interval tiers and no
 * tier was named (each listing the tiers), or holds no segment lines; a WAV without an alignment file; an
 * alignment file without a WAV; a recording whose sample rate or length the lookup cannot give.
 */
public final class AlignmentLabels {
    private final Path audioRoot;
    private final Path alignmentDir;
    private final AlignmentFormat format;
    private final Set<String> droppedLabels;
    private final SampleRateLookup sampleRates;
    private final DurationLookup durations;
    private final String tier;

    /** Alignments of {@code format} beside the WAV files below {@code audioRoot}. */
    public AlignmentLabels(Path audioRoot, AlignmentFormat format) {
        this(audioRoot, null, format, Set.of(), null, null, null);
    }

    /** Alignments of {@code format} in {@code alignmentDir} for the WAV files below {@code audioRoot}. */
    public AlignmentLabels(Path audioRoot, Path alignmentDir, AlignmentFormat format) {
        this(audioRoot, Objects.requireNonNull(alignmentDir, "alignmentDir"), format, Set.of(), null, null, null);
    }

    private AlignmentLabels(Path audioRoot, Path alignmentDir, AlignmentFormat format, Set<String> droppedLabels,
                            SampleRateLookup sampleRates, DurationLookup durations, String tier) {
        this.audioRoot = Objects.requireNonNull(audioRoot, "audioRoot");
        this.alignmentDir = alignmentDir;
        this.format = Objects.requireNonNull(format, "format");
        this.droppedLabels = Set.copyOf(droppedLabels);
        this.sampleRates = sampleRates;
        this.durations = durations;
        this.tier = tier;
    }

    /**
     * The same source, leaving out segments whose label is in {@code labels} (exact match), e.g.
     * silences and pauses: {@code Set.of("sil", "sp", "h#", "pau")}. Dropped segments are not reported.
     */
    public AlignmentLabels droppingLabels(Set<String> labels) {
        return new AlignmentLabels(audioRoot, alignmentDir, format, labels, sampleRates, durations, tier);
    }

    /** The same source, asking {@code lookup} for sample rates (needed by TIMIT sample offsets). */
    public AlignmentLabels withSampleRateLookup(SampleRateLookup lookup) {
        return new AlignmentLabels(audioRoot, alignmentDir, format, droppedLabels,
                Objects.requireNonNull(lookup, "lookup"), durations, tier);
    }

    /**
     * The same source, asking {@code lookup} for the length of each recording, against which its segments
     * are checked as they are read.
     */
    public AlignmentLabels withDurationLookup(DurationLookup lookup) {
        return new AlignmentLabels(audioRoot, alignmentDir, format, droppedLabels, sampleRates,
                Objects.requireNonNull(lookup, "lookup"), tier);
    }

    /**
     * The same source, reading the interval tier named {@code tierName} (exact match) of each TextGrid
     * instead of its only interval tier.
     *
     * @throws IllegalArgumentException when the format is not {@link AlignmentFormat#TEXTGRID} or the name is blank
     */
    public AlignmentLabels withTier(String tierName) {
        Objects.requireNonNull(tierName, "tierName");
        if (format != AlignmentFormat.TEXTGRID) {
            throw new IllegalArgumentException("a tier is chosen in TextGrid alignments only, not in " + format);
        }
        if (tierName.isBlank()) {
            throw new IllegalArgumentException("tier name is blank");
        }
        return new AlignmentLabels(audioRoot, alignmentDir, format, droppedLabels, sampleRates, durations,
                tierName);
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
            double durationSeconds = Double.NaN;
            if (durations != null) {
                try {
                    durationSeconds = durations.durationSeconds(wav);
                } catch (IOException e) {
                    builder.skip(wav, "recording length unknown: " + FileLineException.describe(e));
                    continue;
                }
                if (durationSeconds < 0 || durationSeconds == Double.POSITIVE_INFINITY) {
                    builder.skip(wav, "recording length lookup gave " + durationSeconds + " s");
                    continue;
                }
            }
            readAlignment(wav, CorpusFiles.fileId(audio.root(), wav), alignment, rateHz, durationSeconds, builder);
        }
        for (Path a : aligned.files()) {
            if (!used.contains(a)) {
                builder.skip(a, "no audio file " + CorpusFiles.stem(a) + ".wav for this alignment");
            }
        }
        return builder.build();
    }

    private void readAlignment(Path wav, String baseId, Path alignment, double rateHz, double durationSeconds,
                               CorpusBuilder builder) {
        String name = alignment.getFileName().toString();
        String text;
        try {
            text = format == AlignmentFormat.TEXTGRID
                    ? TextFiles.readUtf8OrUtf16(alignment, TextFiles.ANY_SIZE, CorpusFiles.MAX_LINE_CHARS, false)
                    : CorpusFiles.readUtf8(alignment);
        } catch (IOException e) {
            builder.skip(alignment, name + ": cannot read: " + FileLineException.describe(e) + "; recording skipped");
            return;
        }
        FileSegments sink = new FileSegments(wav, baseId, alignment, name, durationSeconds, builder);
        int segmentLines = switch (format) {
            case HTK_LAB -> {
                if (EstLabelFile.looksLikeEst(TextFiles.lines(text))) { // its lines would give times 10^7 too small
                    sink.skip(name + ": has a Festival/EST header (lines up to '#'), not HTK lines; read it as an"
                            + " EST label file");
                    yield -1;
                }
                yield ColumnAlignmentFile.read(name, text, true, rateHz, sink);
            }
            case TIMIT_PHN, TIMIT_WRD -> ColumnAlignmentFile.read(name, text, false, rateHz, sink);
            case EST_LAB -> EstLabelFile.read(name, text, sink);
            case LAB -> EstLabelFile.looksLikeEst(TextFiles.lines(text)) ? EstLabelFile.read(name, text, sink)
                    : ColumnAlignmentFile.read(name, text, true, rateHz, sink);
            case TEXTGRID -> TextGridFile.read(name, text, tier, sink);
        };
        if (segmentLines == 0) {
            builder.skip(alignment, name + ": holds no segment lines; recording " + wav.getFileName() + " skipped");
        }
    }

    /**
     * The checks every format shares, for the segments of one alignment file: dropped labels, the length
     * of the recording, overlaps with the segments kept before; then the utterance.
     */
    private final class FileSegments implements AlignmentSink {
        private final Path wav;
        /** The recording's file name, for messages. */
        private final String wavName;
        private final String baseId;
        private final Path alignment;
        private final String name;
        private final double durationSeconds;
        private final CorpusBuilder builder;
        /** The kept segments by start time, with their lines; they do not overlap. */
        private final TreeMap<Double, Kept> kept = new TreeMap<>();

        private record Kept(Segment segment, int line) {
        }

        FileSegments(Path wav, String baseId, Path alignment, String name, double durationSeconds,
                     CorpusBuilder builder) {
            this.wav = wav;
            this.wavName = wav.getFileName().toString();
            this.baseId = baseId;
            this.alignment = alignment;
            this.name = name;
            this.durationSeconds = durationSeconds;
            this.builder = builder;
        }

        @Override
        public boolean drops(String label) {
            return droppedLabels.contains(label);
        }

        @Override
        public void skip(String reason) {
            builder.skip(alignment, reason);
        }

        @Override
        public void segment(int index, int line, double startSeconds, double endSeconds, String label) {
            String where = name + " line " + line;
            if (!(startSeconds >= 0) || !(endSeconds > startSeconds) || endSeconds == Double.POSITIVE_INFINITY) {
                skip(where + ": [" + startSeconds + ", " + endSeconds + ") s is not a segment of the recording");
                return;
            }
            Segment segment = Segment.ofRecording(startSeconds, endSeconds);
            if (!Double.isNaN(durationSeconds)) {
                String outside = segment.outsideRecording(durationSeconds, wavName);
                if (outside != null) {
                    skip(where + ": " + outside);
                    return;
                }
            }
            Map.Entry<Double, Kept> before = kept.floorEntry(startSeconds);
            Map.Entry<Double, Kept> after = kept.higherEntry(startSeconds);
            Kept other = before != null && before.getValue().segment.overlaps(segment) ? before.getValue()
                    : after != null && after.getValue().segment.overlaps(segment) ? after.getValue() : null;
            if (other != null) {
                skip(where + ": segment " + segment + " overlaps segment " + other.segment + " of line "
                        + other.line + "; not used");
                return;
            }
            Utterance u = new Utterance(baseId + "_" + index, wav, label, Optional.empty(), Optional.of(segment));
            if (builder.add(u, alignment, where)) {
                kept.put(startSeconds, new Kept(segment, line));
            }
        }
    }

    private static String withoutExtension(String relativeName) {
        int slash = relativeName.lastIndexOf('/');
        int dot = relativeName.lastIndexOf('.');
        return dot > slash + 1 ? relativeName.substring(0, dot) : relativeName;
    }
}
