package org.cepstra.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.cepstra.app.Recipe;
import org.cepstra.app.RecipeSelection;
import org.cepstra.corpus.Corpus;
import org.cepstra.features.FeatureConfig;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelTrainingListener;

/**
 * The model-set trainer that {@code train} and {@code evaluate} build from their options for a recipe, and
 * {@code --recipe auto}: the recipe chosen by {@link RecipeSelection} on the training corpus, each candidate
 * trained with the user's other options on top of it, and the table of what each scored.
 */
final class RecipeTrainers {
    private final FeatureOptions features;
    private final TrainingOptions training;
    private final CalibrationOptions calibration;
    private final LabelModelOptions labelModels;
    private final boolean strict;
    private final int workers;

    RecipeTrainers(FeatureOptions features, TrainingOptions training, CalibrationOptions calibration,
                   LabelModelOptions labelModels, boolean strict, int workers) {
        this.features = features;
        this.training = training;
        this.calibration = calibration;
        this.labelModels = labelModels;
        this.strict = strict;
        this.workers = workers;
    }

    /**
     * The trainer for {@code recipe} with the user's options on top; sets {@code features}' recipe to it.
     *
     * @throws IOException if the {@code --config} file cannot be read
     */
    ModelSetTrainer trainer(Recipe recipe) throws IOException {
        features.recipe = recipe;
        FeatureConfig config = RecipeVadOptions.withRecipeVad(features, false);
        return labelModels.apply(calibration.apply(new ModelSetTrainer(config, training.toConfig(1, recipe),
                training.candidates, workers).withStrict(strict).withCmvnPriorFrames(features.cmvnPriorFrames(config))),
                recipe);
    }

    /**
     * With {@code --recipe auto}, the selection on {@code corpus} (and {@code features}' recipe set to the
     * winner); else empty. Call it after {@link #trainer(Recipe)} has built the trainer of the given recipe
     * once, so that a problem with the {@code --config} file has been reported as such.
     *
     * @throws InputException if no candidate can be trained in every fold, or the corpus is too small to fold
     */
    Optional<RecipeSelection.Selection> chooseIfAuto(Corpus corpus, ModelTrainingListener listener) {
        if (!features.autoRecipe) {
            return Optional.empty();
        }
        long seed = training.toConfig(1).run().seed();
        RecipeSelection.Selection s;
        try {
            s = new RecipeSelection(RecipeSelection.DEFAULT_FOLDS, seed, workers).select(Recipe.autoCandidates(),
                    r -> {
                        try {
                            return trainer(r);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, corpus, listener);
        } catch (IllegalArgumentException e) {
            throw new InputException("--recipe auto: " + e.getMessage());
        }
        features.recipe = s.chosen();
        return Optional.of(s);
    }

    /** Refuses {@code --recipe auto} for a command that does not train one model per label ({@code what}). */
    static void refuseAuto(FeatureOptions features, String what) {
        if (features.autoRecipe) {
            throw new InputException("--recipe auto is for train and evaluate; " + what);
        }
    }

    /** The selection's table, one line per candidate, and the choice. */
    static void printText(PrintWriter out, RecipeSelection.Selection s) {
        out.printf("recipe chosen by %d-fold cross-validation holding out %s (%d): %s%n", s.folds(),
                s.heldOut() == RecipeSelection.HeldOut.SPEAKERS ? "speakers" : "recordings", s.groups(),
                s.chosen().id());
        out.printf("  %-14s %9s  %s%n", "recipe", "accuracy", "per fold");
        for (RecipeSelection.Score score : s.scores()) {
            StringBuilder folds = new StringBuilder();
            for (double a : score.foldAccuracies()) {
                folds.append(folds.length() == 0 ? "" : " ").append(EvaluationReport.pct(a));
            }
            out.printf("  %-14s %9s  %s%s%s%n", score.recipe().id(), EvaluationReport.pct(score.accuracy()), folds,
                    score.failure().map(f -> "  (failed: " + f + ")").orElse(""),
                    score.recipe() == s.chosen() ? "  <- chosen" : "");
        }
    }

    /** The selection as a JSON object. */
    static void putJson(ObjectNode root, RecipeSelection.Selection s) {
        ObjectNode node = root.putObject("recipeSelection");
        node.put("chosen", s.chosen().id());
        node.put("heldOut", s.heldOut().name());
        node.put("folds", s.folds());
        node.put("groups", s.groups());
        ArrayNode rows = node.putArray("candidates");
        for (RecipeSelection.Score score : s.scores()) {
            ObjectNode row = rows.addObject();
            row.put("recipe", score.recipe().id());
            putNumber(row, "accuracy", score.accuracy());
            ArrayNode folds = row.putArray("foldAccuracies");
            score.foldAccuracies().forEach(a -> {
                if (Double.isNaN(a)) {
                    folds.addNull();
                } else {
                    folds.add(a);
                }
            });
            row.put("tested", score.tested());
            score.failure().ifPresent(f -> row.put("failure", f));
        }
    }

    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isNaN(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}
