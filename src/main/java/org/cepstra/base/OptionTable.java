package org.cepstra.base;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The options of one options record, registered once beside its fields (as Kaldi's {@code Register()}):
 * each option's name, help, value type, getter and copier, and the record's default instance, which
 * gives every default. Config-file readers, the command line and structured-file mappings all work
 * from the table, so an option is spelled in its record and its table and nowhere else.
 *
 * @param <R> the options record
 */
public final class OptionTable<R> {
    private final R defaults;
    private final List<Option<R, ?>> options;

    private OptionTable(R defaults, List<Option<R, ?>> options) {
        this.defaults = defaults;
        this.options = Collections.unmodifiableList(options);
    }

    /** A table under construction whose defaults are those of {@code defaults}. */
    public static <R> Builder<R> of(R defaults) {
        return new Builder<>(Objects.requireNonNull(defaults, "defaults"));
    }

    /** The record holding every option's default. */
    public R defaults() {
        return defaults;
    }

    /** The options in registration order (the order of config text and structured files). */
    public List<Option<R, ?>> options() {
        return options;
    }

    /**
     * The option called {@code name}, written {@code frame-length}, {@code --frame-length} or
     * {@code frame_length} (underscores count as dashes, as in Kaldi).
     */
    public Optional<Option<R, ?>> find(String name) {
        String key = normalise(name);
        for (Option<R, ?> o : options) {
            if (o.name().equals(key)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /**
     * The option called {@code name} (see {@link #find}).
     *
     * @throws IllegalArgumentException if there is none
     */
    public Option<R, ?> option(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no option " + name));
    }

    /** The text of option {@code o}'s default, as written in config text and usage help. */
    public String defaultText(Option<R, ?> o) {
        return o.format(defaults);
    }

    /** Config-file lines {@code --name=value} giving every option's value in {@code record}. */
    public List<String> configLines(R record) {
        List<String> lines = new ArrayList<>(options.size());
        for (Option<R, ?> o : options) {
            lines.add("--" + o.name() + "=" + o.format(record));
        }
        return lines;
    }

    /**
     * A copy of {@code start} with option {@code i} set to {@code values.get(i)} for every option, in
     * registration order: how a structured file's values become a record.
     *
     * @throws IllegalArgumentException if the record refuses a value
     */
    public R withValues(R start, List<?> values) {
        if (values.size() != options.size()) {
            throw new IllegalArgumentException("need " + options.size() + " values, got " + values.size());
        }
        R r = start;
        for (int i = 0; i < options.size(); i++) {
            r = options.get(i).withObject(r, values.get(i));
        }
        return r;
    }

    /** {@code name} without leading dashes and with underscores as dashes. */
    public static String normalise(String name) {
        return (name.startsWith("--") ? name.substring(2) : name).replace('_', '-');
    }

    /**
     * Collects the options of a table.
     *
     * @param <R> the options record
     */
    public static final class Builder<R> {
        private final R defaults;
        private final List<Option<R, ?>> options = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        private final Set<String> keys = new HashSet<>();

        private Builder(R defaults) {
            this.defaults = defaults;
        }

        /**
         * Adds an option (see {@link Option} for the parts).
         *
         * @throws IllegalArgumentException if the name or key is taken, or the default record's value is
         *                                  missing
         */
        public <V> Builder<R> add(String name, String key, OptionType<V> type, String help, Function<R, V> getter,
                                  BiFunction<R, V, R> copier) {
            Option<R, V> o = new Option<>(name, key, type, help, getter, copier);
            if (!names.add(name) || !keys.add(key)) {
                throw new IllegalArgumentException("option " + name + " (" + key + ") is registered twice");
            }
            Objects.requireNonNull(o.get(defaults), () -> "default of " + name);
            options.add(o);
            return this;
        }

        /** The table. */
        public OptionTable<R> build() {
            return new OptionTable<>(defaults, new ArrayList<>(options));
        }
    }
}
