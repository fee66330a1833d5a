package org.cepstra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cepstra.app.Recipe;
import org.cepstra.features.CmvnMode;
import org.cepstra.gmm.Initialization;
import org.cepstra.gmm.TrainingConfig;
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
            assertEquals(r.trainingConfig(), c.training.toConfig(1, c.features.recipe), r.id());
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
        assertEquals(4, c.training.toConfig(1, c.features.recipe).numComponents());
        TrainCommand words = parse("-o", "m.npz", "--label-folders", "--recipe", "keywords", "--init", "kmeans++",
                "-k", "2");
        TrainingConfig t = words.training.toConfig(1, words.features.recipe);
        assertEquals(Initialization.KMEANS_PLUS_PLUS, t.init().initialization());
        assertEquals(2, t.numComponents());
    }

    @Test
    void anUnknownRecipeIsNamedWithTheChoices() {
        CliRunner.Result r = CliRunner.run("train", "x", "-o", "m.npz", "--recipe", "fast");
        assertEquals(2, r.exitCode(), r.err());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains(
                "Invalid value for option '--recipe': no recipe 'fast': the recipes are standard, cross-speaker, keywords, speaker, or auto"), r.err());
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

    @Test
    void autoTrainsTheCandidateWithTheBestCrossValidatedAccuracyAndRecordsIt(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path model = tmp.resolve("m.npz");
        CliRunner.Result r = CliRunner.run("train", "corpora/fsdd/recordings", "--label-pattern", "^(\\d)_",
                "--test-pattern", "_([4-9]|1[0-4])\\.wav$", "-k", "2", "--recipe", "auto", "--json", "-o", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        var selection = json.get("recipeSelection");
        assertEquals("RECORDINGS", selection.get("heldOut").asText()); // no speaker in the label pattern
        assertEquals(5, selection.get("folds").asInt());
        assertEquals(80, selection.get("groups").asInt());
        String best = null;
        double bestAccuracy = -1;
        for (var c : selection.get("candidates")) {
            assertEquals(80, c.get("tested").asInt());
            if (c.get("accuracy").asDouble() > bestAccuracy) {
                bestAccuracy = c.get("accuracy").asDouble();
                best = c.get("recipe").asText();
            }
        }
        assertEquals(3, selection.get("candidates").size());
        assertEquals(best, selection.get("chosen").asText());
        assertEquals(best, json.get("recipe").asText());
        assertEquals(java.util.Optional.of(best), org.cepstra.io.model.ModelSetFile.read(model).recipe());
        assertEquals(Recipe.named(best).featureConfig().withTargetSampleRateHz(8000),
                org.cepstra.io.model.ModelSetFile.read(model).featureConfig());
    }

    @Test
    void autoIsRefusedWhereNoRecipeIsTrained() {
        CliRunner.Result r = CliRunner.run("evaluate", "m.npz", "x", "--label-folders", "--recipe", "auto");
        assertEquals(1, r.exitCode(), r.err());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("--recipe auto applies when evaluate trains the models"),
                r.err());
        r = CliRunner.run("train-ubm", "x", "-o", "u.npz", "--label-folders", "--recipe", "auto");
        assertEquals(1, r.exitCode(), r.err());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("--recipe auto is for train and evaluate"), r.err());
        r = CliRunner.run("train", "x", "-o", "m.npz", "--label-folders", "--recipe", "auto", "--map-from", "u.npz");
        assertEquals(1, r.exitCode(), r.err());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("--recipe auto cannot be used with --map-from"), r.err());
    }
}
