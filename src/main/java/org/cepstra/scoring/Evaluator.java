package org.cepstra.scoring;

import org.cepstra.base.ParallelMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cepstra.corpus.Corpus;
import org.cepstra.gmm.MapOptions;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.CorpusFeatureExtractor;
import org.cepstra.models.CorpusFrames;
import org.cepstra.models.ModelTrainingListener;
import org.cepstra.models.UtteranceFrames;

/**
 * Classifies every utterance of a labelled test corpus with a {@link Scorer} and counts the results:
 * accuracy, confusion matrix, per-label precision and recall, the misclassified utterances, the test
 * labels without a model, and how far the posteriors can be trusted ({@link ReliabilityReport}); and each
 * frame classified on its own ({@link FrameCounts}). Labels can be left out ({@link #ignoringLabels}), and the
 * utterances can be classified again after adapting the models to each test speaker
 * ({@link #withSpeakerAdaptation}).
 */
public final class Evaluator {
    /** What adapting to speakers is told when a test utterance has no speaker (then its id, quoted). */
    public static final String NO_SPEAKER_TO_ADAPT = "speaker adaptation needs each test utterance's speaker; none "
            + "for utterance ";

    private final Scorer given;
    private final Scorer scorer;
    private final int threads;
    private final Set<String> ignored;
    private final boolean trainingPriors;
    /** Log prior of each label for frame-by-frame decisions (model-set order). */
    private final double[] frameLogPriors;
    /** Each worker thread's scorers, reused from utterance to utterance (short segments are many). */
    private final ThreadLocal<Scorer.LabelScorers> ownScorers;
    private final Map<String, Integer> labelIndex;
    /** Adaptation to each test speaker, with each utterance's speaker by utterance id; null for none. */
    private final SpeakerAdaptation adaptation;
    private final Map<String, String> speakers;

    /**
     * @param scorer  the scorer (its model set decides the features)
     * @param threads worker threads (≥ 1)
     */
    public Evaluator(Scorer scorer, int threads) {
        this(scorer, threads, Set.of(), false, null, Map.of());
    }

    private Evaluator(Scorer given, int threads, Set<String> ignored, boolean trainingPriors,
                      MapOptions adaptationOptions, Map<String, String> speakers) {
        this.given = Objects.requireNonNull(given, "scorer");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.ignored = Set.copyOf(ignored);
        this.trainingPriors = trainingPriors;
        Scorer s = ignored.isEmpty() ? given : given.withoutLabels(ignored);
        if (trainingPriors) {
            this.frameLogPriors = s.trainingFrameLogPriors();
            s = s.withTrainingPriors();
        } else {
            this.frameLogPriors = s.logPriors();
        }
        Scorer chosen = s;
        this.scorer = chosen;
        this.ownScorers = ThreadLocal.withInitial(chosen::ownScorers);
        Map<String, Integer> index = new java.util.HashMap<>();
        List<String> names = chosen.models().labelNames();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        this.labelIndex = index;
        this.adaptation = adaptationOptions == null ? null : new SpeakerAdaptation(chosen, adaptationOptions);
        this.speakers = Map.copyOf(speakers);
    }

    private MapOptions adaptationOptions() {
        return adaptation == null ? null : adaptation.options();
    }

    /**
     * This evaluator classifying every test utterance a second time after adapting the models to its speaker's
     * other utterances ({@link SpeakerAdaptation} with {@code options}). Frame accuracy stays that of the models
     * as they are (each frame on its own).
     *
     * @param speakers each test utterance's speaker, by utterance id; every utterance scored must have one
     */
    public Evaluator withSpeakerAdaptation(MapOptions options, Map<String, String> speakers) {
        return new Evaluator(given, threads, ignored, trainingPriors, Objects.requireNonNull(options, "options"),
                speakers);
    }

