package org.cepstra.gmm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Chooses the number of components by an information criterion: fits one mixture per candidate K
 * (all other settings from a base {@link TrainingConfig}), scores each on the training frames in
 * double precision and picks the lowest BIC or AIC (scikit-learn's definitions, see
 * {@link DiagonalGmm#bic}).
 */
public final class ModelSelection {
    /** The criterion to minimise. */
    public enum Criterion {
        /** Bayesian information criterion, {@code −2·LL + p·ln N}. */
        BIC,
        /** Akaike information criterion, {@code −2·LL + 2p}. */
        AIC
    }

    /**
     * One fitted candidate.
     *
     * @param numComponents        K
     * @param averageLogLikelihood mean log-likelihood per frame on the data (natural log)
     * @param bic                  its BIC
     * @param aic                  its AIC
     * @param training             the training result (model, iterations, …)
     */
    public record Candidate(int numComponents, double averageLogLikelihood, double bic, double aic,
                            TrainingResult training) {
        /** Validates the fields. */
        public Candidate {
            Objects.requireNonNull(training, "training");
        }

        /** The fitted mixture. */
        public DiagonalGmm model() {
            return training.model();
        }

        /** The value of {@code criterion} for this candidate. */
        public double score(Criterion criterion) {
            return criterion == Criterion.BIC ? bic : aic;
        }
    }

    /**
     * The table of candidates (in the order asked for) and the chosen one.
     *
     * @param candidates one row per K
     * @param criterion  the criterion used
     * @param chosen     the candidate with the lowest criterion (the smaller K on ties)
     */
    public record Result(List<Candidate> candidates, Criterion criterion, Candidate chosen) {
        /** Validates and copies the table. */
        public Result {
            candidates = List.copyOf(candidates);
            Objects.requireNonNull(criterion, "criterion");
            Objects.requireNonNull(chosen, "chosen");
        }

        /** The chosen number of components. */
        public int chosenComponents() {
            return chosen.numComponents();
        }
    }

    private final TrainingConfig base;
    private final TrainingListener listener;

    /** Selection with the given base settings (its numComponents is replaced per candidate). */
    public ModelSelection(TrainingConfig base) {
        this(base, null);
    }

    /** Selection that reports the EM iterations of every fit to {@code listener} (may be null). */
    public ModelSelection(TrainingConfig base, TrainingListener listener) {
        this.base = Objects.requireNonNull(base, "base");
        this.listener = listener;
    }

    /**
     * Fits every candidate number of components and picks one.
     *
     * @param componentCounts candidate K values (each ≥ 1, at most the number of frames; no duplicates)
     * @throws IllegalArgumentException if the list is empty or holds an invalid or repeated K
     */
    public Result select(FeatureMatrix data, int[] componentCounts, Criterion criterion) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(componentCounts, "componentCounts");
        Objects.requireNonNull(criterion, "criterion");
        if (componentCounts.length == 0) {
            throw new IllegalArgumentException("no candidate numbers of components");
        }
        for (int i = 0; i < componentCounts.length; i++) {
            for (int j = 0; j < i; j++) {
                if (componentCounts[i] == componentCounts[j]) {
                    throw new IllegalArgumentException("candidate K=" + componentCounts[i] + " is listed twice");
                }
            }
        }
        List<Candidate> rows = new ArrayList<>(componentCounts.length);
        Candidate chosen = null;
        for (int k : componentCounts) {
            TrainingResult result = new GmmTrainer(base.withNumComponents(k), listener).fit(data);
            DiagonalGmm model = result.model();
            double total = model.totalLogLikelihood(data);
            long p = model.numFreeParameters();
            double bic = -2.0 * total + p * Math.log(data.rows());
            double aic = -2.0 * total + 2.0 * p;
            Candidate row = new Candidate(k, total / data.rows(), bic, aic, result);
            rows.add(row);
            if (chosen == null || row.score(criterion) < chosen.score(criterion)
                    || (row.score(criterion) == chosen.score(criterion) && k < chosen.numComponents())) {
                chosen = row;
            }
        }
        return new Result(rows, criterion, chosen);
    }
}
