package org.cepstra.base;

/**
 * Text from input files made safe to show in a one-line message: line breaks, tabs and every other control
 * character (C0 and C1, U+2028, U+2029) are written as Java-style escapes ({@code \n}, {@code \r}, {@code \t},
 * {@code \u0000}), and so is U+FFFD, the character a decoder puts for bytes it could not read. A message then
 * stays one line, cannot move the terminal's cursor, and shows a NUL byte or an escape sequence for what it
 * is.
 */
public final class MessageText {

    private MessageText() {
    }

    /** {@code text} with the characters named above escaped; the same string if it holds none. */
    public static String escaped(String text) {
        int first = 0;
        while (first < text.length() && !needsEscape(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 8).append(text, 0, first);
        appendEscaped(sb, text, first, text.length());
        return sb.toString();
    }

    /**
     * {@code text} in single quotes, escaped as {@link #escaped}, cut after {@code maxChars} characters with
     * {@code ...} before the closing quote.
     */
    public static String quoted(String text, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be >= 1, got " + maxChars);
        }
        int n = Math.min(text.length(), maxChars);
        StringBuilder sb = new StringBuilder(n + 8).append('\'');
        appendEscaped(sb, text, 0, n);
        if (text.length() > n) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder sb, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (needsEscape(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
    }

    /**
     * Whether {@code c} is a line break or another control character (C0 and C1, U+2028, U+2029): one that would
     * split or garble a line of text.
     */
    public static boolean isControl(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    private static boolean needsEscape(char c) {
        return isControl(c) || c == '\uFFFD';
    }
}
