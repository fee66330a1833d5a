package org.cepstra.base;

import java.util.Locale;

/** Strict parsing of decimal numbers in text feature files. */
public final class FeatureFileNumbers {
    /** Longest numeric token accepted, in characters. */
    public static final int MAX_TOKEN_LENGTH = 400;

    private FeatureFileNumbers() {
    }

    /** True if {@code s} is a plain decimal number ({@link DecimalSyntax}). */
    public static boolean isDecimal(CharSequence s) {
        return DecimalSyntax.isDecimal(s);
    }

    /** True for the spellings of NaN and infinity that numpy, Kaldi, C and Java print. */
    public static boolean isNonFiniteWord(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        if (t.startsWith("+") || t.startsWith("-")) {
            t = t.substring(1);
        }
        return t.equals("nan") || t.equals("inf") || t.equals("infinity") || t.startsWith("nan(");
    }

    /**
     * Parses a decimal token to the nearest float.
     *
     * @return null if the token is not a plain decimal number; otherwise the value
     * @throws NumberFormatException with a message in words if the number is outside the float range
     */
    public static Float parseFloat(String token) {
        if (token.length() > MAX_TOKEN_LENGTH || !isDecimal(token)) {
            return null;
        }
        float v = Float.parseFloat(token);
        if (Float.isInfinite(v)) {
            throw new NumberFormatException("'" + token + "' is outside the float range (about ±3.4e38)");
        }
        return v;
    }

    /** A token quoted for a message: at most 40 characters, escaped as {@link MessageText#quoted} does. */
    public static String quote(String token) {
        return MessageText.quoted(token, 40);
    }
}
