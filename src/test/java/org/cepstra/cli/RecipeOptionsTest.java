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
            assertEquals(r.featureConfig(), RecipeVadOptions.withRecipeVad(c.features, false), r.id());
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
                "Invalid value for option '--recipe': no recipe 'fast': the recipes are standard, cross-speaker, speaker"), r.err());
    }

    @Test
    void theRecipesVadTakesValuesGivenOneByOneAndNoVadTurnsItOff() throws Exception {
        TrainCommand c = parse("-o", "m.npz", "--label-folders", "--recipe", "speaker", "--vad-energy-threshold", "4");
        var vad = RecipeVadOptions.withRecipeVad(c.features, false).vad();
        assertEquals(new org.cepstra.features.VadOptions(4f, 0.5f, 2, 0.12f), vad);
        c = parse("-o", "m.npz", "--label-folders", "--recipe", "speaker");
        org.junit.jupiter.api.Assertions.assertFalse(RecipeVadOptions.withRecipeVad(c.features, true).vadEnabled());
        c = parse("-o", "m.npz", "--label-folders", "--recipe", "speaker", "--vad");
        TrainCommand both = c;
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> RecipeVadOptions.withRecipeVad(both.features, true));
        assertEquals("give --vad or --no-vad, not both", e.getMessage());
    }
}
