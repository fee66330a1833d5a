package org.cepstra.features;

import java.util.Objects;
import org.cepstra.audio.ChannelSelection;
import org.cepstra.base.OptionTable;
import org.cepstra.base.OptionType;

/**
 * Everything that decides the feature frames made from a recording: channel handling, optional
 * resampling, the MFCC settings, CMVN, deltas and energy-based voice activity detection.
 * A model set stores the configuration it was trained with, so classification always extracts
 * the same features.
 *
 * <p>The pipeline order is: mix or pick channels → resample (if {@code targetSampleRateHz > 0}
 * and the file differs) → MFCC → VAD decision on the energy column of the raw statics → CMVN
 * (before or after deltas) → deltas → drop unvoiced frames.
 *
 * @param channels           how a multi-channel file becomes mono (average by default)
 * @param targetSampleRateHz resample every file to this rate in Hz; 0 keeps each file's own rate
 *                           (Kaldi's {@code --sample-frequency}; Kaldi refuses a mismatch, we resample)
 * @param mfcc               frame, mel bank and cepstral options
 * @param cmvn               cepstral mean/variance normalisation (none, per utterance, sliding window)
 * @param cmvnPlacement      CMVN on the statics before the deltas, or on all columns after them
 * @param deltas             delta order and window (order 0: statics only)
 * @param vadEnabled         drop frames that Kaldi's {@code compute-vad} marks unvoiced
 * @param vad                the VAD thresholds, used when {@code vadEnabled}
 * @param splice             neighbouring frames spliced onto each frame, after CMVN and deltas (0: none)
 * @param lda                an LDA projection of every frame after splicing (off by default); the projection
 *                           itself is estimated in training and stored with the models ({@link FeatureTransform})
 */
