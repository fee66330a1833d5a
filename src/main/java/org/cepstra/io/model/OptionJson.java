package org.cepstra.io.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cepstra.base.Option;
import org.cepstra.base.OptionTable;

/**
 * The JSON form of options records, from their {@link OptionTable}s: each option is one field named by
 * its {@link Option#key()}, written as its kind (number, boolean, or an enum's Java constant name), so
 * that reading gives back an equal record.
 */
final class OptionJson {

    private OptionJson() {
    }

    /** Writes every option of {@code table} in {@code record} into {@code o}, in table order. */
    static <R> void putAll(ObjectNode o, OptionTable<R> table, R record) {
        putAll(o, table, record, Set.of());
    }

    /**
     * As {@link #putAll(ObjectNode, OptionTable, Object)}, but leaves out the options keyed in {@code later}
     * while they hold the table's default: fields added in a later file format, so that a file that does not
     * need them stays readable by older readers.
     */
    static <R> void putAll(ObjectNode o, OptionTable<R> table, R record, Set<String> later) {
        for (Option<R, ?> option : table.options()) {
            if (!later.contains(option.key()) || !holdsDefault(table, option, record)) {
                put(o, option, record);
            }
        }
    }

    /**
     * Whether {@code record} holds a value other than the table's default in an option keyed in {@code later}:
     * whether {@link #putAll(ObjectNode, OptionTable, Object, Set)} writes any of them.
     */
    static <R> boolean writesAny(OptionTable<R> table, R record, Set<String> later) {
        for (Option<R, ?> option : table.options()) {
            if (later.contains(option.key()) && !holdsDefault(table, option, record)) {
                return true;
            }
        }
        return false;
    }

    private static <R> boolean holdsDefault(OptionTable<R> table, Option<R, ?> option, R record) {
        return option.get(record).equals(option.get(table.defaults()));
    }

    /** Writes option {@code option} of {@code record} into {@code o}. */
    static <R, V> void put(ObjectNode o, Option<R, V> option, R record) {
        V v = option.get(record);
        String key = option.key();
        switch (option.type().kind()) {
            case BOOLEAN -> o.put(key, (Boolean) v);
            case INT -> o.put(key, (Integer) v);
            case LONG -> o.put(key, (Long) v);
            case FLOAT -> o.put(key, (Float) v);
            case DOUBLE -> o.put(key, (Double) v);
            case ENUM -> o.put(key, ((Enum<?>) v).name());
            default -> throw new IllegalStateException(option.type().kind().toString());
        }
    }

    /**
     * The values of every option of {@code table} in {@code o}, in table order, each checked for its kind
     * (not yet for the record's ranges: see {@link #construct}).
     *
     * @throws JsonFieldException naming the field that is missing or of the wrong type
     */
    static <R> List<Object> values(JsonFields o, OptionTable<R> table) throws JsonFieldException {
        return values(o, table, Set.of());
    }

    /**
     * As {@link #values(JsonFields, OptionTable)}, except that the options keyed in {@code later} may be absent
     * (files written before their format, or holding their default), and then take the table's default.
     */
    static <R> List<Object> values(JsonFields o, OptionTable<R> table, Set<String> later) throws JsonFieldException {
        List<Object> values = new ArrayList<>(table.options().size());
        R defaults = table.defaults();
        for (Option<R, ?> option : table.options()) {
            values.add(later.contains(option.key()) && !o.has(option.key()) ? option.get(defaults) : value(o, option));
        }
        return values;
    }

    /** The value of one option in {@code o}. */
    static Object value(JsonFields o, Option<?, ?> option) throws JsonFieldException {
        String key = option.key();
        return switch (option.type().kind()) {
            case BOOLEAN -> o.booleanValue(key);
            case INT -> o.intValue(key);
            case LONG -> o.longValue(key);
            case FLOAT -> o.floatValue(key);
            case DOUBLE -> o.doubleValue(key);
            case ENUM -> enumValue(o, key, option.type().valueClass());
        };
    }

    private static <E extends Enum<E>> E enumValue(JsonFields o, String key, Class<?> type)
            throws JsonFieldException {
        @SuppressWarnings("unchecked")
        Class<E> e = (Class<E>) type.asSubclass(Enum.class);
        return o.enumValue(key, e);
    }

    /**
     * The record {@code start} with the options of {@code table} set to {@code values}, the record's own
     * validation turned into an error about object {@code o}.
     */
    static <R> R construct(JsonFields o, OptionTable<R> table, R start, List<Object> values)
            throws JsonFieldException {
        return o.construct(() -> table.withValues(start, values));
    }

    /** The record of {@code table} held by object {@code o} alone: every option, no other field. */
    static <R> R read(JsonFields o, OptionTable<R> table) throws JsonFieldException {
        List<Object> values = values(o, table);
        o.requireNoOtherFields();
        return construct(o, table, table.defaults(), values);
    }
}
