package org.cepstra.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Typed, checked access to the fields of one JSON object, for the {@code *Json} mapping classes.
 * Every getter names the field by its dotted path when it is missing or has the wrong type; numbers
 * are converted exactly (decimal text → nearest double or float); {@link #requireNoOtherFields()}
 * rejects fields that no getter asked for, so a misspelt or unsupported field is never ignored.
 */
final class JsonFields {
    private final ObjectNode node;
    private final String path;
    private final Set<String> used = new HashSet<>();

    private JsonFields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The object {@code node} found at {@code path} ("" for the document root). */
    static JsonFields of(JsonNode node, String path) throws JsonFieldException {
        if (node == null || !node.isObject()) {
            throw new JsonFieldException(display(path), "must be a JSON object, found " + describe(node));
        }
        return new JsonFields((ObjectNode) node, path);
    }

    /** Dotted path of this object ("" at the root). */
    String path() {
        return path;
    }

    /** Dotted path of field {@code name} of this object. */
    String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** An error about this object as a whole. */
    JsonFieldException invalid(String problem) {
        return new JsonFieldException(display(path), problem);
    }

    /** An error about field {@code name}. */
    JsonFieldException invalid(String name, String problem) {
        return new JsonFieldException(pathOf(name), problem);
    }

    /** Whether the object has field {@code name} (JSON null counts as present). */
    boolean has(String name) {
        return node.has(name);
    }

    /** Field {@code name}, which must be present and not null. */
    JsonNode require(String name) throws JsonFieldException {
        used.add(name);
        JsonNode v = node.get(name);
        if (v == null) {
            throw invalid(name, "missing");
        }
        if (v.isNull()) {
            throw invalid(name, "is null");
        }
        return v;
    }

    int intValue(String name) throws JsonFieldException {
        JsonNode v = require(name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw invalid(name, "must be an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE
                    + ", found " + describe(v));
        }
        return v.intValue();
    }

    long longValue(String name) throws JsonFieldException {
        JsonNode v = require(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw invalid(name, "must be a 64-bit integer, found " + describe(v));
        }
        return v.longValue();
    }

    /** A finite double; the decimal text is rounded once, to the nearest double. */
    double doubleValue(String name) throws JsonFieldException {
        JsonNode v = require(name);
        if (!v.isNumber()) {
            throw invalid(name, "must be a number, found " + describe(v));
        }
        double d = v.decimalValue().doubleValue();
        if (!Double.isFinite(d)) {
            throw invalid(name, v.asText() + " is outside the range of a double");
        }
        return d;
    }

    /** A finite float; the decimal text is rounded once, to the nearest float. */
    float floatValue(String name) throws JsonFieldException {
        JsonNode v = require(name);
        if (!v.isNumber()) {
            throw invalid(name, "must be a number, found " + describe(v));
        }
        float f = v.decimalValue().floatValue();
        if (!Float.isFinite(f)) {
            throw invalid(name, v.asText() + " is outside the range of a float");
        }
        return f;
    }

    boolean booleanValue(String name) throws JsonFieldException {
        JsonNode v = require(name);
        if (!v.isBoolean()) {
            throw invalid(name, "must be true or false, found " + describe(v));
        }
        return v.booleanValue();
    }

    String textValue(String name) throws JsonFieldException {
        JsonNode v = require(name);
        if (!v.isTextual()) {
            throw invalid(name, "must be a string, found " + describe(v));
        }
        return v.textValue();
    }

    /** An enum constant given by its exact Java name, e.g. {@code "POVEY"}. */
    <E extends Enum<E>> E enumValue(String name, Class<E> type) throws JsonFieldException {
        String text = textValue(name);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        throw invalid(name, "unknown value '" + text + "' (expected one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
    }

    JsonFields object(String name) throws JsonFieldException {
        return of(require(name), pathOf(name));
    }

    ArrayNode array(String name) throws JsonFieldException {
        JsonNode v = require(name);
        if (!v.isArray()) {
            throw invalid(name, "must be an array, found " + describe(v));
        }
        return (ArrayNode) v;
    }

    /** An array of {@code length} finite doubles, each decimal text rounded once to the nearest double. */
    double[] doubleArray(String name, int length) throws JsonFieldException {
        ArrayNode a = array(name);
        if (a.size() != length) {
            throw invalid(name, "must have " + length + " elements, found " + a.size());
        }
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            JsonNode v = a.get(i);
            double d = v.isNumber() ? v.decimalValue().doubleValue() : Double.NaN;
            if (!Double.isFinite(d)) {
                throw invalid(name, "element " + i + " must be a finite number, found " + describe(v));
            }
            out[i] = d;
        }
        return out;
    }

    /** Rejects any field of this object that no getter has asked for. */
    void requireNoOtherFields() throws JsonFieldException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!used.contains(name)) {
                throw invalid(name, "unknown field");
            }
        }
    }

    /**
     * Runs a record constructor on values read from this object, turning its validation error
     * ({@link IllegalArgumentException}) into an error about this object.
     */
    <T> T construct(Supplier<T> constructor) throws JsonFieldException {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /** Marks field {@code name} as known without reading it. */
    void accept(String name) {
        used.add(name);
    }

    private static String display(String path) {
        return path.isEmpty() ? "(top level)" : path;
    }

    /** A short description of a node's type (and value, when short) for error messages. */
    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            String t = v.textValue();
            return "the string \"" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "\"";
        }
        if (v.isNumber() || v.isBoolean()) {
            String t = v.asText();
            return (v.isNumber() ? "the number " : "") + (t.length() > 40 ? t.substring(0, 40) + "…" : t);
        }
        return v.isArray() ? "an array" : "an object";
    }
}
