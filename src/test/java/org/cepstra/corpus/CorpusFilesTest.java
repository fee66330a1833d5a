package org.cepstra.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CorpusFilesTest {
    @Test
    void fieldsSplitAtRunsOfTheRegexWhiteSpaceClass() {
        assertArrayEquals(new String[] {"0", "100", "sil"}, CorpusFiles.fields("  0 \t100\u000B\f sil \r"));
        assertArrayEquals(new String[0], CorpusFiles.fields(" \t "));
        assertArrayEquals(new String[] {"a\u00A0b"}, CorpusFiles.fields("a\u00A0b"));
    }

    @Test
    void fieldsAgreeWithPatternSplitOnEveryShortMixOfSpacesAndLetters() {
        char[] alphabet = {' ', '\t', '\n', '\u000B', '\f', '\r', 'a', 'b', '\u001C', '\u2003'};
        Pattern ws = Pattern.compile("\\s+");
        for (int code = 0; code < 10_000; code++) {
            StringBuilder sb = new StringBuilder();
            for (int c = code; sb.length() < 4; c /= alphabet.length) {
                sb.append(alphabet[c % alphabet.length]);
            }
            String trimmed = sb.toString().strip();
            String[] expected = trimmed.isEmpty() ? new String[0] : ws.split(trimmed);
            assertArrayEquals(expected, CorpusFiles.fields(sb.toString()), () -> "line '" + sb + "'");
        }
    }
}
