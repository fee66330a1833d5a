package org.cepstra.corpus;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One labelled piece of audio: a whole WAV file or a time segment of it, with its label and,
 * when known, its speaker. The corpus only says where the audio is; it never decodes it.
 *
 * @param id        identifier, unique within a corpus (see {@link Corpus} for how each label
 *                  source forms it); not blank
 * @param audioFile the recording holding the audio (label sources store it absolute and normalised)
 * @param label     the class the audio belongs to (digit, word, phoneme, speaker...); not blank
 * @param speaker   the speaker, when the source knows it; a present value is not blank
 * @param segment   the part of the file this utterance covers; empty means the whole file
 */
public record Utterance(String id, Path audioFile, String label, Optional<String> speaker,
                        Optional<Segment> segment) {

    /** Validates the fields; throws {@link IllegalArgumentException} or {@link NullPointerException}. */
    public Utterance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(audioFile, "audioFile");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(segment, "segment");
        if (id.isBlank()) {
            throw new IllegalArgumentException("utterance id is blank (file " + audioFile + ")");
        }
        if (label.isBlank()) {
            throw new IllegalArgumentException("label of utterance '" + id + "' is blank");
        }
        if (speaker.isPresent() && speaker.get().isBlank()) {
            throw new IllegalArgumentException("speaker of utterance '" + id + "' is blank");
        }
    }

    /** A whole-file utterance without a known speaker. */
    public static Utterance wholeFile(String id, Path audioFile, String label) {
        return new Utterance(id, audioFile, label, Optional.empty(), Optional.empty());
    }

    /** True when the utterance covers the whole file (no segment). */
    public boolean isWholeFile() {
        return segment.isEmpty();
    }

    /** The same utterance with another label. */
    public Utterance withLabel(String newLabel) {
        return new Utterance(id, audioFile, newLabel, speaker, segment);
    }
}
