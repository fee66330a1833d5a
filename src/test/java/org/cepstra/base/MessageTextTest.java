package org.cepstra.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageTextTest {

    @Test
    void controlCharactersBecomeEscapesAndPlainTextIsLeftAlone() {
        String plain = "label 'AH' at 0.25 s: é, 日本";
        assertSame(plain, MessageText.escaped(plain));
        assertEquals("a\\nb\\rc\\td\\u0000e\\u001b[31mf\\u007fg\\u0085h\\u2028i\\u2029j\\ufffdk",
                MessageText.escaped("a\nb\rc\td\u0000e\u001b[31mf\u007fg\u0085h\u2028i\u2029j\ufffdk"));
        assertEquals("", MessageText.escaped(""));
    }

    @Test
    void controlCharactersAreTheC0AndC1RangesAndTheTwoUnicodeSeparators() {
        for (char c : new char[] {'\u0000', '\n', '\u001f', '\u007f', '\u0085', '\u009f', '\u2028', '\u2029'}) {
            assertTrue(MessageText.isControl(c), Integer.toHexString(c));
        }
        for (char c : new char[] {' ', 'a', '\u00a0', '\u00e9', '\u2027', '\u202a', '\ufffd'}) {
            assertFalse(MessageText.isControl(c), Integer.toHexString(c));
        }
    }

    @Test
    void quotedTextIsCutAfterItsCharactersNotItsEscapes() {
        assertEquals("'abc'", MessageText.quoted("abc", 3));
        assertEquals("'abc...'", MessageText.quoted("abcdef", 3));
        assertEquals("'\\u0000\\n...'", MessageText.quoted("\u0000\nxyz", 2));
        assertEquals("''", MessageText.quoted("", 5));
        assertThrows(IllegalArgumentException.class, () -> MessageText.quoted("x", 0));
    }

    @Test
    void theReadersOwnQuotingIsThisOne() {
        assertEquals(MessageText.quoted("1.5\u0000" + "x".repeat(50), 40),
                FeatureFileNumbers.quote("1.5\u0000" + "x".repeat(50)));
        assertEquals("'1.5\\u0000xx'", FeatureFileNumbers.quote("1.5\u0000xx"));
    }
}
