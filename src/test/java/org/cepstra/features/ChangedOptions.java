package org.cepstra.features;

import java.util.List;
import org.cepstra.audio.ChannelSelection;
import org.cepstra.base.Option;
import org.cepstra.base.OptionTable;

/** A feature configuration in which every registered option differs from its table's default. */
public final class ChangedOptions {
    private ChangedOptions() {
    }

    /** Every option of every feature table changed. */
    public static FeatureConfig config() {
        MfccSettings mfcc = new MfccSettings(
                new FrameExtractionOptions(30.0, 12.5, 0.5, 99L, 0.9, false, WindowType.HAMMING, false, 0.4, false),
                new MelBanksOptions(40, 40.0, -400.0, 200.0, -600.0, 1.1, true, false),
                new MfccOptions(20, false, 1.5, false, 20.0, true, true));
        return new FeatureConfig(ChannelSelection.channel(1), 16000, mfcc, new CmvnOptions(CmvnMode.SLIDING, true,
                300, 50, true), CmvnPlacement.AFTER_DELTAS, new DeltaOptions(1, 3), true,
                new VadOptions(4.5f, 0.25f, 2, 0.7f));
    }

    /** The names of the options of {@code table} whose value in {@code record} equals the default. */
    public static <R> List<String> unchanged(OptionTable<R> table, R record) {
        return table.options().stream().filter(o -> same(o, record, table.defaults())).map(Option::name).toList();
    }

    private static <R, V> boolean same(Option<R, V> o, R a, R b) {
        return o.get(a).equals(o.get(b));
    }
}
