package org.cepstra.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.FileNamePatternLabels;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSetTrainerTest {
    static final FeatureConfig STATICS = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.none());

    @TempDir
    Path tmp;

    static UtteranceFrames frames(String id, String label, double[][] rows) {
        return new UtteranceFrames(Utterance.wholeFile(id, Path.of("/x/" + id + ".wav"), label), FeatureMatrix.of(rows));
    }

    @Test
    void oneComponentPerLabelIsTheMeanAndVarianceOfThatLabelsFrames() {
        Random r = new Random(11);
        List<UtteranceFrames> utterances = new ArrayList<>();
        double[] sum = new double[13];
        double[] sumSq = new double[13];
        int n = 0;
        for (int u = 0; u < 4; u++) {
            double[][] rows = new double[25][13];
            for (double[] row : rows) {
                for (int d = 0; d < 13; d++) {
                    row[d] = (float) (3 + 2 * r.nextGaussian());
                    sum[d] += row[d];
                    sumSq[d] += row[d] * row[d];
                }
                n++;
            }
            utterances.add(frames("a" + u, "a", rows));
            double[][] other = new double[25][13];
            for (double[] row : other) {
                for (int d = 0; d < 13; d++) {
                    row[d] = -3 + r.nextGaussian();
                }
            }
            utterances.add(frames("b" + u, "b", other));
        }
        ModelSetTrainer trainer = new ModelSetTrainer(STATICS,
                TrainingConfig.defaults(1).withRelativeVarianceFloor(0), 2);
        ModelSet set = trainer.train(new CorpusFrames(utterances, List.of()), ModelTrainingListener.none()).modelSet();
        assertEquals(List.of("a", "b"), set.labelNames());
        DiagonalGmm a = set.model("a");
        for (int d = 0; d < 13; d++) {
            double mean = sum[d] / n;
            assertEquals(mean, a.means()[0][d], 1e-5);
            assertEquals(sumSq[d] / n - mean * mean, a.variances()[0][d], 1e-4);
        }
        LabelSummary summary = set.labels().get(0);
        assertEquals("a", summary.label());
        assertEquals(4, summary.utterances());
        assertEquals(100, summary.frames());
    }

    @Test
    void bicChoosesTwoComponentsForTwoClustersAndOneForOne() {
        Random r = new Random(2);
        List<UtteranceFrames> utterances = new ArrayList<>();
        double[][] two = new double[400][13];
        double[][] one = new double[400][13];
        for (int t = 0; t < 400; t++) {
            for (int d = 0; d < 13; d++) {
                two[t][d] = (t % 2 == 0 ? -10 : 10) + r.nextGaussian();
                one[t][d] = r.nextGaussian();
            }
        }
        utterances.add(frames("two", "two", two));
        utterances.add(frames("one", "one", one));
        ModelSetTrainer trainer = new ModelSetTrainer(STATICS, TrainingConfig.defaults(1), List.of(1, 2, 4), 2);
        ModelSet set = trainer.train(new CorpusFrames(utterances, List.of()), ModelTrainingListener.none()).modelSet();
        assertEquals(2, set.model("two").numComponents());
        assertEquals(1, set.model("one").numComponents());
    }

    @Test
    void aCorpusWithBadFilesTrainsOnTheRestAndReportsThem() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("c"));
        Path wavs = Path.of("src/test/resources/kaldi-mfcc/wavs");
        for (String name : List.of("0_george_0", "1_jackson_1", "2_nicolas_2", "3_theo_3")) {
            Files.copy(wavs.resolve(name + ".wav"), dir.resolve(name + ".wav"));
        }
        Files.writeString(dir.resolve("4_bad_0.wav"), "not audio at all");
        Files.write(dir.resolve("5_cut_0.wav"), java.util.Arrays.copyOf(Files.readAllBytes(wavs.resolve("5_nicolas_33.wav")), 300));
        Corpus corpus = new FileNamePatternLabels(java.util.regex.Pattern.compile("^(\\d)_")).read(dir);
        ModelSetTrainingResult result = new ModelSetTrainer(STATICS, TrainingConfig.defaults(2), 2)
                .train(corpus, ModelTrainingListener.none());
        assertEquals(List.of("0", "1", "2", "3"), result.modelSet().labelNames());
        assertEquals(2, result.skipped().size());
        assertEquals(2, result.modelSet().skippedFiles());
        assertTrue(result.skipped().get(0).reason().contains("not a RIFF/WAVE file"), result.skipped().toString());
        assertTrue(result.skipped().get(1).reason().contains("truncated"), result.skipped().toString());
    }

    @Test
    void aCorpusWhereEveryFileIsBadIsAClearError() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("1_x_0.wav"), "nope");
        Corpus corpus = new FileNamePatternLabels(java.util.regex.Pattern.compile("^(\\d)_")).read(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelSetTrainer(STATICS, TrainingConfig.defaults(2), 1).train(corpus, ModelTrainingListener.none()));
        assertTrue(e.getMessage().contains("every utterance was skipped"), e.getMessage());
    }
}
