package org.cepstra.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cepstra.base.ParallelMap;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.corpus.Utterance;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.GmmScorer;
import org.cepstra.gmm.LlrOptions;
import org.cepstra.gmm.LlrScorer;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.Background;
import org.cepstra.models.CorpusFeatureExtractor;
import org.cepstra.models.SampleRates;
import org.cepstra.models.CorpusFrames;
import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelTrainingListener;
import org.cepstra.models.UtteranceFrames;
import org.cepstra.scoring.verification.DetCurve;
import org.cepstra.scoring.verification.Score;
import org.cepstra.scoring.verification.ScoreList;
import org.cepstra.scoring.verification.ScoreMatrix;
import org.cepstra.scoring.verification.ScoreNormalisation;
import org.cepstra.scoring.verification.Trial;
import org.cepstra.scoring.verification.TrialList;
import org.cepstra.scoring.verification.VerificationSummary;

/**
 * GMM-UBM speaker verification of a trial list (Reynolds, Quatieri and Dunn 2000): each trial's score is
 * the average per-frame log-likelihood ratio (nats per frame) of its test utterance between the claimed
 * speaker's model and the background model the speaker set was adapted from ({@link LlrScorer}, top-C or
 * exact). The frames are made by the speaker set's own pipeline ({@link ModelSet#featurePipeline()}), each
 * test utterance on its own (a per-speaker CMVN treats every test utterance as its own speaker, so that no
 * test borrows statistics from another). Every test utterance is scored once against the background and
 * once per model it is tried against; utterances tried against the same models are scored together, in batches of
 * frames that run across utterances, pieces of them in parallel; scores come back in trial order.
 *
 * <p>Optional score normalisation ({@link Normalisation}): Z-norm with the scores of the trial models
 * against cohort utterances, T-norm with the scores of cohort models against each test utterance, or
 * ZT-norm ({@link ScoreNormalisation}). Cohort models are another speaker set adapted from the same
 * background model (e.g. the background speakers, enrolled); the Z-cohort utterances are the corpus's
 * utterances of the cohort speakers.
 */
public final class Verifier {
    private final ModelSet speakers;
    private final DiagonalGmm ubm;
    private final LlrOptions llr;
    private final int threads;
    /** Whether a test utterance that gives no frames stops the run instead of being left out with its trials. */
    private final boolean strict;

    /** The kinds of score normalisation. */
    public enum NormKind {
        /** Raw log-likelihood ratios. */
        NONE,
        /** Per model, against cohort utterances. */
        Z,
        /** Per test utterance, against cohort models. */
        T,
        /** Z, then T with Z-normed cohort scores. */
        ZT
    }

    /**
     * How scores are normalised.
     *
     * @param kind         which normalisation
     * @param cohortModels impostor speaker models adapted from the same background model (T- and ZT-norm, and
     *                     the speakers whose utterances form the Z cohort)
     * @param zUtterances  the Z-cohort utterances (Z- and ZT-norm): impostors, none of the trial speakers
     */
    public record Normalisation(NormKind kind, Optional<ModelSet> cohortModels, List<Utterance> zUtterances) {
        /** Copies the list. */
        public Normalisation {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(cohortModels, "cohortModels");
            zUtterances = List.copyOf(zUtterances);
        }

        /** No normalisation. */
        public static Normalisation none() {
            return new Normalisation(NormKind.NONE, Optional.empty(), List.of());
        }

        /**
         * {@code kind} with {@code cohort}'s models and, as Z cohort, the utterances of {@code corpus} whose
         * speaker is one of {@code cohort}'s labels: the first {@code perSpeaker} of each speaker in corpus
         * order (0: all of them).
         *
         * @throws IllegalArgumentException if {@code perSpeaker} is negative
         */
        public static Normalisation withCohort(NormKind kind, ModelSet cohort, Corpus corpus, int perSpeaker) {
            if (perSpeaker < 0) {
                throw new IllegalArgumentException("cohort utterances per speaker must be >= 0, got " + perSpeaker);
            }
            Map<String, Integer> taken = new HashMap<>();
            List<Utterance> z = new ArrayList<>();
            for (Utterance u : corpus.utterances()) {
                if (u.speaker().isPresent() && cohort.models().containsKey(u.speaker().get())) {
                    int n = taken.merge(u.speaker().get(), 1, Integer::sum);
                    if (perSpeaker == 0 || n <= perSpeaker) {
                        z.add(u);
                    }
                }
            }
            return new Normalisation(kind, Optional.of(cohort), kind == NormKind.Z || kind == NormKind.ZT
                    ? z : List.of());
        }
    }

