package org.cepstra.base;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One option of an options record: its name, its help, its value type and how to read it from and
 * replace it in the record. Registered in the record's {@link OptionTable}, it serves config files,
 * the command line and structured files alike.
 *
 * @param name   Kaldi-style name in kebab case, without dashes ({@code frame-length}); the name in
 *               config files and on the command line
 * @param key    name in structured files (JSON), in camel case with the unit where the Java name lacks
 *               it ({@code frameLengthMs}); part of file formats, never renamed
 * @param type   value type: text syntax and structured kind
 * @param help   one line in domain words with the unit, without the default (which the table knows)
 * @param getter the value in a record
 * @param copier a copy of a record with the value replaced; it validates as the record's constructor does
 * @param <R>    the options record
 * @param <V>    the value type (boxed for primitives)
 */
public record Option<R, V>(String name, String key, OptionType<V> type, String help, Function<R, V> getter,
                           BiFunction<R, V, R> copier) {

    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern CAMEL = Pattern.compile("[a-z][A-Za-z0-9]*");

    /** Checks that every part is present and the names are in kebab and camel case. */
    public Option {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(getter, "getter");
        Objects.requireNonNull(copier, "copier");
        if (!KEBAB.matcher(name).matches()) {
            throw new IllegalArgumentException("option name must be kebab case, got '" + name + "'");
        }
        if (!CAMEL.matcher(key).matches()) {
            throw new IllegalArgumentException("option key must be camel case, got '" + key + "'");
        }
    }

    /**
     * A record's validation message without its leading Java field name ({@code "numCeps must be at least
     * 1, got 0"} → {@code "must be at least 1, got 0"}), for messages that put the option name before it.
     */
    public static String problemOf(String message) {
        if (message == null) {
            return "not a usable value";
        }
        return FIELD_NAME.matcher(message).replaceFirst("");
    }

    /** A camelCase identifier and the space after it at the start of a message ({@code "numCeps "}). */
    private static final Pattern FIELD_NAME = Pattern.compile("^[a-z]+[A-Z][A-Za-z]*\\s+");

    /** The value of this option in {@code record}. */
    public V get(R record) {
        return getter.apply(record);
    }

    /**
     * A copy of {@code record} with this option set to {@code value}.
     *
     * @throws IllegalArgumentException if the record refuses the value
     */
    public R with(R record, V value) {
        return copier.apply(record, Objects.requireNonNull(value, "value"));
    }

    /** As {@link #with}, for a value known only as an object of this option's value class. */
    public R withObject(R record, Object value) {
        return with(record, type.cast(value));
    }

    /**
     * A copy of {@code record} with this option set to the value {@code text} stands for.
     *
     * @throws IllegalArgumentException if the text is not a value of this type or the record refuses it
     */
    public R parse(R record, String text) {
        return with(record, type.parse(text));
    }

    /** The text of this option's value in {@code record}. */
    public String format(R record) {
        return type.format(get(record));
    }
}
