package org.cepstra.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.GmmTrainer;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.gmm.TrainingResult;
import org.cepstra.io.features.FeatureFileReader;
import org.cepstra.io.kaldi.KaldiGmmText;
import org.cepstra.matrix.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cepstra fit}: one diagonal GMM fitted by EM to a matrix of frames (any data, not only speech). */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a diagonal-covariance GMM to the rows of a feature file and write it as Kaldi text <DiagGMM>.",
                "Feature files: a Kaldi text archive (all utterances stacked), CSV, or .npy float32/float64 2-D."})
final class FitCommand implements Callable<Integer> {
    /** Most worker threads {@code --threads} accepts. */

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FEATURES", description = "Kaldi text archive, CSV or .npy file")
    Path features;

    @Option(names = {"-o", "--output"}, paramLabel = "MODEL", description = "write the model (Kaldi text <DiagGMM>, atomically)")
    Path output;

    @Mixin
    TrainingOptions training;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads, 1 to 1024 (default: all cores)")
    Integer threads;

    @Option(names = "--json", description = "print the figures as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int workers = Threads.resolve(threads);
        TrainingConfig config = training.toConfig(workers);
        if (output != null) {
            OutputPaths.check("-o", output, List.of(features));
        }
        FeatureMatrix data = FeatureFileReader.readStacked(features);
        long t0 = System.nanoTime();
        TrainingResult result = fit(config, data, features);
        double seconds = (System.nanoTime() - t0) / 1e9;
        DiagonalGmm model = result.model();
        if (output != null) {
            try {
                KaldiGmmText.write(model, output);
            } catch (IllegalArgumentException e) {
                throw new InputException("cannot write " + output + ": " + e.getMessage());
            }
        }
        double avg = model.averageLogLikelihood(data);
        double bic = model.bic(data);
        double aic = model.aic(data);
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode n = mapper.createObjectNode();
            n.put("frames", data.rows());
            n.put("dimension", data.cols());
            n.put("components", model.numComponents());
            n.put("averageLogLikelihood", avg);
            n.put("bic", bic);
            n.put("aic", aic);
            n.put("iterations", result.iterations());
            n.put("converged", result.converged());
            n.put("flooredVariances", result.flooredVariances());
            n.put("reseededComponents", result.reseededComponents());
            n.put("componentsLeftToConverge", result.componentsLeftToConverge());
            n.put("bestIteration", result.bestIteration());
            n.put("minOccupancyFrames", config.update().effectiveMinOccupancy(data.rows(), data.cols()));
            n.put("seconds", seconds);
            var curve = n.putArray("averageLogLikelihoodPerIteration");
            result.averageLogLikelihoods().forEach(curve::add);
            out.println(mapper.writeValueAsString(n));
        } else {
            out.printf("frames: %d%ndimension: %d%ncomponents: %d%n", data.rows(), data.cols(), model.numComponents());
            out.printf("average log-likelihood per frame: %.6f%n", avg);
            out.printf("BIC: %.2f%nAIC: %.2f%n", bic, aic);
            out.printf("iterations: %d%nconverged: %s%n", result.iterations(), result.converged());
            out.printf("variances floored: %d%ncomponents re-seeded: %d%n", result.flooredVariances(),
                    result.reseededComponents());
            out.printf("components left to converge: %d%n", result.componentsLeftToConverge());
            out.printf("best iteration: %d%n", result.bestIteration());
            out.printf("minimum occupancy: %s frames%n",
                    frames(config.update().effectiveMinOccupancy(data.rows(), data.cols())));
            out.printf("seconds: %.3f%n", seconds);
            if (output != null) {
                out.printf("model: %s%n", output);
            }
        }
        return ExitCode.OK;
    }

    /** Fits {@code config} to {@code data} read from {@code source}; running out of memory is an input error. */
    static TrainingResult fit(TrainingConfig config, FeatureMatrix data, Path source) {
        try {
            return new GmmTrainer(config).fit(data);
        } catch (OutOfMemoryError e) {
            throw notEnoughMemory(source, data);
        }
    }

    /** The one-line error for a fit that ran out of memory. */
    static InputException notEnoughMemory(Path source, FeatureMatrix data) {
        long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return new InputException("not enough memory for fitting the " + data.rows() + " frames of " + source
                + " (" + heapMb + " MB heap): give Java more memory (-Xmx, e.g. java -Xmx8g -jar cepstra.jar ...)"
                + " or use fewer --threads");
    }

    /** A frame count as typed: without a fraction when it is whole. */
    static String frames(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
