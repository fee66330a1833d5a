package org.cepstra.gmm;

import java.util.Arrays;
import org.cepstra.matrix.FeatureMatrix;

/**
 * One thread's block buffers for training: loads a block of frames (standardised, transposed),
 * scores it against a {@link FloatModel}, turns scores into posteriors and adds the block's
 * statistics to a {@link GmmStatistics}. All arithmetic per (frame, component, dimension) is
 * single precision in the SIMD loops of {@link Kernels}; block sums go to double per block.
 *
 * <p>Per block of B frames (K components, D dimensions):
 * <ol>
 *   <li>E-step: {@code a[k][i] = c_k + Σ_d (x[d][i]·s_kd + m_kd)²} — frames innermost, four
 *       dimensions per pass;</li>
 *   <li>log-sum-exp over k per frame, all loops over frames: minimum, {@code exp(min − a)},
 *       sum;</li>
 *   <li>M-step statistics as two products of the posteriors with {@code [x, x²]}: component-minor
 *       posterior rows, four frames per pass, {@code S1[d][k] += Σ x_id·r_i[k]},
 *       {@code S2[d][k] += Σ x_id²·r_i[k]}.</li>
 * </ol>
 */
final class EmWorker {
    final int dim;
    final int comps;
    final int block;
    /** Length of a statistics row: x (D), x² (D), 1, zero padding to a multiple of 16. */
    final int statLength;
    private final float[] raw;
    final float[][] x;
    private final float[][] rowsX;
    /** The statistics rows of the loaded block: {@link #rowsX}, or {@link #rowView} of a {@link Resident}'s rows. */
    private float[][] active;
    private final float[][] rowView;
    private final float[][] acc;
    private final float[] best;
    private final float[] total;
    private final float[][] sums;
    private Standardization tiledFor;
    private float[] tiledMean;
    private float[] tiledInvScale;

    EmWorker(int dim, int comps, int block) {
        this.dim = dim;
        this.comps = comps;
        this.block = block;
        this.statLength = statLength(dim);
        this.raw = new float[block * dim];
        this.x = new float[dim][block];
        this.rowsX = new float[block][statLength];
        this.active = rowsX;
        this.rowView = new float[block][];
        this.acc = new float[comps][block];
        this.best = new float[block];
        this.total = new float[block];
        this.sums = new float[comps][statLength];
    }

    /**
     * Frames per block for K components: {@link #BLOCK_MAX} whatever K. Smaller blocks for large K (once
     * 32k scores per block, i.e. 64 frames at K = 512) cost more than they save: the float statistics
     * are carried to double once per block, K·(2D + 1) additions, and the loops over frames get short.
     * Measured (one E-step with statistics, 200,000 × 39 frames, CPU seconds, 64 → 512 frames per
     * block): K = 256 0.78 → 0.42, K = 512 2.05 → 0.73, K = 1024 4.03 → 1.59; K = 64 0.165 → 0.130.
     */
    static int blockSize(int comps) {
        return BLOCK_MAX;
    }

    /** Frames per block: 512 measured fastest for K = 64 to 1024 (longer SIMD loops, fewer carries to double). */
    static final int BLOCK_MAX = 512;

    /** Raw (unstandardised) row-major copy of the last block loaded by {@link #loadRaw}. */
    float[] rows() {
        return raw;
    }

    /** Copies frames {@code [first, first + n)} without any transformation (row-major). */
    void loadRaw(FeatureMatrix data, int first, int n) {
        data.copyRows(first, n, raw, 0);
    }

    /**
     * Loads frames {@code [first, first + n)}, standardised, into the column buffers (for scoring)
     * and the statistics rows {@code [x, x², 1]} (for accumulation).
     */
    void load(FeatureMatrix data, int first, int n, Standardization st) {
        active = rowsX;
        data.copyRows(first, n, raw, 0);
        int d = dim;
        if (tiledFor != st) {
            float[][] t = st.tiled(block);
            tiledMean = t[0];
            tiledInvScale = t[1];
            tiledFor = st;
        }
        Kernels.standardise(raw, tiledMean, tiledInvScale, n * d);
        for (int i = 0; i < n; i++) {
            float[] row = rowsX[i];
            System.arraycopy(raw, i * d, row, 0, d);
            System.arraycopy(raw, i * d, row, d, d);
            Kernels.squareInPlace(row, d, d);
            row[2 * d] = 1f;
        }
        for (int j = 0; j < d; j++) {
            float[] col = x[j];
            for (int i = 0, o = j; i < n; i++, o += d) {
                col[i] = raw[o];
            }
        }
    }

