package org.cepstra.io;

import java.util.Locale;
import org.cepstra.base.DecimalSyntax;

/** Strict parsing of decimal numbers in text feature files. */
final class FeatureFileNumbers {
    /** Longest numeric token accepted, in characters. */
    static final int MAX_TOKEN_LENGTH = 400;

    private FeatureFileNumbers() {
    }

    /** True if {@code s} is a plain decimal number ({@link DecimalSyntax}). */
    static boolean isDecimal(CharSequence s) {
        return DecimalSyntax.isDecimal(s);
    }

    /** True for the spellings of NaN and infinity that numpy, Kaldi, C and Java print. */
    static boolean isNonFiniteWord(String s) {
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
