package org.cepstra.io.kaldi;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.cepstra.base.AtomicFiles;
import org.cepstra.gmm.DiagonalGmm;

/**
 * Kaldi's text form of a diagonal GMM, exactly as {@code gmm-global-copy --binary=false} prints it:
 *
 * <pre>
 * &lt;DiagGMM&gt;
 * &lt;GCONSTS&gt;  [ g_1 … g_K ]
 * &lt;WEIGHTS&gt;  [ w_1 … w_K ]
 * &lt;MEANS_INVVARS&gt;  [
 *   μ_11/σ²_11 … μ_1D/σ²_1D
 *   …  ]
 * &lt;INV_VARS&gt;  [
 *   1/σ²_11 … 1/σ²_1D
 *   …  ]
 * &lt;/DiagGMM&gt;
 * </pre>
 *
 * Kaldi stores single-precision values and prints them with 7 significant digits (C++ stream
 * precision 7, {@code %g} style); the gconsts are computed as Kaldi's {@code ComputeGconsts} does
 * from those single-precision values. The reader accepts what Kaldi's reader accepts (optional
 * gconsts, the old {@code <DiagGMMBegin>}/{@code <DiagGMMEnd>} tokens) and, like Kaldi, ignores
 * the stored gconsts and recomputes them; it rejects wrong shapes, non-numbers, NaN or infinite
 * values, non-positive inverse variances and weights that do not sum to 1 (within 1e-4; they are
 * then renormalised), naming the file and the problem.
 */
public final class KaldiGmmText {
    private static final double M_LOG_2PI = 1.8378770664093454835606594728112;
    private static final MathContext SEVEN = new MathContext(7, RoundingMode.HALF_EVEN);

    private KaldiGmmText() {
    }

    /**
     * The model in Kaldi text form.
     *
     * @throws IllegalArgumentException if a weight, mean/variance or inverse variance does not fit a
     *                                  single-precision float (Kaldi's storage type)
     */
    public static String format(DiagonalGmm gmm) {
        Objects.requireNonNull(gmm, "gmm");
        int k = gmm.numComponents();
        int d = gmm.dimension();
        float[] weights = new float[k];
        float[][] meansInvVars = new float[k][d];
        float[][] invVars = new float[k][d];
        double[][] miv = gmm.meansInvVars();
        double[][] iv = gmm.invVars();
        for (int c = 0; c < k; c++) {
            weights[c] = (float) gmm.weight(c);
            for (int j = 0; j < d; j++) {
                meansInvVars[c][j] = toFloat(miv[c][j], "mean/variance", c, j);
                invVars[c][j] = toFloat(iv[c][j], "inverse variance", c, j);
                if (!(invVars[c][j] > 0)) {
                    throw new IllegalArgumentException("component " + c + ", dimension " + j
                            + ": inverse variance " + iv[c][j] + " (variance " + gmm.variance(c)[j]
                            + ") is below the smallest float, and Kaldi's GMM text stores floats; "
                            + "scale the data down");
                }
            }
        }
        float[] gconsts = kaldiGconsts(weights, meansInvVars, invVars);
        StringBuilder sb = new StringBuilder(64 + 16 * k * (2 * d + 2));
        sb.append("<DiagGMM> \n");
        sb.append("<GCONSTS> ");
        appendVector(sb, gconsts);
        sb.append("<WEIGHTS> ");
        appendVector(sb, weights);
        sb.append("<MEANS_INVVARS> ");
        appendMatrix(sb, meansInvVars);
        sb.append("<INV_VARS> ");
        appendMatrix(sb, invVars);
        sb.append("</DiagGMM> \n");
        return sb.toString();
    }

    /** Writes the model in Kaldi text form to {@code out} (not closed). */
    public static void write(DiagonalGmm gmm, Writer out) throws IOException {
        out.write(format(gmm));
    }

