package org.cepstra.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.cepstra.audio.Audio;
import org.cepstra.audio.Resampler;
import org.cepstra.audio.WavReader;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Turns a recording into feature frames according to one {@link FeatureConfig}: read the WAV,
 * resample if asked, MFCC, CMVN, deltas, splicing, an LDA projection, energy VAD. Thread-safe: every stage is immutable or
 * uses per-call scratch memory, so one pipeline can serve many threads.
 */
public final class FeaturePipeline {
    private final FeatureConfig config;
    private final WavReader reader;
    private final Resampler resampler;
    private final MfccExtractor mfcc;
    private final Cmvn cmvn;
    private final DeltaFeatures deltas;
    private final EnergyVad vad;
    private final CmvnPrior cmvnPrior;
    private final FeatureTransform transform;

    /** A pipeline for {@code config}, with the default reader and Kaldi's resampling filter. */
    public FeaturePipeline(FeatureConfig config) {
        this(config, new Resampler());
    }

    /** A pipeline for {@code config} that resamples with {@code resampler} when the config asks for a rate. */
    public FeaturePipeline(FeatureConfig config, Resampler resampler) {
        this.config = Objects.requireNonNull(config, "config");
        this.reader = new WavReader(config.channels());
        this.resampler = Objects.requireNonNull(resampler, "resampler");
        this.mfcc = new MfccExtractor(config.mfcc());
        this.cmvn = new Cmvn(config.cmvn());
        this.deltas = new DeltaFeatures(config.deltas());
        this.vad = new EnergyVad(config.vad());
        this.cmvnPrior = null;
        this.transform = null;
    }

    private FeaturePipeline(FeaturePipeline base, CmvnPrior cmvnPrior, FeatureTransform transform) {
        this.config = base.config;
        this.reader = base.reader;
        this.resampler = base.resampler;
        this.mfcc = base.mfcc;
        this.cmvn = base.cmvn;
        this.deltas = base.deltas;
        this.vad = base.vad;
        this.cmvnPrior = cmvnPrior;
        this.transform = transform;
    }

    /**
     * This pipeline with per-speaker CMVN ({@link CmvnMode#SPEAKER}) smoothed by {@code prior}: a speaker
     * (or an utterance alone) with few frames borrows the prior's statistics ({@link CmvnPrior}). Other
     * modes ignore the prior.
     *
     * @throws IllegalArgumentException if the prior's dimension is not that of the frames CMVN applies to
     */
    public FeaturePipeline withCmvnPrior(CmvnPrior prior) {
        prior.requireFits(config);
        return new FeaturePipeline(this, prior, transform);
    }

    /**
     * This pipeline ending in {@code transform}, the LDA projection its configuration asks for
     * ({@link FeatureConfig#lda()}), estimated in training and stored with the models.
     *
     * @throws IllegalArgumentException if the configuration has no LDA stage, or the transform does not take
     *                                  the spliced frames to the configured dimensions
     */
    public FeaturePipeline withTransform(FeatureTransform transform) {
        requireFits(transform, config);
        return new FeaturePipeline(this, cmvnPrior, transform);
    }

    /**
     * Checks that {@code transform} is the projection {@code config} asks for: the configuration has an LDA
     * stage, and the transform takes its spliced frames to the LDA dimensions.
     *
     * @throws IllegalArgumentException if it is not
     */
    public static void requireFits(FeatureTransform transform, FeatureConfig config) {
        if (!config.lda().enabled()) {
            throw new IllegalArgumentException("a feature transform is given, but the feature configuration has no "
                    + "LDA stage");
        }
        if (transform.inputDims() != config.splicedDimension() || transform.outputDims() != config.dimension()) {
            throw new IllegalArgumentException("the feature transform is " + transform.outputDims() + " x "
                    + transform.inputDims() + ", the feature configuration projects " + config.splicedDimension()
                    + "-dimensional frames to " + config.dimension());
        }
    }

    /** The LDA projection the pipeline ends in, if any ({@link #withTransform}). */
    public Optional<FeatureTransform> transform() {
        return Optional.ofNullable(transform);
    }

    /** The prior of per-speaker CMVN, if any ({@link #withCmvnPrior}). */
    public Optional<CmvnPrior> cmvnPrior() {
        return Optional.ofNullable(cmvnPrior);
    }

    /** The configuration this pipeline applies. */
    public FeatureConfig config() {
        return config;
    }

    /**
     * Reads a WAV file and returns its feature frames.
     *
     * @throws IOException if the file cannot be read or is not a supported WAV (the message names the file)
     */
    public FeatureMatrix extract(Path wavFile) throws IOException {
        return extract(reader.read(wavFile));
    }

    /** Feature frames of a recording already in memory. */
    public FeatureMatrix extract(Audio audio) {
        return postProcess(staticFeatures(audio));
    }

