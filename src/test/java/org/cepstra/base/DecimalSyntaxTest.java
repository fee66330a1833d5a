package org.cepstra.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DecimalSyntaxTest {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,3}");

    @Test
    void agreesWithTheRegularExpressionsOnEveryShortString() {
        char[] alphabet = {'0', '7', '+', '-', '.', 'e', 'E', 'x'};
        int checked = 0;
        for (int length = 0; length <= 6; length++) {
            int count = (int) Math.pow(alphabet.length, length);
            for (int code = 0; code < count; code++) {
                StringBuilder sb = new StringBuilder();
                for (int c = code, k = 0; k < length; k++, c /= alphabet.length) {
                    sb.append(alphabet[c % alphabet.length]);
                }
                String s = sb.toString();
                assertEquals(DECIMAL.matcher(s).matches(), DecimalSyntax.isDecimal(s), s);
                assertEquals(INTEGER.matcher(s).matches(), DecimalSyntax.isInteger(s, 3), s);
                checked++;
            }
        }
        assertEquals(299593, checked);
    }

    @Test
    void longValuesTakeOnePass() {
        String digits = "1".repeat(100_000);
        assertTrue(DecimalSyntax.isDecimal(digits + "." + digits + "e-" + digits));
        assertFalse(DecimalSyntax.isDecimal(digits + "x"));
        assertFalse(DecimalSyntax.isInteger(digits, 18));
        assertTrue(DecimalSyntax.isInteger("-" + "9".repeat(18), 18));
    }
}
