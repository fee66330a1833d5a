package org.cepstra.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.cepstra.audio.WavReader;
import org.cepstra.corpus.AlignmentFormat;
import org.cepstra.corpus.AlignmentLabels;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.CorpusSplit;
import org.cepstra.corpus.FileNamePatternLabels;
import org.cepstra.corpus.FolderLabels;
import org.cepstra.corpus.KaldiDataDir;
import org.cepstra.corpus.LabelMap;
import org.cepstra.corpus.RecordingSplits;
import org.cepstra.base.FileLineException;
import org.cepstra.corpus.Manifest;
import org.cepstra.corpus.ManifestReader;
import org.cepstra.corpus.Splitter;
import java.util.ArrayList;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Where labels come from and how a corpus is split into training and test utterances; shared by
 * {@code train} and {@code evaluate}.
 */
@Command(modelTransformer = TableOptions.Registration.class)
final class CorpusOptions implements TableOptions.Mixin {

    /** Exactly one label source. */
    static final class LabelSource {
        @Option(names = "--label-pattern", paramLabel = "REGEX",
                description = "label = group 1 (or the group named 'label') of REGEX found in each file name; "
                        + "a group named 'speaker' gives the speaker (e.g. '^(\\d)_' for FSDD digits)")
        String labelPattern;

        @Option(names = "--label-folders", description = "label = name of the sub-folder of CORPUS holding the file")
        boolean labelFolders;

        @Option(names = "--manifest", paramLabel = "FILE",
                description = "CSV/TSV with columns path, label and optionally speaker, split, start, end")
        Path manifest;

        @Option(names = "--alignments", paramLabel = "DIR",
                description = "time alignments (one label per segment) beside or below DIR, see --alignment-format")
        Path alignments;

        @Option(names = "--kaldi-data", paramLabel = "DIR",
                description = "a Kaldi data folder: wav.scp, optional segments, labels from utt2label or text")
        Path kaldiData;
    }

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Label source (exactly one):%n")
    LabelSource source;

    /** The option naming the alignment format; its help lists the formats ({@link #register}). */
    static final String ALIGNMENT_FORMAT = "--alignment-format";

    @Option(names = ALIGNMENT_FORMAT, paramLabel = "FORMAT",
            description = "with --alignments: the format of the alignment files (default lab):")
    String alignmentFormat;

    @Option(names = "--tier", paramLabel = "NAME",
            description = "with --alignment-format textgrid: the interval tier to read (default: the only one)")
    String tier;

    /**
     * Adds each alignment format's name and summary, as {@link AlignmentFormat} gives them, to the help of
     * {@code --alignment-format} in {@code spec}, the command that uses these options.
     */
    @Override
    public void register(CommandSpec spec) {
        OptionSpec option = spec.findOption(ALIGNMENT_FORMAT);
        List<String> lines = new ArrayList<>(List.of(option.description()));
        for (AlignmentFormat f : AlignmentFormat.values()) {
            lines.add(f.formatName() + ": " + f.summary());
        }
        spec.remove(option);
        spec.addOption(option.toBuilder().description(lines.toArray(new String[0])).build());
    }

    @Option(names = "--drop-labels", split = ",", paramLabel = "LABEL",
            description = "with --alignments: ignore segments with these labels (e.g. sil,sp,h#)")
    List<String> dropLabels = List.of();

    @Option(names = "--label-map", paramLabel = "FILE",
            description = "map labels through FILE: lines 'from to' (e.g. TIMIT 61 -> 39 phones); a label alone "
                    + "maps to nothing and its segments are dropped; a corpus label the file does not list is an error")
    Path labelMap;

    @Option(names = "--split-file", paramLabel = "FILE",
            description = "test utterances: those of the recordings FILE marks test or dev (CSV/TSV with a recording "
                    + "column: clip, recording, id, file, path or wav; and a split column: train, test, dev)")
    Path splitFile;

    @Option(names = "--test-pattern", paramLabel = "REGEX",
            description = "test utterances: files whose name matches REGEX (e.g. '_[0-4]\\.wav$' for FSDD's split)")
    String testPattern;