    /**
     * Scores and figures of a verification run.
     *
     * @param scores  one per trial of {@code trials}, in their order, with its target flag (normalised if asked)
     * @param summary EER, Kaldi's EER and minDCF at p_target 0.01 and 0.001, or empty when the trials hold
     *                only target or only non-target trials (the EER is then undefined)
     * @param cohortSkipped Z-cohort utterances that gave no frames, left out of the cohort
     * @param testRates     the sample rates of the test recordings, and how many were resampled to the speaker
     *                      set's rate
     * @param trials        the trials scored: those given, less the trials of test utterances that gave no frames
     * @param testSkipped   test utterances that gave no frames (unreadable or silent audio), with the reason:
     *                      their trials are left out of {@code scores} and of the figures
     */
    public record Result(ScoreList scores, Optional<VerificationSummary> summary, List<SkippedFile> cohortSkipped,
                         SampleRates testRates, TrialList trials, List<SkippedFile> testSkipped) {
        /** Copies the lists. */
        public Result {
            Objects.requireNonNull(scores, "scores");
            Objects.requireNonNull(summary, "summary");
            cohortSkipped = List.copyOf(cohortSkipped);
            Objects.requireNonNull(testRates, "testRates");
            Objects.requireNonNull(trials, "trials");
            testSkipped = List.copyOf(testSkipped);
        }
    }

    /**
     * A trial that names a model the speaker set lacks or an utterance the corpus lacks (or one whose audio
     * gave no frames).
     */
    public static final class UnresolvedTrialException extends IllegalArgumentException {
        private final int trialIndex;
        private final boolean noFrames;

        UnresolvedTrialException(int trialIndex, String message, boolean noFrames) {
            super(message);
            this.trialIndex = trialIndex;
            this.noFrames = noFrames;
        }

        /** The 0-based index of the trial in its list. */
        public int trialIndex() {
            return trialIndex;
        }

        /** Whether the trial's utterance was found but its audio gave no frames (not a missing model or id). */
        public boolean noFrames() {
            return noFrames;
        }
    }

    /**
     * A verifier of {@code speakers}' claims.
     *
     * @param threads worker threads (≥ 1)
     * @throws IllegalArgumentException if {@code speakers} has no background model (it was not made by MAP
     *                                  adaptation from a UBM) or {@code threads} &lt; 1
     */
    public Verifier(ModelSet speakers, LlrOptions llr, int threads) {
        this(speakers, llr, threads, true);
    }

    private Verifier(ModelSet speakers, LlrOptions llr, int threads, boolean strict) {
        this.speakers = Objects.requireNonNull(speakers, "speakers");
        this.llr = Objects.requireNonNull(llr, "llr");
        this.ubm = requireBackground(speakers, "the speaker set").ubm();
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.strict = strict;
    }

    /**
     * This verifier, stopping at a test utterance that gives no frames ({@link UnresolvedTrialException}) if
     * {@code strict} (a new verifier does), or else leaving out its trials ({@link Result#trials()} says which are
     * scored) and reporting it in {@link Result#testSkipped()}.
     */
    public Verifier withStrict(boolean strict) {
        return new Verifier(speakers, llr, threads, strict);
    }

    private static Background requireBackground(ModelSet set, String what) {
        return set.background().orElseThrow(() -> new IllegalArgumentException(what + " has no background model: "
                + "verification needs speaker models MAP-adapted from a universal background model (made by "
                + "enroll, or train --map-from)"));
    }

