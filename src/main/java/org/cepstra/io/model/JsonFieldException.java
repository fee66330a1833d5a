package org.cepstra.io.model;

import java.io.IOException;
import java.util.Objects;

/**
 * A JSON document whose content does not describe a valid value: a field is missing, has the wrong
 * type, an unknown name or an out-of-range value. The field is given as a dotted path from the
 * document's root, e.g. {@code featureConfig.mfcc.frame.frameLengthMs} or {@code labels[3].label}.
 */
class JsonFieldException extends IOException {
    private final String field;
    private final String problem;

    /**
     * @param field   dotted path of the offending field (the object's path when the problem concerns
     *                several of its fields together)
     * @param problem what is wrong, in words
     */
    public JsonFieldException(String field, String problem) {
        super("field '" + field + "': " + problem);
        this.field = Objects.requireNonNull(field, "field");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** Dotted path of the offending field. */
    public String field() {
        return field;
    }

    /** What is wrong, without the field name. */
    public String problem() {
        return problem;
    }
}
