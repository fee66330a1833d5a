package org.cepstra.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.CorpusSplit;
import org.cepstra.corpus.Utterance;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelTrainingListener;

/**
 * Chooses a {@link Recipe} by evidence on the user's own training corpus: each candidate is trained on all
 * folds but one and tested on the one left out, in turn, and the candidate with the highest accuracy over
 * every held-out utterance wins (the earlier candidate on a tie).
 *
 * <p>The folds hold out whole speakers when every utterance has a speaker and there are at least two, so
 * that the figures say how the recipe does on speakers the models have never heard; the held-out files are
 * then classified each alone, as {@code classify} sees one file. Otherwise the folds hold out whole
 * recordings (an utterance, or every segment of one recording), stratified by label. Speakers or recordings
 * are dealt to the folds in an order shuffled with the seed, after sorting by their most common label.
 * Models in the folds are not calibrated (calibration never changes a decision), so the selection costs
 * about F trainings of the models alone per candidate.
 *
 * <pre>{@code
 * RecipeSelection.Selection s = new RecipeSelection(3, 0, 4)
 *         .select(List.of(Recipe.STANDARD, Recipe.KEYWORDS), trainerForRecipe, corpus, listener);
 * Recipe best = s.chosen();
 * }</pre>
 */
public final class RecipeSelection {
    /**
     * Folds unless the caller says otherwise: with up to five speakers each is held out alone, so that each
     * fold's models know as many speakers as possible (on FSDD's four training speakers, three folds chose
     * worse than five).
     */
    public static final int DEFAULT_FOLDS = 5;

    private final int folds;
    private final long seed;
    private final int threads;

    /** What the folds held out. */
    public enum HeldOut {
        /** Whole speakers: each fold's speakers are unseen by the models that score them. */
        SPEAKERS,
        /** Whole recordings of speakers that may also be in the training folds. */
        RECORDINGS
    }

