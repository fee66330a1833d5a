package org.cepstra.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchClassifyExampleTest {

    @Test
    void classifiesAHeldOutRecordingOfAKnownSpeaker(@TempDir Path folder) throws Exception {
        // Trained on 11 recordings (one or two per digit); 6_yweweler_45 is the other "6" of this speaker.
        String heldOut = "6_yweweler_3";
        ExampleRunner.copy(folder, ExampleRunner.WAVS_8K.stream().filter(n -> !n.equals(heldOut)).toList());
        List<String> lines = ExampleRunner.run(org.cepstra.docs.DocSnippets.main("BatchClassifyExample")::run, folder.toString(),
                ExampleRunner.wav(heldOut).toString()).lines().toList();
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertEquals("6_yweweler_3.wav -> 6", lines.get(0));
        assertTrue(lines.get(1).matches("  6  posterior 1\\.0000  -\\d+\\.\\d{3} nats/frame"), lines.get(1));
        assertTrue(lines.get(2).matches("  \\d  posterior 0\\.0000  -\\d+\\.\\d{3} nats/frame"), lines.get(2));
        assertEquals("from memory -> 6", lines.get(4));
    }

    @Test
    void defaultsTrainOnTheShippedCorpus() throws Exception {
        // corpora/fsdd/recordings holds jackson and theo, recordings 0 to 14; 8_jackson_20 is not among them.
        List<String> lines = ExampleRunner.run(org.cepstra.docs.DocSnippets.main("BatchClassifyExample")::run).lines().toList();
        assertEquals("8_jackson_20.wav -> 8", lines.get(0));
        assertEquals("from memory -> 8", lines.get(lines.size() - 1));
    }
}
