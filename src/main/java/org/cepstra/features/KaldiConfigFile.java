package org.cepstra.features;

import org.cepstra.base.Option;
import org.cepstra.base.OptionTable;
import org.cepstra.base.OptionType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.cepstra.io.kaldi.KaldiConfigText;

/**
 * Reads Kaldi {@code compute-mfcc-feats} options, from a config file ({@code mfcc.conf}) or one at a
 * time (for a command line), into the three option records.
 *
 * <p>File format, as Kaldi's {@code ParseOptions::ReadConfigFile}: one {@code --name=value} per line;
 * everything from {@code #} on is a comment; blank lines are skipped; underscores in names count as
 * dashes; a boolean option without {@code =value} means true. Booleans accept {@code true/false},
 * {@code t/f}, {@code 1/0} (any case). Kaldi has no {@code --no-name} form. Nested {@code --config}
 * files are not supported.
 *
 * <p>Options: those registered in {@link FrameExtractionOptions#OPTIONS}, {@link MelBanksOptions#OPTIONS}
 * and {@link MfccOptions#OPTIONS} (Kaldi's names, Kaldi's value syntax), and {@code --sample-frequency}
 * (Hz, &gt; 0). Accepted (value checked) but
 * ignored: {@code --allow-downsample}, {@code --allow-upsample} (resampling is decided when audio is
 * read, not here), {@code --max-feature-vectors} (a memory limit of Kaldi's online extractor; these
 * features are computed whole), {@code --debug-mel} (Kaldi prints the mel banks; the library never
 * prints). Extensions that are not Kaldi options: {@code --dither-seed} (long), {@code --htk-mode} and
 * {@code --use-power} (booleans, see {@link MelBanksOptions}).
 *
 * <p>Options not given keep their defaults: Kaldi's, except {@code dither = 0}.
 */
public final class KaldiConfigFile {
    private static final Set<String> IGNORED = Set.of("allow-downsample", "allow-upsample",
            "max-feature-vectors", "debug-mel");

    private KaldiConfigFile() {
    }

    /**
     * The options read so far.
     *
     * @param frame             frame extraction options
     * @param mel               mel filter bank options
     * @param mfcc              cepstral options
     * @param sampleFrequencyHz {@code --sample-frequency} in Hz, if given
     */
    public record Parsed(FrameExtractionOptions frame, MelBanksOptions mel, MfccOptions mfcc,
                         OptionalDouble sampleFrequencyHz) {

        /** Checks that every part is present. */
        public Parsed {
            Objects.requireNonNull(frame, "frame");
            Objects.requireNonNull(mel, "mel");
            Objects.requireNonNull(mfcc, "mfcc");
            Objects.requireNonNull(sampleFrequencyHz, "sampleFrequencyHz");
        }

        /** Kaldi's defaults (dither 0) and no sample frequency. */
        public static Parsed defaults() {
            MfccSettings k = MfccPresets.kaldi();
            return new Parsed(k.frame(), k.mel(), k.mfcc(), OptionalDouble.empty());
        }

        /** The options starting from a preset (no sample frequency). */
        public static Parsed of(MfccSettings settings) {
            return new Parsed(settings.frame(), settings.mel(), settings.mfcc(), OptionalDouble.empty());
        }

        /**
         * The three records as settings.
         *
         * @throws IllegalArgumentException if {@code numCeps} exceeds the number of mel bins
         */
        public MfccSettings settings() {
            return new MfccSettings(frame, mel, mfcc);
        }
    }

    /**
     * Reads a Kaldi config file, starting from {@link Parsed#defaults()}.
     *
     * @throws IOException           if the file cannot be read
     * @throws KaldiConfigException  naming the file, line and option, if a line is not a usable option
     */
    public static Parsed read(Path file) throws IOException {
        return parse(readLines(file), file.toString(), Parsed.defaults());
    }

    /**
     * The lines of a config file, read in bounded memory whatever {@code file} is
     * ({@link KaldiConfigText#readLines}).
     *
     * @throws IOException          if the file cannot be read
     * @throws KaldiConfigException naming the file (and line) if it is larger than
     *                              {@link KaldiConfigText#MAX_FILE_BYTES}, holds a NUL byte or is not UTF-8 (not
     *                              a text file), or has a line longer than {@link KaldiConfigText#MAX_LINE_CHARS}
     *                              characters
     */
    public static List<String> readLines(Path file) throws IOException {
        try {
            return KaldiConfigText.readLines(file);
        } catch (KaldiConfigText.NotConfigFileException e) {
            throw new KaldiConfigException(e.source(), e.line(), null, e.problem());
        }
    }