    /**
     * All frames of a fit as {@link #load(FeatureMatrix, int, int, Standardization)} leaves them, kept for the
     * E-steps after the first when they take little memory: a block is then loaded by copying its columns and
     * pointing at its statistics rows, the same values bit for bit, instead of standardising, transposing and
     * squaring the frames again at every iteration.
     */
    static final class Resident {
        /** {@code columns[d][t]}: frame t, standardised. */
        final float[][] columns;
        /** {@code rows[t]}: frame t's statistics row {@code [x, x², 1, 0 …]}. */
        final float[][] rows;

        private Resident(float[][] columns, int frames) {
            this.columns = columns;
            this.rows = new float[frames][];
        }

        /**
         * Bytes held for {@code frames} frames of {@code dim} dimensions: the columns, the statistics rows, and each
         * row's array header and reference (about 24 bytes).
         */
        static long bytes(int dim, long frames) {
            return frames * (4L * (dim + statLength(dim)) + 24);
        }

        /** The frames of {@code data} standardised by {@code st}, loaded block by block with worker {@code w}. */
        static Resident of(FeatureMatrix data, Standardization st, EmWorker w) {
            int frames = data.rows();
            Resident r = new Resident(new float[w.dim][frames], frames);
            for (int first = 0; first < frames; first += w.block) {
                int n = Math.min(w.block, frames - first);
                w.load(data, first, n, st);
                for (int j = 0; j < w.dim; j++) {
                    System.arraycopy(w.x[j], 0, r.columns[j], first, n);
                }
                for (int i = 0; i < n; i++) {
                    r.rows[first + i] = w.rowsX[i].clone();
                }
            }
            return r;
        }

        /**
         * The first {@code frames} points of a column-major matrix {@code src[d][i]} as {@link #loadColumns} loads
         * them (not standardised; the columns are shared, not copied), with their statistics rows.
         */
        static Resident ofColumns(float[][] src, int frames) {
            Resident r = new Resident(src, frames);
            for (int i = 0; i < frames; i++) {
                r.rows[i] = new float[statLength(src.length)];
                statisticsRow(src, i, r.rows[i]);
            }
            return r;
        }
    }

    /** {@code row = [x, x², 1]} of point i of the column-major {@code columns[d][i]} (the padding left as it is). */
    private static void statisticsRow(float[][] columns, int i, float[] row) {
        int d = columns.length;
        for (int j = 0; j < d; j++) {
            float v = columns[j][i];
            row[j] = v;
            row[d + j] = v * v;
        }
        row[2 * d] = 1f;
    }

    /** Length of a statistics row for {@code dim} dimensions: x, x², 1, zero padding to a multiple of 16. */
    static int statLength(int dim) {
        return (2 * dim + 1 + 15) / 16 * 16;
    }

    /** Loads frames {@code [first, first + n)} of {@code frames}: the same block as {@code load} of the raw frames. */
    void load(Resident frames, int first, int n) {
        for (int j = 0; j < dim; j++) {
            System.arraycopy(frames.columns[j], first, x[j], 0, n);
        }
        System.arraycopy(frames.rows, first, rowView, 0, n);
        active = rowView;
    }

    /** Loads points {@code [first, first + n)} of a column-major resident matrix {@code src[d][i]}. */
    void loadColumns(float[][] src, int first, int n) {
        active = rowsX;
        int d = dim;
        for (int j = 0; j < d; j++) {
            System.arraycopy(src[j], first, x[j], 0, n);
        }
        for (int i = 0; i < n; i++) {
            statisticsRow(x, i, rowsX[i]);
        }
    }

    /** Scores of the loaded block: {@code acc[k][i] = c_k + Σ_d (x_id·s_kd + m_kd)²}. */
    void scores(FloatModel m, int n) {
        for (int c = 0; c < comps; c++) {
            Kernels.scaledSquaredDistance(acc[c], m.constant[c], x, m.scale[c], m.shift[c], n);
        }
    }

    /**
     * Turns the scores (negative log-densities) into posteriors {@code exp(−a_k) / Σ exp(−a)}, in
     * place, computed as {@code exp(min − a_k)} normalised.
     *
     * @return the sum over the n frames of {@code log Σ_k exp(−a_k)} (double)
     */
    double logSumExp(int n) {
        System.arraycopy(acc[0], 0, best, 0, n);
        for (int c = 1; c < comps; c++) {
            Kernels.minInto(best, acc[c], n);
        }
        Arrays.fill(total, 0, n, 0f);
        for (int c = 0; c < comps; c++) {
            Kernels.expDifference(acc[c], best, n);
            Kernels.addInto(total, acc[c], n);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float t = total[i];
            sum += Math.log(t) - best[i];
            total[i] = 1f / t;
        }
        return sum;
    }

