package org.cepstra.scoring.verification;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cepstra.base.AtomicFiles;

/**
 * Scores as JSON, target flags included, read and written as a stream so that millions of trials never
 * become one tree:
 *
 * <pre>
 * {"format": "cepstra-verification-scores", "version": 1,
 *  "scores": [{"model": "spk1", "utterance": "spk2_yes_03", "score": -0.4375, "target": false}, ...]}
 * </pre>
 *
 * {@code target} is left out when unknown. Scores are written in the shortest decimal form that reads back
 * to the same double. Reading requires {@code format}, {@code version} 1 and {@code scores}, rejects
 * unknown fields, and applies {@link Score}'s and {@link ScoreList}'s checks; every problem names the file.
 */
public final class ScoresJson {
    /** The value of the {@code format} field. */
    public static final String FORMAT = "cepstra-verification-scores";
    /** The version of the layout written. */
    public static final int VERSION = 1;

    private static final JsonFactory JSON = new JsonFactory();

    private ScoresJson() {
    }

    /**
     * Writes {@code scores} to {@code file} atomically ({@link AtomicFiles}), one score per line.
     *
     * @throws IOException naming the file if it cannot be written
     */
    public static void write(Path file, ScoreList scores) throws IOException {
        Objects.requireNonNull(scores, "scores");
        AtomicFiles.write(file, out -> {
            JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", VERSION);
            g.writeFieldName("scores");
            g.writeStartArray();
            for (Score s : scores.scores()) {
                g.writeRaw('\n');
                g.writeStartObject();
                g.writeStringField("model", s.model());
                g.writeStringField("utterance", s.utterance());
                g.writeNumberField("score", s.score());
                if (s.target().isPresent()) {
                    g.writeBooleanField("target", s.target().get());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
            g.flush();
        });
    }

    /**
     * Reads the scores in {@code file}, in file order, with their target flags where present.
     *
     * @throws VerificationFileException naming the file if it cannot be read, is not this format, or holds
     *                                   an invalid score
     */
    public static ScoreList read(Path file) throws VerificationFileException {
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            expect(file, p, p.nextToken(), JsonToken.START_OBJECT, "a JSON object");
            String format = null;
            int version = 0;
            List<Score> scores = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "format" -> {
                        expect(file, p, value, JsonToken.VALUE_STRING, "'format' as a string");
                        format = p.getText();
                    }
                    case "version" -> {
                        expect(file, p, value, JsonToken.VALUE_NUMBER_INT, "'version' as a whole number");
                        version = p.getIntValue();
                    }
                    case "scores" -> {
                        expect(file, p, value, JsonToken.START_ARRAY, "'scores' as an array");
                        scores = readScores(file, p);
                    }
                    default -> throw problem(file, p, "unknown field '" + name + "'");
                }
            }
            if (p.nextToken() != null) {
                throw problem(file, p, "content after the end of the scores object");
            }
            if (!FORMAT.equals(format)) {
                throw new VerificationFileException(file, "not a scores file: 'format' is "
                        + (format == null ? "missing" : "'" + format + "'") + ", expected '" + FORMAT + "'");
            }
            if (version != VERSION) {
                throw new VerificationFileException(file, "scores file version " + version + " is not supported"
                        + " (this version reads " + VERSION + ")");
            }
            if (scores == null) {
                throw new VerificationFileException(file, "no 'scores' field");
            }
            if (scores.isEmpty()) {
                throw new VerificationFileException(file, "no scores (the 'scores' array is empty)");
            }
            try {
                return new ScoreList(scores);
            } catch (IllegalArgumentException e) {
                throw new VerificationFileException(file, e.getMessage());
            }
        } catch (VerificationFileException e) {
            throw e;
        } catch (JsonParseException e) {
            throw new VerificationFileException(file, "not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")", e);
        } catch (NoSuchFileException e) {
            throw new VerificationFileException(file, "cannot read: file not found", e);
        } catch (AccessDeniedException e) {
            throw new VerificationFileException(file, "cannot read: permission denied", e);
        } catch (IOException e) {
            throw new VerificationFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static List<Score> readScores(Path file, JsonParser p) throws IOException {
        List<Score> scores = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(file, p, t, JsonToken.START_OBJECT, "each score as an object");
            String model = null;
            String utterance = null;
            Double score = null;
            Optional<Boolean> target = Optional.empty();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "model" -> {
                        expect(file, p, value, JsonToken.VALUE_STRING, "'model' as a string");
                        model = p.getText();
                    }
                    case "utterance" -> {
                        expect(file, p, value, JsonToken.VALUE_STRING, "'utterance' as a string");
                        utterance = p.getText();
                    }
                    case "score" -> {
                        if (value != JsonToken.VALUE_NUMBER_FLOAT && value != JsonToken.VALUE_NUMBER_INT) {
                            throw problem(file, p, "'score' must be a number");
                        }
                        score = p.getDoubleValue();
                    }
                    case "target" -> {
                        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                            throw problem(file, p, "'target' must be true or false");
                        }
                        target = Optional.of(value == JsonToken.VALUE_TRUE);
                    }
                    default -> throw problem(file, p, "unknown field '" + name + "' in score " + (scores.size() + 1));
                }
            }
            if (model == null || utterance == null || score == null) {
                throw problem(file, p, "score " + (scores.size() + 1) + " lacks "
                        + (model == null ? "'model'" : utterance == null ? "'utterance'" : "'score'"));
            }
            try {
                scores.add(new Score(model, utterance, score, target));
            } catch (IllegalArgumentException e) {
                throw problem(file, p, "score " + (scores.size() + 1) + ": " + e.getMessage());
            }
        }
        return scores;
    }

    private static void expect(Path file, JsonParser p, JsonToken actual, JsonToken wanted, String what)
            throws VerificationFileException {
        if (actual != wanted) {
            throw problem(file, p, "expected " + what);
        }
    }

    private static VerificationFileException problem(Path file, JsonParser p, String what) {
        return new VerificationFileException(file, p.currentLocation().getLineNr(), what);
    }
}
