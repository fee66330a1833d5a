package org.cepstra.base;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The value type of one {@link Option}: how its text (a config-file value, a command-line argument) is
 * parsed and written back, and what kind of plain value it is in structured files (JSON).
 *
 * <p>Text syntax, as Kaldi's {@code ParseOptions}: numbers are plain decimals ({@link DecimalSyntax}: no
 * hex, NaN or infinity); booleans are {@code true/false}, {@code t/f} or {@code 1/0} in any case, and a
 * missing value ({@code null}, a bare {@code --name}) means true. A parse error is an
 * {@link IllegalArgumentException} whose message quotes the value and says what was expected.
 *
 * @param <V> the Java type of the value (boxed for primitives)
 */
public final class OptionType<V> {

    /** What a value is in a structured file: it decides the JSON node written and read. */
    public enum Kind { BOOLEAN, INT, LONG, FLOAT, DOUBLE, ENUM }

    private final Kind kind;
    private final Class<V> valueClass;
    private final Class<?> textClass;
    private final String label;
    private final Function<String, V> parser;
    private final Function<V, String> formatter;

    private OptionType(Kind kind, Class<V> valueClass, Class<?> textClass, String label, Function<String, V> parser,
                       Function<V, String> formatter) {
        this.kind = kind;
        this.valueClass = valueClass;
        this.textClass = textClass;
        this.label = label;
        this.parser = parser;
        this.formatter = formatter;
    }

    /** A finite double; {@code label} names its unit in usage lines ({@code MS}, {@code HZ}, {@code X}). */
    public static OptionType<Double> real(String label) {
        return new OptionType<>(Kind.DOUBLE, Double.class, Double.class, label, OptionType::parseReal,
                String::valueOf);
    }

    /**
     * A finite double that may also be written as {@code word}, which stands for {@code wordValue}
     * (e.g. {@code auto} for an automatic choice); given on a command line as text.
     */
    public static OptionType<Double> realOr(String label, String word, double wordValue) {
        return new OptionType<>(Kind.DOUBLE, Double.class, String.class, label + "|" + word,
                v -> word.equalsIgnoreCase(text(v).strip()) ? wordValue : parseReal(text(v).strip()),
                v -> v == wordValue ? word : String.valueOf(v));
    }

    /** A finite float (single precision, rounded once from the decimal text). */
    public static OptionType<Float> single(String label) {
        return new OptionType<>(Kind.FLOAT, Float.class, Float.class, label, v -> {
            parseReal(v);
            float f = Float.parseFloat(v);
            if (!Float.isFinite(f)) {
                throw new IllegalArgumentException("'" + v + "' is out of range");
            }
            return f;
        }, String::valueOf);
    }

    /** A 32-bit integer. */
    public static OptionType<Integer> integer(String label) {
        return new OptionType<>(Kind.INT, Integer.class, Integer.class, label, v -> {
            String t = integerText(v);
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + t + "' is out of range for an integer");
            }
        }, String::valueOf);
    }

    /** A 64-bit integer. */
    public static OptionType<Long> longInteger(String label) {
        return new OptionType<>(Kind.LONG, Long.class, Long.class, label, v -> {
            String t = integerText(v);
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + t + "' is out of range for a long integer");
            }
        }, String::valueOf);
    }

    /** A boolean: {@code true/false}, {@code t/f}, {@code 1/0}; no value means true. */
    public static OptionType<Boolean> bool() {
        return new OptionType<>(Kind.BOOLEAN, Boolean.class, Boolean.class, "BOOL", OptionType::parseBoolean,
                String::valueOf);
    }

    /**
     * One constant of an enum, written in text by its own spelling ({@code formatter}) and read by
     * {@code parser} (which throws {@link IllegalArgumentException} naming the accepted values); in
     * structured files by its Java constant name.
     */
    public static <E extends Enum<E>> OptionType<E> choice(Class<E> type, String label, Function<String, E> parser,
                                                           Function<E, String> formatter) {
        return new OptionType<>(Kind.ENUM, type, String.class, label, v -> parser.apply(text(v)), formatter);
    }

    /** One constant of an enum, written in text as its lower-case constant name and read in any case. */
    public static <E extends Enum<E>> OptionType<E> lowerCaseEnum(Class<E> type) {
        String names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("|"));
        return new OptionType<>(Kind.ENUM, type, type, names, v -> {
            String t = text(v);
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(t)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("'" + t + "' is not one of " + names.replace('|', ','));
        }, e -> e.name().toLowerCase(Locale.ROOT));
    }

    /** The kind of plain value this is in structured files. */
    public Kind kind() {
        return kind;
    }

    /** The Java type of the value ({@code Double.class} for a double, the enum class for an enum). */
    public Class<V> valueClass() {
        return valueClass;
    }

    /**
     * The type a command-line parser should convert an argument to before it is formatted and parsed here:
     * the value class for numbers, booleans and enums read by name, {@code String.class} where the text has
     * its own spelling.
     */
    public Class<?> textClass() {
        return textClass;
    }

    /** A short name of the value or its unit for usage lines: {@code MS}, {@code HZ}, {@code N}, {@code BOOL}. */
    public String label() {
        return label;
    }

    /**
     * The value {@code text} stands for; {@code null} is allowed for booleans only (meaning true).
     *
     * @throws IllegalArgumentException quoting the text and what was expected
     */
    public V parse(String text) {
        return parser.apply(text);
    }

    /** The text of {@code value} that {@link #parse} reads back to an equal value. */
    public String format(V value) {
        return formatter.apply(Objects.requireNonNull(value, "value"));
    }

    /** {@code value} checked to be of this type, for values read from a file as plain objects. */
    public V cast(Object value) {
        return valueClass.cast(value);
    }

    private static String text(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("needs a value (--name=value)");
        }
        return value;
    }

    private static double parseReal(String value) {
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

    private static String integerText(String value) {
        String v = text(value);
        if (!DecimalSyntax.isInteger(v, Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("'" + v + "' is not an integer");
        }
        return v;
    }

    private static Boolean parseBoolean(String value) {
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
