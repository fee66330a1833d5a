package org.cepstra.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cepstra.features.CmvnMode;
import org.cepstra.features.CmvnPrior;
import org.cepstra.features.CmvnStatistics;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.MapOptions;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.models.Background;
import org.cepstra.models.Calibration;
import org.cepstra.models.LabelSummary;
import org.cepstra.models.ModelSet;
import org.cepstra.models.StateAlignment;

/**
 * The {@code header.json} of a model-set file (layout in {@link ModelSetFile}): everything about a
 * model set except the GMM arrays.
 */
final class ModelSetHeaderJson {
    static final String FORMAT = "cepstra-model-set";
    static final int FORMAT_VERSION = 7;

    /** Most states per label that readers of format 5 accept. */
    static final int MOST_STATES_OF_FORMAT_5 = 9;

    /**
     * The lowest format that holds {@code set}, so that a file stays readable by older readers where it
     * can: 7 with a k-means++ candidate factor other than the default, 6 with states aligned by Viterbi or more
     * than {@value #MOST_STATES_OF_FORMAT_5} states per label, 5 with an LDA projection, labels in states or a
     * recipe name, 4 with a background model, 3 with a CMVN prior, else 2.
     */
    static int formatVersionOf(ModelSet set) {
        if (TrainingConfigJson.needsFormat7(set.training())) {
            return 7;
        }
        if (set.stateAlignment() != StateAlignment.EQUAL || set.states() > MOST_STATES_OF_FORMAT_5) {
            return 6;
        }
        if (set.transform().isPresent() || set.states() > 1 || set.recipe().isPresent()) {
            return 5;
        }
        return set.background().isPresent() ? 4 : set.cmvnPrior().isPresent() ? 3 : 2;
    }

    /** The background model's entry in the header: its K and the adaptation options (arrays stored apart). */
    record BackgroundEntry(int numComponents, MapOptions adaptation) {
    }

    private static final String[] SUMMARY_FIELDS = {"utterances", "frames", "iterations", "converged",
        "averageLogLikelihood", "flooredVariances", "reseededComponents"};

    /** One label of the header: its name, its number of Gaussians and its training summary (or null). */
    record LabelEntry(String label, int numComponents, LabelSummary summary) {
    }

    /** The parsed header. */
    record Header(List<LabelEntry> labels, int dimension, FeatureConfig featureConfig, TrainingConfig training,
                  int skippedFiles, String createdBy, Instant createdAt, Calibration calibration,
                  Optional<CmvnPrior> cmvnPrior, Optional<BackgroundEntry> background, int states,
                  Optional<String> recipe, StateAlignment stateAlignment) {
    }

    private ModelSetHeaderJson() {
    }

    /**
     * The header of {@code set}.
     *
     * @throws IllegalArgumentException if the label summaries are not one per label of the set at most,
     *                                  in label order, each with its model's number of components
     */
    static ObjectNode toJson(ModelSet set, String createdBy, Instant createdAt) {
        Map<String, LabelSummary> summaries = summariesByLabel(set);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", formatVersionOf(set));
        root.put("createdBy", createdBy);
        root.put("createdAt", createdAt.toString());
        root.put("dimension", set.featureConfig().dimension());
        root.put("skippedFiles", set.skippedFiles());
        ArrayNode labels = root.putArray("labels");
        for (Map.Entry<String, DiagonalGmm> e : set.models().entrySet()) {
            ObjectNode l = labels.addObject();
            l.put("label", e.getKey());
            l.put("numComponents", e.getValue().numComponents());
            LabelSummary s = summaries.get(e.getKey());
            if (s != null) {
                l.put("utterances", s.utterances());
                l.put("frames", s.frames());
                l.put("iterations", s.iterations());
                l.put("converged", s.converged());
                double ll = s.averageLogLikelihood();
                if (Double.isFinite(ll)) {
                    l.put("averageLogLikelihood", ll);
                } else {
                    l.put("averageLogLikelihood", Double.toString(ll)); // "NaN", "Infinity", "-Infinity"
                }
                l.put("flooredVariances", s.flooredVariances());
                l.put("reseededComponents", s.reseededComponents());
            }
        }
        root.set("featureConfig", FeatureConfigJson.toJson(set.featureConfig()));
        root.set("training", TrainingConfigJson.toJson(set.training()));
        root.set("calibration", calibrationJson(set.calibration()));
        set.cmvnPrior().ifPresent(p -> root.set("cmvnPrior", cmvnPriorJson(p)));
        set.background().ifPresent(b -> root.set("background", backgroundJson(b)));
        if (set.states() > 1) {
            root.put("statesPerLabel", set.states());
        }
        if (set.stateAlignment() != StateAlignment.EQUAL) {
            root.put("stateAlignment", set.stateAlignment().id());
        }
        set.recipe().ifPresent(r -> root.put("recipe", r));
        return root;
    }

