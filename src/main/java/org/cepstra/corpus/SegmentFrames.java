package org.cepstra.corpus;

/**
 * Where the feature frames of a {@link Segment} come from.
 *
 * <ul>
 * <li>{@link #CUT}: for utterance-level segments (Kaldi {@code segments} files, manifest rows with
 * start and end). The segment's samples are cut out and featurised as a recording of their own,
 * as Kaldi's {@code extract-segments} + {@code compute-mfcc-feats} do. Deltas see only the
 * segment, and per-utterance CMVN uses only its frames.</li>
 * <li>{@link #FROM_RECORDING}: for the phones and words of a time alignment (HTK or EST {@code .lab},
 * TIMIT {@code .phn} / {@code .wrd}, Praat {@code .TextGrid}). The whole recording is featurised once: MFCC, deltas, VAD
 * and CMVN, with per-utterance CMVN over the whole recording. Each segment then takes the frames
 * whose centre lies inside it. A 50 ms phone cut out alone gives about 3 frames whose deltas repeat
 * its edge frames; taken from the recording, it gets the frames an HTK or Kaldi system would label
 * with it.</li>
 * </ul>
 */
public enum SegmentFrames {
    /** Cut out the segment's samples and featurise them alone. */
    CUT,
    /** Featurise the whole recording once; the segment takes the frames whose centre lies inside it. */
    FROM_RECORDING
}
