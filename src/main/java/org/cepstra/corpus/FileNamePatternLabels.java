package org.cepstra.corpus;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labels WAV files by a regular expression searched ({@link Matcher#find()}) in the file name,
 * extension included. The label is the group named {@code label} when the pattern has one,
 * otherwise group 1; a group named {@code speaker}, when present and matched, gives the speaker.
 * Files whose name does not match, or whose label group matched nothing, are reported as skipped.
 * Files are found recursively below the root (following links; hidden files and folders left out),
 * {@code .wav} in any letter case, and listed in order of their path below the root. Ids are paths
 * below the root without ".wav"; see {@link Corpus}.
 *
 * <p>For the Free Spoken Digit Dataset ({@code {digit}_{speaker}_{index}.wav}) use
 * {@link #fsddDigits()} (label = digit) or {@link #fsddSpeakers()} (label = speaker).
 */
public final class FileNamePatternLabels {
    private static final String LABEL_GROUP = "label";
    private static final String SPEAKER_GROUP = "speaker";

    private final Pattern pattern;

    /**
     * A source labelling files by {@code pattern}.
     *
     * @throws IllegalArgumentException when the pattern has no capturing group at all
     */
    public FileNamePatternLabels(Pattern pattern) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        if (pattern.matcher("").groupCount() == 0) {
            throw new IllegalArgumentException("file-name pattern " + pattern.pattern()
                    + " has no capturing group to take the label from");
        }
    }

    /** FSDD digits: label = the digit before the first '_', speaker = the name after it. */
    public static FileNamePatternLabels fsddDigits() {
        return new FileNamePatternLabels(Pattern.compile("^(?<label>\\d)_(?<speaker>[a-z]+)_"));
    }

    /** FSDD speakers: label = speaker = the name between the digit and the index. */
    public static FileNamePatternLabels fsddSpeakers() {
        return new FileNamePatternLabels(Pattern.compile("^\\d_(?<label>(?<speaker>[a-z]+))_"));
    }

    /** The pattern searched in each file name. */
    public Pattern pattern() {
        return pattern;
    }

    /**
     * Reads the corpus below {@code root}.
     *
     * @throws CorpusException when {@code root} is missing, not a folder or unreadable
     */
    public Corpus read(Path root) throws CorpusException {
        CorpusFiles.Listing listing = CorpusFiles.list(root, Set.of("wav"), "corpus folder");
        CorpusBuilder builder = new CorpusBuilder();
        builder.skipAll(listing.problems());
        for (Path file : listing.files()) {
            String name = file.getFileName().toString();
            Matcher m = pattern.matcher(name);
            if (!m.find()) {
                builder.skip(file, "file name does not match label pattern " + pattern.pattern());
                continue;
            }
            String label = group(m, LABEL_GROUP);
            if (label == null) {
                label = m.group(1);
            }
            if (label == null || label.isBlank()) {
                builder.skip(file, "label group of pattern " + pattern.pattern() + " matched nothing in the file name");
                continue;
            }
            String speaker = group(m, SPEAKER_GROUP);
            Optional<String> speakerOpt = speaker == null || speaker.isBlank() ? Optional.empty() : Optional.of(speaker);
            Utterance u = new Utterance(CorpusFiles.fileId(listing.root(), file), file, label, speakerOpt,
                    Optional.empty());
            builder.add(u, file, file.toString());
        }
        return builder.build();
    }

    /** The text of a named group, or null when the pattern has no such group or it did not match. */
    private static String group(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException noSuchGroup) {
            return null;
        }
    }
}
