package org.cepstra.scoring.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrialListMakerTest {

    private static SpeakerUtterance u(String speaker, String label, String file) {
        String id = file.substring(file.lastIndexOf('/') + 1).replace(".wav", "");
        return new SpeakerUtterance(id, speaker, label, file);
    }

    /** The example's enrolment and tests were also produced by speaker_baseline.py's enrollment(rows, 2). */
    private static List<SpeakerUtterance> example() {
        return List.of(
                u("S2", "w", "w_3.wav"),
                u("S1", "yes", "a/S1_yes_02.wav"), u("S1", "yes", "a/S1_yes_01.wav"),
                u("S1", "no", "S1_no_01.wav"), u("S1", "no", "S1_no_10.wav"), u("S1", "no", "S1_no_2.wav"),
                u("S1", "go", "S1_go_01.wav"),
                u("S2", "w", "b.wav"), u("S2", "w", "07.wav"), u("S2", "w", "c_03.wav"));
    }

    @Test
    void enrolsRoundRobinOverSortedLabelsByRepetitionNumber() {
        TrialDesign d = new TrialListMaker(2).make(example());
        // S1: go [01], no [01, 2, 10] (numeric, not text order), yes [01, 02]; rounds: go01 no01 yes01 | no2 yes02 | no10
        // S2: one label; c_03 and w_3 tie on 3 (then by name), 07 is 7 (no '_': the whole stem), b has no number
        assertEquals(Map.of("S1", List.of("S1_go_01", "S1_no_01"), "S2", List.of("c_03", "w_3")), d.enrolment());
        assertEquals(List.of("S1", "S2"), List.copyOf(d.enrolment().keySet()));
        assertEquals(List.of("S1_yes_01", "S1_no_2", "S1_yes_02", "S1_no_10"), d.tests().get("S1"));
        assertEquals(List.of("07", "b"), d.tests().get("S2"));
        assertEquals(List.of("S1_yes_01", "S1_no_2", "S1_yes_02", "S1_no_10", "07", "b"), d.testUtterances());

        List<Trial> expected = new ArrayList<>();
        for (String model : List.of("S1", "S2")) {
            for (String utt : d.testUtterances()) {
                expected.add(new Trial(model, utt, model.equals("S1") == utt.startsWith("S1")));
            }
        }
        assertEquals(expected, d.trials().trials());
        assertEquals(12, d.trials().size());
        assertEquals(6, d.trials().targetCount());
    }

    @Test
    void enrolmentTakesWholeRoundsFirst() {
        TrialDesign d = new TrialListMaker(4).make(List.of(
                u("S1", "yes", "S1_yes_02.wav"), u("S1", "yes", "S1_yes_01.wav"),
                u("S1", "no", "S1_no_01.wav"), u("S1", "no", "S1_no_10.wav"), u("S1", "no", "S1_no_2.wav"),
                u("S1", "go", "S1_go_01.wav")));
        assertEquals(List.of("S1_go_01", "S1_no_01", "S1_yes_01", "S1_no_2"), d.enrolment().get("S1"));
        assertEquals(List.of("S1_yes_02", "S1_no_10"), d.tests().get("S1"));
        assertEquals(2, d.trials().size());
    }

    @Test
    void explicitRolesDecide() {
        TrialDesign d = new TrialListMaker(1).make(List.of(
                new SpeakerUtterance("a1", "A", "x", "a_1.wav", Optional.of(EnrolmentRole.TEST)),
                new SpeakerUtterance("a2", "A", "x", "a_2.wav", Optional.of(EnrolmentRole.ENROL)),
                new SpeakerUtterance("a3", "A", "x", "a_3.wav", Optional.of(EnrolmentRole.ENROL)),
                u("B", "x", "b_1.wav"), u("B", "x", "b_2.wav")));
        assertEquals(List.of("a2", "a3"), d.enrolment().get("A"));
        assertEquals(List.of("a1"), d.tests().get("A"));
        assertEquals(List.of("b_1"), d.enrolment().get("B"));
        assertEquals(List.of(new Trial("A", "a1", true), new Trial("A", "b_2", false),
                new Trial("B", "a1", false), new Trial("B", "b_2", true)), d.trials().trials());
    }

    @Test
    void badLayoutsAreRefusedWithTheSpeaker() {
        TrialListMaker maker = new TrialListMaker(2);
        assertEquals("speaker 'S': 2 enrolment and 0 test utterances; need at least one of each",
                assertThrows(IllegalArgumentException.class,
                        () -> maker.make(List.of(u("S", "x", "s_1.wav"), u("S", "x", "s_2.wav")))).getMessage());
        assertEquals("speaker 'A': 1 of 2 utterances have an enrolment/test role; give all of them one or none",
                assertThrows(IllegalArgumentException.class, () -> maker.make(List.of(
                        new SpeakerUtterance("a1", "A", "x", "a_1.wav", Optional.of(EnrolmentRole.TEST)),
                        u("A", "x", "a_2.wav")))).getMessage());
        assertEquals("speaker 'A': 0 enrolment and 1 test utterances; need at least one of each",
                assertThrows(IllegalArgumentException.class, () -> maker.make(List.of(
                        new SpeakerUtterance("a1", "A", "x", "a_1.wav", Optional.of(EnrolmentRole.TEST))))).getMessage());
        assertEquals("utterance id 'x' appears twice", assertThrows(IllegalArgumentException.class,
                () -> maker.make(List.of(new SpeakerUtterance("x", "A", "l", "1.wav"),
                        new SpeakerUtterance("x", "B", "l", "2.wav")))).getMessage());
        assertEquals("no evaluation utterances",
                assertThrows(IllegalArgumentException.class, () -> maker.make(List.of())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrialListMaker(0));
        assertThrows(IllegalArgumentException.class, () -> new SpeakerUtterance("u", "spk 1", "l", "f.wav"));
    }

    @Test
    void stemsAndRepetitionNumbersFollowPythonSplitext() {
        assertEquals("S1_yes_02", TrialListMaker.stem("dir/sub/S1_yes_02.wav"));
        assertEquals("a.b", TrialListMaker.stem("a.b.wav"));
        assertEquals(".hidden", TrialListMaker.stem(".hidden"));
        assertEquals("..wav", TrialListMaker.stem("..wav"));
        assertEquals(".a", TrialListMaker.stem(".a.wav"));
        assertEquals("x", TrialListMaker.stem("x."));
        assertEquals(BigInteger.valueOf(2), TrialListMaker.repetition("S1_yes_02"));
        assertEquals(BigInteger.valueOf(7), TrialListMaker.repetition("07"));
        assertEquals(new BigInteger("123456789012345678901234567890"),
                TrialListMaker.repetition("a_123456789012345678901234567890"));
        assertNull(TrialListMaker.repetition("a_"));
        assertNull(TrialListMaker.repetition("a_1b"));
        assertNull(TrialListMaker.repetition("a_-1"));
    }

    @Test
    void namesSortByCodePointAsPythonDoes() {
        // U+FF21 (fullwidth A) is above every surrogate in UTF-16 order but below U+1F600 by code point
        assertEquals(-1, Integer.signum(TrialListMaker.CODE_POINT_ORDER.compare("\uFF21", "\uD83D\uDE00")));
        assertEquals(1, Integer.signum("\uFF21".compareTo("\uD83D\uDE00")));
        assertEquals(-1, Integer.signum(TrialListMaker.CODE_POINT_ORDER.compare("ab", "abc")));
        assertEquals(0, TrialListMaker.CODE_POINT_ORDER.compare("abc", "abc"));
    }
}
