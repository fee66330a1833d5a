package org.cepstra.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.cepstra.audio.WavReader;
import org.cepstra.corpus.Corpus;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.GmmTrainer;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.gmm.TrainingResult;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Trains one GMM per label from a corpus: extracts the frames of every utterance with the feature
 * configuration, stacks each label's frames and fits a diagonal GMM to them. Labels are trained in
 * parallel (each fit single-threaded, so the result does not depend on the thread count). K is fixed,
 * or chosen per label by BIC from a list of candidates. Unusable files are reported and skipped, or,
 * with {@link #withStrict(boolean) strict} set, stop the training at the first one.
 */
public final class ModelSetTrainer {
    private final FeatureConfig featureConfig;
    private final TrainingConfig training;
    private final List<Integer> candidateComponents;
    private final int threads;
    private final boolean strict;

    /**
     * @param featureConfig how frames are made from audio
     * @param training      GMM training settings (its K is used unless {@code candidateComponents} is non-empty;
     *                      its thread count is ignored: labels are trained in parallel instead)
     * @param candidateComponents K values to try per label, choosing the lowest BIC; empty = use {@code training}'s K
     * @param threads       worker threads for feature extraction and training (≥ 1)
     */
    public ModelSetTrainer(FeatureConfig featureConfig, TrainingConfig training, List<Integer> candidateComponents,
                           int threads) {
        this.featureConfig = Objects.requireNonNull(featureConfig, "featureConfig");
        this.training = Objects.requireNonNull(training, "training").withThreads(1);
        this.candidateComponents = List.copyOf(candidateComponents);
        for (int k : this.candidateComponents) {
            if (k < 1) {
                throw new IllegalArgumentException("number of components must be >= 1, got " + k);
            }
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.strict = false;
    }

    private ModelSetTrainer(ModelSetTrainer base, FeatureConfig featureConfig) {
        this.featureConfig = featureConfig;
        this.training = base.training;
        this.candidateComponents = base.candidateComponents;
        this.threads = base.threads;
        this.strict = base.strict;
    }

    private ModelSetTrainer(ModelSetTrainer base, boolean strict) {
        this.featureConfig = base.featureConfig;
        this.training = base.training;
        this.candidateComponents = base.candidateComponents;
        this.threads = base.threads;
        this.strict = strict;
    }

    /**
     * A copy that, if {@code strict}, stops at the first unusable training file or segment with an
     * {@link UnusableFileException} instead of reporting and skipping it.
     */
    public ModelSetTrainer withStrict(boolean strict) {
        return new ModelSetTrainer(this, strict);
    }

    /** Whether training stops at the first unusable file (see {@link #withStrict(boolean)}). */
    public boolean strict() {
        return strict;
    }

    /** A trainer with a fixed K for every label. */
    public ModelSetTrainer(FeatureConfig featureConfig, TrainingConfig training, int threads) {
        this(featureConfig, training, List.of(), threads);
    }

    /**
     * Trains the model set.
     *
     * @throws UnusableFileException    in strict mode, at the first file or segment that cannot be used
     * @throws IllegalArgumentException if no utterance of the corpus gives frames
     */
    public ModelSetTrainingResult train(Corpus corpus, ModelTrainingListener listener) {
        Objects.requireNonNull(listener, "listener");
        ModelSetTrainer atRate = atCorpusRate(corpus);
        CorpusFrames frames = new CorpusFeatureExtractor(new FeaturePipeline(atRate.featureConfig), threads, strict)
                .extract(corpus, listener);
        return atRate.train(frames, listener);
    }

    /**
     * This trainer with the feature configuration fixed to one sample rate for {@code corpus}: the
     * configured rate if there is one, else the most common rate of its recordings (see
     * {@link SampleRates}); files at other rates are then resampled, and the model set records the rate.
     */
    ModelSetTrainer atCorpusRate(Corpus corpus) {
        if (featureConfig.targetSampleRateHz() > 0) {
            return this;
        }
        SampleRates rates = SampleRates.survey(corpus, new WavReader(featureConfig.channels()), 0);
        if (rates.chosenRateHz() == 0) {
            return this; // no readable header: every file is reported by the extraction
        }
        return new ModelSetTrainer(this, featureConfig.withTargetSampleRateHz(rates.chosenRateHz()));
    }

    /** Trains the model set without progress reports (see {@link #train(Corpus, ModelTrainingListener)}). */
    public ModelSetTrainingResult train(Corpus corpus) {
        return train(corpus, ModelTrainingListener.none());
    }

    /**
     * Trains the model set from frames already extracted with this trainer's feature configuration.
     *
     * @throws UnusableFileException    in strict mode, if {@code frames} carries a skip report
     * @throws IllegalArgumentException if there are no frames at all
     */
    public ModelSetTrainingResult train(CorpusFrames frames, ModelTrainingListener listener) {
        if (strict && !frames.skipped().isEmpty()) {
            throw new UnusableFileException(frames.skipped().get(0));
        }
        SortedMap<String, List<FeatureMatrix>> byLabel = new TreeMap<>();
        SortedMap<String, Integer> utterances = new TreeMap<>();
        for (UtteranceFrames u : frames.utterances()) {
            String label = u.utterance().label();
            byLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(u.frames());
            utterances.merge(label, 1, Integer::sum);
        }
        if (byLabel.isEmpty()) {
            throw new IllegalArgumentException("no training frames: every utterance was skipped ("
                    + frames.skipped().size() + " skipped)");
        }
        List<String> labels = new ArrayList<>(byLabel.keySet());
        AtomicInteger done = new AtomicInteger();
        List<LabelSummaryAndModel> trained = ParallelMap.map(labels, threads, "cepstra-train", label -> {
            FeatureMatrix data = FeatureMatrix.stack(byLabel.get(label));
            LabelSummaryAndModel r = trainLabel(label, data, utterances.get(label));
            listener.labelDone(label, done.incrementAndGet(), labels.size());
            return r;
        });
        SortedMap<String, DiagonalGmm> models = new TreeMap<>();
        List<LabelSummary> summaries = new ArrayList<>();
        for (LabelSummaryAndModel r : trained) {
            models.put(r.summary.label(), r.model);
            summaries.add(r.summary);
        }
        ModelSet set = new ModelSet(models, featureConfig, training, summaries, frames.skipped().size());
        return new ModelSetTrainingResult(set, frames.skipped());
    }

    private LabelSummaryAndModel trainLabel(String label, FeatureMatrix data, int utteranceCount) {
        List<Integer> ks = candidateComponents.isEmpty() ? List.of(training.numComponents()) : candidateComponents;
        TrainingResult best = null;
        double bestBic = Double.POSITIVE_INFINITY;
        for (int k : ks) {
            TrainingResult r;
            try {
                r = new GmmTrainer(training.withNumComponents(k)).fit(data);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("label '" + label + "' (" + data.rows() + " frames, K=" + k
                        + "): " + e.getMessage(), e);
            }
            double bic = ks.size() == 1 ? 0 : r.model().bic(data);
            if (best == null || bic < bestBic) {
                best = r;
                bestBic = bic;
            }
        }
        LabelSummary summary = new LabelSummary(label, utteranceCount, data.rows(), best.model().numComponents(),
                best.iterations(), best.converged(), best.finalAverageLogLikelihood(), best.flooredVariances(),
                best.reseededComponents());
        return new LabelSummaryAndModel(summary, best.model());
    }

    private record LabelSummaryAndModel(LabelSummary summary, DiagonalGmm model) {
    }
}
