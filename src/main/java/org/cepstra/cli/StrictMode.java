package org.cepstra.cli;

import org.cepstra.corpus.SkippedFile;
import org.cepstra.models.UnusableFileException;

/** How {@code --strict} reports the file that stopped a command. */
final class StrictMode {
    /** Appended to the skip report of the file that stopped the command. */
    static final String SUFFIX = " (--strict: stopped at the first file that cannot be used)";

    private StrictMode() {
    }

    /** The one-line input error for the first unusable file: {@code FILE: reason (--strict: ...)}. */
    static InputException stopped(UnusableFileException e) {
        return stopped(e.report());
    }

    /** {@link #stopped(UnusableFileException)} for a file the corpus reader already reported as skipped. */
    static InputException stopped(SkippedFile report) {
        return new InputException(report + SUFFIX);
    }
}
