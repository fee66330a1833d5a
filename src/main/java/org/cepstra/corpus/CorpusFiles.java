package org.cepstra.corpus;

import org.cepstra.base.DecimalSyntax;
import org.cepstra.base.TextFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.cepstra.base.FileLineException;

/** File-system helpers shared by the label sources: folder walks, ids, strict text and numbers. */
final class CorpusFiles {
    /** Runs of white space between the fields of a line. */
    static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private CorpusFiles() {
    }

    /** Files found below a root, and the folders or files that could not be used. */
    record Listing(Path root, List<Path> files, List<SkippedFile> problems) {
    }

    /** The absolute, normalised form of {@code path}. */
    static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /** Throws a {@link CorpusException} unless {@code root} is an existing folder. */
    static Path requireFolder(Path root, String what) throws CorpusException {
        Path abs = absolute(root);
        if (!Files.exists(abs)) {
            throw new CorpusException(root, what + " not found");
        }
        if (!Files.isDirectory(abs)) {
            throw new CorpusException(root, what + " is not a folder");
        }
        return abs;
    }

    /** The extension of a file name in lower case without the dot, or "" when it has none. */
    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The file name without its last extension. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    /**
     * All regular files below {@code root} (recursively, following links) whose extension is one of
     * {@code extensionsLowerCase} in any letter case, sorted by their path below the root. Folders and
     * files whose name starts with '.' are left out; hidden files with a wanted extension (such as
     * macOS {@code ._x.wav} companions) are reported. Unreadable sub-folders and link loops are reported.
     */
    static Listing list(Path root, Set<String> extensionsLowerCase, String what) throws CorpusException {
        Path abs = requireFolder(root, what);
        List<Path> files = new ArrayList<>();
        List<SkippedFile> problems = new ArrayList<>();
        try {
            Files.walkFileTree(abs, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (!dir.equals(abs) && dir.getFileName().toString().startsWith(".")) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && extensionsLowerCase.contains(extension(file))) {
                                if (file.getFileName().toString().startsWith(".")) {
                                    problems.add(new SkippedFile(file, "hidden file (name starts with '.')"));
                                } else {
                                    files.add(file);
                                }
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                            if (file.equals(abs)) {
                                throw e;
                            }
                            String problem = e instanceof FileSystemLoopException
                                    ? "folder link loops back to a folder above it"
                                    : "cannot read: " + FileLineException.describe(e);
                            problems.add(new SkippedFile(file, problem));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new CorpusException(root, "cannot read " + what + ": " + FileLineException.describe(e), e);
        }
        // each file's relative name made once, not once per comparison
        java.util.Map<Path, String> names = new java.util.HashMap<>(files.size() * 2);
        for (Path f : files) {
            names.put(f, relativeName(abs, f));
        }
        // a class rather than Comparator.comparing(names::get): that lambda would be generated at every start
        files.sort(new Comparator<Path>() {
            @Override
            public int compare(Path a, Path b) {
                return names.get(a).compareTo(names.get(b));
            }
        });
        return new Listing(abs, List.copyOf(files), List.copyOf(problems));
    }

    /** {@code file}'s path below {@code root} with '/' separators, or its bare name if it is not below. */
    static String relativeName(Path root, Path file) {
        Path rel = file.startsWith(root) ? root.relativize(file) : file.getFileName();
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    /** The utterance id of a whole file: its path below {@code root}, '/'-separated, without ".wav". */
    static String fileId(Path root, Path file) {
        String rel = relativeName(root, file);
        if (rel.length() > 4 && rel.regionMatches(true, rel.length() - 4, ".wav", 0, 4)) {
            return rel.substring(0, rel.length() - 4);
        }
        return rel;
    }

    /** The longest line a list file (manifest, alignment, Kaldi data file) may hold, in characters. */
    static final int MAX_LINE_CHARS = 1 << 16;

    /**
     * Reads {@code file} as strict UTF-8 ({@link TextFiles}: a leading byte-order mark is dropped), refusing
     * a line longer than {@link #MAX_LINE_CHARS} characters as soon as it is seen, so that a huge file
     * without line breaks is never held whole.
     *
     * @throws IOException if the file cannot be read, is not UTF-8, or has a line that is too long
     *                     (the message gives its number)
     */
    static String readUtf8(Path file) throws IOException {
        return TextFiles.readUtf8(file, TextFiles.ANY_SIZE, MAX_LINE_CHARS, false);
    }

    /**
     * The text of a small list file given on the command line (label map, split table), read as
     * {@link #readUtf8}; {@code what} names it in errors ({@code "label map not found"}).
     *
     * @throws CorpusException when it is missing, not a regular file, unreadable or not UTF-8
     */
    static String readListFile(Path file, String what) throws CorpusException {
        if (!Files.isRegularFile(file)) {
            throw new CorpusException(file, Files.exists(file) ? what + " is not a regular file"
                    : what + " not found");
        }
        try {
            return readUtf8(file);
        } catch (IOException e) {
            throw new CorpusException(file, "cannot read the " + what + ": " + FileLineException.describe(e), e);
        }
    }

    /** Splits a line into fields separated by runs of {@code \s} white space (no empty fields). */
    static String[] fields(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return new String[0];
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        int n = trimmed.length();
        int i = 0;
        while (i < n) {
            while (i < n && isRegexSpace(trimmed.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isRegexSpace(trimmed.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(trimmed.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    /** The characters of the regex class {@code \s}: space, tab, LF, VT, FF, CR. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** A decimal number (no hex, NaN, Infinity or type suffixes), or null if {@code text} is not one. */
    static Double parseDecimal(String text) {
        if (DecimalSyntax.isInteger(text, 15)) { // below 2^53: the same double, parsed faster
            long whole = Long.parseLong(text);
            return whole == 0 && text.charAt(0) == '-' ? -0.0 : (double) whole;
        }
        if (!DecimalSyntax.isDecimal(text)) {
            return null;
        }
        double value = Double.parseDouble(text);
        return Double.isFinite(value) ? value : null;
    }

    /** A whole number of at most 18 digits, or null if {@code text} is not one. */
    static Long parseInteger(String text) {
        return DecimalSyntax.isInteger(text, 18) ? Long.parseLong(text) : null;
    }
}
