package org.cepstra.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractFeaturesExampleTest {
    @Test
    void printsTheKaldiCoefficients() throws Exception {
        List<String> lines = ExampleRunner.run(org.cepstra.docs.DocSnippets.main("ExtractFeaturesExample")::run,
                ExampleRunner.wav("0_george_0").toString()).lines().toList();
        String all = String.join("\n", lines);
        assertEquals(3, lines.size(), all);
        // Kaldi's output for this file (test resource): 28 frames of 13 coefficients.
        List<String> reference;
        try (InputStream in = getClass().getResourceAsStream("/kaldi-mfcc/default/0_george_0.txt")) {
            reference = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertEquals("28 13", reference.get(0));
        assertEquals("28 frames x 13 coefficients", lines.get(0));
        String[] expected = reference.get(1).trim().split("\\s+");
        String[] printed = lines.get(1).substring("frame 0: ".length()).split(" ");
        assertEquals(13, printed.length, all);
        for (int i = 0; i < 13; i++) {
            double ref = Double.parseDouble(expected[i]);
            // Kaldi agreement within 1e-3 + 1e-4·|ref|, plus the 5e-5 of printing 4 decimals.
            assertEquals(ref, Double.parseDouble(printed[i]), 1e-3 + 1e-4 * Math.abs(ref) + 5e-5, "coefficient " + i);
        }
        assertEquals("28 frames x 39 features", lines.get(2));
    }
}
