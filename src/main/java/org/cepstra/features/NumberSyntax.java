package org.cepstra.features;

/**
 * The syntax of plain decimal numbers in text inputs, checked character by character (no regular
 * expression, so a long value costs one pass and no backtracking). A copy lives in each room that
 * reads numbers from text, as the rooms may not import each other.
 */
final class NumberSyntax {
    private NumberSyntax() {
    }

    /** {@code [+-]?(digits(.digits*)?|.digits)([eE][+-]?digits)?}: no hex, NaN, Infinity or suffixes. */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = sign(s, 0);
        int intDigits = digits(s, i);
        i += intDigits;
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            fracDigits = digits(s, i);
            i += fracDigits;
        }
        if (intDigits == 0 && fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i = sign(s, i + 1);
            int expDigits = digits(s, i);
            if (expDigits == 0) {
                return false;
            }
            i += expDigits;
        }
        return i == n;
    }

    /** {@code [+-]?digits} with between 1 and {@code maxDigits} digits. */
    static boolean isInteger(String s, int maxDigits) {
        int i = sign(s, 0);
        int d = digits(s, i);
        return d >= 1 && d <= maxDigits && i + d == s.length();
    }

    private static int sign(String s, int i) {
        return i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-') ? i + 1 : i;
    }

    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }
}
