package org.cepstra.corpus;

/** The time-alignment file formats {@link AlignmentLabels} reads. */
public enum AlignmentFormat {
    /**
     * HTK label file ({@code .lab}): lines {@code start end label [score] [aux-label [aux-score]...]},
     * times in units of 100 ns; {@code ///} separates alternative transcriptions, of which only the
     * first is read; fields after the label (scores, further levels) are ignored.
     */
    HTK_LAB("lab", false),
    /** TIMIT phone alignment ({@code .phn}): lines {@code startSample endSample phone}. */
    TIMIT_PHN("phn", true),
    /** TIMIT word alignment ({@code .wrd}): lines {@code startSample endSample word}. */
    TIMIT_WRD("wrd", true);

    private final String extension;
    private final boolean sampleOffsets;

    AlignmentFormat(String extension, boolean sampleOffsets) {
        this.extension = extension;
        this.sampleOffsets = sampleOffsets;
    }

    /** The file extension, lower case, without the dot (matched in any letter case). */
    public String extension() {
        return extension;
    }

    /** True when times are sample offsets, which need the recording's sample rate. */
    public boolean usesSampleOffsets() {
        return sampleOffsets;
    }
}
