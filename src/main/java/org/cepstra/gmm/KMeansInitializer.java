package org.cepstra.gmm;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * k-means initialisation: greedy k-means++ seeding and Lloyd iterations on a seeded subsample kept
 * resident in column-major standardised float form. Distances are Euclidean in the features' own
 * units, as scikit-learn computes them (on MFCCs this clusters better than distances between
 * standardised frames): each standardised dimension is weighted by its global standard deviation
 * divided by the largest one, which gives the original geometry up to one overall factor while
 * keeping the numbers in float range. The statistics of the last assignment (count, sum and sum of
 * squares per cluster, standardised units) give the initial weights, means and variances.
 */
final class KMeansInitializer {
    /** Lloyd stops once the squared centre movement, summed over centres, is below this. */
    static final double SHIFT_TOLERANCE = 1e-4;
    /** Seeding looks at an evenly strided part of the subsample: at least this many frames … */
    static final int SEED_SAMPLE_MIN = 8192;
    /** … or this many per component, whichever is more. */
    static final int SEED_SAMPLE_PER_COMPONENT = 16;

    private final TrainingContext ctx;
    private final int comps;
    private final int iterations;
    private final int sampleSize;
    private final int candidates;
    private final float[] weights;

    /** k-means with the Lloyd iterations, sample size and k-means++ candidates of {@code options}. */
    KMeansInitializer(TrainingContext ctx, InitOptions options) {
        this.ctx = ctx;
        this.comps = ctx.comps;
        this.iterations = options.kmeansIterations();
        this.sampleSize = options.kmeansSampleSize();
        this.candidates = options.kmeansCandidates(ctx.comps);
        this.weights = new float[ctx.dim];
        double max = 0;
        for (double sc : ctx.standardization.scale) {
            max = Math.max(max, sc);
        }
        for (int j = 0; j < ctx.dim; j++) {
            weights[j] = (float) (ctx.standardization.scale[j] / max);
        }
    }

