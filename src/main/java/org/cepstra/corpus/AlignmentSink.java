package org.cepstra.corpus;

/**
 * Where the reader of one alignment file puts what it finds: labelled segments, and reports of the lines
 * (or the file) it could not use. The receiver applies the checks every format shares: dropped labels,
 * the length of the recording, overlaps, utterance ids.
 */
interface AlignmentSink {

    /** Whether segments labelled {@code label} are left out (without a report). */
    boolean drops(String label);

    /**
     * A labelled segment of the file.
     *
     * @param index        the segment's number in the file from 0 (it forms the utterance id)
     * @param line         the 1-based line it was read from
     * @param startSeconds start, seconds from the start of the recording
     * @param endSeconds   end, seconds
     * @param label        the label, not blank
     */
    void segment(int index, int line, double startSeconds, double endSeconds, String label);

    /** A line or the whole file could not be used; {@code reason} starts with the file's name (and line). */
    void skip(String reason);
}