    /**
     * Applies the lines of a config file to {@code start}; {@code source} names the file in messages.
     *
     * @throws KaldiConfigException naming the source, line and option, if a line is not a usable option
     */
    public static Parsed parse(List<String> lines, String source, Parsed start) {
        Parsed p = Objects.requireNonNull(start, "start");
        int number = 0;
        for (String raw : lines) {
            number++;
            KaldiConfigText.Option option;
            try {
                option = KaldiConfigText.parseLine(raw);
            } catch (IllegalArgumentException e) {
                throw new KaldiConfigException(source, number, null, e.getMessage());
            }
            if (option == null) {
                continue;
            }
            try {
                p = applyOption(p, option.name(), option.value());
            } catch (KaldiConfigException e) {
                throw new KaldiConfigException(source, number, e.option(), problemOf(e));
            }
        }
        return p;
    }

    private static String problemOf(KaldiConfigException e) {
        String m = e.getMessage();
        String prefix = "option " + e.option() + ": ";
        return e.option() != null && m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /**
     * Applies one option. {@code name} may be written {@code --frame-length}, {@code frame-length} or
     * {@code frame_length}; {@code value} is the text after {@code =}, or null when there was none
     * (allowed for booleans only, meaning true).
     *
     * @throws KaldiConfigException naming the option, if it is unknown or its value is unusable
     */
    public static Parsed applyOption(Parsed current, String name, String value) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(name, "name");
        String shown = name.startsWith("--") ? name : "--" + name;
        String key = OptionTable.normalise(name);
        try {
            Optional<Parsed> applied = apply(FrameExtractionOptions.OPTIONS, current.frame(), key, value)
                    .map(f -> new Parsed(f, current.mel(), current.mfcc(), current.sampleFrequencyHz()))
                    .or(() -> apply(MelBanksOptions.OPTIONS, current.mel(), key, value)
                            .map(m -> new Parsed(current.frame(), m, current.mfcc(), current.sampleFrequencyHz())))
                    .or(() -> apply(MfccOptions.OPTIONS, current.mfcc(), key, value)
                            .map(c -> new Parsed(current.frame(), current.mel(), c, current.sampleFrequencyHz())));
            if (applied.isPresent()) {
                return applied.get();
            }
            switch (key) {
                case "sample-frequency" -> {
                    double hz = OptionType.real("HZ").parse(value);
                    if (!(hz > 0)) {
                        throw new IllegalArgumentException("sample frequency must be a positive number of Hz, got "
                                + value);
                    }
                    return new Parsed(current.frame(), current.mel(), current.mfcc(), OptionalDouble.of(hz));
                }
                case "allow-downsample", "allow-upsample", "debug-mel" -> OptionType.bool().parse(value);
                case "max-feature-vectors" -> OptionType.integer("N").parse(value);
                case "config" -> throw new IllegalArgumentException("nested config files are not supported");
                default -> throw new IllegalArgumentException(key.startsWith("no-")
                        ? "unknown option (Kaldi has no --no- form: write --" + key.substring(3) + "=false)"
                        : "unknown option");
            }
            return current;
        } catch (KaldiConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new KaldiConfigException(null, 0, shown, Option.problemOf(e.getMessage()));
        }
    }

    /** {@code record} with option {@code key} of {@code table} set from {@code value}, if the table has it. */
    private static <R> Optional<R> apply(OptionTable<R> table, R record, String key, String value) {
        return table.find(key).map(o -> o.parse(record, value));
    }

    /**
     * The lines of a config file that {@link #parse} reads back to {@code settings}: every option of the
     * three records, {@code --name=value}, in the order of their tables.
     */
    public static List<String> configLines(MfccSettings settings) {
        List<String> lines = new ArrayList<>(FrameExtractionOptions.OPTIONS.configLines(settings.frame()));
        lines.addAll(MelBanksOptions.OPTIONS.configLines(settings.mel()));
        lines.addAll(MfccOptions.OPTIONS.configLines(settings.mfcc()));
        return lines;
    }

    /** True for options that are accepted but have no effect here (see the class documentation). */
    public static boolean isIgnoredOption(String name) {
        String key = OptionTable.normalise(name);
        return IGNORED.contains(key);
    }
}
