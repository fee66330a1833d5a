package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.cepstra.base.Option;
import org.cepstra.base.OptionTable;
import org.junit.jupiter.api.Test;

class OptionTablesTest {
    private static final FeatureConfig CHANGED = ChangedOptions.config();

    @Test
    void theChangedConfigurationChangesEveryOption() {
        assertEquals(List.of(), ChangedOptions.unchanged(FrameExtractionOptions.OPTIONS, CHANGED.mfcc().frame()));
        assertEquals(List.of(), ChangedOptions.unchanged(MelBanksOptions.OPTIONS, CHANGED.mfcc().mel()));
        assertEquals(List.of(), ChangedOptions.unchanged(MfccOptions.OPTIONS, CHANGED.mfcc().mfcc()));
        assertEquals(List.of(), ChangedOptions.unchanged(CmvnOptions.OPTIONS, CHANGED.cmvn()));
        assertEquals(List.of(), ChangedOptions.unchanged(DeltaOptions.OPTIONS, CHANGED.deltas()));
        assertEquals(List.of(), ChangedOptions.unchanged(VadOptions.OPTIONS, CHANGED.vad()));
        assertEquals(List.of(), ChangedOptions.unchanged(FeatureConfig.OPTIONS, CHANGED));
    }

    @Test
    void settingsWrittenAsMfccConfReadBackEqual() {
        List<String> lines = KaldiConfigFile.configLines(CHANGED.mfcc());
        assertEquals(FrameExtractionOptions.OPTIONS.options().size() + MelBanksOptions.OPTIONS.options().size()
                + MfccOptions.OPTIONS.options().size(), lines.size());
        assertTrue(lines.contains("--window-type=hamming"), lines.toString());
        assertTrue(lines.contains("--num-mel-bins=40"), lines.toString());
        KaldiConfigFile.Parsed back = KaldiConfigFile.parse(lines, "changed.conf", KaldiConfigFile.Parsed.defaults());
        assertEquals(CHANGED.mfcc(), back.settings());
        assertEquals(OptionalDouble.empty(), back.sampleFrequencyHz());
        // and the defaults written out are the defaults
        assertEquals(MfccPresets.kaldi(), KaldiConfigFile.parse(KaldiConfigFile.configLines(MfccPresets.kaldi()),
                "kaldi.conf", KaldiConfigFile.Parsed.of(MfccPresets.htk(true))).settings());
    }

    @Test
    void everyPostProcessingTableReadsItsOwnTextBack() {
        assertEquals(CHANGED.cmvn(), viaText(CmvnOptions.OPTIONS, CHANGED.cmvn()));
        assertEquals(CHANGED.deltas(), viaText(DeltaOptions.OPTIONS, CHANGED.deltas()));
        assertEquals(CHANGED.vad(), viaText(VadOptions.OPTIONS, CHANGED.vad()));
        FeatureConfig top = viaText(FeatureConfig.OPTIONS, CHANGED);
        assertEquals(CHANGED.targetSampleRateHz(), top.targetSampleRateHz());
        assertEquals(CHANGED.cmvnPlacement(), top.cmvnPlacement());
        assertEquals(CHANGED.vadEnabled(), top.vadEnabled());
    }

    @Test
    void namesAreKaldisAndUniqueAcrossTheFeatureTables() {
        Set<String> names = new HashSet<>();
        List<OptionTable<?>> tables = List.of(FrameExtractionOptions.OPTIONS, MelBanksOptions.OPTIONS,
                MfccOptions.OPTIONS, CmvnOptions.OPTIONS, DeltaOptions.OPTIONS, VadOptions.OPTIONS,
                FeatureConfig.OPTIONS);
        List<String> all = new ArrayList<>();
        for (OptionTable<?> t : tables) {
            for (Option<?, ?> o : t.options()) {
                all.add(o.name());
                assertTrue(names.add(o.name()), "registered twice: " + o.name());
                assertTrue(!o.help().isBlank() && !o.help().contains("\n"), o.name());
            }
        }
        assertEquals(List.of("frame-length", "frame-shift", "dither", "dither-seed", "preemphasis-coefficient",
                "remove-dc-offset", "window-type", "round-to-power-of-two", "blackman-coeff", "snip-edges",
                "num-mel-bins", "low-freq", "high-freq", "vtln-low", "vtln-high", "vtln-warp", "htk-mode", "use-power",
                "num-ceps", "use-energy", "energy-floor", "raw-energy", "cepstral-lifter", "htk-compat",
                "subtract-mean", "cmvn", "norm-vars", "cmn-window", "min-cmn-window", "center", "delta-order",
                "delta-window", "vad-energy-threshold", "vad-energy-mean-scale", "vad-frames-context",
                "vad-proportion-threshold", "sample-frequency", "cmvn-placement", "vad"), all);
    }

    @Test
    void defaultsAreThoseOfTheDefaultRecords() {
        assertEquals("25.0", FrameExtractionOptions.OPTIONS.defaultText(FrameExtractionOptions.OPTIONS.option("frame-length")));
        assertEquals("povey", FrameExtractionOptions.OPTIONS.defaultText(FrameExtractionOptions.OPTIONS.option("window-type")));
        assertEquals("0.0", FrameExtractionOptions.OPTIONS.defaultText(FrameExtractionOptions.OPTIONS.option("dither")));
        assertEquals("23", MelBanksOptions.OPTIONS.defaultText(MelBanksOptions.OPTIONS.option("num-mel-bins")));
        assertEquals("none", CmvnOptions.OPTIONS.defaultText(CmvnOptions.OPTIONS.option("cmvn")));
        assertEquals("600", CmvnOptions.OPTIONS.defaultText(CmvnOptions.OPTIONS.option("cmn-window")));
        assertEquals("2", DeltaOptions.OPTIONS.defaultText(DeltaOptions.OPTIONS.option("delta-order")));
        assertEquals("0.6", VadOptions.OPTIONS.defaultText(VadOptions.OPTIONS.option("vad-proportion-threshold")));
        assertEquals("before-deltas", FeatureConfig.OPTIONS.defaultText(FeatureConfig.OPTIONS.option("cmvn-placement")));
    }

    /** {@code record}'s config lines applied one by one to the table's defaults. */
    private static <R> R viaText(OptionTable<R> table, R record) {
        R r = table.defaults();
        for (String line : table.configLines(record)) {
            int eq = line.indexOf('=');
            r = table.option(line.substring(0, eq)).parse(r, line.substring(eq + 1));
        }
        return r;
    }
}
