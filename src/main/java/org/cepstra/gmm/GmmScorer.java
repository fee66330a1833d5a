package org.cepstra.gmm;

import java.util.Arrays;
import java.util.Objects;
import org.cepstra.matrix.FeatureMatrix;

/**
 * The one log-likelihood kernel of a {@link DiagonalGmm}: the model's per-component scoring terms,
 * computed once, and block buffers for scoring frames against them. Batch scoring, posteriors and the
 * double-precision statistics run the block code; the one-frame streaming path runs the same loops
 * turned round (components innermost) with every sum nested as in the block, so a frame scored alone
 * gets bit for bit its batch log-likelihood.
 *
 * <p>Per block of B frames and K components, {@code a[k][i] = −log(w_k N(x_i | k))} is
 * {@code c_k + Σ_d (x_id·s_kd + m_kd)²} with {@code c_k = −log w_k + ½ Σ_d (log 2π + log σ²_kd)},
 * {@code s_kd = √(½/σ²_kd)} and {@code m_kd = −μ_kd·s_kd}: the terms of Kaldi's
 * {@code gconst + x·(μ/σ²)ᵀ − ½x²·(1/σ²)ᵀ}, with the square kept unexpanded so that it never cancels
 * catastrophically however far the means lie from zero. Then log-sum-exp over the components, per
 * frame: {@code log Σ_k exp(min − a_k) − min}, components more than 700 nats below the best counting
 * e^-700.
 *
 * <p>Precisions: scoring is double throughout. Training evaluates the same terms in single precision
 * ({@link #floatForm(DiagonalGmm)}, read by {@link EmWorker}): the E-step is the hot loop of EM, and float lanes
 * double the SIMD width; its posteriors only weight sums accumulated in double. {@link LlrScorer} uses the
 * single-precision form only to choose each frame's top C components, then scores them in double. Both forms
 * come from the one computation of the terms here.
 *
 * <p>Nothing is allocated per frame, nor per block after the first. <b>Not thread-safe</b>: one
 * scorer per thread; {@link #withOwnBuffers()} gives another thread its own buffers over the same
 * (immutable, shared) terms.
 */
public final class GmmScorer {
    /** Frames per block. */
    static final int BLOCK = 256;
    /**
     * Fewer frames than this are scored one by one ({@link #logLikelihood(float[], int)}, vectorised over the
     * components) instead of as a block (vectorised over the frames); the values are the same bit for bit.
     */
    static final int ONE_BY_ONE_BELOW = 8;
    private static final double LOG_2PI = Math.log(2.0 * Math.PI);

    private final DiagonalGmm gmm;
    private final int k;
    private final int d;
    /** {@code c_k = −log(w_k) + ½ Σ_d (log 2π + log σ²_kd)}. Shared, never written after construction. */
    final double[] negLogNorm;
    /** {@code s_kd = √(½/σ²_kd)}. Shared, never written after construction. */
    final double[][] scale;
    /** {@code m_kd = −μ_kd·s_kd}. Shared, never written after construction. */
    final double[][] shift;
    /** All terms, with {@code s} and {@code m} also transposed ({@code [d][k]}) for the one-frame form. */
    private final Terms terms;

    /** One frame's {@code −log(w_k N(x | k))}, then its exponentials (K values). */
    private final double[] frameTerms;
    /** The frame's smallest term, repeated K times (the exponential kernel reads it per component). */
    private final double[] frameBest;
    /** Scratch of the exponential kernel (K values). */
    private final double[] frameScratch;
    /** Frames scored one by one, as read ({@link #ONE_BY_ONE_BELOW} rows at most). */
    private final float[] frameRows;
    /** Block buffers, made on the first block scored (a scorer used frame by frame never needs them). */
    private Block block;

    /**
     * A scorer for {@code gmm}: computes its scoring terms (K·D square roots and logarithms); buffers
     * for {@value #BLOCK} frames are made when the first block is scored.
     */
    public GmmScorer(DiagonalGmm gmm) {
        this(gmm, Terms.of(gmm));
    }

