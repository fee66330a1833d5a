package org.cepstra.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.io.FeatureFileReader;
import org.cepstra.io.KaldiGmmText;
import org.cepstra.io.NamedFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cepstra score-frames}: the log-likelihood of every frame under one GMM (density, anomaly scores). */
@Command(name = "score-frames", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the log-likelihood (nats) of every frame under a GMM written by fit:",
                "one line per frame: utterance, frame index (0-based), log-likelihood."})
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

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DiagonalGmm gmm = KaldiGmmText.read(model);
        for (NamedFeatures utterance : FeatureFileReader.read(features)) {
            if (utterance.features().rows() == 0) {
                continue;
            }
            if (utterance.features().cols() != gmm.dimension()) {
                throw new InputException(features + ": utterance '" + utterance.name() + "' has "
                        + utterance.features().cols() + " dimensions, the model has " + gmm.dimension());
            }
            double[] ll = gmm.logLikelihoods(utterance.features());
            for (int t = 0; t < ll.length; t++) {
                if (below == null || ll[t] < below) {
                    out.printf("%s %d %.6f%n", utterance.name(), t, ll[t]);
                }
            }
        }
        return ExitCode.OK;
    }
}
