package org.cepstra.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cepstra.corpus.SkipSummary;
import org.cepstra.corpus.SkippedFile;

/**
 * Prints skip reports on standard error as {@code cepstra: skipped FILE: reason}: the first
 * {@link #SHOWN_PER_REASON} files of each reason one by one, then one line per reason saying how many
 * more files were skipped for it, so that a corpus of 300 files with the same fault is a few lines.
 */
final class SkipReporter {
    /** Files listed one by one for each distinct reason before the rest are counted. */
    static final int SHOWN_PER_REASON = 5;

    private SkipReporter() {
    }

    /** Reports {@code skipped} on {@code err}, grouped as described above. */
    static void report(PrintWriter err, List<SkippedFile> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        SkipSummary summary = SkipSummary.of(skipped);
        Map<String, Integer> shown = new HashMap<>();
        for (SkippedFile s : skipped) {
            String key = SkipSummary.reasonOf(s);
            int n = shown.merge(key, 1, Integer::sum);
            if (n <= SHOWN_PER_REASON) {
                err.println("cepstra: skipped " + s);
            }
        }
        for (SkipSummary.Group g : summary.groups()) {
            if (g.count() > SHOWN_PER_REASON) {
                err.println("cepstra: ... and " + (g.count() - SHOWN_PER_REASON) + " more files skipped: " + g.reason());
            }
        }
    }
}
