package org.cepstra.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.cepstra.base.Option;
import org.cepstra.base.OptionTable;
import org.cepstra.base.OptionType;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Command-line options made from option tables: one {@code --name} per table entry, with the entry's
 * value label, help and the default read from the table's default record, so that no option is declared
 * twice. Values are kept as picocli converted them (numbers and booleans typed, so that a malformed one
 * is a usage error) and applied through the table's own text syntax.
 */
final class TableOptions {
    private final Map<String, Object> given = new HashMap<>();
    private final Set<String> flags;

    /** Options whose names are in {@code flags} take no value (given means true), as {@code --vad}. */
    TableOptions(Set<String> flags) {
        this.flags = flags;
    }

    /** Adds an option to {@code spec} for every entry of {@code table} that it does not have yet. */
    <R> void register(CommandSpec spec, OptionTable<R> table) {
        for (Option<R, ?> o : table.options()) {
            String name = "--" + o.name();
            if (spec.findOption(name) != null) {
                continue;
            }
            boolean bool = o.type().kind() == OptionType.Kind.BOOLEAN;
            spec.addOption(OptionSpec.builder(name)
                    .type(o.type().textClass())
                    .arity(flags.contains(o.name()) ? "0" : bool ? "0..1" : "1")
                    .paramLabel(o.type().label())
                    .description(description(table, o))
                    .setter(new Setter(o.name()))
                    .build());
        }
    }

    /** The usage line of option {@code o}: its help and its default. */
    static <R> String description(OptionTable<R> table, Option<R, ?> o) {
        return o.help() + " (default: " + table.defaultText(o) + ")";
    }

    /** The value given for option {@code name}, as picocli converted it, or null if it was not given. */
    Object get(String name) {
        return given.get(name);
    }

    /** The text of the value given for option {@code name}, or null if it was not given. */
    String text(String name) {
        Object v = given.get(name);
        return v == null ? null : String.valueOf(v);
    }

    /**
     * {@code start} with every option of {@code table} that was given set to its value, in table order.
     *
     * @throws InputException naming the option as typed if the value is refused
     */
    <R> R apply(OptionTable<R> table, R start) {
        R r = start;
        for (Option<R, ?> o : table.options()) {
            r = apply(o, r);
        }
        return r;
    }

    /**
     * {@code start} with option {@code o} set to its value if it was given.
     *
     * @throws InputException naming the option as typed if the value is refused
     */
    <R> R apply(Option<R, ?> o, R start) {
        String text = text(o.name());
        if (text == null) {
            return start;
        }
        try {
            return o.parse(start, text);
        } catch (IllegalArgumentException e) {
            throw new InputException("--" + o.name() + " " + Option.problemOf(e.getMessage()));
        }
    }

    /** A group of options (a picocli mixin) with options made from tables (or help made from the library's values). */
    interface Mixin {
        /** Adds the group's table-made options to {@code spec}, the command that uses the group, or completes their help. */
        void register(CommandSpec spec);
    }

    /**
     * Adds the table-made options of every {@link Mixin} of a command. Named as the model transformer of
     * each such mixin; picocli runs it for a top-level command, {@link Main} for its subcommands.
     */
    static final class Registration implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            for (CommandSpec mixin : spec.mixins().values()) {
                if (mixin.userObject() instanceof Mixin m) {
                    m.register(spec);
                }
            }
            return spec;
        }
    }

    /** Keeps the value picocli hands over for one option. */
    private final class Setter implements ISetter {
        private final String name;

        Setter(String name) {
            this.name = name;
        }

        @Override
        public <T> T set(T value) {
            if (value != null) {
                given.put(name, value);
            }
            return null;
        }
    }
}