    /**
     * {@code {"numComponents": 512, "adaptation": {"meanRelevance": 16.0, ..., "adaptMeans": true, ...}}};
     * a relevance of +∞ (keep the UBM's parameter) is written as the string {@code "Infinity"}.
     */
    private static ObjectNode backgroundJson(Background b) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("numComponents", b.ubm().numComponents());
        ObjectNode a = n.putObject("adaptation");
        MapOptions m = b.adaptation();
        putRelevance(a, "meanRelevance", m.meanRelevance());
        putRelevance(a, "varianceRelevance", m.varianceRelevance());
        putRelevance(a, "weightRelevance", m.weightRelevance());
        a.put("adaptMeans", m.adaptMeans());
        a.put("adaptVariances", m.adaptVariances());
        a.put("adaptWeights", m.adaptWeights());
        a.put("relativeVarianceFloor", m.relativeVarianceFloor());
        a.put("absoluteVarianceFloor", m.absoluteVarianceFloor());
        return n;
    }

    private static void putRelevance(ObjectNode n, String name, double r) {
        if (Double.isInfinite(r)) {
            n.put(name, "Infinity");
        } else {
            n.put(name, r);
        }
    }

    private static double relevance(JsonFields a, String name) throws JsonFieldException {
        if (a.has(name) && "Infinity".equals(a.require(name).asText()) && a.require(name).isTextual()) {
            return Double.POSITIVE_INFINITY;
        }
        return a.doubleValue(name);
    }

    /** The background entry of a header; none if absent (every file before format 4). */
    private static Optional<BackgroundEntry> background(JsonFields root) throws JsonFieldException {
        if (!root.has("background")) {
            return Optional.empty();
        }
        JsonFields b = root.object("background");
        int k = b.intValue("numComponents");
        if (k < 1) {
            throw b.invalid("numComponents", "must be >= 1, found " + k);
        }
        JsonFields a = b.object("adaptation");
        double meanR = relevance(a, "meanRelevance");
        double varR = relevance(a, "varianceRelevance");
        double weightR = relevance(a, "weightRelevance");
        boolean means = a.booleanValue("adaptMeans");
        boolean variances = a.booleanValue("adaptVariances");
        boolean weights = a.booleanValue("adaptWeights");
        double relFloor = a.doubleValue("relativeVarianceFloor");
        double absFloor = a.doubleValue("absoluteVarianceFloor");
        a.requireNoOtherFields();
        b.requireNoOtherFields();
        MapOptions options = a.construct(() -> new MapOptions(meanR, varR, weightR, means, variances, weights,
                relFloor, absFloor));
        return Optional.of(new BackgroundEntry(k, options));
    }

    /**
     * {@code {"frames": 100.0, "count": 41234.0, "sum": [...], "sumOfSquares": [...]}}: the statistics over
     * the columns CMVN applies to.
     */
    private static ObjectNode cmvnPriorJson(CmvnPrior p) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        CmvnStatistics s = p.statistics();
        n.put("frames", p.frames());
        n.put("count", s.count());
        ArrayNode sum = n.putArray("sum");
        ArrayNode squares = n.putArray("sumOfSquares");
        for (int d = 0; d < s.dimension(); d++) {
            sum.add(s.sum(d));
            squares.add(s.sumOfSquares(d));
        }
        return n;
    }

    /** The CMVN prior of a header; none if absent (every file before format 3). */
    private static Optional<CmvnPrior> cmvnPrior(JsonFields root, FeatureConfig features) throws JsonFieldException {
        if (!root.has("cmvnPrior")) {
            return Optional.empty();
        }
        JsonFields p = root.object("cmvnPrior");
        double frames = p.doubleValue("frames");
        double count = p.doubleValue("count");
        int dims = CmvnPrior.columns(features);
        double[] sum = p.doubleArray("sum", dims);
        double[] squares = p.doubleArray("sumOfSquares", dims);
        p.requireNoOtherFields();
        if (features.cmvn().mode() != CmvnMode.SPEAKER) {
            throw p.invalid("a CMVN prior needs per-speaker CMVN, the feature configuration has "
                    + features.cmvn().mode());
        }
        return Optional.of(p.construct(() -> new CmvnPrior(frames, new CmvnStatistics(count, sum, squares))));
    }

    /**
     * {@code {"calibrated": true, "scale": 0.05, "frameExponent": 0, "heldOut": "SPEAKERS", "folds": 4,
     * "heldOutUtterances": 2000}}; an uncalibrated set writes {@code "calibrated": false}, scale 1.
     */
    private static ObjectNode calibrationJson(Calibration c) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("calibrated", c.calibrated());
        n.put("scale", c.scale());
        n.put("frameExponent", c.frameExponent());
        n.put("heldOut", c.heldOut().name());
        n.put("folds", c.folds());
        n.put("heldOutUtterances", c.heldOutUtterances());
        return n;
    }

    /** The calibration of a header; a header without one (older files) is not calibrated. */
    private static Calibration calibration(JsonFields root) throws JsonFieldException {
        if (!root.has("calibration")) {
            return Calibration.none();
        }
        JsonFields c = root.object("calibration");
        boolean calibrated = c.booleanValue("calibrated");
        double scale = c.doubleValue("scale");
        double exponent = c.doubleValue("frameExponent");
        Calibration.HeldOut heldOut = c.enumValue("heldOut", Calibration.HeldOut.class);
        int folds = c.intValue("folds");
        int heldOutUtterances = c.intValue("heldOutUtterances");
        c.requireNoOtherFields();
        if (calibrated != (heldOut != Calibration.HeldOut.NONE)) {
            throw c.invalid("calibrated", "is " + calibrated + " but heldOut is " + heldOut);
        }
        return c.construct(() -> new Calibration(scale, exponent, heldOut, folds, heldOutUtterances));
    }

    private static Map<String, LabelSummary> summariesByLabel(ModelSet set) {
        Map<String, LabelSummary> out = new HashMap<>();
        String previous = null;
        for (LabelSummary s : set.labels()) {
            DiagonalGmm model = set.models().get(s.label());
            if (model == null) {
                throw new IllegalArgumentException("summary of label '" + s.label() + "', which has no model");
            }
            if (out.put(s.label(), s) != null) {
                throw new IllegalArgumentException("two summaries of label '" + s.label() + "'");
            }
            if (s.numComponents() != model.numComponents()) {
                throw new IllegalArgumentException("summary of label '" + s.label() + "' says "
                        + s.numComponents() + " components, its model has " + model.numComponents());
            }
            if (previous != null && previous.compareTo(s.label()) > 0) {
                throw new IllegalArgumentException("label summaries are not sorted by label: '" + previous
                        + "' comes before '" + s.label() + "'");
            }
            previous = s.label();
        }
        return out;
    }

    /**
     * Reads everything but {@code format} and {@code formatVersion}, which the caller has checked.
     *
     * @throws JsonFieldException naming the field that is missing, unknown, of the wrong type or out of range
     */
    static Header read(JsonNode json) throws JsonFieldException {
        JsonFields root = JsonFields.of(json, "");
        root.accept("format");
        root.accept("formatVersion");
        String createdBy = root.textValue("createdBy");
        String createdAtText = root.textValue("createdAt");
        Instant createdAt;
        try {
            createdAt = Instant.parse(createdAtText);
        } catch (DateTimeParseException e) {
            throw root.invalid("createdAt", "'" + createdAtText
                    + "' is not an ISO-8601 UTC time such as 2024-05-01T12:00:00Z");
        }
        int dimension = root.intValue("dimension");
        int skipped = root.intValue("skippedFiles");
        if (skipped < 0) {
            throw root.invalid("skippedFiles", "must be >= 0, found " + skipped);
        }
        FeatureConfig features = FeatureConfigJson.read(root.object("featureConfig"));
        if (dimension != features.dimension()) {
            throw root.invalid("dimension", "is " + dimension + " but the feature configuration makes "
                    + features.dimension() + "-dimensional frames");
        }
        TrainingConfig training = TrainingConfigJson.read(root.object("training"));
        List<LabelEntry> labels = labels(root, root.array("labels"));
        Calibration calibration = calibration(root);
        Optional<CmvnPrior> cmvnPrior = cmvnPrior(root, features);
        Optional<BackgroundEntry> background = background(root);
        int states = 1;
        if (root.has("statesPerLabel")) {
            states = root.intValue("statesPerLabel");
            if (states < 2 || states > ModelSet.MAX_STATES) {
                throw root.invalid("statesPerLabel", "must be 2 to " + ModelSet.MAX_STATES + " (absent: one state), "
                        + "found " + states);
            }
        }
        StateAlignment alignment = StateAlignment.EQUAL;
        if (root.has("stateAlignment")) {
            String id = root.textValue("stateAlignment");
            try {
                alignment = StateAlignment.of(id);
            } catch (IllegalArgumentException e) {
                throw root.invalid("stateAlignment", "must be \"equal\" or \"viterbi\", found \"" + id + "\"");
            }
            if (alignment != StateAlignment.EQUAL && states == 1) {
                throw root.invalid("stateAlignment", "is \"" + id + "\" but the labels have one state (no "
                        + "statesPerLabel)");
            }
        }
        Optional<String> recipe = root.has("recipe") ? Optional.of(root.textValue("recipe")) : Optional.empty();
        root.requireNoOtherFields();
        return new Header(labels, dimension, features, training, skipped, createdBy, createdAt, calibration,
                cmvnPrior, background, states, recipe, alignment);
    }

    private static List<LabelEntry> labels(JsonFields root, ArrayNode array) throws JsonFieldException {
        if (array.isEmpty()) {
            throw root.invalid("labels", "is empty; a model set has at least one label");
        }
        List<LabelEntry> out = new ArrayList<>(array.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            JsonFields l = JsonFields.of(array.get(i), root.pathOf("labels") + "[" + i + "]");
            String label = l.textValue("label");
            if (label.isEmpty()) {
                throw l.invalid("label", "is empty");
            }
            Integer other = seen.put(label, i);
            if (other != null) {
                throw l.invalid("label", "duplicate label '" + label + "' (also labels[" + other + "])");
            }
            if (i > 0 && out.get(i - 1).label().compareTo(label) > 0) {
                throw l.invalid("label", "labels are not sorted: '" + label + "' follows '"
                        + out.get(i - 1).label() + "'");
            }
            int k = l.intValue("numComponents");
            if (k < 1) {
                throw l.invalid("numComponents", "must be >= 1, found " + k);
            }
            LabelSummary summary = null;
            boolean any = false;
            for (String f : SUMMARY_FIELDS) {
                any |= l.has(f);
            }
            if (any) {
                int utterances = l.intValue("utterances");
                long frames = l.longValue("frames");
                int iterations = l.intValue("iterations");
                boolean converged = l.booleanValue("converged");
                double ll = averageLogLikelihood(l);
                int floored = l.intValue("flooredVariances");
                int reseeded = l.intValue("reseededComponents");
                summary = l.construct(() -> new LabelSummary(label, utterances, frames, k, iterations, converged,
                        ll, floored, reseeded));
            }
            l.requireNoOtherFields();
            out.add(new LabelEntry(label, k, summary));
        }
        return out;
    }

    private static double averageLogLikelihood(JsonFields l) throws JsonFieldException {
        JsonNode v = l.require("averageLogLikelihood");
        if (v.isTextual()) {
            switch (v.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    throw l.invalid("averageLogLikelihood", "must be a number (or \"NaN\", \"Infinity\", "
                            + "\"-Infinity\"), found " + JsonFields.describe(v));
            }
        }
        return l.doubleValue("averageLogLikelihood");
    }
}