    /**
     * This evaluator leaving out {@code labels} (e.g. silence, to compare phones only): test utterances of
     * these labels are not scored, and they are no candidate for the others ({@link Scorer#withoutLabels}).
     *
     * @throws IllegalArgumentException if no model would be left
     */
    public Evaluator ignoringLabels(Set<String> labels) {
        return new Evaluator(given, threads, labels, trainingPriors, adaptationOptions(), speakers);
    }

    /**
     * This evaluator deciding with training priors: an utterance's label maximises its total log-likelihood
     * plus the log of the label's share of training utterances ({@link Scorer#withTrainingPriors}), a frame's
     * its log-likelihood plus the log of the label's share of training frames. Phone classes are far from
     * balanced (in a read English corpus AH has 150 times the segments of OY).
     *
     * @throws IllegalArgumentException if the model set does not record its training counts
     */
    public Evaluator withTrainingPriors() {
        return new Evaluator(given, threads, ignored, true, adaptationOptions(), speakers);
    }

    /**
     * Extracts the test corpus's frames (recordings at another rate resampled to the model set's) and
     * evaluates them.
     *
     * @throws IllegalArgumentException if the model set does not record its sample rate
     */
    public Evaluation evaluate(Corpus test, ModelTrainingListener listener) {
        Scorer.requireKnownSampleRate(scorer.models());
        CorpusFrames frames = new CorpusFeatureExtractor(scorer.models().featurePipeline(), threads)
                .extract(test, listener);
        return evaluate(frames);
    }