    /**
     * Adds the loaded block's statistics (after {@link #logSumExp}) to {@code into}: occupancy,
     * first- and second-order sums in standardised units, as the product of the posteriors with
     * the rows {@code [x, x², 1]}: {@code sums[k][m] += Σ_i γ_ik·row_i[m]}, four frames per pass;
     * groups of four frames whose posteriors for a component are all 0 (below
     * {@link Kernels#POSTERIOR_CUTOFF}) are skipped.
     */
    void accumulate(int n, GmmStatistics into) {
        int k = comps;
        int len = statLength;
        for (int c = 0; c < k; c++) {
            Kernels.multiplyInto(acc[c], total, n);
        }
        int n4 = n & ~3;
        int n8 = n & ~7;
        float[][] rows = active;
        // eight frames at a time for all components, so that their rows stay in the first-level cache; each
        // component still adds the frames in the same order and groups of four (the same sums, bit for bit)
        for (int i = 0; i < n8; i += 8) {
            float[] r0 = rows[i];
            float[] r1 = rows[i + 1];
            float[] r2 = rows[i + 2];
            float[] r3 = rows[i + 3];
            float[] r4 = rows[i + 4];
            float[] r5 = rows[i + 5];
            float[] r6 = rows[i + 6];
            float[] r7 = rows[i + 7];
            for (int c = 0; c < k; c++) {
                float[] g = acc[c];
                float g0 = g[i];
                float g1 = g[i + 1];
                float g2 = g[i + 2];
                float g3 = g[i + 3];
                float g4 = g[i + 4];
                float g5 = g[i + 5];
                float g6 = g[i + 6];
                float g7 = g[i + 7];
                if (g0 + g1 + g2 + g3 != 0f && g4 + g5 + g6 + g7 != 0f) {
                    Kernels.axpy8(sums[c], r0, r1, r2, r3, r4, r5, r6, r7, g0, g1, g2, g3, g4, g5, g6, g7, len);
                } else {
                    addFour(c, i);
                    addFour(c, i + 4);
                }
            }
        }
        if (n8 < n4) {
            for (int c = 0; c < k; c++) {
                addFour(c, n8);
            }
        }
        for (int c = 0; c < k; c++) {
            float[] g = acc[c];
            float[] s = sums[c];
            for (int i = n4; i < n; i++) {
                if (g[i] != 0f) {
                    Kernels.axpy1(s, rows[i], g[i], len);
                }
            }
        }
        flush(into);
    }

    /** Adds frames {@code i..i+3} of the loaded block, weighted by component c's responsibilities, to its sums. */
    private void addFour(int c, int i) {
        float[] g = acc[c];
        float g0 = g[i];
        float g1 = g[i + 1];
        float g2 = g[i + 2];
        float g3 = g[i + 3];
        if (g0 + g1 + g2 + g3 != 0f) {
            Kernels.axpy4(sums[c], active[i], active[i + 1], active[i + 2], active[i + 3], g0, g1, g2, g3, statLength);
        }
    }

    private void flush(GmmStatistics into) {
        int k = comps;
        int d = dim;
        for (int c = 0; c < k; c++) {
            float[] s = sums[c];
            into.occupancy[c] += s[2 * d];
            for (int j = 0; j < d; j++) {
                into.first[j * k + c] += s[j];
                into.second[j * k + c] += s[d + j];
            }
            Arrays.fill(s, 0f);
        }
    }

    /**
     * Hard assignment of the loaded block to the component (centre) with the lowest score.
     *
     * @param minimum receives the lowest score of point i at {@code minimum[offset + i]} (may be null)
     * @param into    receives count, sum and sum of squares of the points per chosen component
     * @return the sum of the lowest scores
     */
    double assign(int n, float[] minimum, int offset, GmmStatistics into) {
        System.arraycopy(acc[0], 0, best, 0, n);
        for (int c = 1; c < comps; c++) {
            Kernels.minInto(best, acc[c], n);
        }
        double sum = 0;
        int k = comps;
        int len = statLength;
        for (int i = 0; i < n; i++) {
            float b = best[i];
            int chosen = 0;
            while (chosen < k - 1 && acc[chosen][i] != b) {
                chosen++;
            }
            sum += b;
            if (minimum != null) {
                minimum[offset + i] = b;
            }
            Kernels.addInto(sums[chosen], active[i], len);
        }
        flush(into);
        return sum;
    }
}
