package org.cepstra.corpus;

import java.nio.file.Path;
import java.util.Objects;
import org.cepstra.base.MessageText;

/**
 * Something a label source could not use, and why. {@code file} is the file at fault: the audio
 * file when the whole file was rejected (its name does not match the label pattern, no alignment
 * was found...), or the list file (manifest, alignment, {@code wav.scp}...) when one of its lines was
 * rejected; {@code reason} then starts with that file's name and the line number, e.g.
 * {@code "manifest.csv line 7: label column empty"}.
 *
 * @param file   the file the problem is about
 * @param reason the problem in words; not blank. Control characters in it (say a NUL byte quoted from a
 *               broken line) are stored escaped ({@link MessageText#escaped}), so that a report is one line
 */
public record SkippedFile(Path file, String reason) {

    /** Validates the fields. */
    public SkippedFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("skip reason for " + file + " is blank");
        }
        reason = MessageText.escaped(reason);
    }

    /**
     * The report of {@code file} for {@code message}, which may start with the file's own name followed by
     * {@code ": "} (as exception messages of the readers do): that prefix is left out of the reason.
     */
    public static SkippedFile of(Path file, String message) {
        return new SkippedFile(file, withoutFileName(file, message));
    }

    /** {@code message} without a leading {@code "FILE: "} naming {@code file}. */
    static String withoutFileName(Path file, String message) {
        String prefix = file + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /** {@code file: reason}, with control characters in the file's name escaped. */
    @Override
    public String toString() {
        return MessageText.escaped(file.toString()) + ": " + reason;
    }
}
