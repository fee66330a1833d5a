package org.cepstra.io;

import java.util.Locale;

/** Strict parsing of decimal numbers in text feature files. */
final class FeatureFileNumbers {
    /** Longest numeric token accepted, in characters. */
    static final int MAX_TOKEN_LENGTH = 400;

    private FeatureFileNumbers() {
    }

    /**
     * True if {@code s[from, to)} is a plain decimal number: optional sign, digits with an optional
     * fraction (or a fraction alone), optional exponent. No NaN, infinity, hex or type suffixes.
     */
    static boolean isDecimal(CharSequence s, int from, int to) {
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < to && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == to;
    }

    static boolean isDecimal(CharSequence s) {
        return isDecimal(s, 0, s.length());
    }

    /** True for the spellings of NaN and infinity that numpy, Kaldi, C and Java print. */
    static boolean isNonFiniteWord(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        if (t.startsWith("+") || t.startsWith("-")) {
            t = t.substring(1);
        }
        return t.equals("nan") || t.equals("inf") || t.equals("infinity") || t.startsWith("nan(");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Parses a decimal token to the nearest float.
     *
     * @return null if the token is not a plain decimal number; otherwise the value
     * @throws NumberFormatException with a message in words if the number is outside the float range
     */
    static Float parseFloat(String token) {
        if (token.length() > MAX_TOKEN_LENGTH || !isDecimal(token)) {
            return null;
        }
        float v = Float.parseFloat(token);
        if (Float.isInfinite(v)) {
            throw new NumberFormatException("'" + token + "' is outside the float range (about ±3.4e38)");
        }
        return v;
    }

    /** A token shortened for error messages. */
    static String quote(String token) {
        return "'" + (token.length() > 40 ? token.substring(0, 40) + "..." : token) + "'";
    }
}
