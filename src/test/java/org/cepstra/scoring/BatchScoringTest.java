package org.cepstra.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.MfccSettings;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.GmmScorer;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.Calibration;
import org.cepstra.models.CorpusFrames;
import org.cepstra.models.ModelSet;
import org.cepstra.models.StateAlignment;
import org.cepstra.models.StateModels;
import org.cepstra.models.UtteranceFrames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Utterances scored together (their frames gathered into blocks) give each utterance's totals bit for bit as
 * {@link Scorer#score} gives them alone, and each frame the label a brute-force frame-by-frame search gives it.
 */
class BatchScoringTest {
    private static final int DIM = 3;
    private static final int[] LENGTHS = {1, 2, 3, 5, 7, 8, 9, 40, 255, 256, 257, 600, 1, 4, 1800, 3};

    private static FeatureConfig threeDimensions() {
        FeatureConfig k = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.none());
        return k.withMfcc(new MfccSettings(k.mfcc().frame(), k.mfcc().mel().withNumBins(6),
                k.mfcc().mfcc().withNumCeps(DIM)));
    }

    private static DiagonalGmm randomGmm(Random random, int components) {
        double[] w = new double[components];
        double[][] mean = new double[components][DIM];
        double[][] var = new double[components][DIM];
        double sum = 0;
        for (int c = 0; c < components; c++) {
            w[c] = 0.2 + random.nextDouble();
            sum += w[c];
            for (int j = 0; j < DIM; j++) {
                mean[c][j] = 3 * random.nextGaussian();
                var[c][j] = 0.3 + 2 * random.nextDouble();
            }
        }
        for (int c = 0; c < components; c++) {
            w[c] /= sum;
        }
        return new DiagonalGmm(w, mean, var);
    }

    /** Four labels of 5 Gaussians per state. */
    private static ModelSet models(int states, Random random, StateAlignment alignment) {
        SortedMap<String, DiagonalGmm> models = new TreeMap<>();
        for (String label : List.of("a", "b", "c", "d")) {
            List<DiagonalGmm> parts = new ArrayList<>();
            for (int s = 0; s < states; s++) {
                parts.add(randomGmm(random, 5));
            }
            models.put(label, states == 1 ? parts.get(0) : StateModels.union(parts));
        }
        return new ModelSet(models, threeDimensions(), TrainingConfig.defaults(5), List.of(), 0, Calibration.none(),
                Optional.empty(), Optional.empty(), Optional.empty(), states, Optional.empty(), alignment);
    }

    private static List<FeatureMatrix> utterances(Random random) {
        List<FeatureMatrix> out = new ArrayList<>();
        for (int n : LENGTHS) {
            float[] x = new float[n * DIM];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (4 * random.nextGaussian());
            }
            out.add(FeatureMatrix.of(n, DIM, x));
        }
        return out;
    }

    /**
     * Each frame's best label by scoring it alone under each label's model for its part (ties: the first label);
     * with a Viterbi alignment, the parts of each label's best path.
     */
    private static int[] bruteForceBestLabels(ModelSet set, FeatureMatrix frames) {
        int n = frames.rows();
        int[] best = new int[n];
        double[] bestScore = new double[n];
        java.util.Arrays.fill(bestScore, Double.NEGATIVE_INFINITY);
        List<String> labels = set.labelNames();
        for (int i = 0; i < labels.size(); i++) {
            List<DiagonalGmm> states = set.states() == 1 ? List.of(set.model(labels.get(i)))
                    : set.stateModels(labels.get(i));
            double[][] ll = new double[states.size()][n];
            for (int s = 0; s < states.size(); s++) {
                GmmScorer g = new GmmScorer(states.get(s));
                for (int t = 0; t < n; t++) {
                    ll[s][t] = g.logLikelihood(frames.row(t), 0);
                }
            }
            int[] bounds = set.stateAlignment().bounds(ll, 0, n);
            for (int s = 0; s < states.size(); s++) {
                for (int t = bounds[s]; t < bounds[s + 1]; t++) {
                    if (ll[s][t] > bestScore[t]) {
                        bestScore[t] = ll[s][t];
                        best[t] = i;
                    }
                }
            }
        }
        return best;
    }

    @ParameterizedTest
    @CsvSource({"1, EQUAL", "3, EQUAL", "3, VITERBI", "5, VITERBI"})
    void aBatchGivesEachUtteranceItsTotalsAloneAndEachFrameItsBestLabel(int states, StateAlignment alignment) {
        Random random = new Random(7 + states);
        ModelSet set = models(states, random, alignment);
        Scorer scorer = new Scorer(set);
        List<FeatureMatrix> batch = utterances(random);
        double[][] totals = new double[batch.size()][set.size()];
        int[][] best = scorer.scoreFrames(batch, scorer.ownScorers(), totals, new double[set.size()]);
        for (int u = 0; u < batch.size(); u++) {
            Ranking alone = scorer.score(batch.get(u));
            for (LabelScore s : alone.scores()) {
                int i = set.labelNames().indexOf(s.label());
                assertEquals(s.totalLogLikelihood(), totals[u][i], 0.0, "utterance " + u + ", label " + s.label());
            }
            assertArrayEquals(bruteForceBestLabels(set, batch.get(u)), best[u], "utterance " + u);
            assertArrayEquals(best[u], scorer.bestLabelPerFrame(batch.get(u)), "utterance " + u);
        }
    }

    @ParameterizedTest
    @CsvSource({"1, EQUAL", "2, EQUAL", "2, VITERBI"})
    void theEvaluatorCountsWhatEachUtteranceScoredAloneGives(int threads, StateAlignment alignment) {
        Random random = new Random(11);
        ModelSet set = models(3, random, alignment);
        Scorer scorer = new Scorer(set);
        List<FeatureMatrix> frames = utterances(random);
        List<UtteranceFrames> utterances = new ArrayList<>();
        int correct = 0;
        long framesRight = 0;
        long framesTotal = 0;
        for (int u = 0; u < frames.size(); u++) {
            String truth = set.labelNames().get(u % set.size());
            utterances.add(new UtteranceFrames(Utterance.wholeFile("u" + u, Path.of("/x/u" + u + ".wav"), truth),
                    frames.get(u)));
            correct += scorer.score(frames.get(u)).bestLabel().equals(truth) ? 1 : 0;
            for (int b : bruteForceBestLabels(set, frames.get(u))) {
                framesRight += b == u % set.size() ? 1 : 0;
            }
            framesTotal += frames.get(u).rows();
        }
        Evaluation e = new Evaluator(scorer, threads).evaluate(new CorpusFrames(utterances, List.of()));
        assertEquals(correct, e.correct());
        assertEquals(framesRight, e.frames().correct());
        assertEquals(framesTotal, e.frames().total());
    }
}
