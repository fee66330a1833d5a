package org.cepstra.cli;

import java.io.IOException;
import java.util.Optional;
import org.cepstra.app.Recipe;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.VadOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The recipe's energy VAD ({@link Recipe#vad()}) on top of the feature options, and {@code --no-vad}
 * to turn it off: a recipe with a VAD applies it unless {@code --no-vad} is given; the {@code --vad-*}
 * values given one by one replace the recipe's.
 */
final class RecipeVadOptions {

    @Option(names = "--no-vad", description = "keep every frame: no energy VAD, not even the recipe's")
    boolean noVad;

    /**
     * The feature configuration of {@code features} for models (deltas, the recipe) with the recipe's VAD,
     * or none with {@code --no-vad}.
     *
     * @throws InputException if {@code --vad} and {@code --no-vad} are both given, or an option is out of range
     */
    FeatureConfig toConfig(FeatureOptions features) throws IOException {
        return withRecipeVad(features, noVad);
    }

    /** As {@link #toConfig(FeatureOptions)}, with {@code --no-vad} given when {@code off}. */
    static FeatureConfig withRecipeVad(FeatureOptions features, boolean off) throws IOException {
        boolean vadGiven = features.tables.get("vad") != null;
        if (off && vadGiven) {
            throw new InputException("give --vad or --no-vad, not both");
        }
        FeatureConfig config = features.toConfig(true);
        if (off) {
            return config.withVad(false, config.vad());
        }
        Optional<VadOptions> recipe = features.recipe.vad();
        if (vadGiven || recipe.isEmpty()) {
            return config;
        }
        // the --vad-* values given one by one replace the recipe's
        return config.withVad(true, features.tables.apply(VadOptions.OPTIONS, recipe.get()));
    }

    /** Sets {@code features}' recipe to {@code recipe} unless {@code --recipe} was given on the command line. */
    static void defaultRecipe(FeatureOptions features, CommandSpec spec, Recipe recipe) {
        if (!spec.commandLine().getParseResult().hasMatchedOption("--recipe")) {
            features.recipe = recipe;
        }
    }
}
