package org.cepstra.models;

import org.cepstra.base.ParallelMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.cepstra.audio.WavReader;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.SkipSummary;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.features.FeatureTransform;
import org.cepstra.features.SegmentParts;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.FrameSubsampling;
import org.cepstra.gmm.GmmScorer;
import org.cepstra.gmm.GmmTrainer;
import org.cepstra.gmm.MapAdapter;
import org.cepstra.gmm.MapOptions;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.gmm.TrainingResult;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Trains one GMM per label from a corpus: extracts the frames of every utterance with the feature
 * configuration, stacks each label's frames and fits a diagonal GMM to them. Labels are trained in
 * parallel (each fit single-threaded, so the result does not depend on the thread count). K is fixed,
 * or chosen per label by BIC from a list of candidates. Unusable files are reported and skipped, or,
 * with {@link #withStrict(boolean) strict} set, stop the training at the first one.
 *
 * <p>After training, the posteriors are calibrated ({@link Calibration}) unless turned off with
 * {@link #withCalibrationFolds(int) withCalibrationFolds(0)}: the usable utterances are split into
 * folds (by utterance, stratified by label and shuffled with the training seed; or, if
 * {@link #withCalibrationBySpeaker(boolean) asked} and every utterance has a speaker and there are at
 * least two, by speaker), models are trained on all folds but one and
 * score the utterances of that one, and {@link CalibrationFitter} fits the scale to those held-out
 * scores. This trains every label once more per fold on (F−1)/F of the data: about F times the
 * training time of the models alone (feature extraction is not repeated). A corpus of many utterances
 * (segments of aligned recordings) holds out only the first folds, enough for
 * {@value #CALIBRATION_UTTERANCES} utterances: with 19,000 segments in 5 folds, one fold, which costs
 * 0.8 times the training of the models alone.
 */
public final class ModelSetTrainer {
    private final FeatureConfig featureConfig;
    private final TrainingConfig training;
    private final List<Integer> candidateComponents;
    private final int threads;
    private final boolean strict;
    private final int calibrationFolds;
    private final boolean calibrateBySpeaker;
    private final double cmvnPriorFrames;
    /** With MAP adaptation: the UBM's set (its one model, features and CMVN prior) and the options; else null. */
    private final ModelSet mapFromSet;
    private final MapAdapter mapAdapter;
    private final FrameSubsampling subsampling;
    private final int states;
    private final int framesPerComponent;
    private final StateAlignment stateAlignment;

    /** Rounds of re-aligning the training utterances to the states and re-training them, at most. */
    public static final int REALIGNMENT_ROUNDS = 4;

    /**
     * Fewest held-out utterances a calibration is fitted on; with fewer the model set stays uncalibrated
     * and the training result says why.
     */
    public static final int MIN_HELD_OUT_UTTERANCES = 20;

    /**
     * Held-out utterances that suffice to fit the calibration: once the first folds hold this many, the
     * remaining folds are not held out (their models are not trained).
     */
    public static final int CALIBRATION_UTTERANCES = 2000;

    /** Held-out utterances scored per task of the calibration. */
    private static final int SCORING_CHUNK = 256;

    /** Folds of the calibration unless {@link #withCalibrationFolds(int)} says otherwise. */
    public static final int DEFAULT_CALIBRATION_FOLDS = 5;

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
        this.calibrationFolds = DEFAULT_CALIBRATION_FOLDS;
        this.calibrateBySpeaker = false;
        this.cmvnPriorFrames = 0;
        this.mapFromSet = null;
        this.mapAdapter = null;
        this.subsampling = FrameSubsampling.none();
        this.states = 1;
        this.framesPerComponent = 0;
        this.stateAlignment = StateAlignment.EQUAL;
    }

    private ModelSetTrainer(ModelSetTrainer base, FeatureConfig featureConfig) {
        this(base, featureConfig, base.strict, base.calibrationFolds, base.calibrateBySpeaker, base.cmvnPriorFrames,
                base.mapFromSet, base.mapAdapter);
    }

    private ModelSetTrainer(ModelSetTrainer base, boolean strict, int calibrationFolds, boolean calibrateBySpeaker) {
        this(base, base.featureConfig, strict, calibrationFolds, calibrateBySpeaker, base.cmvnPriorFrames,
                base.mapFromSet, base.mapAdapter);
    }

    private ModelSetTrainer(ModelSetTrainer base, FeatureConfig featureConfig, boolean strict, int calibrationFolds,
                            boolean calibrateBySpeaker, double cmvnPriorFrames, ModelSet mapFromSet,
                            MapAdapter mapAdapter) {
        this(base, featureConfig, strict, calibrationFolds, calibrateBySpeaker, cmvnPriorFrames, mapFromSet, mapAdapter,
                base.subsampling);
    }

    private ModelSetTrainer(ModelSetTrainer base, FeatureConfig featureConfig, boolean strict, int calibrationFolds,
                            boolean calibrateBySpeaker, double cmvnPriorFrames, ModelSet mapFromSet,
                            MapAdapter mapAdapter, FrameSubsampling subsampling) {
        this(base, featureConfig, strict, calibrationFolds, calibrateBySpeaker, cmvnPriorFrames, mapFromSet, mapAdapter,
                subsampling, base.states, base.framesPerComponent, base.stateAlignment);
    }

    private ModelSetTrainer(ModelSetTrainer base, FeatureConfig featureConfig, boolean strict, int calibrationFolds,
                            boolean calibrateBySpeaker, double cmvnPriorFrames, ModelSet mapFromSet,
                            MapAdapter mapAdapter, FrameSubsampling subsampling, int states, int framesPerComponent,
                            StateAlignment stateAlignment) {
        this.featureConfig = featureConfig;
        this.training = base.training;
        this.candidateComponents = base.candidateComponents;
        this.threads = base.threads;
        this.strict = strict;
        this.calibrationFolds = calibrationFolds;
        this.calibrateBySpeaker = calibrateBySpeaker;
        this.cmvnPriorFrames = cmvnPriorFrames;
        this.mapFromSet = mapFromSet;
        this.mapAdapter = mapAdapter;
        this.subsampling = subsampling;
        this.states = states;
        this.framesPerComponent = framesPerComponent;
        this.stateAlignment = stateAlignment;
    }

    /**
     * A copy that models every label in {@code states} states ({@link StateModels}): each utterance's frames
     * are shared among that many states in order (equal parts unless {@link #withStateAlignment} says otherwise),
     * and state {@code s} of a label is trained on part {@code s} of every utterance of the label, with the label's K (see {@link #withFramesPerComponent}); 1 (the default) trains
     * one model per label. Not with MAP adaptation or candidate K values.
     *
     * @throws IllegalArgumentException if {@code states} is not in [1, {@value ModelSet#MAX_STATES}]
     */
    public ModelSetTrainer withStates(int states) {
        if (states < 1 || states > ModelSet.MAX_STATES) {
            throw new IllegalArgumentException("states per label must be in [1, " + ModelSet.MAX_STATES + "], got "
                    + states);
        }
        return new ModelSetTrainer(this, featureConfig, strict, calibrationFolds, calibrateBySpeaker, cmvnPriorFrames,
                mapFromSet, mapAdapter, subsampling, states, framesPerComponent, stateAlignment);
    }

    /**
     * A copy whose labels in states ({@link #withStates}) share each utterance's frames among their states by
     * {@code alignment}: {@link StateAlignment#EQUAL equal parts} (the default), or {@link StateAlignment#VITERBI}:
     * the states are first trained on equal parts, then each training utterance is aligned to its label's states
     * by the best left-to-right path and the states are trained again on their new parts, up to
     * {@value #REALIGNMENT_ROUNDS} times or until no utterance's parts move (HTK's {@code HInit} then
     * {@code HRest}, with Viterbi instead of Baum-Welch re-estimation). The model set records the alignment, and
     * scoring uses it.
     */
    public ModelSetTrainer withStateAlignment(StateAlignment alignment) {
        return new ModelSetTrainer(this, featureConfig, strict, calibrationFolds, calibrateBySpeaker, cmvnPriorFrames,
                mapFromSet, mapAdapter, subsampling, states, framesPerComponent, Objects.requireNonNull(alignment,
                "alignment"));
    }

    /**
     * A copy that gives a label (each of its states) with {@code n} training frames
     * {@code min(K, max(1, ⌊n / frames⌋))} components, so that labels with little data get fewer; 0 (the
     * default) gives every label K, except a label with fewer frames than K, which gets one component per
     * frame. The labels whose K was lowered are in the summaries ({@link LabelSummary#numComponents()}).
     *
     * @throws IllegalArgumentException if {@code frames} is negative
     */
    public ModelSetTrainer withFramesPerComponent(int frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("frames per component must be >= 0, got " + frames);
        }
        return new ModelSetTrainer(this, featureConfig, strict, calibrationFolds, calibrateBySpeaker, cmvnPriorFrames,
                mapFromSet, mapAdapter, subsampling, states, frames, stateAlignment);
    }

    /**
     * Components for a label (or state) with {@code frames} training frames when K = {@code k}: see
     * {@link #withFramesPerComponent}.
     */
    int componentsFor(int k, long frames) {
        long cap = framesPerComponent > 0 ? Math.max(1, frames / framesPerComponent) : Math.max(1, frames);
        return (int) Math.min(k, cap);
    }

    /**
     * A copy that trains (or adapts) every model on every N-th frame of each utterance only ({@link
     * FrameSubsampling}, Kaldi's {@code subsample-feats}, applied to each utterance before the label's
     * frames are stacked), as Kaldi trains a large UBM; {@link FrameSubsampling#none()} (the default) keeps
     * every frame. Calibration folds train on the subsampled frames too and score the held-out utterances
     * whole.
     */
    public ModelSetTrainer withFrameSubsampling(FrameSubsampling subsampling) {
        Objects.requireNonNull(subsampling, "subsampling");
        return new ModelSetTrainer(this, featureConfig, strict, calibrationFolds, calibrateBySpeaker, cmvnPriorFrames,
                mapFromSet, mapAdapter, subsampling);
    }

    /**
     * A copy that makes every label's model by MAP adaptation of a universal background model to the
     * label's frames (Reynolds, Quatieri and Dunn 2000) instead of training it by EM: {@code ubmSet} is a
     * model set of one model (as {@code train-ubm} writes it), whose feature configuration and CMVN prior
     * make the frames; the model set made records the UBM as its {@link Background}. Calibration folds
     * adapt the UBM to each fold's frames the same way.
     *
     * @throws IllegalArgumentException if {@code ubmSet} holds more than one model
     */
    public ModelSetTrainer withMapFrom(ModelSet ubmSet, MapOptions options) {
        Objects.requireNonNull(ubmSet, "ubmSet");
        if (ubmSet.size() != 1) {
            throw new IllegalArgumentException("a universal background model is a model set of one model; this one has "
                    + ubmSet.size() + " labels (" + String.join(", ", ubmSet.labelNames().subList(0,
                    Math.min(3, ubmSet.size()))) + (ubmSet.size() > 3 ? ", ..." : "") + ")");
        }
        MapAdapter adapter = new MapAdapter(ubmSet.models().values().iterator().next(), options);
        return new ModelSetTrainer(this, ubmSet.featureConfig(), strict, calibrationFolds, calibrateBySpeaker, 0,
                ubmSet, adapter);
    }

    /**
     * A copy that, with per-speaker CMVN, stores a {@link org.cepstra.features.CmvnPrior} of {@code frames}
     * frames gathered from the training corpus in the model set, so that a test speaker with few frames (one
     * file classified alone) is normalised with statistics that lean towards the training data's (Kaldi's
     * online CMVN {@code --global-frames}); 0 (the default) stores none.
     *
     * @throws IllegalArgumentException if {@code frames} is negative or not finite
     */
    public ModelSetTrainer withCmvnPriorFrames(double frames) {
        if (!(frames >= 0) || !Double.isFinite(frames)) {
            throw new IllegalArgumentException("CMVN prior frames must be a finite number >= 0, got " + frames);
        }
        return new ModelSetTrainer(this, featureConfig, strict, calibrationFolds, calibrateBySpeaker, frames,
                mapFromSet, mapAdapter);
    }

    /**
     * A copy that holds out whole speakers for the calibration when {@code bySpeaker}, or utterances of
     * every speaker otherwise (the default). Whole speakers mimic a test on new speakers, but each fold's
     * models then know one speaker fewer than the final ones, and how well one held-out speaker is
     * recognised varies much from speaker to speaker: with few speakers the posteriors come out far too
     * low. On FSDD (5 speakers) held-out utterances gave the better calibration on new speakers too.
     */
    public ModelSetTrainer withCalibrationBySpeaker(boolean bySpeaker) {
        return new ModelSetTrainer(this, strict, calibrationFolds, bySpeaker);
    }

    /**
     * A copy that calibrates the posteriors on {@code folds} held-out folds of the training data (at most
     * one per speaker when splitting by speaker); 0 turns calibration off (posteriors are then the raw
     * softmax of the totals, and the model set says it is not calibrated).
     *
     * @throws IllegalArgumentException if {@code folds} is 1 or negative
     */
    public ModelSetTrainer withCalibrationFolds(int folds) {
        if (folds < 0 || folds == 1) {
            throw new IllegalArgumentException("calibration folds must be 0 (off) or >= 2, got " + folds);
        }
        return new ModelSetTrainer(this, strict, folds, calibrateBySpeaker);
    }

    /** Folds used to calibrate the posteriors (0: no calibration). */
    public int calibrationFolds() {
        return calibrationFolds;
    }

    /**
     * A copy that, if {@code strict}, stops at the first unusable training file or segment with an
     * {@link UnusableFileException} instead of reporting and skipping it.
     */
    public ModelSetTrainer withStrict(boolean strict) {
        return new ModelSetTrainer(this, strict, calibrationFolds, calibrateBySpeaker);
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
        FeaturePipeline pipeline = mapFromSet != null ? mapFromSet.featurePipeline()
                : new FeaturePipeline(atRate.featureConfig.beforeTransform());
        CorpusFrames frames = new CorpusFeatureExtractor(pipeline, threads, strict)
                .withCmvnPriorFrames(cmvnPriorFrames).extract(corpus, listener);
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
     * Trains the model set from frames already extracted with this trainer's feature configuration, without
     * its LDA stage if it has one ({@link FeatureConfig#beforeTransform()}): the projection is estimated here
     * from the labelled frames ({@link org.cepstra.features.LdaEstimator}), applied to them and stored in the
     * model set. When the configuration names no sample rate, the model set records the one rate the frames'
     * recordings came at ({@link CorpusFrames#sampleRates()}).
     *
     * @throws UnusableFileException    in strict mode, if {@code frames} carries a skip report
     * @throws IllegalArgumentException if there are no frames at all, or the configuration names no rate
     *                                  and the recordings came at several (their frames would be mixed)
     */
    public ModelSetTrainingResult train(CorpusFrames frames, ModelTrainingListener listener) {
        if (strict && !frames.skipped().isEmpty()) {
            throw new UnusableFileException(frames.skipped().get(0));
        }
        if (featureConfig.targetSampleRateHz() == 0 && !frames.sampleRates().filesByRateHz().isEmpty()) {
            java.util.Set<Integer> rates = frames.sampleRates().filesByRateHz().keySet();
            if (rates.size() > 1) {
                throw new IllegalArgumentException("the frames come from recordings at " + rates + " Hz, made each "
                        + "at its own rate: frames of different rates cannot share models; extract them with "
                        + "FeatureConfig.withTargetSampleRateHz, or train from the corpus, which picks one rate");
            }
            return new ModelSetTrainer(this, featureConfig.withTargetSampleRateHz(rates.iterator().next()))
                    .train(frames, listener);
        }
        List<UtteranceFrames> trainingFrames = frames.utterances();
        Optional<FeatureTransform> transform = Optional.empty();
        if (mapFromSet != null) {
            transform = mapFromSet.transform(); // the UBM's pipeline made the frames, its projection included
        } else if (featureConfig.lda().enabled() && !trainingFrames.isEmpty()) {
            FeatureTransform lda = LdaTraining.estimate(trainingFrames, featureConfig.lda(), threads).transform();
            transform = Optional.of(lda);
            trainingFrames = LdaTraining.project(trainingFrames, lda, threads);
        }
        SortedMap<String, List<FeatureMatrix>> byLabel = new TreeMap<>();
        SortedMap<String, Integer> utterances = new TreeMap<>();
        for (UtteranceFrames u : trainingFrames) {
            String label = u.utterance().label();
            byLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(u.frames());
            utterances.merge(label, 1, Integer::sum);
        }
        if (byLabel.isEmpty()) {
            throw new IllegalArgumentException(noFramesMessage(frames));
        }
        List<String> labels = new ArrayList<>(byLabel.keySet());
        AtomicInteger done = new AtomicInteger();
        // one label (a UBM) gets every thread for its EM: the model is the same for any thread count
        int fitThreads = labels.size() == 1 ? threads : 1;
        if (states > 1 && (mapAdapter != null || !candidateComponents.isEmpty())) {
            throw new IllegalArgumentException("labels in states are trained by EM with one K: not with MAP "
                    + "adaptation or candidate K values");
        }
        List<LabelSummaryAndModel> trained = ParallelMap.map(labels, threads, "cepstra-train", label -> {
            LabelSummaryAndModel r = trainLabel(label, byLabel.get(label), fitThreads);
            listener.labelDone(label, done.incrementAndGet(), labels.size());
            return r;
        });
        SortedMap<String, DiagonalGmm> models = new TreeMap<>();
        List<LabelSummary> summaries = new ArrayList<>();
        for (LabelSummaryAndModel r : trained) {
            models.put(r.summary.label(), r.model);
            summaries.add(r.summary);
        }
        Calibration calibration = Calibration.none();
        Optional<String> problem = Optional.empty();
        if (calibrationFolds > 0) {
            CalibrationOutcome outcome = calibrate(trainingFrames, new ArrayList<>(models.keySet()));
            calibration = outcome.calibration();
            problem = outcome.problem();
        }
        Optional<Background> background = mapAdapter == null ? Optional.empty()
                : Optional.of(new Background(mapAdapter.ubm(), mapAdapter.options()));
        ModelSet set = new ModelSet(models, featureConfig, training, summaries, frames.skipped().size(), calibration,
                frames.cmvnPrior(), background, transform, states, Optional.empty(),
                states > 1 ? stateAlignment : StateAlignment.EQUAL);
        return new ModelSetTrainingResult(set, frames.skipped(), problem, frames.sampleRates());
    }

    /** "no training frames" with the skip reasons grouped (counts and an example file each). */
    static String noFramesMessage(CorpusFrames frames) {
        if (frames.skipped().isEmpty()) {
            return "no training frames: the corpus has no utterance";
        }
        return "no training frames: every utterance was skipped (" + frames.skipped().size() + " skipped: "
                + SkipSummary.of(frames.skipped()).describe(5) + ")";
    }

    /**
     * Fold of each utterance (index into {@code utterances}) and what the folds hold; no fold
     * when the data cannot be split into two folds.
     */
    record Folds(int[] foldOf, int count, Calibration.HeldOut by) {
    }

    /** Splits the utterances into folds (see the class description). */
    Folds folds(List<UtteranceFrames> utterances) {
        int n = utterances.size();
        int[] foldOf = new int[n];
        boolean allSpeakers = calibrateBySpeaker && n > 0 && utterances.stream().allMatch(u -> u.utterance().speaker().isPresent());
        if (allSpeakers) {
            TreeSet<String> speakers = new TreeSet<>();
            utterances.forEach(u -> speakers.add(u.utterance().speaker().get()));
            if (speakers.size() >= 2) {
                int count = Math.min(calibrationFolds, speakers.size());
                Map<String, Integer> index = new HashMap<>();
                for (String s : speakers) {
                    index.put(s, index.size() % count);
                }
                for (int i = 0; i < n; i++) {
                    foldOf[i] = index.get(utterances.get(i).utterance().speaker().get());
                }
                return new Folds(foldOf, count, Calibration.HeldOut.SPEAKERS);
            }
        }
        int count = Math.min(calibrationFolds, n);
        if (count < 2) {
            return new Folds(foldOf, 0, Calibration.HeldOut.NONE);
        }
        SortedMap<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byLabel.computeIfAbsent(utterances.get(i).utterance().label(), l -> new ArrayList<>()).add(i);
        }
        Random random = new Random(training.run().seed());
        int next = 0;
        for (List<Integer> members : byLabel.values()) {
            Collections.shuffle(members, random);
            for (int i : members) {
                foldOf[i] = next++ % count;
            }
        }
        return new Folds(foldOf, count, Calibration.HeldOut.UTTERANCES);
    }

    /** A fitted calibration, or none and the reason. */
    private record CalibrationOutcome(Calibration calibration, Optional<String> problem) {
        static CalibrationOutcome failed(String why) {
            return new CalibrationOutcome(Calibration.none(), Optional.of("posteriors not calibrated: " + why));
        }
    }

    /**
     * How many folds (the first ones) are held out in turn: every fold, unless fewer already hold
     * {@link #CALIBRATION_UTTERANCES} utterances (a corpus of many segments), which then saves training the
     * other folds' models.
     */
    static int heldOutFolds(Folds folds) {
        int[] perFold = new int[folds.count()];
        for (int f : folds.foldOf()) {
            perFold[f]++;
        }
        int held = 0;
        for (int f = 0; f < folds.count(); f++) {
            held += perFold[f];
            if (held >= CALIBRATION_UTTERANCES) {
                return f + 1;
            }
        }
        return folds.count();
    }

    /** Trains per-fold models, scores each fold's utterances with the models of the others and fits the scale. */
    private CalibrationOutcome calibrate(List<UtteranceFrames> utterances, List<String> labels) {
        Folds folds = folds(utterances);
        if (folds.count() < 2) {
            return CalibrationOutcome.failed("a single utterance cannot be split into held-out folds");
        }
        record Job(int fold, String label) {
        }
        int heldOut = heldOutFolds(folds);
        List<Job> jobs = new ArrayList<>();
        for (int f = 0; f < heldOut; f++) {
            for (String label : labels) {
                jobs.add(new Job(f, label));
            }
        }
        List<DiagonalGmm> foldModels = ParallelMap.map(jobs, threads, "cepstra-calibrate", job -> {
            List<FeatureMatrix> data = new ArrayList<>();
            for (int i = 0; i < utterances.size(); i++) {
                UtteranceFrames u = utterances.get(i);
                if (folds.foldOf()[i] != job.fold() && u.utterance().label().equals(job.label())) {
                    data.add(u.frames());
                }
            }
            if (data.isEmpty()) {
                return null;
            }
            try {
                return trainLabel(job.label(), data, 1).model;
            } catch (IllegalArgumentException e) {
                return null; // too little data for this label in this fold: the label sits the fold out
            }
        });
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < utterances.size(); i++) {
            if (folds.foldOf()[i] < heldOut) {
                indices.add(i);
            }
        }
        // the fold models' scoring terms once; each chunk of utterances scores with buffers of its own
        List<GmmScorer[]> foldScorers = new ArrayList<>(foldModels.size());
        for (DiagonalGmm m : foldModels) {
            foldScorers.add(m == null ? null
                    : StateModels.split(m, states).stream().map(GmmScorer::new).toArray(GmmScorer[]::new));
        }
        List<List<Integer>> chunks = new ArrayList<>();
        for (int c = 0; c < indices.size(); c += SCORING_CHUNK) {
            chunks.add(indices.subList(c, Math.min(indices.size(), c + SCORING_CHUNK)));
        }
        List<CalibrationFitter.Scored> scored = new ArrayList<>();
        ParallelMap.map(chunks, threads, "cepstra-calibrate", chunk -> {
            Map<Integer, GmmScorer[]> own = new HashMap<>();
            List<CalibrationFitter.Scored> out = new ArrayList<>(chunk.size());
            for (int i : chunk) {
                UtteranceFrames u = utterances.get(i);
                int fold = folds.foldOf()[i];
                double[] totals = new double[labels.size()];
                Arrays.fill(totals, Double.NEGATIVE_INFINITY);
                for (int j = 0; j < labels.size(); j++) {
                    int job = fold * labels.size() + j;
                    if (foldScorers.get(job) != null) {
                        GmmScorer[] mine = own.computeIfAbsent(job, k -> Arrays.stream(foldScorers.get(k))
                                .map(GmmScorer::withOwnBuffers).toArray(GmmScorer[]::new));
                        totals[j] = StateModels.totalLogLikelihood(mine, u.frames(), stateAlignment);
                    }
                }
                int truth = labels.indexOf(u.utterance().label());
                out.add(Double.isFinite(totals[truth])
                        ? new CalibrationFitter.Scored(totals, truth, u.frames().rows()) : null);
            }
            return out;
        }).forEach(scored::addAll);
        List<CalibrationFitter.Scored> usable = new ArrayList<>();
        for (CalibrationFitter.Scored s : scored) {
            if (s != null) {
                usable.add(s);
            }
        }
        if (usable.size() < MIN_HELD_OUT_UTTERANCES) {
            return CalibrationOutcome.failed("only " + usable.size() + " held-out utterances could be scored by "
                    + "models of their own label trained without them (at least " + MIN_HELD_OUT_UTTERANCES
                    + " are needed; each label needs utterances in at least two folds)");
        }
        Calibration fitted = new CalibrationFitter().fit(usable, folds.by(), folds.count());
        return new CalibrationOutcome(fitted, unsoftened(fitted, usable));
    }

    /**
     * A warning when the fitted scale reached its cap (a factor of 1 at the median length: the raw sharpness),
     * which happens when (nearly) every held-out utterance was classified right: the held-out data then cannot
     * show how wrong the models are on data unlike their training data.
     */
    private static Optional<String> unsoftened(Calibration fitted, List<CalibrationFitter.Scored> heldOut) {
        if (!CalibrationFitter.atCap(fitted, heldOut)) {
            return Optional.empty();
        }
        int right = 0;
        for (CalibrationFitter.Scored u : heldOut) {
            double[] totals = u.totals();
            int best = 0;
            for (int j = 1; j < totals.length; j++) {
                best = totals[j] > totals[best] ? j : best;
            }
            right += best == u.truth() ? 1 : 0;
        }
        return Optional.of("posteriors not softened: " + right + " of " + heldOut.size() + " held-out training "
                + "utterances were classified right, so the calibration keeps the sharpness of the raw totals; "
                + "expect posteriors near 1, right or wrong, on data unlike the training data (such as speakers it "
                + "lacks)");
    }

    /** Trains (or adapts) the model of {@code label} on the frames of its utterances, in states if asked. */
    private LabelSummaryAndModel trainLabel(String label, List<FeatureMatrix> utterances, int fitThreads) {
        if (states > 1) {
            return trainStates(label, utterances, fitThreads);
        }
        List<FeatureMatrix> sampled = new ArrayList<>(utterances.size());
        utterances.forEach(u -> sampled.add(subsampling.apply(u)));
        FeatureMatrix data = FeatureMatrix.stack(sampled);
        int utteranceCount = utterances.size();
        if (mapAdapter != null) {
            DiagonalGmm adapted = mapAdapter.adapt(data);
            LabelSummary summary = new LabelSummary(label, utteranceCount, data.rows(), adapted.numComponents(), 1,
                    true, adapted.totalLogLikelihood(data) / data.rows(), 0, 0);
            return new LabelSummaryAndModel(summary, adapted);
        }
        List<Integer> ks = candidateComponents.isEmpty()
                ? List.of(componentsFor(training.numComponents(), data.rows())) : candidateComponents;
        TrainingResult best = null;
        double bestBic = Double.POSITIVE_INFINITY;
        for (int k : ks) {
            TrainingResult r = fit(label, data, k, fitThreads);
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

    private TrainingResult fit(String label, FeatureMatrix data, int k, int fitThreads) {
        try {
            return new GmmTrainer(training.withNumComponents(k).withThreads(fitThreads)).fit(data);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("label '" + label + "' (" + data.rows() + " frames, K=" + k
                    + "): " + e.getMessage(), e);
        }
    }

    /**
     * The states of {@code label}, each trained on its part of every utterance (equal parts, then with
     * {@link StateAlignment#VITERBI} the parts of each utterance's best path, round by round) with the K of the
     * state with the fewest frames, and their union.
     */
    private LabelSummaryAndModel trainStates(String label, List<FeatureMatrix> utterances, int fitThreads) {
        int[][] bounds = new int[utterances.size()][];
        for (int u = 0; u < bounds.length; u++) {
            bounds[u] = SegmentParts.bounds(utterances.get(u).rows(), states);
        }
        if (stateAlignment == StateAlignment.EQUAL) {
            return summarise(label, utterances, fitStates(label, utterances, bounds, 0, fitThreads));
        }
        // one Gaussian per state finds the parts first (as HTK aligns before it splits mixtures), then K
        StatesFit fit = null;
        for (int k : new int[] {1, 0}) {
            fit = fitStates(label, utterances, bounds, k, fitThreads);
            for (int round = 0; round < REALIGNMENT_ROUNDS; round++) {
                GmmScorer[] scorers = fit.models.stream().map(GmmScorer::new).toArray(GmmScorer[]::new);
                int[][] next = new int[bounds.length][];
                for (int u = 0; u < bounds.length; u++) {
                    next[u] = StateModels.bounds(scorers, utterances.get(u), stateAlignment);
                }
                if (Arrays.deepEquals(next, bounds)) {
                    break;
                }
                bounds = next;
                fit = fitStates(label, utterances, bounds, k, fitThreads);
            }
        }
        return summarise(label, utterances, fit);
    }

    private static LabelSummaryAndModel summarise(String label, List<FeatureMatrix> utterances, StatesFit fit) {
        DiagonalGmm union = StateModels.union(fit.models);
        LabelSummary summary = new LabelSummary(label, utterances.size(), fit.frames, union.numComponents(),
                fit.iterations, fit.converged, fit.logLikelihood, fit.floored, fit.reseeded);
        return new LabelSummaryAndModel(summary, union);
    }

    /** A label's states fitted on one set of parts, and what the fits report together. */
    private record StatesFit(List<DiagonalGmm> models, long frames, int iterations, boolean converged,
                             double logLikelihood, int floored, int reseeded) {
    }

    /**
     * Each state of {@code label} fitted on its parts {@code bounds[u][s] .. bounds[u][s + 1]} of every utterance,
     * with {@code k} Gaussians each (0: the label's K).
     */
    private StatesFit fitStates(String label, List<FeatureMatrix> utterances, int[][] bounds, int k, int fitThreads) {
        List<FeatureMatrix> parts = new ArrayList<>(states);
        long fewest = Long.MAX_VALUE;
        long frames = 0;
        for (int s = 0; s < states; s++) {
            List<FeatureMatrix> part = new ArrayList<>(utterances.size());
            for (int u = 0; u < utterances.size(); u++) {
                int from = bounds[u][s];
                int to = bounds[u][s + 1];
                if (to > from) {
                    part.add(subsampling.apply(utterances.get(u).rowRange(from, to)));
                }
            }
            FeatureMatrix data = part.isEmpty() ? FeatureMatrix.empty(utterances.get(0).cols())
                    : FeatureMatrix.stack(part);
            if (data.rows() == 0) {
                throw new IllegalArgumentException("label '" + label + "': state " + s + " of " + states
                        + " has no frames (every utterance of the label is shorter than " + states + " frames)");
            }
            parts.add(data);
            fewest = Math.min(fewest, data.rows());
            frames += data.rows();
        }
        int components = k > 0 ? k : componentsFor(training.numComponents(), fewest);
        List<DiagonalGmm> models = new ArrayList<>(states);
        int iterations = 0;
        boolean converged = true;
        double logLikelihood = 0;
        int floored = 0;
        int reseeded = 0;
        for (int s = 0; s < states; s++) {
            TrainingResult r = fit(label + "' state '" + s, parts.get(s), components, fitThreads);
            models.add(r.model());
            iterations = Math.max(iterations, r.iterations());
            converged &= r.converged();
            logLikelihood += r.finalAverageLogLikelihood() * parts.get(s).rows() / frames;
            floored += r.flooredVariances();
            reseeded += r.reseededComponents();
        }
        return new StatesFit(models, frames, iterations, converged, logLikelihood, floored, reseeded);
    }

    private record LabelSummaryAndModel(LabelSummary summary, DiagonalGmm model) {
    }
}
