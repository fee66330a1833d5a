package org.cepstra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cepstra.app.Recipe;
import org.cepstra.features.CmvnMode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --recipe} gives exactly the recipe's values, and explicit options override them. */
class RecipeOptionsTest {

    private static TrainCommand parse(String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command;
    }

    @Test
    void eachRecipeAloneGivesItsFeatureAndTrainingConfiguration() throws Exception {
        for (Recipe r : Recipe.all()) {
            TrainCommand c = parse("-o", "m.npz", "--label-folders", "--recipe", r.id());
            assertEquals(r.featureConfig(), c.features.toConfig(true), r.id());
            assertEquals(r.trainingConfig(), c.training.toConfig(1, c.features.recipe.components()), r.id());
        }
    }

    @Test
    void explicitOptionsOverrideTheRecipe() throws Exception {
        TrainCommand c = parse("-o", "m.npz", "--label-folders", "--recipe", "cross_speaker", "--num-ceps", "13", "--cmvn", "utterance",
                "-k", "4");
        var config = c.features.toConfig(true);
        assertEquals(13, config.mfcc().mfcc().numCeps());
        assertEquals(100.0, config.mfcc().mel().lowFreqHz());
        assertEquals(CmvnMode.UTTERANCE, config.cmvn().mode());
        assertEquals(4, c.training.toConfig(1, c.features.recipe.components()).numComponents());
    }

    @Test
    void anUnknownRecipeIsNamedWithTheChoices() {
        CliRunner.Result r = CliRunner.run("train", "x", "-o", "m.npz", "--recipe", "fast");
        assertEquals(2, r.exitCode(), r.err());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains(
                "Invalid value for option '--recipe': no recipe 'fast': the recipes are standard, cross-speaker"), r.err());
    }
}
