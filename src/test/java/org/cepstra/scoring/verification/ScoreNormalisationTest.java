package org.cepstra.scoring.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScoreNormalisationTest {
    private static final double EPS = 1e-12;

    /** Trial scores: models m1, m2; test utterances u, v. */
    private static final ScoreList SCORES = new ScoreList(List.of(
            new Score("m1", "u", 4, Optional.of(true)),
            new Score("m1", "v", 3, Optional.of(false)),
            new Score("m2", "v", 1, Optional.empty())));

    /** Models against the Z cohort i1, i2: m1 {1, 3} (mean 2, sd 1), m2 {0, 4} (mean 2, sd 2). */
    private static final ScoreMatrix Z = new ScoreMatrix(List.of("m1", "m2"), List.of("i1", "i2"),
            new double[][] {{1, 3}, {0, 4}});
    /** T-cohort models c1, c2 against the test utterances: u {1, 5} (mean 3, sd 2), v {0, 2} (mean 1, sd 1). */
    private static final ScoreMatrix T = new ScoreMatrix(List.of("c1", "c2"), List.of("u", "v", "w"),
            new double[][] {{1, 0, 9}, {5, 2, 9}});
    /** T-cohort models against the Z cohort (columns in another order): c1 {0, 2} (1, 1), c2 {1, 5} (3, 2). */
    private static final ScoreMatrix TZ = new ScoreMatrix(List.of("c1", "c2"), List.of("i2", "i1"),
            new double[][] {{0, 2}, {5, 1}});

    private static double[] values(ScoreList s) {
        return s.scores().stream().mapToDouble(Score::score).toArray();
    }

    @Test
    void cohortStatisticsArePopulationMeanAndSd() {
        CohortStatistics s = CohortStatistics.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
        assertEquals(5.0, s.mean(), EPS);
        assertEquals(2.0, s.sd(), EPS); // squared deviations sum to 32, / 8 = 4
        assertEquals(8, s.size());
        assertEquals(1.5, s.normalise(8), EPS);
    }

    @Test
    void zNormUsesEachModelsCohortStatistics() {
        ScoreList z = ScoreNormalisation.zNorm(SCORES, Z);
        // (4 - 2) / 1, (3 - 2) / 1, (1 - 2) / 2
        assertEquals(2.0, z.scores().get(0).score(), EPS);
        assertEquals(1.0, z.scores().get(1).score(), EPS);
        assertEquals(-0.5, z.scores().get(2).score(), EPS);
        assertEquals(SCORES.scores().stream().map(Score::pair).toList(), z.scores().stream().map(Score::pair).toList());
        assertEquals(SCORES.scores().stream().map(Score::target).toList(),
                z.scores().stream().map(Score::target).toList());
    }

    @Test
    void tNormUsesEachUtterancesCohortStatistics() {
        // (4 - 3) / 2, (3 - 1) / 1, (1 - 1) / 1
        double[] t = values(ScoreNormalisation.tNorm(SCORES, T));
        assertEquals(0.5, t[0], EPS);
        assertEquals(2.0, t[1], EPS);
        assertEquals(0.0, t[2], EPS);
    }

    @Test
    void ztNormZNormsTheTCohortBeforeTNorming() {
        // Z-normed trial scores: 2, 1, -0.5. Z-normed T cohort: against u c1 (1-1)/1 = 0, c2 (5-3)/2 = 1
        // (mean 0.5, sd 0.5); against v c1 (0-1)/1 = -1, c2 (2-3)/2 = -0.5 (mean -0.75, sd 0.25).
        double[] zt = values(ScoreNormalisation.ztNorm(SCORES, Z, T, TZ));
        assertEquals((2 - 0.5) / 0.5, zt[0], EPS);
        assertEquals((1 + 0.75) / 0.25, zt[1], EPS);
        assertEquals((-0.5 + 0.75) / 0.25, zt[2], EPS);
        // not the same as T-norming the Z-normed scores with a raw T cohort: (2 - 3) / 2 = -0.5
        assertEquals(-0.5, ScoreNormalisation.tNorm(ScoreNormalisation.zNorm(SCORES, Z), T).scores().get(0).score(),
                EPS);
    }

    @Test
    void missingOrDegenerateCohortsAreNamed() {
        ScoreList other = new ScoreList(List.of(new Score("m3", "u", 1)));
        assertEquals("Z cohort of model 'm3': no scores of model 'm3' in the matrix",
                assertThrows(IllegalArgumentException.class, () -> ScoreNormalisation.zNorm(other, Z)).getMessage());
        ScoreList unknownUtt = new ScoreList(List.of(new Score("m1", "x", 1)));
        assertEquals("T cohort of utterance 'x': no scores against utterance 'x' in the matrix",
                assertThrows(IllegalArgumentException.class, () -> ScoreNormalisation.tNorm(unknownUtt, T)).getMessage());
        ScoreMatrix flat = new ScoreMatrix(List.of("m1"), List.of("i1", "i2"), new double[][] {{3, 3}});
        assertEquals("Z cohort of model 'm1': cohort standard deviation must be positive, got 0.0 (all cohort scores"
                + " equal?)", assertThrows(IllegalArgumentException.class,
                () -> ScoreNormalisation.zNorm(new ScoreList(List.of(new Score("m1", "u", 1))), flat)).getMessage());
        ScoreMatrix one = new ScoreMatrix(List.of("c1"), List.of("u"), new double[][] {{1}});
        assertEquals("T cohort of utterance 'u': a cohort needs at least 2 scores, got 1",
                assertThrows(IllegalArgumentException.class,
                        () -> ScoreNormalisation.tNorm(new ScoreList(List.of(new Score("m1", "u", 1))), one)).getMessage());
        ScoreMatrix otherZ = new ScoreMatrix(List.of("c1", "c2"), List.of("i1", "i3"), new double[][] {{0, 2}, {1, 5}});
        assertEquals("the models and the T-cohort models must be Z-normed against the same utterances (2 and 2"
                + " utterances, not the same set)", assertThrows(IllegalArgumentException.class,
                () -> ScoreNormalisation.ztNorm(SCORES, Z, T, otherZ)).getMessage());
    }

    @Test
    void scoreMatrixChecksShapeAndValuesAndCopies() {
        double[][] raw = {{1, 2}, {3, 4}};
        ScoreMatrix m = new ScoreMatrix(List.of("a", "b"), List.of("x", "y"), raw);
        raw[0][0] = 99;
        assertEquals(1.0, m.score("a", "x"));
        assertEquals(4.0, m.score("b", "y"));
        assertEquals(List.of(3.0, 4.0), java.util.Arrays.stream(m.modelScores("b")).boxed().toList());
        assertEquals(List.of(2.0, 4.0), java.util.Arrays.stream(m.utteranceScores("y")).boxed().toList());
        m.toArray()[1][1] = 0;
        assertEquals(4.0, m.score("b", "y"));
        assertEquals("model 'b' has 1 scores for 2 utterances", assertThrows(IllegalArgumentException.class,
                () -> new ScoreMatrix(List.of("a", "b"), List.of("x", "y"), new double[][] {{1, 2}, {3}})).getMessage());
        assertEquals("1 rows of scores for 2 models", assertThrows(IllegalArgumentException.class,
                () -> new ScoreMatrix(List.of("a", "b"), List.of("x"), new double[][] {{1}})).getMessage());
        assertEquals("utterance 'x' appears twice", assertThrows(IllegalArgumentException.class,
                () -> new ScoreMatrix(List.of("a"), List.of("x", "x"), new double[][] {{1, 2}})).getMessage());
        assertEquals("score of model 'a' against 'y' is NaN", assertThrows(IllegalArgumentException.class,
                () -> new ScoreMatrix(List.of("a"), List.of("x", "y"), new double[][] {{1, Double.NaN}})).getMessage());
    }
}
