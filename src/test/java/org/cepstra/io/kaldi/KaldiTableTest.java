package org.cepstra.io.kaldi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KaldiTableTest {

    @Test
    void splitsKeyAndRestOfLineAcrossLineBreakStyles() {
        KaldiTable t = KaldiTable.parse("text", "u1  hello   big world \r\n\r\nu2\tyes\ru3 no\n", true);
        assertEquals(List.of(new KaldiTable.Entry("u1", "hello   big world", 1), new KaldiTable.Entry("u2", "yes", 3),
                new KaldiTable.Entry("u3", "no", 4)), t.entries());
        assertEquals(List.of(), t.problems());
    }

    @Test
    void reportsMissingValuesAndRepeatedKeysAndKeepsTheRest() {
        KaldiTable t = KaldiTable.parse("utt2spk", "a s1\nb\na s2\nc s3\n", true);
        assertEquals(List.of(new KaldiTable.Entry("a", "s1", 1), new KaldiTable.Entry("c", "s3", 4)), t.entries());
        assertEquals(List.of(new KaldiTable.Problem(2, "utt2spk line 2: 'b' has no value after it"),
                new KaldiTable.Problem(3, "utt2spk line 3: 'a' is repeated (first on line 1)")), t.problems());
        // where no value is required, a key alone is an entry with an empty value
        assertEquals(List.of(new KaldiTable.Entry("b", "", 1)), KaldiTable.parse("segments", "b\n", false).entries());
    }
}