    private GmmScorer(DiagonalGmm gmm, Terms terms) {
        this.gmm = gmm;
        this.k = gmm.numComponents();
        this.d = gmm.dimension();
        this.terms = terms;
        this.negLogNorm = terms.negLogNorm;
        this.scale = terms.scale;
        this.shift = terms.shift;
        this.frameTerms = new double[k];
        this.frameBest = new double[k];
        this.frameScratch = new double[k];
        this.frameRows = new float[ONE_BY_ONE_BELOW * d];
    }

    /** Buffers for {@value #BLOCK} frames: the frames as read and by dimension, terms, per-frame values. */
    private static final class Block {
        final float[] raw;
        final double[][] x;
        final double[][] acc;
        final double[] best = new double[BLOCK];
        final double[] total = new double[BLOCK];
        final double[] scratch = new double[BLOCK];
        final double[] logLik = new double[BLOCK];

        Block(int k, int d) {
            raw = new float[BLOCK * d];
            x = new double[d][BLOCK];
            acc = new double[k][BLOCK];
        }
    }

    private Block block() {
        Block b = block;
        if (b == null) {
            b = new Block(k, d);
            block = b;
        }
        return b;
    }

    /**
     * The per-component terms of one mixture ({@code c_k}, {@code s_kd}, {@code m_kd}, the latter two
     * also as {@code [d][k]}), computed in one place for both precisions; immutable once built and
     * shared by scorers.
     */
    record Terms(double[] negLogNorm, double[][] scale, double[][] shift, double[][] scaleByDim,
                         double[][] shiftByDim) {
        /** The terms of components {@code components} of this mixture only, in that order. */
        Terms subset(int[] components) {
            int n = components.length;
            double[] c = new double[n];
            double[][] sc = new double[n][];
            double[][] sh = new double[n][];
            for (int r = 0; r < n; r++) {
                c[r] = negLogNorm[components[r]];
                sc[r] = scale[components[r]];
                sh[r] = shift[components[r]];
            }
            int dim = scaleByDim.length;
            return new Terms(c, sc, sh, transpose(sc, dim), transpose(sh, dim));
        }

        static Terms of(DiagonalGmm gmm) {
            Objects.requireNonNull(gmm, "gmm");
            int k = gmm.numComponents();
            int d = gmm.dimension();
            double[] negLogNorm = new double[k];
            double[][] scale = new double[k][d];
            double[][] shift = new double[k][d];
            for (int c = 0; c < k; c++) {
                double[] mean = gmm.mean(c);
                double[] variance = gmm.variance(c);
                double logNorm = Math.log(gmm.weight(c));
                for (int j = 0; j < d; j++) {
                    double v = variance[j];
                    double s = scaleOf(v);
                    scale[c][j] = s;
                    shift[c][j] = shiftOf(mean[j], s);
                    logNorm -= 0.5 * (LOG_2PI + Math.log(v));
                }
                negLogNorm[c] = -logNorm;
            }
            return new Terms(negLogNorm, scale, shift, transpose(scale, d), transpose(shift, d));
        }
    }

