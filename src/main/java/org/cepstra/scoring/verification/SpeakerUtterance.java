package org.cepstra.scoring.verification;

import java.util.Objects;
import java.util.Optional;

/**
 * One utterance of an evaluation speaker, as the trial-list maker needs it: plain values an application
 * fills from a manifest row.
 *
 * @param id       the utterance id, used in trials; no white space or control characters
 * @param speaker  the speaker, also the id of the speaker's model; no white space or control characters
 * @param label    what is said (word, digit...); orders enrolment utterances; not empty
 * @param fileName the audio file's name or path; the integer after the last {@code '_'} of its base name
 *                 without extension is the repetition number that ranks utterances within a label
 * @param role     an explicit enrolment or test role; when any utterance of a speaker has one, all must
 */
public record SpeakerUtterance(String id, String speaker, String label, String fileName,
                               Optional<EnrolmentRole> role) {

    /** Validates the fields; throws {@link IllegalArgumentException} or {@link NullPointerException}. */
    public SpeakerUtterance {
        TextLines.requireId("utterance id", id);
        TextLines.requireId("speaker of utterance '" + id + "'", speaker);
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(role, "role");
        if (label.isEmpty()) {
            throw new IllegalArgumentException("label of utterance '" + id + "' is empty");
        }
        if (fileName.isEmpty()) {
            throw new IllegalArgumentException("file name of utterance '" + id + "' is empty");
        }
    }

    /** An utterance without an explicit role (the maker's enrolment order decides). */
    public SpeakerUtterance(String id, String speaker, String label, String fileName) {
        this(id, speaker, label, fileName, Optional.empty());
    }
}