    @Option(names = "--test-speakers", split = ",", paramLabel = "SPEAKER",
            description = "test utterances: those of these speakers (leave-speakers-out)")
    List<String> testSpeakers;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "test utterances: a seeded, per-label stratified fraction of the recordings")
    Double testFraction;

    @Option(names = "--split-seed", paramLabel = "N", description = "seed of --test-fraction (0)")
    long splitSeed;

    @Option(names = "--manifest-split", description = "test utterances: rows whose split column is test (or dev)")
    boolean manifestSplit;

    private Manifest manifestRead;

    /**
     * Checks the corpus options and their combinations without reading any file: one split option at
     * most, {@code --test-fraction} in (0, 1), {@code --manifest-split} only with {@code --manifest},
     * options of one label source not given with another, a known {@code --alignment-format}, {@code --tier}
     * only with TextGrid alignments, regular
     * expressions that compile.
     *
     * @throws InputException naming the option as typed
     */
    void check() {
        if (splitOptions() > 1) {
            throw new InputException(ONE_SPLIT);
        }
        if (testFraction != null && !(testFraction > 0 && testFraction < 1)) {
            throw new InputException("--test-fraction must be between 0 and 1, got " + testFraction);
        }
        if (manifestSplit && source.manifest == null) {
            throw new InputException("--manifest-split needs --manifest");
        }
        if (source.alignments == null && alignmentFormat != null) {
            throw new InputException("--alignment-format needs --alignments");
        }
        if (source.alignments == null && !dropLabels.isEmpty()) {
            throw new InputException("--drop-labels needs --alignments");
        }
        if (tier != null && alignmentFormat() != AlignmentFormat.TEXTGRID) {
            throw new InputException("--tier needs --alignments with --alignment-format textgrid");
        }
        if (tier != null && tier.isBlank()) {
            throw new InputException("--tier: the tier name is blank");
        }
        alignmentFormat();
        if (source.labelPattern != null) {
            compile(source.labelPattern, "--label-pattern");
        }
        if (testPattern != null) {
            compile(testPattern, "--test-pattern");
        }
    }

    private static final String ONE_SPLIT =
            "give only one of --test-pattern, --test-speakers, --test-fraction, --manifest-split, --split-file";

    private int splitOptions() {
        return (testPattern != null ? 1 : 0) + (testSpeakers != null ? 1 : 0) + (testFraction != null ? 1 : 0)
                + (manifestSplit ? 1 : 0) + (splitFile != null ? 1 : 0);
    }

    private AlignmentFormat alignmentFormat() {
        if (alignmentFormat == null) {
            return AlignmentFormat.LAB;
        }
        return AlignmentFormat.byName(alignmentFormat).orElseThrow(() -> new InputException(
                "--alignment-format must be one of " + String.join(", ", AlignmentFormat.formatNames()) + ", got '"
                        + alignmentFormat + "'"));
    }

    /**
     * The labelled corpus found under {@code root} (or in the manifest / Kaldi folder), options checked first,
     * labels mapped by {@code --label-map}.
     */
    Corpus read(Path root) throws IOException {
        check();
        Corpus corpus = readSource(root);
        return labelMap == null ? corpus : LabelMap.read(labelMap).applyTo(corpus);
    }

    private Corpus readSource(Path root) throws IOException {
        if (source.labelPattern != null) {
            return new FileNamePatternLabels(compile(source.labelPattern, "--label-pattern")).read(requireRoot(root));
        }
        if (source.labelFolders) {
            return new FolderLabels().read(requireRoot(root));
        }
        if (source.manifest != null) {
            manifestRead = new ManifestReader().readManifest(source.manifest);
            return manifestRead.corpus();
        }
        if (source.alignments != null) {
            WavReader reader = new WavReader();
            AlignmentLabels labels = new AlignmentLabels(requireRoot(root), source.alignments, alignmentFormat())
                    .droppingLabels(Set.copyOf(dropLabels))
                    .withSampleRateLookup(wav -> reader.readFormat(wav).sampleRateHz())
                    .withDurationLookup(wav -> reader.readFormat(wav).durationSeconds());
            return (tier == null ? labels : labels.withTier(tier)).read();
        }
        return new KaldiDataDir(source.kaldiData).read();
    }

    /** Whether any split option was given. */
    boolean hasSplit() {
        return splitOptions() > 0;
    }

    /** Splits {@code corpus} as the options say (all of it is training data when no split option is given). */
    CorpusSplit split(Corpus corpus) {
        if (splitOptions() > 1) {
            throw new InputException(ONE_SPLIT);
        }
        Splitter splitter;
        if (testPattern != null) {
            splitter = Splitter.byTestFileName(compile(testPattern, "--test-pattern"));
        } else if (testSpeakers != null) {
            splitter = Splitter.byTestSpeakers(Set.copyOf(testSpeakers));
        } else if (testFraction != null) {
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new InputException("--test-fraction must be between 0 and 1, got " + testFraction);
            }
            splitter = Splitter.stratified(testFraction, splitSeed);
        } else if (splitFile != null) {
            try {
                splitter = RecordingSplits.read(splitFile).splitter();
            } catch (IOException e) {
                throw new InputException("--split-file: " + FileLineException.describe(e));
            }
        } else if (manifestSplit) {
            if (manifestRead == null) {
                throw new InputException("--manifest-split needs --manifest");
            }
            splitter = Splitter.byManifestColumn(manifestRead);
        } else {
            return new CorpusSplit(corpus, Corpus.of(List.of()));
        }
        return splitter.split(corpus);
    }

    /** Whether the label source reads its files from a CORPUS folder (a manifest or Kaldi data folder names its own). */
    boolean needsRoot() {
        return source.labelPattern != null || source.labelFolders || source.alignments != null;
    }

    private Path requireRoot(Path root) {
        if (root == null) {
            throw new InputException("a CORPUS folder is required with this label source");
        }
        return root;
    }

    private static Pattern compile(String regex, String option) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InputException(option + ": not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " of '" + regex + "'");
        }
    }
}
