package org.cepstra.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Skip reports grouped by their reason, so that 300 files skipped for the same reason read as one
 * line with a count and an example file rather than 300 lines. Reasons are compared after the file's
 * own name is taken off their start (a reason that begins {@code "a.lab line 3: "} names its line and
 * stays its own group). Groups keep the order in which their reason first appeared.
 *
 * @param groups one entry per distinct reason, in order of first appearance
 * @param total  how many reports were grouped
 */
public record SkipSummary(List<Group> groups, int total) {

    /**
     * Files skipped for one reason.
     *
     * @param reason  the reason in words, without a file name in front
     * @param count   how many files were skipped for it (≥ 1)
     * @param example the first file skipped for it
     */
    public record Group(String reason, int count, Path example) {
        /** Validates the fields. */
        public Group {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(example, "example");
            if (count < 1) {
                throw new IllegalArgumentException("a group holds at least one file, got " + count);
            }
        }
    }

    /** Copies the list and checks the total. */
    public SkipSummary {
        groups = List.copyOf(groups);
        int sum = groups.stream().mapToInt(Group::count).sum();
        if (sum != total) {
            throw new IllegalArgumentException("groups hold " + sum + " files, total says " + total);
        }
    }

    /** Groups {@code skipped} by reason. */
    public static SkipSummary of(List<SkippedFile> skipped) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Path> examples = new LinkedHashMap<>();
        for (SkippedFile s : skipped) {
            String reason = withoutFileName(s);
            counts.computeIfAbsent(reason, r -> new int[1])[0]++;
            examples.putIfAbsent(reason, s.file());
        }
        List<Group> groups = new ArrayList<>(counts.size());
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            groups.add(new Group(e.getKey(), e.getValue()[0], examples.get(e.getKey())));
        }
        return new SkipSummary(groups, skipped.size());
    }

    /** The reason of {@code s} as it is grouped: without the file's own name in front. */
    public static String reasonOf(SkippedFile s) {
        return withoutFileName(s);
    }

    /** The reason without the file's path or bare name in front ({@code "a.lab: "}, as the alignment readers write). */
    private static String withoutFileName(SkippedFile s) {
        String reason = SkippedFile.withoutFileName(s.file(), s.reason());
        Path name = s.file().getFileName();
        String prefix = name == null ? null : name + ": ";
        return prefix != null && reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason;
    }

    /** Whether nothing was skipped. */
    public boolean isEmpty() {
        return total == 0;
    }

    /**
     * The reasons in one sentence for an error message, e.g.
     * {@code "200 × channel 5 requested, the file has 1 channel (e.g. a.wav); 3 × file is empty (e.g. b.wav)"};
     * at most {@code maxGroups} reasons, then {@code "and N more files for M other reasons"}.
     */
    public String describe(int maxGroups) {
        StringBuilder b = new StringBuilder();
        int shown = Math.min(Math.max(maxGroups, 1), groups.size());
        int files = 0;
        for (int i = 0; i < shown; i++) {
            Group g = groups.get(i);
            if (i > 0) {
                b.append("; ");
            }
            b.append(g.count()).append(" × ").append(g.reason()).append(" (e.g. ").append(g.example()).append(')');
            files += g.count();
        }
        if (shown < groups.size()) {
            b.append("; and ").append(total - files).append(" more files for ").append(groups.size() - shown)
                    .append(" other reason").append(groups.size() - shown == 1 ? "" : "s");
        }
        return b.toString();
    }
}
