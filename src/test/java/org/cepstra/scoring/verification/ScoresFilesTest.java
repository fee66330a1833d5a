package org.cepstra.scoring.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoresFilesTest {
    @TempDir
    Path dir;

    /** Scores whose shortest decimal forms differ in shape: plain, exponent, negative zero, many digits. */
    private static final List<Score> SCORES = List.of(
            new Score("spk1", "u1", -0.4375, Optional.of(true)),
            new Score("spk1", "u2", 1.0E-5, Optional.of(false)),
            new Score("spk2", "u1", -0.0, Optional.empty()),
            new Score("spk2", "u2", 0.1 + 0.2, Optional.of(false)),
            new Score("spk3", "u1", -1.2345678901234567E8, Optional.of(false)));

    @Test
    void kaldiTextIsModelUtteranceScoreAndReadsBackTheSameDoubles() throws IOException {
        Path p = dir.resolve("scores");
        ScoresFile.write(p, new ScoreList(SCORES));
        assertEquals("spk1 u1 -0.4375\nspk1 u2 1.0E-5\nspk2 u1 -0.0\nspk2 u2 0.30000000000000004\n"
                + "spk3 u1 -1.2345678901234567E8\n", Files.readString(p));
        List<Score> back = ScoresFile.read(p).scores();
        assertEquals(SCORES.size(), back.size());
        for (int i = 0; i < SCORES.size(); i++) {
            assertEquals(SCORES.get(i).pair(), back.get(i).pair());
            assertEquals(Double.doubleToRawLongBits(SCORES.get(i).score()),
                    Double.doubleToRawLongBits(back.get(i).score()));
            assertEquals(Optional.empty(), back.get(i).target(), "text scores carry no target flag");
        }
    }

    @Test
    void jsonKeepsTargetFlagsAndExactScores() throws IOException {
        Path p = dir.resolve("scores.json");
        ScoreList scores = new ScoreList(SCORES);
        ScoresJson.write(p, scores);
        String text = Files.readString(p);
        assertTrue(text.startsWith("{\"format\":\"cepstra-verification-scores\",\"version\":1,\"scores\":["
                + "\n{\"model\":\"spk1\",\"utterance\":\"u1\",\"score\":-0.4375,\"target\":true}"), text);
        assertTrue(text.contains("{\"model\":\"spk2\",\"utterance\":\"u1\",\"score\":-0.0}"), text);
        ScoreList back = ScoresJson.read(p);
        assertEquals(scores, back);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.scores().get(2).score()));
    }

    @Test
    void labellingJoinsScoresWithTrialsInTrialOrder() {
        TrialList trials = new TrialList(List.of(new Trial("b", "u", false), new Trial("a", "u", true)));
        ScoreList scores = new ScoreList(List.of(new Score("a", "u", 2.5), new Score("b", "u", -1)));
        ScoreList labelled = scores.labelled(trials);
        assertEquals(List.of(new Score("b", "u", -1, Optional.of(false)), new Score("a", "u", 2.5, Optional.of(true))),
                labelled.scores());
        assertEquals(2.5, labelled.targetScores()[0]);
        assertEquals(-1.0, labelled.nontargetScores()[0]);
        assertEquals("trial 'c u' has no score (3 trials, 2 scores)", assertThrows(IllegalArgumentException.class,
                () -> scores.labelled(new TrialList(List.of(new Trial("a", "u", true), new Trial("b", "u", false),
                        new Trial("c", "u", false))))).getMessage());
        assertEquals("score of 'b u' is not a trial (1 trials, 2 scores)", assertThrows(IllegalArgumentException.class,
                () -> scores.labelled(new TrialList(List.of(new Trial("a", "u", true))))).getMessage());
        assertTrue(assertThrows(IllegalStateException.class, scores::targetScores).getMessage()
                .startsWith("trial 'a u' is not marked target or non-target"));
    }

    private VerificationFileException textFailure(String text) throws IOException {
        Path p = dir.resolve("bad");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return assertThrows(VerificationFileException.class, () -> ScoresFile.read(p));
    }

    @Test
    void badTextScoresAreNamedByFileAndLine() throws IOException {
        Path p = dir.resolve("bad");
        assertEquals(p + " line 2: score 'nan' is not a finite decimal number", textFailure("a b 1\na c nan\n").getMessage());
        assertEquals(p + " line 1: score '0x1p3' is not a finite decimal number", textFailure("a b 0x1p3\n").getMessage());
        assertEquals(p + " line 1: score '1e999' is not a finite decimal number", textFailure("a b 1e999\n").getMessage());
        assertEquals(p + " line 1: expected '<model> <utterance> <score>', found 2 fields", textFailure("a 1\n").getMessage());
        assertEquals(p + " line 3: trial 'a b' repeats line 1", textFailure("a b 1\na c 2\na b 3\n").getMessage());
        assertEquals(p + ": no scores (the file is empty)", textFailure("\n\n").getMessage());
        assertEquals(3.0, ScoresFile.read(writeText("ok", "a b +3\n")).scores().get(0).score());
    }

    private Path writeText(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private String jsonFailure(String json) throws IOException {
        Path p = writeText("bad.json", json);
        return assertThrows(VerificationFileException.class, () -> ScoresJson.read(p)).getMessage()
                .substring(p.toString().length());
    }

    @Test
    void badJsonIsNamed() throws IOException {
        String head = "{\"format\":\"cepstra-verification-scores\",\"version\":1,\"scores\":[";
        assertEquals(": not a scores file: 'format' is missing, expected 'cepstra-verification-scores'",
                jsonFailure("{\"version\":1,\"scores\":[]}"));
        assertEquals(": scores file version 2 is not supported (this version reads 1)",
                jsonFailure("{\"format\":\"cepstra-verification-scores\",\"version\":2,\"scores\":[]}"));
        assertEquals(": no scores (the 'scores' array is empty)", jsonFailure(head + "]}"));
        assertEquals(" line 2: score 1 lacks 'score'", jsonFailure(head + "\n{\"model\":\"a\",\"utterance\":\"b\"}]}"));
        assertEquals(" line 1: unknown field 'llr' in score 1",
                jsonFailure(head + "{\"model\":\"a\",\"utterance\":\"b\",\"llr\":1}]}"));
        assertEquals(" line 1: 'target' must be true or false",
                jsonFailure(head + "{\"model\":\"a\",\"utterance\":\"b\",\"score\":1,\"target\":\"yes\"}]}"));
        assertEquals(" line 1: score 1: score of trial 'a b' is Infinity",
                jsonFailure(head + "{\"model\":\"a\",\"utterance\":\"b\",\"score\":1e999}]}"));
        assertEquals(": trial 'a b' is scored twice (scores 1 and 2)",
                jsonFailure(head + "{\"model\":\"a\",\"utterance\":\"b\",\"score\":1},"
                        + "{\"model\":\"a\",\"utterance\":\"b\",\"score\":2}]}"));
        assertTrue(jsonFailure(head + "{\"model\":\"a\"").startsWith(": not valid JSON: "));
        assertEquals(" line 1: content after the end of the scores object",
                jsonFailure(head + "{\"model\":\"a\",\"utterance\":\"b\",\"score\":1}]} {}"));
        assertEquals(": cannot read: file not found", assertThrows(VerificationFileException.class,
                () -> ScoresJson.read(dir.resolve("none.json"))).getMessage().substring(dir.resolve("none.json")
                .toString().length()));
    }
}