    /**
     * Writes the model in Kaldi text form to {@code file}, atomically ({@link AtomicFiles}): the old
     * file or the new one, never a half-written one.
     *
     * @throws IllegalArgumentException as {@link #format}, before anything is written
     * @throws IOException              naming the file, if it cannot be written
     */
    public static void write(DiagonalGmm gmm, Path file) throws IOException {
        byte[] bytes = format(gmm).getBytes(StandardCharsets.US_ASCII);
        try {
            AtomicFiles.write(file, out -> out.write(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": cannot write model: " + e.getMessage(), e);
        }
    }

    /** Reads a Kaldi text diagonal GMM from {@code file}. */
    public static DiagonalGmm read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return parse(new String(bytes, StandardCharsets.ISO_8859_1), file.toString(), bytes.length > 1
                && bytes[0] == 0 && bytes[1] == 'B');
    }

    /** Reads a Kaldi text diagonal GMM from {@code in}; {@code source} names it in error messages. */
    public static DiagonalGmm read(Reader in, String source) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = in.read(buf)) > 0;) {
            sb.append(buf, 0, n);
        }
        String text = sb.toString();
        return parse(text, source, text.length() > 1 && text.charAt(0) == 0 && text.charAt(1) == 'B');
    }

    // ------------------------------------------------------------------------------------ writing

    private static float toFloat(double v, String what, int c, int j) {
        float f = (float) v;
        if (!Float.isFinite(f)) {
            throw new IllegalArgumentException("component " + c + ", dimension " + j + ": " + what + " " + v
                    + " does not fit a float, as Kaldi's GMM text stores it; scale the data");
        }
        return f;
    }

    /** Kaldi's DiagGmm::ComputeGconsts in its own mix of float and double arithmetic. */
    static float[] kaldiGconsts(float[] weights, float[][] meansInvVars, float[][] invVars) {
        int k = weights.length;
        int d = meansInvVars[0].length;
        float offset = (float) (-0.5 * M_LOG_2PI * d);
        float[] out = new float[k];
        for (int c = 0; c < k; c++) {
            float gc = (float) Math.log(weights[c]) + offset;
            for (int j = 0; j < d; j++) {
                double mi = meansInvVars[c][j];
                double iv = invVars[c][j];
                gc = (float) (gc + (0.5 * (float) Math.log(invVars[c][j]) - 0.5 * mi * mi / iv));
            }
            if (Float.isInfinite(gc) && gc > 0) {
                gc = -gc;
            }
            out[c] = gc;
        }
        return out;
    }

    private static void appendVector(StringBuilder sb, float[] v) {
        sb.append(" [ ");
        for (float f : v) {
            sb.append(formatFloat(f)).append(' ');
        }
        sb.append("]\n");
    }

    private static void appendMatrix(StringBuilder sb, float[][] m) {
        sb.append(" [");
        for (float[] row : m) {
            sb.append("\n  ");
            for (float f : row) {
                sb.append(formatFloat(f)).append(' ');
            }
        }
        sb.append("]\n");
    }

    /** A float as a C++ stream with precision 7 prints it ({@code %.7g} without trailing zeros). */
    static String formatFloat(float value) {
        double v = value;
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(SEVEN);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < 7) {
            String s = rounded.setScale(Math.max(6 - exponent, 0), RoundingMode.HALF_EVEN).toPlainString();
            return stripZeros(s);
        }
        String digits = rounded.unscaledValue().abs().toString();
        while (digits.length() < 7) {
            digits = digits + "0";
        }
        String mantissa = stripZeros(digits.charAt(0) + "." + digits.substring(1, 7));
        String exp = String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    // ------------------------------------------------------------------------------------ reading

    private static DiagonalGmm parse(String text, String source, boolean binary) throws IOException {
        if (binary) {
            throw new IOException(source + ": binary Kaldi model; convert it with gmm-global-copy --binary=false");
        }
        Scanner in = new Scanner(text, source);
        String open = in.token("the opening token <DiagGMM>");
        if (!open.equals("<DiagGMM>") && !open.equals("<DiagGMMBegin>")) {
            throw in.error("expected <DiagGMM>, found " + quote(open));
        }
        String tok = in.token("<GCONSTS> or <WEIGHTS>");
        float[] gconsts = null;
        if (tok.equals("<GCONSTS>")) {
            gconsts = in.vector("<GCONSTS>", true);
            in.expect("<WEIGHTS>");
        } else if (!tok.equals("<WEIGHTS>")) {
            throw in.error("expected <GCONSTS> or <WEIGHTS>, found " + quote(tok));
        }
        float[] weights = in.vector("<WEIGHTS>", false);
        in.expect("<MEANS_INVVARS>");
        float[][] meansInvVars = in.matrix("<MEANS_INVVARS>");
        in.expect("<INV_VARS>");
        float[][] invVars = in.matrix("<INV_VARS>");
        String close = in.token("the closing token </DiagGMM>");
        if (!close.equals("</DiagGMM>") && !close.equals("<DiagGMMEnd>")) {
            throw in.error("expected </DiagGMM>, found " + quote(close));
        }
        in.expectEnd();

        int k = weights.length;
        if (k == 0) {
            throw new IOException(source + ": <WEIGHTS> is empty; a GMM needs at least one component");
        }
        if (gconsts != null && gconsts.length != k) {
            throw new IOException(source + ": <GCONSTS> has " + gconsts.length + " values, <WEIGHTS> has " + k);
        }
        if (meansInvVars.length != k || invVars.length != k) {
            throw new IOException(source + ": " + k + " weights but " + meansInvVars.length
                    + " rows in <MEANS_INVVARS> and " + invVars.length + " rows in <INV_VARS>");
        }
        int d = meansInvVars[0].length;
        if (invVars[0].length != d) {
            throw new IOException(source + ": <MEANS_INVVARS> has " + d + " columns, <INV_VARS> has "
                    + invVars[0].length);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            if (!(weights[c] >= 0)) {
                throw new IOException(source + ": weight of component " + c + " is " + weights[c]
                        + "; weights must be >= 0");
            }
            sum += weights[c];
        }
        if (Math.abs(sum - 1.0) > 1e-4) {
            throw new IOException(source + ": weights sum to " + sum + ", not 1");
        }
        double[] w = new double[k];
        double[][] means = new double[k][d];
        double[][] vars = new double[k][d];
        for (int c = 0; c < k; c++) {
            w[c] = weights[c] / sum;
            for (int j = 0; j < d; j++) {
                double iv = invVars[c][j];
                if (!(iv > 0)) {
                    throw new IOException(source + ": <INV_VARS> of component " + c + ", dimension " + j + " is "
                            + invVars[c][j] + "; inverse variances must be > 0");
                }
                vars[c][j] = 1.0 / iv;
                means[c][j] = meansInvVars[c][j] / iv;
            }
        }
        try {
            return new DiagonalGmm(w, means, vars);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private static String quote(String s) {
        return s.length() > 40 ? "\"" + s.substring(0, 40) + "…\"" : "\"" + s + "\"";
    }

    /** Whitespace tokenizer that knows line numbers and line breaks (which end matrix rows). */
    private static final class Scanner {
        private final String text;
        private final String source;
        private int pos;
        private int line = 1;

        Scanner(String text, String source) {
            this.text = text;
            this.source = source;
        }

        IOException error(String message) {
            return new IOException(source + ", line " + line + ": " + message);
        }

        /** White space other than a line break, as C's {@code isspace}: space, tab, CR, vertical tab, form feed. */
        private static boolean isSpace(char ch) {
            return ch == ' ' || ch == '\t' || ch == '\r' || ch == 0x0B || ch == '\f';
        }

        /** Skips white space (and, if {@code newlines}, line breaks); returns whether a line break was crossed. */
        private boolean skip(boolean newlines) {
            boolean crossed = false;
            while (pos < text.length()) {
                char ch = text.charAt(pos);
                if (ch == '\n') {
                    if (!newlines) {
                        return true;
                    }
                    crossed = true;
                    line++;
                    pos++;
                } else if (isSpace(ch)) {
                    pos++;
                } else {
                    break;
                }
            }
            return crossed;
        }

        String token(String what) throws IOException {
            skip(true);
            if (pos >= text.length()) {
                throw error("file ends where " + what + " was expected");
            }
            int start = pos;
            while (pos < text.length() && !isSpace(text.charAt(pos)) && text.charAt(pos) != '\n'
                    && !(text.charAt(pos) == ']' && pos > start)) {
                pos++;
            }
            return text.substring(start, pos);
        }

        void expect(String token) throws IOException {
            String t = token(token);
            if (!t.equals(token)) {
                throw error("expected " + token + ", found " + quote(t));
            }
        }

        void expectEnd() throws IOException {
            skip(true);
            if (pos < text.length()) {
                throw error("unexpected text after </DiagGMM>: " + quote(token("end of file")));
            }
        }

        private float number(String field, String t, boolean allowMinusInf) throws IOException {
            String lower = t.toLowerCase(Locale.ROOT);
            float v;
            if (lower.equals("-inf") || lower.equals("-infinity")) {
                v = Float.NEGATIVE_INFINITY;
            } else if (lower.equals("inf") || lower.equals("infinity") || lower.equals("+inf")) {
                v = Float.POSITIVE_INFINITY;
            } else if (lower.contains("nan")) {
                v = Float.NaN;
            } else {
                char first = t.charAt(0);
                if (!(first == '-' || first == '+' || first == '.' || (first >= '0' && first <= '9'))) {
                    throw error(field + ": expected a number, found " + quote(t));
                }
                try {
                    v = Float.parseFloat(t);
                } catch (NumberFormatException e) {
                    throw error(field + ": expected a number, found " + quote(t));
                }
            }
            if (Float.isNaN(v) || (Float.isInfinite(v) && !(allowMinusInf && v < 0))) {
                throw error(field + " holds " + t + "; values must be finite");
            }
            return v;
        }

        float[] vector(String field, boolean allowMinusInf) throws IOException {
            String open = token(field + " data");
            if (open.equals("[]")) {
                return new float[0];
            }
            if (!open.equals("[")) {
                throw error(field + ": expected \"[\", found " + quote(open));
            }
            List<Float> values = new ArrayList<>();
            while (true) {
                if (skip(false)) {
                    throw error(field + ": line break inside a vector (is it a matrix?)");
                }
                if (pos >= text.length()) {
                    throw error(field + ": file ends inside the vector");
                }
                String t = token(field);
                if (t.equals("]")) {
                    break;
                }
                values.add(number(field, t, allowMinusInf));
            }
            float[] out = new float[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i);
            }
            return out;
        }

        float[][] matrix(String field) throws IOException {
            String open = token(field + " data");
            if (open.equals("[]")) {
                throw error(field + " is empty");
            }
            if (!open.equals("[")) {
                throw error(field + ": expected \"[\", found " + quote(open));
            }
            List<float[]> rows = new ArrayList<>();
            List<Float> row = new ArrayList<>();
            while (true) {
                if (skip(false)) {
                    pos++;
                    line++;
                    if (!row.isEmpty()) {
                        rows.add(toArray(row));
                        row.clear();
                    }
                    continue;
                }
                if (pos >= text.length()) {
                    throw error(field + ": file ends inside the matrix");
                }
                String t = token(field);
                if (t.equals("]")) {
                    break;
                }
                row.add(number(field, t, false));
            }
            if (!row.isEmpty()) {
                rows.add(toArray(row));
            }
            if (rows.isEmpty()) {
                throw error(field + " is empty");
            }
            int cols = rows.get(0).length;
            for (int r = 1; r < rows.size(); r++) {
                if (rows.get(r).length != cols) {
                    throw error(field + ": row " + r + " has " + rows.get(r).length + " values, row 0 has " + cols);
                }
            }
            return rows.toArray(new float[0][]);
        }

        private static float[] toArray(List<Float> values) {
            float[] out = new float[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i);
            }
            return out;
        }
    }
}
