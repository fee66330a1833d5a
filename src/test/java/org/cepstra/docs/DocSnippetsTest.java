package org.cepstra.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.cepstra.corpus.FileNamePatternLabels;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.models.ModelSetTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java program printed in the documentation compiles as printed, without warnings. */
class DocSnippetsTest {

    @Test
    void everyProgramInTheDocumentationCompilesAsPrinted() {
        List<DocSnippets.Snippet> all = DocSnippets.all();
        assertTrue(all.size() >= 8, "programs found: " + all.size());
        DocSnippets.Compiled c = DocSnippets.compile();
        assertEquals(List.of(), c.errors());
        assertEquals(List.of(), c.warnings());
    }

    private static String run(String program, String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        synchronized (DocSnippetsTest.class) {
            try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                System.setOut(capture);
                DocSnippets.main(program).run(args);
            } finally {
                System.setOut(saved);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theReadmeProgramClassifiesAFileWithATrainedModel(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("digits.npz");
        ModelSetFile.write(model, new ModelSetTrainer(FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults()),
                TrainingConfig.defaults(4), 2).withCalibrationFolds(0)
                .train(FileNamePatternLabels.fsddDigits().read(Path.of("corpora/fsdd/recordings"))).modelSet());
        String out = run("ClassifyOneFile", model.toString(), "corpora/fsdd/recordings/3_theo_0.wav");
        assertTrue(out.matches("3 \\(posterior \\d\\.\\d{3}\\)\\R"), out);
    }

    @Test
    void theGmmProgramFindsTwoClusters() throws Exception {
        String out = run("GmmOnAnyMatrix");
        assertTrue(out.matches("-?\\d+\\.\\d{3} nats/point, first point in cluster [01] \\(p = 1\\.000\\), "
                + "BIC \\d+\\.\\d, 1000 samples, best K 2\\R"), out);
    }
}
