package org.cepstra.features;

import org.cepstra.base.DecimalSyntax;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
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
 * <p>Options: {@code --frame-length --frame-shift --dither --preemphasis-coefficient --remove-dc-offset
 * --window-type --round-to-power-of-two --blackman-coeff --snip-edges --num-mel-bins --low-freq
 * --high-freq --vtln-low --vtln-high --vtln-warp --num-ceps --use-energy --energy-floor --raw-energy
 * --cepstral-lifter --htk-compat --subtract-mean --sample-frequency}. Accepted (value checked) but
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
        String key = (name.startsWith("--") ? name.substring(2) : name).replace('_', '-');
        FrameExtractionOptions f = current.frame();
        MelBanksOptions m = current.mel();
        MfccOptions c = current.mfcc();
        OptionalDouble rate = current.sampleFrequencyHz();
        try {
            switch (key) {
                case "frame-length" -> f = f.withFrameLengthMs(real(value));
                case "frame-shift" -> f = f.withFrameShiftMs(real(value));
                case "dither" -> f = f.withDither(real(value));
                case "dither-seed" -> f = f.withDitherSeed(longValue(value));
                case "preemphasis-coefficient" -> f = f.withPreemphasisCoefficient(real(value));
                case "remove-dc-offset" -> f = f.withRemoveDcOffset(bool(value));
                case "window-type" -> f = f.withWindowType(WindowType.fromKaldiName(text(value)));
                case "round-to-power-of-two" -> f = f.withRoundToPowerOfTwo(bool(value));
                case "blackman-coeff" -> f = f.withBlackmanCoeff(real(value));
                case "snip-edges" -> f = f.withSnipEdges(bool(value));
                case "num-mel-bins" -> m = m.withNumBins(integer(value));
                case "low-freq" -> m = m.withLowFreqHz(real(value));
                case "high-freq" -> m = m.withHighFreqHz(real(value));
                case "vtln-low" -> m = m.withVtlnLowHz(real(value));
                case "vtln-high" -> m = m.withVtlnHighHz(real(value));
                case "vtln-warp" -> m = m.withVtlnWarp(real(value));
                case "htk-mode" -> m = m.withHtkMode(bool(value));
                case "use-power" -> m = m.withUsePower(bool(value));
                case "num-ceps" -> c = c.withNumCeps(integer(value));
                case "use-energy" -> c = c.withUseEnergy(bool(value));
                case "energy-floor" -> c = c.withEnergyFloor(real(value));
                case "raw-energy" -> c = c.withRawEnergy(bool(value));
                case "cepstral-lifter" -> c = c.withCepstralLifter(real(value));
                case "htk-compat" -> c = c.withHtkCompat(bool(value));
                case "subtract-mean" -> c = c.withSubtractMean(bool(value));
                case "sample-frequency" -> {
                    double hz = real(value);
                    if (!(hz > 0)) {
                        throw new IllegalArgumentException("sample frequency must be a positive number of Hz, got "
                                + value);
                    }
                    rate = OptionalDouble.of(hz);
                }
                case "allow-downsample", "allow-upsample", "debug-mel" -> bool(value);
                case "max-feature-vectors" -> integer(value);
                case "config" -> throw new IllegalArgumentException("nested config files are not supported");
                default -> throw new IllegalArgumentException(key.startsWith("no-")
                        ? "unknown option (Kaldi has no --no- form: write --" + key.substring(3) + "=false)"
                        : "unknown option");
            }
        } catch (KaldiConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new KaldiConfigException(null, 0, shown, withoutFieldName(e.getMessage()));
        }
        return new Parsed(f, m, c, rate);
    }

    /** A record's message without its leading Java field name: the option name stands before it. */
    private static String withoutFieldName(String message) {
        if (message == null) {
            return "not a usable value";
        }
        return FIELD_NAME.matcher(message).replaceFirst("");
    }

    /** A camelCase identifier and the space after it at the start of a message ({@code "numCeps "}). */
    private static final Pattern FIELD_NAME = Pattern.compile("^[a-z]+[A-Z][A-Za-z]*\\s+");

    /** True for options that are accepted but have no effect here (see the class documentation). */
    public static boolean isIgnoredOption(String name) {
        String key = (name.startsWith("--") ? name.substring(2) : name).replace('_', '-');
        return IGNORED.contains(key);
    }

    private static String text(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("needs a value (--name=value)");
        }
        return value;
    }

    private static double real(String value) {
        String v = text(value);
        if (!DecimalSyntax.isDecimal(v)) {
            throw new IllegalArgumentException("'" + v + "' is not a number");
        }
        double d = Double.parseDouble(v);
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("'" + v + "' is out of range");
        }
        return d;
    }

    private static int integer(String value) {
        String v = text(value);
        if (!DecimalSyntax.isInteger(v, Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("'" + v + "' is not an integer");
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is out of range for an integer");
        }
    }

    private static long longValue(String value) {
        String v = text(value);
        if (!DecimalSyntax.isInteger(v, Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("'" + v + "' is not an integer");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is out of range for a long integer");
        }
    }

    private static boolean bool(String value) {
        if (value == null) {
            return true;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "", "true", "t", "1":
                return true;
            case "false", "f", "0":
                return false;
            default:
                throw new IllegalArgumentException("'" + value + "' is not a boolean (expected true or false)");
        }
    }
}