    /** Evaluates frames already extracted with the model set's feature configuration. */
    public Evaluation evaluate(CorpusFrames frames) {
        List<UtteranceFrames> utterances = frames.utterances().stream()
                .filter(u -> !ignored.contains(u.utterance().label())).toList();
        List<Scored> scored = ParallelMap.map(batches(utterances), threads, "cepstra-score", this::score).stream()
                .flatMap(List::stream).toList();
        List<Ranking> rankings = scored.stream().map(Scored::ranking).toList();
        int adaptedSpeakers = 0;
        if (adaptation != null) {
            rankings = adapted(utterances, rankings);
            adaptedSpeakers = (int) utterances.stream().map(u -> speakers.get(u.utterance().id())).distinct().count();
        }
        long frameCorrect = 0;
        long frameTotal = 0;
        for (Scored s : scored) {
            frameCorrect += s.framesRight();
            frameTotal += s.frames();
        }
        TreeSet<String> labelSet = new TreeSet<>(scorer.models().labelNames());
        for (UtteranceFrames u : utterances) {
            labelSet.add(u.utterance().label());
        }
        List<String> labels = new ArrayList<>(labelSet);
        int n = labels.size();
        int[][] confusion = new int[n][n];
        int correct = 0;
        List<Misclassification> wrong = new ArrayList<>();
        SortedMap<String, Integer> withoutModel = new TreeMap<>();
        double[] confidence = new double[utterances.size()];
        boolean[] right = new boolean[utterances.size()];
        double[] squaredError = new double[utterances.size()];
        for (int i = 0; i < utterances.size(); i++) {
            UtteranceFrames u = utterances.get(i);
            Ranking r = rankings.get(i);
            String truth = u.utterance().label();
            confusion[labels.indexOf(truth)][labels.indexOf(r.bestLabel())]++;
            confidence[i] = r.best().posterior();
            right[i] = truth.equals(r.bestLabel());
            double se = 0;
            boolean truthScored = false;
            for (LabelScore s : r.scores()) {
                boolean isTruth = s.label().equals(truth);
                truthScored |= isTruth;
                double d = s.posterior() - (isTruth ? 1 : 0);
                se += d * d;
            }
            squaredError[i] = truthScored ? se : se + 1;
            if (!truthScored) {
                withoutModel.merge(truth, 1, Integer::sum);
            }
            if (truth.equals(r.bestLabel())) {
                correct++;
            } else {
                wrong.add(new Misclassification(u.utterance().id(), u.utterance().audioFile(), truth, r.top(3)));
            }
        }
        List<LabelMetrics> metrics = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int support = 0;
            int predicted = 0;
            for (int j = 0; j < n; j++) {
                support += confusion[i][j];
                predicted += confusion[j][i];
            }
            metrics.add(new LabelMetrics(labels.get(i), support,
                    predicted == 0 ? Double.NaN : (double) confusion[i][i] / predicted,
                    support == 0 ? Double.NaN : (double) confusion[i][i] / support));
        }
        Optional<ReliabilityReport> reliability = utterances.isEmpty() ? Optional.empty()
                : Optional.of(ReliabilityReport.of(confidence, right, squaredError));
        return new Evaluation(labels, confusion, correct, utterances.size(), metrics, wrong, frames.skipped(),
                withoutModel, reliability, scorer.models().calibration(), new FrameCounts(frameCorrect, frameTotal),
                new TreeSet<>(ignored), adaptedSpeakers);
    }

    /** The rankings after adapting the models to each speaker's utterances, in the utterances' order. */
    private List<Ranking> adapted(List<UtteranceFrames> utterances, List<Ranking> firstPass) {
        Map<String, List<Integer>> bySpeaker = new TreeMap<>();
        for (int i = 0; i < utterances.size(); i++) {
            String id = utterances.get(i).utterance().id();
            String speaker = speakers.get(id);
            if (speaker == null) {
                throw new IllegalArgumentException(NO_SPEAKER_TO_ADAPT + "'" + id + "'");
            }
            bySpeaker.computeIfAbsent(speaker, k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> groups = new ArrayList<>(bySpeaker.values());
        List<List<Ranking>> reranked = ParallelMap.map(groups, threads, "cepstra-adapt", group -> adaptation.rerank(
                group.stream().map(i -> utterances.get(i).frames()).toList(),
                group.stream().map(firstPass::get).toList()));
        Ranking[] out = new Ranking[utterances.size()];
        for (int g = 0; g < groups.size(); g++) {
            for (int j = 0; j < groups.get(g).size(); j++) {
                out[groups.get(g).get(j)] = reranked.get(g).get(j);
            }
        }
        return List.of(out);
    }

    /** An utterance ranked as a whole, and how many of its frames are classified right on their own. */
    private record Scored(Ranking ranking, int frames, int framesRight) {
    }

    /**
     * Consecutive utterances in batches of about {@value #BATCH_FRAMES} frames (an utterance longer than that is a
     * batch of its own), scored together ({@link Scorer#scoreFrames(List, Scorer.LabelScorers, double[][], double[])}).
     */
    private static List<List<UtteranceFrames>> batches(List<UtteranceFrames> utterances) {
        return UtteranceFrames.batches(utterances, BATCH_FRAMES);
    }

    /** Frames scored together at most (a little more when an utterance crosses the limit). */
    private static final int BATCH_FRAMES = 2048;

    private List<Scored> score(List<UtteranceFrames> batch) {
        List<FeatureMatrix> frames = new ArrayList<>(batch.size());
        for (UtteranceFrames u : batch) {
            if (u.frames().rows() == 0) {
                throw new IllegalArgumentException("no frames to score");
            }
            frames.add(u.frames());
        }
        double[][] totals = new double[batch.size()][scorer.models().size()];
        int[][] best = scorer.scoreFrames(frames, ownScorers.get(), totals, frameLogPriors);
        List<Scored> scored = new ArrayList<>(batch.size());
        for (int u = 0; u < batch.size(); u++) {
            Ranking ranking = scorer.rank(totals[u], frames.get(u).rows());
            int truth = labelIndex.getOrDefault(batch.get(u).utterance().label(), -1);
            int right = 0;
            for (int b : best[u]) {
                right += b == truth ? 1 : 0;
            }
            scored.add(new Scored(ranking, frames.get(u).rows(), right));
        }
        return scored;
    }
}
