package org.cepstra.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.FileNamePatternLabels;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelTrainingListener;
import org.cepstra.scoring.Evaluation;
import org.cepstra.scoring.Evaluator;
import org.cepstra.scoring.Scorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SameSpeakerExampleTest {
    @TempDir
    Path tmp;

    @Test
    void poolsTheSpeakersStatisticsAsEvaluateDoes() throws Exception {
        Corpus all = new FileNamePatternLabels(Pattern.compile("^(\\d)_(?<speaker>[a-z]+)_"))
                .read(Path.of("corpora/fsdd/recordings"));
        List<Utterance> jackson = new ArrayList<>();
        List<Utterance> theo = new ArrayList<>();
        for (Utterance u : all.utterances()) {
            String name = u.audioFile().getFileName().toString();
            if (name.contains("_jackson_")) {
                jackson.add(u);
            } else if (name.matches("\\d_theo_[0-2]\\.wav")) {
                theo.add(u);
            }
        }
        FeatureConfig perSpeaker = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults())
                .withCmvn(CmvnOptions.speaker(true), CmvnPlacement.AFTER_DELTAS);
        ModelSet models = new ModelSetTrainer(perSpeaker, TrainingConfig.defaults(4), 2)
                .train(Corpus.of(jackson), ModelTrainingListener.none()).modelSet();
        Path model = tmp.resolve("jackson.npz");
        ModelSetFile.write(model, models);

        List<String> args = new ArrayList<>(List.of(model.toString()));
        theo.forEach(u -> args.add(u.audioFile().toString()));
        List<String> lines = ExampleRunner.run(org.cepstra.docs.DocSnippets.main("SameSpeakerExample")::run, args.toArray(new String[0])).lines().toList();
        assertEquals(30, lines.size());
        int correct = 0;
        for (String line : lines) {
            String[] f = line.split(" ");
            correct += f[0].charAt(0) == f[1].charAt(0) ? 1 : 0;
        }
        Evaluation evaluation = new Evaluator(new Scorer(models), 2).evaluate(Corpus.of(theo),
                ModelTrainingListener.none());
        assertEquals(evaluation.correct(), correct, "the example and evaluate pool the same statistics");
        assertTrue(correct >= 18, correct + " of 30 right for a speaker the models never heard");
    }
}
