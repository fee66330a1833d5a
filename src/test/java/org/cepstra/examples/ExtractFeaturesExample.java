package org.cepstra.examples;

import java.nio.file.Path;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.matrix.FeatureMatrix;

/**
 * MFCC frames of a WAV file: Kaldi's {@code compute-mfcc-feats} defaults, then with per-recording mean
 * normalisation, deltas and delta-deltas. Usage: {@code ExtractFeaturesExample [WAV]}.
 */
public final class ExtractFeaturesExample {
    private ExtractFeaturesExample() {
    }

    public static void main(String[] args) throws Exception {
        Path wav = Path.of(args.length > 0 ? args[0] : "corpora/fsdd/recordings/0_jackson_0.wav");

        // 13 coefficients per 25 ms frame, every 10 ms, equal to Kaldi's (energy first).
        FeatureMatrix mfcc = new FeaturePipeline(FeatureConfig.kaldiDefaults()).extract(wav);
        System.out.println(mfcc.rows() + " frames x " + mfcc.cols() + " coefficients");
        StringBuilder first = new StringBuilder("frame 0:");
        for (float v : mfcc.row(0)) {
            first.append(String.format(" %.4f", v));
        }
        System.out.println(first);

        // The same frames with their mean over the recording removed, plus deltas and delta-deltas.
        FeatureConfig config = FeatureConfig.kaldiDefaults()
                .withCmvn(CmvnOptions.utterance(false), CmvnPlacement.BEFORE_DELTAS)
                .withDeltas(DeltaOptions.kaldiDefaults());
        FeatureMatrix full = new FeaturePipeline(config).extract(wav);
        System.out.println(full.rows() + " frames x " + full.cols() + " features");
    }
}
