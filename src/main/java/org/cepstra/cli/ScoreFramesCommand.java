package org.cepstra.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.io.features.FeatureFileReader;
import org.cepstra.io.kaldi.KaldiGmmText;
import org.cepstra.io.kaldi.NamedFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cepstra score-frames}: the log-likelihood of every frame under one GMM (density, anomaly scores). */
@Command(name = "score-frames", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the log-likelihood (nats) of every frame under a GMM written by fit.",
                "One line per frame: utterance, frame index (0-based), log-likelihood."})
final class ScoreFramesCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "GMM in Kaldi's text <DiagGMM> format (as fit writes)")
    Path model;

    @Parameters(index = "1", paramLabel = "FEATURES", description = "Kaldi text archive, CSV or .npy file")
    Path features;

    @Option(names = "--below", paramLabel = "THRESHOLD",
            description = "print only the frames whose log-likelihood is below THRESHOLD (anomaly detection)")
    Double below;

    @Option(names = "--json", description = "print the frames as JSON: {\"frames\": [{\"utterance\", \"frame\", "
            + "\"logLikelihood\"}, ...], \"framesScored\", \"framesPrinted\"}")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (below != null && below.isNaN()) {
            throw new InputException("--below must be a number (the log-likelihood threshold in nats), got NaN");
        }
        DiagonalGmm gmm = KaldiGmmText.read(model);
        List<NamedFeatures> utterances = FeatureFileReader.read(features);
        JsonGenerator g = null;
        if (json) {
            g = new JsonFactory().createGenerator(out);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("model", model.toString());
            g.writeStringField("features", features.toString());
            if (below != null) {
                g.writeNumberField("below", below);
            }
            g.writeArrayFieldStart("frames");
        }
        long scored = 0;
        long printed = 0;
        for (NamedFeatures utterance : utterances) {
            if (utterance.features().rows() == 0) {
                continue;
            }
            if (utterance.features().cols() != gmm.dimension()) {
                throw new InputException(features + ": utterance '" + utterance.name() + "' has "
                        + utterance.features().cols() + " dimensions, the model has " + gmm.dimension());
            }
            double[] ll = gmm.logLikelihoods(utterance.features());
            scored += ll.length;
            for (int t = 0; t < ll.length; t++) {
                if (below == null || ll[t] < below) {
                    printed++;
                    if (g != null) {
                        g.writeStartObject();
                        g.writeStringField("utterance", utterance.name());
                        g.writeNumberField("frame", t);
                        g.writeNumberField("logLikelihood", ll[t]);
                        g.writeEndObject();
                    } else {
                        out.printf("%s %d %.6f%n", utterance.name(), t, ll[t]);
                    }
                }
            }
        }
        if (g != null) {
            g.writeEndArray();
            g.writeNumberField("framesScored", scored);
            g.writeNumberField("framesPrinted", printed);
            g.writeEndObject();
            g.flush();
            out.println();
        }
        return ExitCode.OK;
    }
}
