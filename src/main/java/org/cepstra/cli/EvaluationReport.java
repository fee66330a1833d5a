package org.cepstra.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.cepstra.app.RecipeSelection;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.models.Calibration;
import org.cepstra.scoring.Evaluation;
import org.cepstra.scoring.LabelMetrics;
import org.cepstra.scoring.LabelScore;
import org.cepstra.scoring.Misclassification;
import org.cepstra.scoring.ReliabilityReport;

/** Prints an {@link Evaluation} as a readable table or as JSON. */
final class EvaluationReport {
    /** Most labels whose whole confusion matrix the text report prints; with more, the top confusions. */
    static final int MATRIX_LABELS = 12;
    /** Confusions the text report lists when it does not print the matrix. */
    static final int TOP_CONFUSIONS = 20;

    private EvaluationReport() {
    }

    static void printText(PrintWriter out, Evaluation e, int maxErrors) {
        out.printf("accuracy: %.2f%% (%d of %d)%n", 100 * e.accuracy(), e.correct(), e.total());
        if (e.adaptedSpeakers() > 0) {
            out.printf("second pass: the models adapted to each of the %d test speakers' other utterances%n",
                    e.adaptedSpeakers());
        }
        out.printf("frame accuracy: %s (%d of %d frames, each classified on its own)%n", pct(e.frames().accuracy()),
                e.frames().correct(), e.frames().total());
        if (!e.ignoredLabels().isEmpty()) {
            out.printf("ignored labels (not scored, no candidate): %s%n", String.join(" ", e.ignoredLabels()));
        }
        List<String> labels = e.labels();
        int width = Math.max(5, labels.stream().mapToInt(String::length).max().orElse(1) + 1);
        if (labels.size() > MATRIX_LABELS) {
            out.printf("top confusions (of %d labels; --json gives the whole matrix):%n", labels.size());
            for (Evaluation.Confusion c : e.topConfusions(TOP_CONFUSIONS)) {
                out.printf("  %" + width + "s -> %-" + width + "s %6d  (%s of %s)%n", c.trueLabel(), c.classified(),
                        c.count(), pct((double) c.count() / c.support()), c.trueLabel());
            }
        } else {
            printMatrix(out, e, labels, width);
        }
        out.println("per label:");
        out.printf("%" + width + "s %9s %9s %8s%n", "label", "precision", "recall", "support");
        for (LabelMetrics m : e.perLabel()) {
            out.printf("%" + width + "s %9s %9s %8d%n", m.label(), pct(m.precision()), pct(m.recall()), m.support());
        }
        if (!e.misclassified().isEmpty()) {
            out.printf("misclassified (%d):%n", e.misclassified().size());
            int shown = 0;
            for (Misclassification m : e.misclassified()) {
                if (shown++ == maxErrors) {
                    out.printf("  ... %d more (--show-errors lists all)%n", e.misclassified().size() - maxErrors);
                    break;
                }
                StringBuilder top = new StringBuilder();
                for (LabelScore s : m.top()) {
                    top.append(String.format("  %s %.3f", s.label(), s.posterior()));
                }
                out.printf("  %s (true %s):%s%n", m.utteranceId(), m.trueLabel(), top);
            }
        }
        e.reliability().ifPresent(r -> printReliability(out, r, e.calibration()));
        printSkipped(out, e.skipped());
    }

    /** The whole confusion matrix, one row per true label. */
    private static void printMatrix(PrintWriter out, Evaluation e, List<String> labels, int width) {
        int[][] c = e.confusion();
        out.println("confusion matrix (rows: true label, columns: classified as):");
        StringBuilder header = new StringBuilder(String.format("%" + width + "s", ""));
        for (String l : labels) {
            header.append(String.format(" %" + width + "s", l));
        }
        out.println(header);
        for (int i = 0; i < labels.size(); i++) {
            StringBuilder row = new StringBuilder(String.format("%" + width + "s", labels.get(i)));
            for (int j = 0; j < labels.size(); j++) {
                row.append(String.format(" %" + width + "d", c[i][j]));
            }
            out.println(row);
        }
    }

    /** The calibration figures and the reliability table. */
    static void printReliability(PrintWriter out, ReliabilityReport r, Calibration c) {
        out.printf("posteriors: %s; expected calibration error %.4f (%d equal-width bins of the best label's "
                + "posterior), Brier score %.4f, wrong with posterior > 0.99: %d (%.2f%%)%n",
                describe(c), r.expectedCalibrationError(),
                ReliabilityReport.BINS, r.brierScore(), r.wrongAbove099(), 100 * r.wrongAbove099Fraction());
        out.println("reliability (best label's posterior vs. how often it is right):");
        out.printf("  %-11s %8s %15s %9s%n", "posterior", "count", "mean posterior", "accuracy");
        for (ReliabilityReport.Bin b : r.bins()) {
            String range = String.format("%.1f-%.1f%s", b.from(), b.to(), b.to() >= 1 ? "]" : ")");
            out.printf("  %-11s %8d %15s %9s%n", range, b.count(),
                    Double.isNaN(b.meanConfidence()) ? "-" : String.format("%.4f", b.meanConfidence()),
                    pct(b.accuracy()));
        }
    }

