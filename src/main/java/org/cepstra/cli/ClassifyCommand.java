package org.cepstra.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cepstra.io.ModelSetFile;
import org.cepstra.scoring.LabelScore;
import org.cepstra.scoring.Ranking;
import org.cepstra.scoring.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cepstra classify}: the best labels of WAV files under a model set. */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classify WAV files with a model file: label, total log-likelihood, posterior.")
final class ClassifyCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "model file written by train")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "WAV files or folders")
    List<Path> inputs;

    @Option(names = "--top", paramLabel = "N", description = "show the best N labels per file (default: ${DEFAULT-VALUE})")
    int top = 1;

    @Option(names = "--json", description = "print JSON: one object per file with its ranked labels")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scorer scorer = new Scorer(ModelSetFile.read(model));
        List<Path> files = WavInputs.expand(inputs);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode results = mapper.createArrayNode();
        int skipped = 0;
        if (!json) {
            out.printf("%-40s %-12s %16s %10s %8s%n", "file", "label", "total loglik", "posterior", "frames");
        }
        for (Path file : files) {
            Ranking ranking;
            try {
                ranking = scorer.classify(file);
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                err.println("cepstra: skipped " + (message.startsWith(file.toString()) ? message : file + ": " + message));
                skipped++;
                continue;
            }
            if (json) {
                ObjectNode n = results.addObject();
                n.put("file", file.toString());
                n.put("frames", ranking.frames());
                n.put("label", ranking.bestLabel());
                ArrayNode ranked = n.putArray("ranking");
                for (LabelScore s : ranking.top(top)) {
                    ObjectNode r = ranked.addObject();
                    r.put("label", s.label());
                    r.put("totalLogLikelihood", s.totalLogLikelihood());
                    r.put("averageLogLikelihood", s.averageLogLikelihood());
                    r.put("posterior", s.posterior());
                }
            } else {
                for (LabelScore s : ranking.top(top)) {
                    out.printf("%-40s %-12s %16.3f %10.4f %8d%n", file, s.label(), s.totalLogLikelihood(), s.posterior(),
                            ranking.frames());
                }
            }
        }
        if (json) {
            out.println(mapper.writeValueAsString(results));
        }
        if (skipped == files.size()) {
            return ExitCode.INPUT_ERROR;
        }
        return skipped > 0 ? ExitCode.SKIPPED_FILES : ExitCode.OK;
    }
}
