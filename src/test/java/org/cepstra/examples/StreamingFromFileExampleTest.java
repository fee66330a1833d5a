package org.cepstra.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StreamingFromFileExampleTest {
    private static final Pattern RUNNING =
            Pattern.compile("\\s*(\\d+) ms: (\\d) \\(posterior [01]\\.\\d{3} over (\\d+) frames\\)");
    private static final Pattern DECIDED =
            Pattern.compile("decided (\\d) at frame (\\d+), after (\\d+) ms of audio \\(posterior [01]\\.\\d{4}\\)");

    @Test
    void printsTheRunningBestLabelTheDecisionAndTheResult() throws Exception {
        // Trained on the shipped corpus (jackson and theo, recordings 0 to 14); 8_jackson_20 is not in it.
        // It lasts 3158 samples (394.75 ms) and gives 37 frames.
        List<String> lines = ExampleRunner.run(org.cepstra.docs.DocSnippets.main("StreamingFromFileExample")::run).lines().toList();
        String all = String.join("\n", lines);
        int decisions = 0;
        int running = 0;
        for (String line : lines.subList(0, lines.size() - 1)) {
            Matcher r = RUNNING.matcher(line);
            Matcher d = DECIDED.matcher(line);
            if (r.matches()) {
                running++;
                long ms = Long.parseLong(r.group(1));
                int frames = Integer.parseInt(r.group(3));
                if (running < 4) {
                    // Every 10 buffers of 10 ms; 25 ms frames every 10 ms, each waiting 4 frames for its deltas.
                    assertEquals(100 * running, ms, all);
                    assertEquals((ms - 25) / 10 + 1 - 4, frames, line);
                } else {
                    assertEquals(395, ms, "the last, partial buffer: " + all);
                    assertEquals(33, frames, line);
                }
            } else if (d.matches()) {
                assertEquals("8", d.group(1), all);
                // 20 frames above 0.99 in a row; frame t is out once frame t + 4 is complete, which happens
                // within 10 ms buffer number t + 7.
                int frame = Integer.parseInt(d.group(2));
                assertTrue(frame >= 19, all);
                assertEquals(10 * (frame + 7), Long.parseLong(d.group(3)), all);
                decisions++;
            } else {
                throw new AssertionError("unexpected line '" + line + "' in\n" + all);
            }
        }
        assertEquals(1, decisions, all);
        assertEquals(4, running, all);
        assertEquals("final: 8 over 37 frames", lines.get(lines.size() - 1), all);
    }
}