    /**
     * Runs k-means on the subsample; returns the hard-assignment statistics of its last Lloyd step
     * (standardised units) and leaves the centres in {@code centresOut[K][D]}.
     */
    GmmStatistics run(long seed, float[][] centresOut) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] sample = sample(random);
        int m = sample[0].length;
        int seedSize = Math.min(m, Math.max(SEED_SAMPLE_MIN, SEED_SAMPLE_PER_COMPONENT * comps));
        float[][] centres = seed(strided(sample, m, seedSize), seedSize, random);
        GmmStatistics stats = lloyd(sample, m, centres);
        System.arraycopy(centres, 0, centresOut, 0, comps);
        return stats;
    }

    /** Column-major standardised copy of a seeded random subset of the frames (all if few). */
    private float[][] sample(SplittableRandom random) {
        int n = ctx.rows;
        int d = ctx.dim;
        int m = Math.min(n, sampleSize);
        float[][] out = new float[d][m];
        float[] row = new float[d];
        int needed = m;
        int taken = 0;
        for (int i = 0; i < n && taken < m; i++) {
            // selection sampling (Knuth's algorithm S): keeps order, uniform without replacement
            if (m == n || random.nextInt(n - i) < needed) {
                ctx.data.copyRows(i, 1, row, 0);
                ctx.standardization.apply(row, 1);
                for (int j = 0; j < d; j++) {
                    out[j][taken] = row[j];
                }
                taken++;
                needed--;
            }
        }
        return out;
    }

    private static float[][] strided(float[][] x, int m, int size) {
        if (size >= m) {
            return x;
        }
        float[][] out = new float[x.length][size];
        for (int j = 0; j < x.length; j++) {
            for (int i = 0; i < size; i++) {
                out[j][i] = x[j][(int) ((long) i * m / size)];
            }
        }
        return out;
    }

    /**
     * Greedy k-means++ (scikit-learn's {@code _kmeans_plusplus}) on the sample, with
     * {@link InitOptions#kmeansCandidateFactor} times as many candidates per centre (8 by default: in many
     * dimensions the potential is dominated by the spread inside clusters already covered, so small clusters
     * are found only with many draws).
     */
    private float[][] seed(float[][] x, int m, SplittableRandom random) {
        int d = ctx.dim;
        float[][] centres = new float[comps][];
        float[] shift = new float[d];
        float[] closest = new float[m];
        float[][] candidate = new float[candidates][m];
        double[] cumulative = new double[m];
        int first = random.nextInt(m);
        centres[0] = column(x, first);
        negate(centres[0], shift, weights);
        Kernels.scaledSquaredDistance(closest, 0f, x, weights, shift, m);
        double potential = sum(closest, m);
        int[] ids = new int[candidates];
        for (int c = 1; c < comps; c++) {
            double acc = 0;
            for (int i = 0; i < m; i++) {
                acc += closest[i];
                cumulative[i] = acc;
            }
            int bestTrial = 0;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < candidates; t++) {
                double r = random.nextDouble() * potential;
                int id = Arrays.binarySearch(cumulative, 0, m, r);
                id = id >= 0 ? id : -id - 1;
                // first index whose cumulative sum reaches r (numpy searchsorted, side='left')
                while (id > 0 && cumulative[id - 1] >= r) {
                    id--;
                }
                ids[t] = Math.min(id, m - 1);
                negate(column(x, ids[t]), shift, weights);
                Kernels.scaledSquaredDistance(candidate[t], 0f, x, weights, shift, m);
                float[] ct = candidate[t];
                Kernels.minInto(ct, closest, m);
                double p = sum(ct, m);
                if (p < bestPotential) {
                    bestPotential = p;
                    bestTrial = t;
                }
            }
            System.arraycopy(candidate[bestTrial], 0, closest, 0, m);
            potential = bestPotential;
            centres[c] = column(x, ids[bestTrial]);
        }
        return centres;
    }

    /**
     * Lloyd iterations on the sample (parallel over fixed chunks, merged in order), at least one;
     * returns the statistics of the last assignment.
     */
    private GmmStatistics lloyd(float[][] x, int m, float[][] centres) {
        int d = ctx.dim;
        float[] minimum = new float[m];
        List<EmWorker> ws = ctx.workersFor(comps);
        // the statistics rows of the sample made once for all iterations when they take little memory
        EmWorker.Resident resident = EmWorker.Resident.bytes(d, m) <= TrainingContext.RESIDENT_MAX_BYTES
                ? EmWorker.Resident.ofColumns(x, m) : null;
        GmmStatistics last = null;
        for (int it = 0; it < Math.max(iterations, 1); it++) {
            FloatModel model = FloatModel.distancesTo(centres, weights);
            GmmStatistics total = new GmmStatistics(comps, d);
            ctx.scheduler.run(ws, m, ChunkScheduler.CHUNK_ROWS, (w, first, count) -> {
                GmmStatistics s = new GmmStatistics(comps, d);
                for (int b = 0; b < count; b += w.block) {
                    int n = Math.min(w.block, count - b);
                    if (resident != null) {
                        w.load(resident, first + b, n);
                    } else {
                        w.loadColumns(x, first + b, n);
                    }
                    w.scores(model, n);
                    s.totalLogLikelihood += w.assign(n, minimum, first + b, s);
                }
                return s;
            }, total::add);
            last = total;
            double shift = 0;
            boolean[] used = new boolean[m];
            for (int c = 0; c < comps; c++) {
                double count = total.occupancy[c];
                float[] next = new float[d];
                if (count > 0) {
                    for (int j = 0; j < d; j++) {
                        next[j] = (float) (total.first[j * comps + c] / count);
                    }
                } else {
                    int far = farthestUnused(minimum, used, m);
                    used[far] = true;
                    next = column(x, far);
                }
                for (int j = 0; j < d; j++) {
                    double t = next[j] - centres[c][j];
                    shift += t * t;
                }
                centres[c] = next;
            }
            if (shift <= SHIFT_TOLERANCE) {
                break;
            }
        }
        return last;
    }

    private static int farthestUnused(float[] minimum, boolean[] used, int m) {
        int best = -1;
        for (int i = 0; i < m; i++) {
            if (!used[i] && (best < 0 || minimum[i] > minimum[best])) {
                best = i;
            }
        }
        return Math.max(best, 0);
    }

    private static float[] column(float[][] x, int i) {
        float[] c = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            c[j] = x[j][i];
        }
        return c;
    }

    private static void negate(float[] v, float[] out, float[] w) {
        for (int j = 0; j < v.length; j++) {
            out[j] = -v[j] * w[j];
        }
    }

    /** Sum in double with four independent partial sums (not latency-bound). */
    private static double sum(float[] a, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
