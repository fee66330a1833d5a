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
