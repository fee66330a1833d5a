package org.cepstra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.cepstra.base.Option;
import org.cepstra.base.OptionTable;
import org.cepstra.features.ChangedOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.KaldiConfigFile;
import org.cepstra.gmm.EmOptions;
import org.cepstra.gmm.InitOptions;
import org.cepstra.gmm.Initialization;
import org.cepstra.gmm.RunOptions;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.gmm.UpdateLimits;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every option-table entry is a command-line option whose usage shows the default of its record. */
class TableOptionsTest {

    private static CommandSpec spec(Object command) {
        return new CommandLine(command).getCommandSpec();
    }

    @Test
    void everyFeatureOptionIsOnEveryFeatureCommandWithItsRecordsDefault() {
        for (Object command : List.of(new FeaturesCommand(), new TrainCommand(), new EvaluateCommand())) {
            CommandSpec spec = spec(command);
            for (OptionTable<?> table : FeatureOptions.TABLES) {
                assertReachableWithDefault(spec, table);
            }
        }
    }

    @Test
    void everyTrainingOptionIsOnEveryTrainingCommandWithItsRecordsDefault() {
        for (Object command : List.of(new FitCommand(), new SelectKCommand(), new TrainCommand(),
                new EvaluateCommand())) {
            CommandSpec spec = spec(command);
            for (OptionTable<?> table : TrainingOptions.TABLES) {
                if (table == RunOptions.OPTIONS) {
                    // --threads is each command's own option: default every core, not the record's 1
                    assertNotNull(spec.findOption("--threads"), spec.name());
                    assertNotNull(spec.findOption("--seed"), spec.name());
                    continue;
                }
                assertReachableWithDefault(spec, table);
            }
        }
    }

    @Test
    void trainingOptionsGivenOnTheCommandLineMakeTheConfigurationTheyName() {
        TrainingConfig expected = new TrainingConfig(5, new EmOptions(7, 0.25), new RunOptions(-3, 2),
                new InitOptions(Initialization.MIXUP, 9, 500, 3, 6, 3), new UpdateLimits(0.5, 1e-3, 2.5, 0.01));
        FitCommand command = new FitCommand();
        new CommandLine(command).parseArgs("-k", "5", "--max-iter", "7", "--tol", "0.25", "--seed", "-3",
                "--init", "mixup", "--kmeans-iterations", "9", "--kmeans-sample-size", "500", "--n-init", "3",
                "--mixup-iterations", "6", "--kmeans-candidate-factor", "3", "--var-floor", "0.5", "--abs-var-floor", "1e-3", "--min-occupancy", "2.5",
                "--min-weight", "0.01", "data.csv");
        assertEquals(expected, command.training.toConfig(2));
        FitCommand auto = new FitCommand();
        new CommandLine(auto).parseArgs("--min-occupancy", "AUTO", "data.csv");
        assertEquals(TrainingConfig.defaults(16).withThreads(1), auto.training.toConfig(1));
    }

    @Test
    void newTrainingOptionsAreCheckedNamedAsTyped() {
        FitCommand command = new FitCommand();
        new CommandLine(command).parseArgs("--kmeans-sample-size", "0", "data.csv");
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                command.training::validate);
        assertEquals("--kmeans-sample-size must be >= 1, got 0", e.getMessage());
        FitCommand weight = new FitCommand();
        new CommandLine(weight).parseArgs("-k", "4", "--min-weight", "0.25", "data.csv");
        assertEquals("--min-weight must be below 1/K (0.25), got 0.25", org.junit.jupiter.api.Assertions
                .assertThrows(InputException.class, () -> weight.training.toConfig(1)).getMessage());
    }

    @Test
    void optionsGivenOnTheCommandLineMakeTheConfigurationTheyName() throws Exception {
        FeatureConfig changed = ChangedOptions.config();
        List<String> args = new ArrayList<>(List.of("--channel", "1", "--deltas"));
        for (String line : KaldiConfigFile.configLines(changed.mfcc())) {
            args.add(line);
        }
        args.addAll(List.of("--sample-frequency", "16000", "--cmvn", "sliding", "--norm-vars", "--cmn-window", "300",
                "--min-cmn-window", "50", "--center", "--cmvn-placement", "after-deltas", "--delta-order", "1",
                "--delta-window", "3", "--vad", "--vad-energy-threshold", "4.5", "--vad-energy-mean-scale", "0.25",
                "--vad-frames-context", "2", "--vad-proportion-threshold", "0.7", "x.wav"));
        FeaturesCommand command = new FeaturesCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args.toArray(new String[0]));
        assertEquals(changed, command.features.toConfig());
    }

    static <R> void assertReachableWithDefault(CommandSpec spec, OptionTable<R> table) {
        for (Option<R, ?> o : table.options()) {
            OptionSpec cli = spec.findOption("--" + o.name());
            assertNotNull(cli, spec.name() + " lacks --" + o.name());
            String usage = String.join(" ", cli.description());
            assertTrue(usage.endsWith("(default: " + o.format(table.defaults()) + ")"), usage);
            assertTrue(!usage.contains("%"), usage); // picocli would read it as a format
        }
    }
}
