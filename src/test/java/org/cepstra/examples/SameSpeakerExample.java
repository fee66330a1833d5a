package org.cepstra.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cepstra.features.CmvnStatistics;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.io.ModelSetFile;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.ModelSet;
import org.cepstra.scoring.Ranking;
import org.cepstra.scoring.Scorer;

/**
 * Classifies several recordings of one speaker with a model set trained with per-speaker CMVN
 * ({@code train --recipe cross-speaker}): the normalisation statistics are pooled over all the
 * recordings first, as {@code classify --same-speaker} does. Usage:
 * {@code SameSpeakerExample MODEL WAV...}.
 */
public final class SameSpeakerExample {
    private SameSpeakerExample() {
    }

    public static void main(String[] args) throws Exception {
        ModelSet models = ModelSetFile.read(Path.of(args[0]));
        FeaturePipeline pipeline = new FeaturePipeline(models.featureConfig());
        Scorer scorer = new Scorer(models);

        // first pass: static cepstra of every recording, and the speaker's summed statistics
        List<FeatureMatrix> statics = new ArrayList<>();
        CmvnStatistics speaker = null;
        for (int i = 1; i < args.length; i++) {
            FeatureMatrix s = pipeline.staticFeatures(new org.cepstra.audio.WavReader().read(Path.of(args[i])));
            statics.add(s);
            CmvnStatistics own = pipeline.cmvnStatistics(s);
            speaker = speaker == null ? own : speaker.plus(own);
        }
        // second pass: normalise each recording with the speaker's statistics, then score it
        for (int i = 0; i < statics.size(); i++) {
            Ranking r = scorer.score(pipeline.postProcess(statics.get(i), speaker));
            System.out.println(Path.of(args[i + 1]).getFileName() + " " + r.bestLabel());
        }
    }
}
