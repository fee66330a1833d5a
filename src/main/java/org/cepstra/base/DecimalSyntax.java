package org.cepstra.base;

/**
 * The syntax of plain decimal numbers in text inputs (config files, list files, feature files), checked
 * character by character: no regular expression, so a long value costs one pass and no backtracking.
 */
public final class DecimalSyntax {
    private DecimalSyntax() {
    }

    /**
     * Whether {@code s[from, to)} is {@code [+-]?(digits(.digits*)?|.digits)([eE][+-]?digits)?}: a plain
     * decimal number, no hex, NaN, infinity or type suffixes.
     */
    public static boolean isDecimal(CharSequence s, int from, int to) {
        int i = sign(s, from, to);
        int intDigits = digits(s, i, to);
        i += intDigits;
        int fracDigits = 0;
        if (i < to && s.charAt(i) == '.') {
            i++;
            fracDigits = digits(s, i, to);
            i += fracDigits;
        }
        if (intDigits == 0 && fracDigits == 0) {
            return false;
        }
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i = sign(s, i + 1, to);
            int expDigits = digits(s, i, to);
            if (expDigits == 0) {
                return false;
            }
            i += expDigits;
        }
        return i == to;
    }

    /** Whether all of {@code s} is a plain decimal number (see {@link #isDecimal(CharSequence, int, int)}). */
    public static boolean isDecimal(CharSequence s) {
        return isDecimal(s, 0, s.length());
    }

    /** Whether {@code s} is {@code [+-]?digits} with between 1 and {@code maxDigits} digits. */
    public static boolean isInteger(CharSequence s, int maxDigits) {
        int i = sign(s, 0, s.length());
        int d = digits(s, i, s.length());
        return d >= 1 && d <= maxDigits && i + d == s.length();
    }

    private static int sign(CharSequence s, int i, int to) {
        return i < to && (s.charAt(i) == '+' || s.charAt(i) == '-') ? i + 1 : i;
    }

    private static int digits(CharSequence s, int from, int to) {
        int i = from;
        while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }
}
