package org.cepstra.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainFromFolderExampleTest {
    private static final Pattern LABEL = Pattern.compile(
            "label (\\d): (\\d+) recordings, (\\d+) frames, K=(\\d+), -\\d+\\.\\d\\d nats/frame");

    @Test
    void trainsEveryLabelAndReportsWhatItSkipped(@TempDir Path folder) throws Exception {
        ExampleRunner.copy(folder, ExampleRunner.WAVS_8K);
        ExampleRunner.copy(folder, List.of("0_george_0_16k", "3_theo_3_44k", "5_nicolas_33_16k", "9_theo_16_16k"));
        Files.writeString(folder.resolve("readme.wav"), "not a recording");
        Files.write(folder.resolve("5_broken_1.wav"), new byte[] {'R', 'I', 'F', 'F', 1, 2, 3});

        List<String> lines = ExampleRunner.run(org.cepstra.docs.DocSnippets.main("TrainFromFolderExample")::run, folder.toString()).lines().toList();
        String all = String.join("\n", lines);
        assertEquals(13, lines.size(), all);
        assertTrue(lines.get(0).startsWith("skipped " + folder.resolve("readme.wav") + ": file name does not match"),
                all);
        assertTrue(lines.get(1).startsWith("skipped " + folder.resolve("5_broken_1.wav") + ": truncated header"),
                all);
        int recordings = 0;
        for (int digit = 0; digit < 10; digit++) {
            Matcher m = LABEL.matcher(lines.get(2 + digit));
            assertTrue(m.matches(), lines.get(2 + digit));
            assertEquals(digit, Integer.parseInt(m.group(1)));
            assertTrue(List.of(1, 2, 4, 8).contains(Integer.parseInt(m.group(4))), "K among the candidates");
            recordings += Integer.parseInt(m.group(2));
            if (digit == 1) {
                // Label 1 has one recording, so it is all training data: its frames are that file's frames.
                FeatureConfig features = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults());
                int frames = new FeaturePipeline(features).extract(ExampleRunner.wav("1_jackson_1")).rows();
                assertEquals(frames, Integer.parseInt(m.group(3)));
            }
        }
        // 16 readable recordings; 20% of each label's files held out (only label 5, with 3 files, gives one).
        assertEquals(15, recordings, all);
        assertEquals("accuracy on 1 held-out recordings: 1.000", lines.get(12));
    }
}