    private static double[][] transpose(double[][] a, int cols) {
        double[][] t = new double[cols][a.length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < cols; c++) {
                t[c][r] = a[r][c];
            }
        }
        return t;
    }

    /** {@code s = √(½/σ²)} for a variance σ². */
    static double scaleOf(double variance) {
        return Math.sqrt(0.5 / variance);
    }

    /** {@code m = −μ·s} for a mean μ and its {@link #scaleOf scale} s. */
    static double shiftOf(double mean, double scale) {
        return -mean * scale;
    }

    /** A scorer sharing this one's terms (no recomputation) with buffers of its own, for another thread. */
    public GmmScorer withOwnBuffers() {
        return new GmmScorer(gmm, terms);
    }

    /** The mixture this scorer scores against. */
    public DiagonalGmm model() {
        return gmm;
    }

    /**
     * The terms of {@code gmm} in single precision, for the training E-step (see the class comment),
     * without a scorer's buffers.
     */
    static FloatModel floatForm(DiagonalGmm gmm) {
        return FloatModel.of(Terms.of(gmm));
    }

    // ---------------------------------------------------------------- one frame

    /**
     * Log-likelihood {@code log p(x)} (natural log) of the frame {@code frames[offset .. offset + D)},
     * without allocating: the block computation for a block of one frame, with the loops turned so that
     * the components are innermost (a loop over one frame would not vectorise). Every component's sum
     * takes the same operations in the same order as {@link #distances(Block, int)}, and the log-sum-exp uses
     * {@link #logSumExp(Block, int, boolean)}'s exponential and order of summation, so the result is bit for bit the value
     * {@link #logLikelihoods(FeatureMatrix)} gives for the same frame.
     *
     * @throws IndexOutOfBoundsException if the frame does not lie inside {@code frames}
     */
    public double logLikelihood(float[] frames, int offset) {
        Objects.checkFromIndexSize(offset, d, frames.length);
        double[] a = frameDistances(frames, offset);
        double min = a[0];
        for (int c = 1; c < k; c++) {
            min = Math.min(min, a[c]);
        }
        Arrays.fill(frameBest, min);
        Kernels.expDifference(a, frameBest, frameScratch, k);
        double sum = 0.0;
        for (int c = 0; c < k; c++) {
            sum += a[c];
        }
        return Math.log(sum) - min;
    }

    /**
     * Log-density (weight included) of one frame under each component, {@code log(w_k N(x; μ_k, σ²_k))},
     * written into {@code out[0 .. K)}.
     */
    void componentLogLikelihoods(float[] frame, double[] out) {
        double[] a = frameDistances(frame, 0);
        for (int c = 0; c < k; c++) {
            out[c] = -a[c];
        }
    }

    /**
     * {@code −log(w_k N(x | k))} of one frame for every component, in a buffer of this scorer. The sums
     * over dimensions are nested exactly as {@link Kernels#scaledSquaredDistance} nests them: groups of
     * four dimensions (then the remaining ones), each group added innermost-last, i.e. from its last
     * dimension to its first, one fused multiply-add per dimension.
     */
    private double[] frameDistances(float[] frames, int offset) {
        frameDistances(terms, frames, offset, frameTerms);
        return frameTerms;
    }

    /**
     * {@code out[c] = −log(w_c N(x | c))} of the frame {@code frames[offset .. offset + D)} for every component c
     * of the mixture whose terms are {@code t}, components innermost (vectorised over them), nested as
     * {@link Kernels#scaledSquaredDistance} nests the sums, so every value is the block's bit for bit.
     */
    static void frameDistances(Terms t, float[] frames, int offset, double[] out) {
        int count = t.negLogNorm.length;
        int dim = t.scaleByDim.length;
        System.arraycopy(t.negLogNorm, 0, out, 0, count);
        for (int group = 0; group < dim; group += 4) {
            for (int j = Math.min(group + 4, dim) - 1; j >= group; j--) {
                Kernels.addSquare(out, frames[offset + j], t.scaleByDim[j], t.shiftByDim[j], count);
            }
        }
    }

    /**
     * {@code −log(w_c N(x | c))} of the frame {@code frames[offset .. offset + D)} under component c
     * of the mixture whose terms are {@code t}: the sum of {@link #frameDistances} (hence of the block)
     * for that one component, nested the same way, so it equals the block's value bit for bit.
     */
    static double distance(Terms t, int c, float[] frames, int offset) {
        double[] s = t.scale[c];
        double[] m = t.shift[c];
        int dim = s.length;
        double a = t.negLogNorm[c];
        for (int group = 0; group < dim; group += 4) {
            for (int j = Math.min(group + 4, dim) - 1; j >= group; j--) {
                double u = Math.fma(frames[offset + j], s[j], m[j]);
                a = Math.fma(u, u, a);
            }
        }
        return a;
    }

    /**
     * {@code out[s] = }{@link #distance distance}{@code (terms[s], c, frames, offset)} for the first m mixtures of
     * {@code terms}: one frame against component c of several mixtures of the same K and D (speaker models adapted
     * from one UBM), four mixtures at a time, their sums interleaved (four independent chains of multiply-adds
     * instead of one), each nested exactly as {@link #distance}, so the values are the same bit for bit. For frames
     * too few to be worth gathering into a block.
     */
    static void distancesAcross(Terms[] terms, int m, int c, float[] frames, int offset, double[] out) {
        int s = 0;
        for (; s + 4 <= m; s += 4) {
            double[] s0 = terms[s].scale[c];
            double[] s1 = terms[s + 1].scale[c];
            double[] s2 = terms[s + 2].scale[c];
            double[] s3 = terms[s + 3].scale[c];
            double[] m0 = terms[s].shift[c];
            double[] m1 = terms[s + 1].shift[c];
            double[] m2 = terms[s + 2].shift[c];
            double[] m3 = terms[s + 3].shift[c];
            double a0 = terms[s].negLogNorm[c];
            double a1 = terms[s + 1].negLogNorm[c];
            double a2 = terms[s + 2].negLogNorm[c];
            double a3 = terms[s + 3].negLogNorm[c];
            int dim = s0.length;
            for (int group = 0; group < dim; group += 4) {
                for (int j = Math.min(group + 4, dim) - 1; j >= group; j--) {
                    double x = frames[offset + j];
                    double u0 = Math.fma(x, s0[j], m0[j]);
                    double u1 = Math.fma(x, s1[j], m1[j]);
                    double u2 = Math.fma(x, s2[j], m2[j]);
                    double u3 = Math.fma(x, s3[j], m3[j]);
                    a0 = Math.fma(u0, u0, a0);
                    a1 = Math.fma(u1, u1, a1);
                    a2 = Math.fma(u2, u2, a2);
                    a3 = Math.fma(u3, u3, a3);
                }
            }
            out[s] = a0;
            out[s + 1] = a1;
            out[s + 2] = a2;
            out[s + 3] = a3;
        }
        for (; s < m; s++) {
            out[s] = distance(terms[s], c, frames, offset);
        }
    }

    // ---------------------------------------------------------------- whole matrices

    /** Log-likelihood of every frame of {@code data} (natural log), one value per row. */
    public double[] logLikelihoods(FeatureMatrix data) {
        checkMatrix(data);
        double[] out = new double[data.rows()];
        for (int first = 0; first < data.rows(); first += BLOCK) {
            int n = Math.min(BLOCK, data.rows() - first);
            score(data, first, n, false);
            System.arraycopy(block.logLik, 0, out, first, n);
        }
        return out;
    }

    /**
     * Fills {@code out[t]} with the log-likelihood of frame {@code t} of {@code data} (natural log) and returns
     * their sum, added up as {@link #totalLogLikelihood} adds it (bit for bit the same total): both figures
     * of a frame sequence in one pass.
     *
     * @throws IllegalArgumentException if {@code out} is shorter than the number of frames
     */
    public double logLikelihoods(FeatureMatrix data, double[] out) {
        checkMatrix(data);
        if (out.length < data.rows()) {
            throw new IllegalArgumentException("room for " + out.length + " log-likelihoods, " + data.rows() + " frames");
        }
        if (data.rows() < ONE_BY_ONE_BELOW) {
            return oneByOne(data, out);
        }
        double sum = 0;
        for (int first = 0; first < data.rows(); first += BLOCK) {
            int n = Math.min(BLOCK, data.rows() - first);
            sum += score(data, first, n, false);
            System.arraycopy(block.logLik, 0, out, first, n);
        }
        return sum;
    }

    /**
     * {@link #logLikelihoods(FeatureMatrix, double[])} of {@code data} under each of {@code mixtures} (of this
     * scorer's dimension), into {@code out[m]}, the same values bit for bit, but each block of frames is copied into
     * the block layout once for all the mixtures of one K instead of once per mixture: many mixtures scoring the
     * same frames (one per label or state) then cost their distances alone. The block buffers used are those of
     * the first scorer of each K among {@code mixtures}.
     *
     * @throws IllegalArgumentException if a mixture's dimension differs from this scorer's, or an {@code out[m]}
     *                                  is shorter than the number of frames
     */
    public void logLikelihoods(FeatureMatrix data, GmmScorer[] mixtures, double[][] out) {
        checkMatrix(data);
        int rows = data.rows();
        for (int m = 0; m < mixtures.length; m++) {
            if (mixtures[m].d != d) {
                throw new IllegalArgumentException("mixture " + m + " has " + mixtures[m].d + " dimensions, "
                        + d + " expected");
            }
            if (out[m].length < rows) {
                throw new IllegalArgumentException("room for " + out[m].length + " log-likelihoods, " + rows + " frames");
            }
        }
        if (rows < ONE_BY_ONE_BELOW) {
            for (int m = 0; m < mixtures.length; m++) {
                mixtures[m].oneByOne(data, out[m]);
            }
            return;
        }
        // the scorer whose block buffers hold the frames for the mixtures of each K
        GmmScorer[] loader = new GmmScorer[mixtures.length];
        for (int m = 0; m < mixtures.length; m++) {
            loader[m] = mixtures[m];
            for (int e = 0; e < m; e++) {
                if (mixtures[e].k == mixtures[m].k) {
                    loader[m] = loader[e];
                    break;
                }
            }
        }
        for (int first = 0; first < rows; first += BLOCK) {
            int n = Math.min(BLOCK, rows - first);
            for (int m = 0; m < mixtures.length; m++) {
                if (loader[m] == mixtures[m]) {
                    loader[m].load(data, first, n);
                }
            }
            for (int m = 0; m < mixtures.length; m++) {
                loader[m].scoreLoaded(mixtures[m].terms, n);
                System.arraycopy(loader[m].block.logLik, 0, out[m], first, n);
            }
        }
    }

    /**
     * The frames of {@code data} (fewer than {@link #ONE_BY_ONE_BELOW}) scored one by one, their values in
     * {@code out} if not null; the sum added up in frame order from 0, as a block adds it.
     */
    private double oneByOne(FeatureMatrix data, double[] out) {
        int n = data.rows();
        data.copyRows(0, n, frameRows, 0);
        double sum = 0;
        for (int t = 0; t < n; t++) {
            double ll = logLikelihood(frameRows, t * d);
            if (out != null) {
                out[t] = ll;
            }
            sum += ll;
        }
        return sum;
    }

    /**
     * The total of n per-frame log-likelihoods {@code ll[from .. from + n)} added up as {@link #totalLogLikelihood}
     * and {@link #logLikelihoods(FeatureMatrix, double[])} add up those of n frames (in frame order within blocks
     * of {@value #BLOCK} frames, then block by block), so that frames scored together with other utterances' give
     * bit for bit the total of their utterance scored alone.
     */
    public static double totalOf(double[] ll, int from, int n) {
        Objects.checkFromIndexSize(from, n, ll.length);
        double sum = 0;
        for (int first = 0; first < n; first += BLOCK) {
            int end = from + Math.min(first + BLOCK, n);
            double block = 0;
            for (int t = from + first; t < end; t++) {
                block += ll[t];
            }
            sum += block;
        }
        return sum;
    }

    /** Sum of the log-likelihoods of all frames of {@code data} (natural log; 0 for no frames). */
    public double totalLogLikelihood(FeatureMatrix data) {
        checkMatrix(data);
        if (data.rows() < ONE_BY_ONE_BELOW) {
            return oneByOne(data, null);
        }
        double sum = 0;
        for (int first = 0; first < data.rows(); first += BLOCK) {
            int n = Math.min(BLOCK, data.rows() - first);
            sum += score(data, first, n, false);
        }
        return sum;
    }

    /**
     * Checks that {@code data} has the model's dimension.
     *
     * @throws IllegalArgumentException if it has not
     */
    void checkMatrix(FeatureMatrix data) {
        Objects.requireNonNull(data, "data");
        if (data.cols() != d) {
            throw new IllegalArgumentException("frames have " + data.cols() + " dimensions, the model has " + d);
        }
    }

    // ---------------------------------------------------------------- blocks

    /**
     * Fills {@link #posteriors()} with {@code −log(w_k N(x_i | k))} for frames {@code [first, first + n)},
     * {@code n ≤ BLOCK}.
     */
    void distances(FeatureMatrix data, int first, int n) {
        Block b = block();
        data.copyRows(first, n, b.raw, 0);
        transposeLoaded(b, n);
        distances(b, terms, n);
    }

    /**
     * Loads frames {@code frames[offset .. offset + n·D)} ({@code n ≤ BLOCK}, row-major) as the block
     * that {@link #distances(Terms, int)} and {@link #scoreLoaded(Terms, int)} score.
     */
    void load(float[] frames, int offset, int n) {
        Block b = block();
        System.arraycopy(frames, offset, b.raw, 0, n * d);
        transposeLoaded(b, n);
    }

    /** Loads frames {@code [first, first + n)} of {@code data} ({@code n ≤ BLOCK}); see {@link #load(float[], int, int)}. */
    void load(FeatureMatrix data, int first, int n) {
        Block b = block();
        data.copyRows(first, n, b.raw, 0);
        transposeLoaded(b, n);
    }

    private void transposeLoaded(Block b, int n) {
        float[] raw = b.raw;
        double[][] x = b.x;
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                x[j][i] = raw[o + j];
            }
        }
    }

    /** Row-major copy of the frames of the last loaded block. */
    float[] loadedRows() {
        return block().raw;
    }

    /**
     * Fills {@link #posteriors()} with {@code −log(w_k N(x_i | k))} of the loaded block's n frames under
     * the mixture whose terms are {@code t} (of this scorer's K and D).
     */
    void distances(Terms t, int n) {
        distances(block(), t, n);
    }

    /** {@code acc[k][i] = c_k + Σ_d (x[d][i]·s_kd + m_kd)²} for the n loaded frames. */
    private void distances(Block b, Terms t, int n) {
        for (int c = 0; c < k; c++) {
            Kernels.scaledSquaredDistance(b.acc[c], t.negLogNorm[c], b.x, t.scale[c], t.shift[c], n);
        }
    }

    /**
     * Scores the loaded block's n frames against the mixture whose terms are {@code t} (of this
     * scorer's K and D): fills {@link #logLikelihoods()}.
     *
     * @return the total log-likelihood of the n frames
     */
    double scoreLoaded(Terms t, int n) {
        Block b = block();
        distances(b, t, n);
        return logSumExp(b, n, false);
    }

    /** This scorer's terms (shared, immutable). */
    Terms terms() {
        return terms;
    }

    /**
     * Scores frames {@code [first, first + n)}, {@code n ≤ BLOCK}: fills {@link #logLikelihoods()}
     * and, if {@code normalise}, {@link #posteriors()} with posteriors summing to 1 per frame.
     *
     * @return the total log-likelihood of the n frames
     */
    double score(FeatureMatrix data, int first, int n, boolean normalise) {
        distances(data, first, n);
        return logSumExp(block, n, normalise);
    }

    /** Log-sum-exp over the components of the n distances in {@code acc}; see {@link #score}. */
    private double logSumExp(Block b, int n, boolean normalise) {
        double[][] acc = b.acc;
        double[] total = b.total;
        double[] scratch = b.scratch;
        double sum = logSumExp(acc, k, n, b.best, total, scratch, b.logLik);
        if (normalise) {
            for (int i = 0; i < n; i++) {
                scratch[i] = 1.0 / total[i];
            }
            for (int c = 0; c < k; c++) {
                Kernels.multiplyInto(acc[c], scratch, n);
            }
        }
        return sum;
    }

    /**
     * Log-sum-exp of negated terms, frame by frame: for frames {@code i < n},
     * {@code logLik[i] = log Σ_{r < rows} exp(−a[r][i])}, computed as {@code log Σ_r exp(best_i − a[r][i]) − best_i}
     * with {@code best_i = min_r a[r][i]}, summing the rows in order; rows more than 700 nats below the best
     * count e^-700. Overwrites {@code a[r][i]} with {@code exp(best_i − a[r][i])} and leaves the sums in
     * {@code total}. The block scoring of all K components and the top-C scoring of C selected ones
     * ({@link LlrScorer}) both use it.
     *
     * @return the sum of the n log-likelihoods
     */
    static double logSumExp(double[][] a, int rows, int n, double[] best, double[] total, double[] scratch,
                            double[] logLik) {
        System.arraycopy(a[0], 0, best, 0, n);
        for (int r = 1; r < rows; r++) {
            Kernels.minInto(best, a[r], n);
        }
        Arrays.fill(total, 0, n, 0.0);
        for (int r = 0; r < rows; r++) {
            Kernels.expDifference(a[r], best, scratch, n);
            Kernels.addInto(total, a[r], n);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double ll = Math.log(total[i]) - best[i];
            logLik[i] = ll;
            sum += ll;
        }
        return sum;
    }

    /** Per-frame log-likelihoods of the last scored block. */
    double[] logLikelihoods() {
        return block().logLik;
    }

    /** Component-major block buffer: {@code [k][i]} for frame i of the last block. */
    double[][] posteriors() {
        return block().acc;
    }
}
