package org.cepstra.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.corpus.Utterance;
import org.cepstra.gmm.MapOptions;
import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelSetTrainingResult;
import org.cepstra.models.ModelTrainingListener;

/**
 * The two model-making steps of GMM-UBM speaker verification (Reynolds, Quatieri and Dunn 2000): a
 * universal background model (UBM) trained by EM on the pooled frames of many background speakers, and
 * one model per enrolled speaker MAP-adapted from it. Both results are model sets: the UBM a set of one
 * model labelled {@value #UBM_LABEL}, the speakers a set labelled by speaker that records the UBM as its
 * {@link org.cepstra.models.Background}, so that it serves verification ({@link Verifier}) and closed-set
 * identification ({@link Classifier}, evaluate) alike.
 */
public final class SpeakerModels {
    /** The label of the one model of a UBM's model set. */
    public static final String UBM_LABEL = "ubm";

    private SpeakerModels() {
    }

    /**
     * Trains a UBM: every utterance of {@code corpus} relabelled {@value #UBM_LABEL} and one GMM fitted on
     * all their frames by {@code trainer} (its features, K, EM settings, frame subsampling and threads),
     * with calibration off (one label has no posteriors to calibrate).
     *
     * @throws IllegalArgumentException if no utterance gives frames
     * @throws org.cepstra.models.UnusableFileException in strict mode, at the first unusable file
     */
    public static ModelSetTrainingResult trainUbm(ModelSetTrainer trainer, Corpus corpus,
                                                  ModelTrainingListener listener) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(corpus, "corpus");
        return trainer.withCalibrationFolds(0).train(corpus.relabel(u -> UBM_LABEL), listener);
    }

    /**
     * The trainer that enrols speakers from {@code ubmSet}: its features, CMVN prior and training
     * provenance, every model MAP-adapted with {@code options}, calibration off unless {@code
     * calibrationFolds} ≥ 2 asks for it (posteriors matter only for identification).
     *
     * @throws IllegalArgumentException if {@code ubmSet} holds more than one model, or the fold count is 1
     *                                  or negative
     */
    public static ModelSetTrainer enrolmentTrainer(ModelSet ubmSet, MapOptions options, int threads,
                                                   int calibrationFolds) {
        Objects.requireNonNull(ubmSet, "ubmSet");
        return new ModelSetTrainer(ubmSet.featureConfig(), ubmSet.training(), threads)
                .withMapFrom(ubmSet, options).withCalibrationFolds(calibrationFolds);
    }

    /**
     * Enrols every speaker of {@code corpus}: the speaker's utterances (whatever their labels) adapt one
     * model labelled by the speaker, through {@code trainer} (made by {@link #enrolmentTrainer}). An
     * utterance without a known speaker is reported among the skipped files and left out (in strict mode
     * it stops the enrolment).
     *
     * @throws IllegalArgumentException if no utterance has a speaker or none gives frames
     * @throws org.cepstra.models.UnusableFileException in strict mode, at the first unusable file or
     *                                  utterance without a speaker
     */
    public static ModelSetTrainingResult enrol(ModelSetTrainer trainer, Corpus corpus, ModelTrainingListener listener) {
        Objects.requireNonNull(trainer, "trainer");
        return trainer.train(bySpeaker(corpus), listener);
    }

    /**
     * {@code corpus} with every utterance labelled by its speaker, for enrolment and for closed-set speaker
     * identification ({@code evaluate} of a speaker set: an utterance is right when its best model is its
     * speaker's). An utterance without a known speaker is left out and reported among the skipped files.
     *
     * @throws IllegalArgumentException if no utterance has a speaker
     */
    public static Corpus bySpeaker(Corpus corpus) {
        Objects.requireNonNull(corpus, "corpus");
        List<SkippedFile> noSpeaker = new ArrayList<>();
        List<Utterance> kept = new ArrayList<>();
        for (Utterance u : corpus.utterances()) {
            if (u.speaker().isPresent()) {
                kept.add(u.withLabel(u.speaker().get()));
            } else {
                noSpeaker.add(new SkippedFile(u.audioFile(), "utterance '" + u.id() + "' has no speaker"));
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no utterance has a speaker: enrolment and speaker identification "
                    + "need each utterance's speaker (a manifest's speaker column, utt2spk, or a speaker group in the "
                    + "label pattern)");
        }
        List<SkippedFile> skipped = new ArrayList<>(corpus.skipped());
        skipped.addAll(noSpeaker);
        return new Corpus(kept, skipped);
    }
}
