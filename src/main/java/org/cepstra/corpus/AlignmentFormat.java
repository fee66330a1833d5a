package org.cepstra.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The time-alignment file formats {@link AlignmentLabels} reads, each with the name (and aliases) a user
 * gives it by, e.g. on the command line.
 */
public enum AlignmentFormat {
    /**
     * A {@code .lab} file of either kind, told apart by its content: a Festival/EST file ({@link #EST_LAB})
     * starts with a header that ends in a line holding only {@code #} (the first line that is not blank is
     * {@code #}, or is no number and is followed by such a line before any line starting with a number);
     * anything else is read as HTK ({@link #HTK_LAB}).
     */
    LAB("lab", false, "HTK or Festival/EST .lab, told apart by content"),
    /**
     * HTK label file ({@code .lab}): lines {@code start end label [score] [aux-label [aux-score]...]},
     * times in units of 100 ns; {@code ///} separates alternative transcriptions, of which only the
     * first is read; fields after the label (scores, further levels) are ignored. A file that looks like
     * {@link #EST_LAB} is refused (its end times, read as 100 ns units, would be 10^7 times too small).
     */
    HTK_LAB("htk", false, "HTK .lab: 'start end label', times in 100 ns units"),
    /**
     * Festival / Edinburgh Speech Tools (ESPS xlabel) label file ({@code .lab}): header lines (such as
     * {@code separator ;}, {@code nfields 1}) up to a line holding only {@code #}, then lines
     * {@code end colour label}: the time in seconds at which the segment ends (it starts where the line
     * before ended, the first at 0), an integer colour code, and the label up to the header's separator
     * ({@code ;} by default; what follows it is ignored). A line without a label ends an unlabelled stretch;
     * a first line ending at 0 only marks the start.
     */
    EST_LAB("est", false, "Festival/EST (xlabel) .lab: header up to '#', then 'end colour label', seconds"),
    /** TIMIT phone alignment ({@code .phn}): lines {@code startSample endSample phone}. */
    TIMIT_PHN("phn", true, "TIMIT .phn: 'startSample endSample phone'"),
    /** TIMIT word alignment ({@code .wrd}): lines {@code startSample endSample word}. */
    TIMIT_WRD("wrd", true, "TIMIT .wrd: 'startSample endSample word'"),
    /**
     * Praat TextGrid ({@code .TextGrid}) in its long or short text form, UTF-8 or UTF-16 (with a byte-order
     * mark); one interval tier is read, chosen by name ({@link AlignmentLabels#withTier}) or else the only
     * interval tier of the file. Times in seconds; intervals with empty text are unlabelled and give no segment.
     */
    TEXTGRID("textgrid", false, "Praat .TextGrid (long or short text form), one interval tier, seconds");

    private final String name;
    private final boolean sampleOffsets;
    private final String summary;

    AlignmentFormat(String name, boolean sampleOffsets, String summary) {
        this.name = name;
        this.sampleOffsets = sampleOffsets;
        this.summary = summary;
    }

    /** The name a user gives the format by ({@code lab}, {@code htk}, {@code est}, {@code phn}, ...). */
    public String formatName() {
        return name;
    }

    /** One line saying what the format is, for help texts. */
    public String summary() {
        return summary;
    }

    /** The file extension, lower case, without the dot (matched in any letter case). */
    public String extension() {
        return switch (this) {
            case LAB, HTK_LAB, EST_LAB -> "lab";
            case TIMIT_PHN -> "phn";
            case TIMIT_WRD -> "wrd";
            case TEXTGRID -> "textgrid";
        };
    }

    /** True when times are sample offsets, which need the recording's sample rate. */
    public boolean usesSampleOffsets() {
        return sampleOffsets;
    }

    /**
     * The format named {@code name} in any letter case: a {@link #formatName()}, or one of the aliases
     * {@code timit}, {@code timit-phn} (phn), {@code timit-wrd} (wrd), {@code festival}, {@code xlabel} (est),
     * {@code praat} (textgrid).
     */
    public static Optional<AlignmentFormat> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (AlignmentFormat f : values()) {
            if (f.name.equals(n)) {
                return Optional.of(f);
            }
        }
        return Optional.ofNullable(switch (n) {
            case "timit", "timit-phn" -> TIMIT_PHN;
            case "timit-wrd" -> TIMIT_WRD;
            case "festival", "xlabel" -> EST_LAB;
            case "praat" -> TEXTGRID;
            default -> null;
        });
    }

    /** The {@link #formatName()}s of all formats, in declaration order. */
    public static List<String> formatNames() {
        List<String> names = new ArrayList<>();
        for (AlignmentFormat f : values()) {
            names.add(f.name);
        }
        return List.copyOf(names);
    }
}