    /** "calibrated (scale 0.0612 × frames^-0.5, 4 leave-speakers-out folds)" or "NOT calibrated (...)". */
    static String describe(Calibration c) {
        if (!c.calibrated()) {
            return "NOT calibrated (raw softmax of the totals)";
        }
        String factor = c.frameExponent() == 0 ? String.format("scale %.4g", c.scale())
                : String.format("scale %.4g × frames^-%s", c.scale(), c.frameExponent());
        return "calibrated (" + factor + ", " + c.folds() + (c.heldOut() == Calibration.HeldOut.SPEAKERS
                ? " leave-speakers-out folds)" : " held-out utterance folds)");
    }

    static void printSkipped(PrintWriter out, List<SkippedFile> skipped) {
        if (!skipped.isEmpty()) {
            out.printf("skipped: %d%n", skipped.size());
        }
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.2f%%", 100 * v);
    }

    static void printJson(PrintWriter out, Evaluation e) throws java.io.IOException {
        printJson(out, e, Optional.empty());
    }

    /** As {@link #printJson(PrintWriter, Evaluation)}, with the recipe selection of {@code --recipe auto} if there was one. */
    static void printJson(PrintWriter out, Evaluation e, Optional<RecipeSelection.Selection> selection)
            throws java.io.IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        selection.ifPresent(s -> RecipeTrainers.putJson(root, s));
        root.put("accuracy", e.accuracy());
        root.put("correct", e.correct());
        root.put("total", e.total());
        root.put("adaptedSpeakers", e.adaptedSpeakers());
        root.put("frameAccuracy", e.frames().accuracy());
        root.put("frameCorrect", e.frames().correct());
        root.put("frameTotal", e.frames().total());
        ArrayNode ignored = root.putArray("ignoredLabels");
        e.ignoredLabels().forEach(ignored::add);
        root.put("calibrated", e.calibration().calibrated());
        ObjectNode cal = root.putObject("calibration");
        cal.put("scale", e.calibration().scale());
        cal.put("frameExponent", e.calibration().frameExponent());
        cal.put("heldOut", e.calibration().heldOut().name());
        cal.put("folds", e.calibration().folds());
        cal.put("heldOutUtterances", e.calibration().heldOutUtterances());
        e.reliability().ifPresent(r -> {
            root.put("expectedCalibrationError", r.expectedCalibrationError());
            root.put("brierScore", r.brierScore());
            root.put("wrongAbove099", r.wrongAbove099());
            ObjectNode rel = root.putObject("reliability");
            rel.put("binning", ReliabilityReport.BINS + " equal-width bins of the best label's posterior");
            ArrayNode bins = rel.putArray("bins");
            for (ReliabilityReport.Bin b : r.bins()) {
                ObjectNode n = bins.addObject();
                n.put("from", b.from());
                n.put("to", b.to());
                n.put("count", b.count());
                if (b.count() > 0) {
                    n.put("meanPosterior", b.meanConfidence());
                    n.put("accuracy", b.accuracy());
                } else {
                    n.putNull("meanPosterior");
                    n.putNull("accuracy");
                }
            }
        });
        ObjectNode missing = root.putObject("labelsWithoutModel");
        e.labelsWithoutModel().forEach(missing::put);
        ArrayNode labels = root.putArray("labels");
        e.labels().forEach(labels::add);
        ArrayNode confusion = root.putArray("confusion");
        for (int[] row : e.confusion()) {
            ArrayNode r = confusion.addArray();
            for (int v : row) {
                r.add(v);
            }
        }
        ArrayNode per = root.putArray("perLabel");
        for (LabelMetrics m : e.perLabel()) {
            ObjectNode n = per.addObject();
            n.put("label", m.label());
            n.put("support", m.support());
            if (!Double.isNaN(m.precision())) {
                n.put("precision", m.precision());
            } else {
                n.putNull("precision");
            }
            if (!Double.isNaN(m.recall())) {
                n.put("recall", m.recall());
            } else {
                n.putNull("recall");
            }
        }
        ArrayNode wrong = root.putArray("misclassified");
        for (Misclassification m : e.misclassified()) {
            ObjectNode n = wrong.addObject();
            n.put("utterance", m.utteranceId());
            n.put("file", m.audioFile().toString());
            n.put("trueLabel", m.trueLabel());
            ArrayNode top = n.putArray("top");
            for (LabelScore s : m.top()) {
                ObjectNode t = top.addObject();
                t.put("label", s.label());
                t.put("totalLogLikelihood", s.totalLogLikelihood());
                t.put("posterior", s.posterior());
            }
        }
        ArrayNode skipped = root.putArray("skipped");
        for (SkippedFile s : e.skipped()) {
            ObjectNode n = skipped.addObject();
            n.put("file", s.file().toString());
            n.put("reason", s.reason());
        }
        out.println(mapper.writeValueAsString(root));
    }
}