    /**
     * The static cepstra of a recording (resampled if asked, then MFCC): the input of
     * {@link #postProcess}. With per-speaker CMVN, a corpus is processed in two passes: static
     * features and {@link #cmvnStatistics} of every utterance, then {@link #postProcess(FeatureMatrix,
     * CmvnStatistics)} with the speaker's summed statistics.
     */
    public FeatureMatrix staticFeatures(Audio audio) {
        return mfcc.compute(prepare(audio));
    }

    /**
     * What an utterance contributes to its speaker's CMVN statistics: the statistics of all its frames
     * where this pipeline normalises them (the statics, or the statics with deltas when CMVN comes
     * after the deltas). Frames a VAD drops count too, as in Kaldi's recipes.
     */
    public CmvnStatistics cmvnStatistics(FeatureMatrix statics) {
        FeatureMatrix x = config.cmvnPlacement() == CmvnPlacement.AFTER_DELTAS ? deltas.apply(statics) : statics;
        return CmvnStatistics.of(x);
    }

    /** The recording as the MFCC stage sees it: resampled to the configured rate when one is set. */
    public Audio prepare(Audio audio) {
        double target = config.targetSampleRateHz();
        return target > 0 && audio.sampleRateHz() != target ? resampler.resample(audio, target) : audio;
    }

    /**
     * Applies the stages after MFCC (VAD decision, CMVN, deltas, frame selection) to static
     * cepstra as {@link MfccExtractor} produces them.
     */
    public FeatureMatrix postProcess(FeatureMatrix statics) {
        return postProcess(statics, null);
    }

    /**
     * As {@link #postProcess(FeatureMatrix)}, but whole-statistics CMVN uses {@code cmvnStatistics}
     * (e.g. the sum of {@link #cmvnStatistics} over the speaker's utterances) instead of the
     * utterance's own; null means the utterance's own. Per-speaker CMVN adds the borrowed part of its
     * {@link #cmvnPrior() prior} to either.
     */
    public FeatureMatrix postProcess(FeatureMatrix statics, CmvnStatistics cmvnStatistics) {
        boolean[] voiced = config.vadEnabled() ? vad.voicedFrames(energyFirst(statics)) : null;
        FeatureMatrix x = postProcessAllFrames(statics, cmvnStatistics);
        return voiced == null ? x : EnergyVad.selectVoiced(x, voiced);
    }

    /**
     * Which frames of {@code statics} the energy VAD keeps (all of them when the configuration has no
     * VAD): the frames {@link #postProcess} selects from {@link #postProcessAllFrames}.
     */
    public boolean[] voicedFrames(FeatureMatrix statics) {
        if (config.vadEnabled()) {
            return vad.voicedFrames(energyFirst(statics));
        }
        boolean[] all = new boolean[statics.rows()];
        java.util.Arrays.fill(all, true);
        return all;
    }

    /**
     * As {@link #postProcess(FeatureMatrix, CmvnStatistics)}, but every frame kept, one per row of
     * {@code statics} (no VAD selection): for taking the frames of a segment out of a whole recording,
     * with {@link #voicedFrames} saying which of them the VAD keeps.
     */
    public FeatureMatrix postProcessAllFrames(FeatureMatrix statics, CmvnStatistics cmvnStatistics) {
        FeatureMatrix x = statics;
        if (config.cmvnPlacement() == CmvnPlacement.BEFORE_DELTAS) {
            x = normalise(x, cmvnStatistics);
        }
        x = deltas.apply(x);
        if (config.cmvnPlacement() == CmvnPlacement.AFTER_DELTAS) {
            x = normalise(x, cmvnStatistics);
        }
        x = config.splice().apply(x);
        if (config.lda().enabled()) {
            if (transform == null) {
                throw new IllegalStateException("the feature configuration ends in an LDA projection estimated in "
                        + "training: make its frames with the model set's pipeline (ModelSet.featurePipeline())");
            }
            x = transform.apply(x);
        }
        return x;
    }

    private FeatureMatrix normalise(FeatureMatrix x, CmvnStatistics statistics) {
        CmvnMode mode = config.cmvn().mode();
        if (mode == CmvnMode.SPEAKER && cmvnPrior != null && x.rows() > 0) {
            return cmvn.apply(x, cmvnPrior.smooth(statistics != null ? statistics : CmvnStatistics.of(x)));
        }
        boolean whole = mode == CmvnMode.UTTERANCE || mode == CmvnMode.SPEAKER;
        return statistics != null && whole ? cmvn.apply(x, statistics) : cmvn.apply(x);
    }

    /** The statics with the energy column first, where Kaldi's VAD looks for it. */
    private FeatureMatrix energyFirst(FeatureMatrix statics) {
        int column = config.energyColumn();
        if (column == 0) {
            return statics;
        }
        float[] energy = new float[statics.rows()];
        for (int t = 0; t < energy.length; t++) {
            energy[t] = statics.get(t, column);
        }
        return FeatureMatrix.wrap(energy.length, 1, energy);
    }
}