    /**
     * Scores every trial of {@code trials} with the test utterances of {@code corpus} (looked up by id) and
     * computes the figures.
     *
     * @throws UnresolvedTrialException if a trial names a model the set lacks or an utterance the corpus lacks, or
     *                                  (strict, or when no trial is left) an utterance whose audio gave no frames
     *                                  (with the reason)
     * @throws IllegalArgumentException if the cohort does not fit (another background model, statistics
     *                                  without spread)
     */
    public Result verify(TrialList trials, Corpus corpus, Normalisation normalisation,
                         ModelTrainingListener listener) {
        Objects.requireNonNull(trials, "trials");
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(normalisation, "normalisation");
        Map<String, Utterance> byId = new HashMap<>();
        corpus.utterances().forEach(u -> byId.put(u.id(), u));
        List<Trial> list = trials.trials();
        Map<String, Integer> firstUse = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Trial t = list.get(i);
            if (!speakers.models().containsKey(t.model())) {
                throw new UnresolvedTrialException(i, "model '" + t.model() + "' is not in the speaker set (it has "
                        + speakers.size() + " speakers: " + preview(speakers.labelNames()) + ")", false);
            }
            if (!byId.containsKey(t.utterance())) {
                throw new UnresolvedTrialException(i, "utterance '" + t.utterance() + "' is not in the corpus "
                        + "(utterance ids are the manifest's id column, or the path below the manifest's folder "
                        + "without extension)", false);
            }
            firstUse.putIfAbsent(t.utterance(), i);
        }
        Optional<ModelSet> cohort = normalisation.cohortModels();
        if (normalisation.kind() != NormKind.NONE) {
            ModelSet c = cohort.orElseThrow(() -> new IllegalArgumentException(
                    "score normalisation needs cohort models"));
            if (!requireBackground(c, "the cohort set").ubm().equals(ubm)) {
                throw new IllegalArgumentException("the cohort set was adapted from another background model than "
                        + "the speaker set: enrol both from the same UBM");
            }
        }
        List<Utterance> tests = new ArrayList<>();
        firstUse.keySet().forEach(id -> tests.add(byId.get(id)));
        CorpusFrames testFrames = extract(tests, listener);
        Map<String, FeatureMatrix> frames = framesById(testFrames);
        List<Trial> kept = new ArrayList<>(list.size());
        for (Trial t : list) {
            if (frames.containsKey(t.utterance())) {
                kept.add(t);
            }
        }
        for (Map.Entry<String, Integer> e : firstUse.entrySet()) {
            if (!frames.containsKey(e.getKey()) && (strict || kept.isEmpty())) {
                throw new UnresolvedTrialException(e.getValue(), "utterance '" + e.getKey() + "' gave no frames: "
                        + reason(testFrames.skipped(), byId.get(e.getKey()))
                        + (strict ? "" : " (and no test utterance of the trials gave any)"), true);
            }
        }
        TrialList scored = kept.size() == list.size() ? trials : new TrialList(kept);
        list = scored.trials();
        ScoreList scores = scoreTrials(list, frames);
        List<SkippedFile> cohortSkipped = List.of();
        switch (normalisation.kind()) {
            case NONE -> {
            }
            case T -> scores = ScoreNormalisation.tNorm(scores, matrix(cohort.get(), frames));
            case Z, ZT -> {
                CorpusFrames z = extract(normalisation.zUtterances(), ModelTrainingListener.none());
                cohortSkipped = z.skipped();
                Map<String, FeatureMatrix> zFrames = framesById(z);
                if (zFrames.size() < 2) {
                    throw new IllegalArgumentException("the Z cohort has " + zFrames.size() + " usable utterances; "
                            + "it needs at least 2 (utterances of the cohort speakers in the corpus)");
                }
                ScoreMatrix zCohort = matrix(speakers, zFrames);
                scores = normalisation.kind() == NormKind.Z ? ScoreNormalisation.zNorm(scores, zCohort)
                        : ScoreNormalisation.ztNorm(scores, zCohort, matrix(cohort.get(), frames),
                        matrix(cohort.get(), zFrames));
            }
            default -> throw new IllegalStateException();
        }
        ScoreList labelled = scores.labelled(scored);
        Optional<VerificationSummary> summary = scored.targetCount() == 0 || scored.nontargetCount() == 0
                ? Optional.empty() : Optional.of(VerificationSummary.of(DetCurve.of(labelled)));
        return new Result(labelled, summary, cohortSkipped, testFrames.sampleRates(), scored, testFrames.skipped());
    }

    /** The frames of {@code utterances}, each its own speaker, with the speaker set's pipeline. */
    private CorpusFrames extract(List<Utterance> utterances, ModelTrainingListener listener) {
        List<Utterance> alone = new ArrayList<>(utterances.size());
        for (Utterance u : utterances) {
            alone.add(new Utterance(u.id(), u.audioFile(), u.label(), Optional.empty(), u.segment()));
        }
        return new CorpusFeatureExtractor(speakers.featurePipeline(), threads).extract(Corpus.of(alone), listener);
    }

    private static Map<String, FeatureMatrix> framesById(CorpusFrames frames) {
        Map<String, FeatureMatrix> out = new LinkedHashMap<>();
        for (UtteranceFrames u : frames.utterances()) {
            if (u.frames().rows() > 0) {
                out.put(u.utterance().id(), u.frames());
            }
        }
        return out;
    }

    private static String reason(List<SkippedFile> skipped, Utterance u) {
        for (SkippedFile s : skipped) {
            if (s.file().equals(u.audioFile())) {
                return s.reason();
            }
        }
        return "no frames (the voice-activity detector kept none)";
    }

    /** One score per trial, in order: each utterance scored once against the UBM and its claimed models. */
    private ScoreList scoreTrials(List<Trial> trials, Map<String, FeatureMatrix> frames) {
        Map<String, GmmScorer> models = new HashMap<>();
        speakers.models().forEach((label, gmm) -> models.put(label, new GmmScorer(gmm)));
        Map<String, List<Integer>> byUtterance = new LinkedHashMap<>();
        for (int i = 0; i < trials.size(); i++) {
            byUtterance.computeIfAbsent(trials.get(i).utterance(), u -> new ArrayList<>()).add(i);
        }
        List<String> utterances = new ArrayList<>(byUtterance.keySet());
        List<double[]> perUtterance = score(utterances, frames, u -> {
            List<GmmScorer> claimed = new ArrayList<>();
            for (int i : byUtterance.get(u)) {
                claimed.add(models.get(trials.get(i).model()));
            }
            return claimed;
        });
        double[] scores = new double[trials.size()];
        for (int j = 0; j < utterances.size(); j++) {
            List<Integer> indices = byUtterance.get(utterances.get(j));
            for (int m = 0; m < indices.size(); m++) {
                scores[indices.get(m)] = perUtterance.get(j)[m];
            }
        }
        List<Score> out = new ArrayList<>(trials.size());
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            requireFinite(scores[i], t.model(), t.utterance());
            out.add(Score.of(t, scores[i]));
        }
        return new ScoreList(out);
    }

    /** Every model of {@code set} against every utterance of {@code frames}. */
    private ScoreMatrix matrix(ModelSet set, Map<String, FeatureMatrix> frames) {
        List<String> labels = set.labelNames();
        List<GmmScorer> models = new ArrayList<>();
        for (String l : labels) {
            models.add(new GmmScorer(set.model(l)));
        }
        List<String> utterances = new ArrayList<>(frames.keySet());
        List<double[]> columns = score(utterances, frames, u -> models);
        double[][] scores = new double[labels.size()][utterances.size()];
        for (int j = 0; j < utterances.size(); j++) {
            for (int m = 0; m < labels.size(); m++) {
                requireFinite(columns.get(j)[m], labels.get(m), utterances.get(j));
                scores[m][j] = columns.get(j)[m];
            }
        }
        return new ScoreMatrix(labels, utterances, scores);
    }

    /**
     * For each utterance, its average LLR against each of its models. Consecutive utterances tried against the same
     * models are scored together ({@link LlrScorer#averageLlrs(List, List)}: one UBM pass, batches of frames that
     * run across utterances), in pieces of at least {@link LlrScorer#batchFrames()} frames scored in parallel; the
     * scores do not depend on how the utterances are cut into pieces.
     */
    private List<double[]> score(List<String> utterances, Map<String, FeatureMatrix> frames,
                                 java.util.function.Function<String, List<GmmScorer>> modelsOf) {
        LlrScorer prototype = new LlrScorer(ubm, llr);
        List<List<String>> pieces = new ArrayList<>();
        List<String> piece = new ArrayList<>();
        List<GmmScorer> pieceModels = null;
        long pieceFrames = 0;
        for (String u : utterances) {
            List<GmmScorer> models = modelsOf.apply(u);
            if (!piece.isEmpty() && (!models.equals(pieceModels) || pieceFrames >= prototype.batchFrames())) {
                pieces.add(piece);
                piece = new ArrayList<>();
                pieceFrames = 0;
            }
            piece.add(u);
            pieceModels = models;
            pieceFrames += frames.get(u).rows();
        }
        if (!piece.isEmpty()) {
            pieces.add(piece);
        }
        ThreadLocal<LlrScorer> scorer = ThreadLocal.withInitial(prototype::withOwnBuffers);
        List<double[][]> scored = ParallelMap.map(pieces, threads, "cepstra-verify", p -> {
            List<FeatureMatrix> x = new ArrayList<>(p.size());
            p.forEach(u -> x.add(frames.get(u)));
            return scorer.get().averageLlrs(x, modelsOf.apply(p.get(0)));
        });
        List<double[]> out = new ArrayList<>(utterances.size());
        scored.forEach(s -> out.addAll(List.of(s)));
        return out;
    }

    private static void requireFinite(double score, String model, String utterance) {
        if (!Double.isFinite(score)) {
            throw new IllegalStateException("the score of model '" + model + "' on utterance '" + utterance
                    + "' is " + score);
        }
    }

    private static String preview(List<String> names) {
        Set<String> first = new LinkedHashSet<>(names.subList(0, Math.min(5, names.size())));
        return String.join(", ", first) + (names.size() > 5 ? ", ..." : "");
    }
}
