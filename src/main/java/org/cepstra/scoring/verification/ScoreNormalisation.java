package org.cepstra.scoring.verification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Score normalisation against cohorts of impostor scores, so that one threshold suits every model and
 * test utterance. Cohort scores come in as {@link ScoreMatrix} values; how they are made is the caller's
 * business (the same scorer as the trials, impostors disjoint from the evaluation speakers).
 *
 * <ul>
 *   <li>Z-norm (zero normalisation, per model): s' = (s(m, u) - mean_Z(m)) / sd_Z(m), with mean_Z(m) and
 *       sd_Z(m) the statistics of model m's scores against the Z cohort of impostor utterances.</li>
 *   <li>T-norm (test normalisation, Auckenthaler et al. 2000, per test utterance):
 *       s' = (s(m, u) - mean_T(u)) / sd_T(u), with the statistics of utterance u's scores against the T
 *       cohort of impostor models.</li>
 *   <li>ZT-norm: Z-norm first, then T-norm, where the T-cohort scores s(c, u) are themselves Z-normed with
 *       each cohort model's own statistics against the same Z-cohort utterances before mean_T(u) and
 *       sd_T(u) are taken: s' = (z(m, u) - mean_c z(c, u)) / sd_c z(c, u), z(x, u) = (s(x, u) - mean_Z(x)) /
 *       sd_Z(x).</li>
 * </ul>
 *
 * Standard deviations are population ones ({@link CohortStatistics}). Normalised lists keep the order,
 * ids and target flags of their input.
 */
public final class ScoreNormalisation {
    private ScoreNormalisation() {
    }

    /**
     * Z-norms {@code scores} with {@code zCohort}: rows the models of {@code scores}, columns the impostor
     * utterances.
     *
     * @throws IllegalArgumentException if a model of {@code scores} has no row, or a row gives no usable
     *                                  statistics (fewer than 2 utterances, all scores equal)
     */
    public static ScoreList zNorm(ScoreList scores, ScoreMatrix zCohort) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(zCohort, "zCohort");
        Map<String, CohortStatistics> stats = new HashMap<>();
        List<Score> out = new ArrayList<>(scores.size());
        for (Score s : scores.scores()) {
            CohortStatistics z = stats.computeIfAbsent(s.model(), m -> modelStatistics(zCohort, m, "Z"));
            out.add(s.withScore(z.normalise(s.score())));
        }
        return new ScoreList(out);
    }

    /**
     * T-norms {@code scores} with {@code tCohort}: rows the cohort models, columns (at least) the test
     * utterances of {@code scores}.
     *
     * @throws IllegalArgumentException if a test utterance of {@code scores} has no column, or a column gives
     *                                  no usable statistics
     */
    public static ScoreList tNorm(ScoreList scores, ScoreMatrix tCohort) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(tCohort, "tCohort");
        return tNorm(scores, u -> tCohort.utteranceScores(u));
    }

    /**
     * ZT-norms {@code scores}: Z-norm with {@code zCohort} (rows the models of {@code scores}, columns the
     * Z-cohort utterances), then T-norm with {@code tCohort} (rows the T-cohort models, columns the test
     * utterances) after Z-norming each T-cohort model's scores with its row of {@code tCohortZCohort}
     * (rows the T-cohort models, columns the same Z-cohort utterances as {@code zCohort}).
     *
     * @throws IllegalArgumentException if a model or utterance lacks its row or column, the two Z-cohort
     *                                  matrices are not over the same utterances, or some statistics are unusable
     */
    public static ScoreList ztNorm(ScoreList scores, ScoreMatrix zCohort, ScoreMatrix tCohort,
                                   ScoreMatrix tCohortZCohort) {
        Objects.requireNonNull(tCohort, "tCohort");
        Objects.requireNonNull(tCohortZCohort, "tCohortZCohort");
        Objects.requireNonNull(zCohort, "zCohort");
        if (!new HashSet<>(zCohort.utterances()).equals(new HashSet<>(tCohortZCohort.utterances()))) {
            throw new IllegalArgumentException("the models and the T-cohort models must be Z-normed against the"
                    + " same utterances (" + zCohort.utterances().size() + " and "
                    + tCohortZCohort.utterances().size() + " utterances, not the same set)");
        }
        List<String> cohort = tCohort.models();
        CohortStatistics[] cohortZ = new CohortStatistics[cohort.size()];
        for (int c = 0; c < cohortZ.length; c++) {
            cohortZ[c] = modelStatistics(tCohortZCohort, cohort.get(c), "Z (T-cohort model)");
        }
        ScoreList z = zNorm(scores, zCohort);
        return tNorm(z, u -> {
            double[] column = tCohort.utteranceScores(u);
            for (int c = 0; c < column.length; c++) {
                column[c] = cohortZ[c].normalise(column[c]);
            }
            return column;
        });
    }

    private static ScoreList tNorm(ScoreList scores, java.util.function.Function<String, double[]> cohortScores) {
        Map<String, CohortStatistics> stats = new HashMap<>();
        List<Score> out = new ArrayList<>(scores.size());
        for (Score s : scores.scores()) {
            CohortStatistics t = stats.computeIfAbsent(s.utterance(), u -> {
                try {
                    return CohortStatistics.of(cohortScores.apply(u));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("T cohort of utterance '" + u + "': " + e.getMessage(), e);
                }
            });
            out.add(s.withScore(t.normalise(s.score())));
        }
        return new ScoreList(out);
    }

    private static CohortStatistics modelStatistics(ScoreMatrix cohort, String model, String which) {
        try {
            return CohortStatistics.of(cohort.modelScores(model));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(which + " cohort of model '" + model + "': " + e.getMessage(), e);
        }
    }
}