public record FeatureConfig(
        ChannelSelection channels,
        double targetSampleRateHz,
        MfccSettings mfcc,
        CmvnOptions cmvn,
        CmvnPlacement cmvnPlacement,
        DeltaOptions deltas,
        boolean vadEnabled,
        VadOptions vad,
        SpliceOptions splice,
        LdaOptions lda) {

    /**
     * The options of this record's own plain fields, with the defaults of {@link #kaldiDefaults()}; the
     * nested records have their own tables, the channel selection is not an option value.
     */
    public static final OptionTable<FeatureConfig> OPTIONS = OptionTable.of(kaldiDefaults())
            .add("sample-frequency", "targetSampleRateHz", OptionType.real("HZ"),
                    "resample every file to this rate in Hz; 0 = each file's own rate",
                    FeatureConfig::targetSampleRateHz, FeatureConfig::withTargetSampleRateHz)
            .add("cmvn-placement", "cmvnPlacement", OptionType.choice(CmvnPlacement.class,
                            "before-deltas|after-deltas", CmvnPlacement::fromTextName, CmvnPlacement::textName),
                    "normalise the statics before the deltas, or all columns after them",
                    FeatureConfig::cmvnPlacement, (r, v) -> r.withCmvn(r.cmvn(), v))
            .add("vad", "vadEnabled", OptionType.bool(),
                    "drop unvoiced frames (Kaldi compute-vad + select-voiced-frames)",
                    FeatureConfig::vadEnabled, (r, v) -> r.withVad(v, r.vad()))
            .build();

    /** Validates the fields. */
    public FeatureConfig {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(mfcc, "mfcc");
        Objects.requireNonNull(cmvn, "cmvn");
        Objects.requireNonNull(cmvnPlacement, "cmvnPlacement");
        Objects.requireNonNull(deltas, "deltas");
        Objects.requireNonNull(vad, "vad");
        Objects.requireNonNull(splice, "splice");
        Objects.requireNonNull(lda, "lda");
        if (!(targetSampleRateHz >= 0) || !Double.isFinite(targetSampleRateHz)) {
            throw new IllegalArgumentException(
                    "targetSampleRateHz must be 0 (keep each file's rate) or a positive number of Hz, got "
                            + targetSampleRateHz);
        }
    }

    /** Kaldi's {@code compute-mfcc-feats} defaults (dither 0), statics only, no CMVN, no VAD. */
    public static FeatureConfig kaldiDefaults() {
        return new FeatureConfig(ChannelSelection.average(), 0, MfccPresets.kaldi(), CmvnOptions.none(),
                CmvnPlacement.BEFORE_DELTAS, DeltaOptions.none(), false, VadOptions.kaldiDefaults(), SpliceOptions.none(),
                LdaOptions.none());
    }

    /** A configuration without splicing or LDA. */
    public FeatureConfig(ChannelSelection channels, double targetSampleRateHz, MfccSettings mfcc, CmvnOptions cmvn,
                         CmvnPlacement cmvnPlacement, DeltaOptions deltas, boolean vadEnabled, VadOptions vad) {
        this(channels, targetSampleRateHz, mfcc, cmvn, cmvnPlacement, deltas, vadEnabled, vad, SpliceOptions.none());
    }

    /** A configuration without LDA. */
    public FeatureConfig(ChannelSelection channels, double targetSampleRateHz, MfccSettings mfcc, CmvnOptions cmvn,
                         CmvnPlacement cmvnPlacement, DeltaOptions deltas, boolean vadEnabled, VadOptions vad,
                         SpliceOptions splice) {
        this(channels, targetSampleRateHz, mfcc, cmvn, cmvnPlacement, deltas, vadEnabled, vad, splice,
                LdaOptions.none());
    }

    /** The number of columns of every frame this configuration produces (after the LDA projection, if any). */
    public int dimension() {
        return lda.outputDims(splicedDimension());
    }

    /** The number of columns of the frames after splicing: those an LDA projection takes. */
    public int splicedDimension() {
        return splice.outputDims(deltas.outputDims(mfcc.mfcc().numCeps()));
    }

    /**
     * This configuration without its LDA stage: the frames an LDA projection is estimated from and applied
     * to. The same configuration when there is none.
     */
    public FeatureConfig beforeTransform() {
        return lda.enabled() ? withLda(LdaOptions.none()) : this;
    }

    /** Index of the log-energy (or C0) column in the static cepstra: 0 in Kaldi order, last in HTK order. */
    public int energyColumn() {
        return mfcc.mfcc().htkCompat() ? mfcc.mfcc().numCeps() - 1 : 0;
    }

    /** A copy with the channel handling replaced. */
    public FeatureConfig withChannels(ChannelSelection v) {
        return new FeatureConfig(v, targetSampleRateHz, mfcc, cmvn, cmvnPlacement, deltas, vadEnabled, vad, splice, lda);
    }

    /** A copy with the target sample rate replaced (0 keeps each file's rate). */
    public FeatureConfig withTargetSampleRateHz(double v) {
        return new FeatureConfig(channels, v, mfcc, cmvn, cmvnPlacement, deltas, vadEnabled, vad, splice, lda);
    }

    /** A copy with the MFCC settings replaced. */
    public FeatureConfig withMfcc(MfccSettings v) {
        return new FeatureConfig(channels, targetSampleRateHz, v, cmvn, cmvnPlacement, deltas, vadEnabled, vad, splice, lda);
    }

    /** A copy with CMVN replaced. */
    public FeatureConfig withCmvn(CmvnOptions v, CmvnPlacement placement) {
        return new FeatureConfig(channels, targetSampleRateHz, mfcc, v, placement, deltas, vadEnabled, vad, splice, lda);
    }

    /** A copy with the delta options replaced. */
    public FeatureConfig withDeltas(DeltaOptions v) {
        return new FeatureConfig(channels, targetSampleRateHz, mfcc, cmvn, cmvnPlacement, v, vadEnabled, vad, splice, lda);
    }

    /** A copy with VAD switched on or off and its thresholds replaced. */
    public FeatureConfig withVad(boolean enabled, VadOptions v) {
        return new FeatureConfig(channels, targetSampleRateHz, mfcc, cmvn, cmvnPlacement, deltas, enabled, v, splice, lda);
    }

    /** A copy with the splicing replaced. */
    public FeatureConfig withSplice(SpliceOptions v) {
        return new FeatureConfig(channels, targetSampleRateHz, mfcc, cmvn, cmvnPlacement, deltas, vadEnabled, vad, v, lda);
    }

    /** A copy with the LDA options replaced. */
    public FeatureConfig withLda(LdaOptions v) {
        return new FeatureConfig(channels, targetSampleRateHz, mfcc, cmvn, cmvnPlacement, deltas, vadEnabled, vad, splice,
                v);
    }
}