    /**
     * How one candidate did.
     *
     * @param recipe          the candidate
     * @param accuracy        correct held-out utterances over those tested, in [0, 1]; NaN when it failed
     * @param foldAccuracies  accuracy in each fold (NaN for a fold it could not be trained in)
     * @param tested          held-out utterances classified over all folds
     * @param failure         why the candidate could not be trained in some fold, if it could not (it is then
     *                        never chosen)
     */
    public record Score(Recipe recipe, double accuracy, List<Double> foldAccuracies, int tested,
                        Optional<String> failure) {
        /** Copies the list. */
        public Score {
            Objects.requireNonNull(recipe, "recipe");
            foldAccuracies = List.copyOf(foldAccuracies);
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * The outcome: the winner and every candidate's score, in the order the candidates were given.
     *
     * @param chosen   the candidate with the highest accuracy
     * @param scores   every candidate's score
     * @param heldOut  what the folds held out
     * @param folds    number of folds
     * @param groups   speakers or recordings dealt to the folds
     */
    public record Selection(Recipe chosen, List<Score> scores, HeldOut heldOut, int folds, int groups) {
        /** Copies the list. */
        public Selection {
            Objects.requireNonNull(chosen, "chosen");
            scores = List.copyOf(scores);
            Objects.requireNonNull(heldOut, "heldOut");
        }
    }

    /**
     * @param folds   folds to deal the speakers or recordings to (≥ 2; fewer when there are fewer groups)
     * @param seed    seed of the order the groups are dealt in
     * @param threads worker threads for training and testing (≥ 1)
     */
    public RecipeSelection(int folds, long seed, int threads) {
        if (folds < 2) {
            throw new IllegalArgumentException("recipe selection needs at least 2 folds, got " + folds);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.folds = folds;
        this.seed = seed;
        this.threads = threads;
    }

    /**
     * Scores every candidate by cross-validation on {@code training} and returns the best.
     *
     * @param candidates recipes to compare (at least one; no duplicates)
     * @param trainers   the trainer of each candidate, as the final models would be trained with it (its
     *                   calibration is turned off here)
     * @param training   the training corpus
     * @param listener   progress
     * @throws IllegalArgumentException if there are no candidates, the corpus has fewer than two speakers or
     *                                  recordings, or no candidate could be trained in every fold (the reasons
     *                                  are in the message)
     */
    public Selection select(List<Recipe> candidates, Function<Recipe, ModelSetTrainer> trainers, Corpus training,
                            ModelTrainingListener listener) {
        Objects.requireNonNull(trainers, "trainers");
        Objects.requireNonNull(listener, "listener");
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no recipe to choose from");
        }
        if (candidates.stream().distinct().count() != candidates.size()) {
            throw new IllegalArgumentException("a recipe is named twice among the candidates: " + candidates);
        }
        Folds dealt = deal(training);
        if (dealt.count < 2) {
            throw new IllegalArgumentException("choosing a recipe needs at least two recordings"
                    + " (or two speakers) to hold out in turn, the training corpus has " + dealt.groups);
        }
        List<CorpusSplit> splits = new ArrayList<>();
        for (int f = 0; f < dealt.count; f++) {
            List<Utterance> in = new ArrayList<>();
            List<Utterance> out = new ArrayList<>();
            List<Utterance> all = training.utterances();
            for (int i = 0; i < all.size(); i++) {
                (dealt.foldOf[i] == f ? out : in).add(all.get(i));
            }
            splits.add(new CorpusSplit(Corpus.of(in), Corpus.of(out)));
        }
        CorpusEvaluation evaluation = new CorpusEvaluation(threads, false)
                .withFilesAlone(dealt.heldOut == HeldOut.SPEAKERS);
        List<Score> scores = new ArrayList<>();
        for (Recipe recipe : candidates) {
            ModelSetTrainer trainer = trainers.apply(recipe).withCalibrationFolds(0);
            List<Double> perFold = new ArrayList<>();
            int correct = 0;
            int tested = 0;
            Optional<String> failure = Optional.empty();
            for (int f = 0; f < splits.size(); f++) {
                try {
                    CorpusEvaluation.Outcome o = evaluation.trainAndEvaluate(trainer, splits.get(f), listener);
                    perFold.add(o.evaluation().accuracy());
                    correct += o.evaluation().correct();
                    tested += o.evaluation().total();
                } catch (IllegalArgumentException e) {
                    perFold.add(Double.NaN);
                    if (failure.isEmpty()) {
                        failure = Optional.of("fold " + (f + 1) + ": " + e.getMessage());
                    }
                }
            }
            double accuracy = failure.isPresent() || tested == 0 ? Double.NaN : (double) correct / tested;
            scores.add(new Score(recipe, accuracy, perFold, tested, failure));
        }
        Score best = null;
        for (Score s : scores) {
            if (!Double.isNaN(s.accuracy()) && (best == null || s.accuracy() > best.accuracy())) {
                best = s;
            }
        }
        if (best == null) {
            StringBuilder why = new StringBuilder("no recipe could be trained in every fold:");
            for (Score s : scores) {
                why.append(' ').append(s.recipe().id()).append(" (").append(s.failure().orElse("nothing tested"))
                        .append(')');
            }
            throw new IllegalArgumentException(why.toString());
        }
        return new Selection(best.recipe(), scores, dealt.heldOut, dealt.count, dealt.groups);
    }

    /** Each utterance's fold, what the folds hold out, how many folds and groups there are. */
    record Folds(int[] foldOf, HeldOut heldOut, int count, int groups) {
    }

    /** Deals speakers (when every utterance has one and there are two) or recordings to the folds. */
    Folds deal(Corpus corpus) {
        List<Utterance> utterances = corpus.utterances();
        boolean bySpeaker = !utterances.isEmpty() && utterances.stream().allMatch(u -> u.speaker().isPresent())
                && corpus.speakers().size() >= 2;
        Function<Utterance, String> groupOf = bySpeaker ? u -> u.speaker().get() : u -> recording(u.audioFile());
        // each group's most common label (ties: the smaller label), for a stratified deal
        Map<String, Map<String, Integer>> labelsByGroup = new TreeMap<>();
        for (Utterance u : utterances) {
            labelsByGroup.computeIfAbsent(groupOf.apply(u), g -> new TreeMap<>()).merge(u.label(), 1, Integer::sum);
        }
        List<String> groups = new ArrayList<>(labelsByGroup.keySet());
        Collections.shuffle(groups, new Random(seed));
        Map<String, String> mainLabel = new HashMap<>();
        for (Map.Entry<String, Map<String, Integer>> e : labelsByGroup.entrySet()) {
            String top = null;
            for (Map.Entry<String, Integer> l : e.getValue().entrySet()) {
                if (top == null || l.getValue() > e.getValue().get(top)) {
                    top = l.getKey();
                }
            }
            mainLabel.put(e.getKey(), top);
        }
        groups.sort(Comparator.comparing(mainLabel::get)); // stable: the shuffled order within a label
        int count = Math.min(folds, groups.size());
        Map<String, Integer> foldOfGroup = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            foldOfGroup.put(groups.get(i), i % count);
        }
        int[] foldOf = new int[utterances.size()];
        for (int i = 0; i < foldOf.length; i++) {
            foldOf[i] = foldOfGroup.get(groupOf.apply(utterances.get(i)));
        }
        return new Folds(foldOf, bySpeaker ? HeldOut.SPEAKERS : HeldOut.RECORDINGS, count, groups.size());
    }

    private static String recording(Path audioFile) {
        return audioFile.toString();
    }
}
