package org.cepstra.gmm;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The components of a diagonal GMM grouped into clusters, with one coarse "parent" Gaussian per cluster,
 * for Gaussian selection in {@link LlrScorer}: a frame is scored against the P parents, and only the
 * members of its best clusters are evaluated exactly.
 *
 * <p>Clusters: weighted k-means (Lloyd) on the component means, each component weighing its mixture weight,
 * distances measured after dividing dimension d by {@code √(Σ_k w_k σ²_kd)} (the mixture's average
 * within-component standard deviation), so that no dimension dominates by its scale. Seeds by weighted
 * k-means++ from a fixed seed ({@value #SEED}), then at most {@value #ITERATIONS} iterations or until no
 * component changes cluster; clusters left empty are dropped. Parents: the moment-matched merge of each
 * cluster's members, weight {@code W = Σ w_k}, mean {@code Σ w_k μ_k / W}, variance
 * {@code Σ w_k (σ²_k + (μ_k − μ)²) / W}, so that the P parents form a mixture (weights summing to 1) that
 * follows the UBM's mass. Immutable; built once per UBM (K·P·D per iteration, milliseconds at K = 512).
 */
final class ComponentClusters {
    static final long SEED = 0x5EEDL;
    static final int ITERATIONS = 30;

    /** Per cluster, its member components in ascending order. */
    final int[][] members;
    /** The parent Gaussians, one per cluster, as a mixture. */
    final DiagonalGmm parents;
    /**
     * The parents' scoring terms in single precision: parents only choose which clusters are searched, so the
     * float kernel (twice the SIMD width) scores them, as it scores the training E-step.
     */
    final FloatModel parentTerms;
    /**
     * Per cluster, the single-precision scoring terms of its members (the mixture's own values rounded to float, as
     * the search over all components rounds them), in {@link #members} order; and the same by dimension
     * ({@code [d][member]}) for the one-frame form.
     */
    final FloatModel[] memberTerms;
    private final float[][][] memberScaleByDim;
    private final float[][][] memberShiftByDim;

    private ComponentClusters(int[][] members, DiagonalGmm parents, GmmScorer.Terms terms) {
        this.members = members;
        this.parents = parents;
        this.parentTerms = FloatModel.of(GmmScorer.Terms.of(parents));
        this.memberTerms = new FloatModel[members.length];
        this.memberScaleByDim = new float[members.length][][];
        this.memberShiftByDim = new float[members.length][][];
        for (int q = 0; q < members.length; q++) {
            FloatModel t = FloatModel.of(terms.subset(members[q]));
            memberTerms[q] = t;
            memberScaleByDim[q] = byDimension(t.scale, t.dimension);
            memberShiftByDim[q] = byDimension(t.shift, t.dimension);
        }
    }

    private static float[][] byDimension(float[][] a, int dim) {
        float[][] t = new float[dim][a.length];
        for (int r = 0; r < a.length; r++) {
            for (int j = 0; j < dim; j++) {
                t[j][r] = a[r][j];
            }
        }
        return t;
    }

    /**
     * {@code out[g]} = the single-precision distance {@code −log(w N(x | member g))} of the frame
     * {@code frames[offset .. offset + D)} to each member g of cluster q: the one-frame form of the block kernel
     * ({@link Kernels#scaledSquaredDistance(float[], float, float[][], float[], float[], int)}), members innermost,
     * every sum nested as the block nests it, so the values are the block's bit for bit.
     */
    void memberDistances(int q, float[] frames, int offset, float[] out) {
        FloatModel t = memberTerms[q];
        int count = t.numComponents;
        int dim = t.dimension;
        System.arraycopy(t.constant, 0, out, 0, count);
        for (int group = 0; group < dim; group += 4) {
            for (int j = Math.min(group + 4, dim) - 1; j >= group; j--) {
                Kernels.addSquare(out, frames[offset + j], memberScaleByDim[q][j], memberShiftByDim[q][j], count);
            }
        }
    }

    /** Number of clusters (at most the number asked for: empty ones are dropped). */
    int size() {
        return members.length;
    }

    /**
     * Groups the components of {@code gmm} into at most {@code clusters} clusters (all K if
     * {@code clusters ≥ K}: one component each).
     *
     * @throws IllegalArgumentException if {@code clusters} &lt; 1
     */
    static ComponentClusters of(DiagonalGmm gmm, int clusters) {
        if (clusters < 1) {
            throw new IllegalArgumentException("clusters must be >= 1, got " + clusters);
        }
        int k = gmm.numComponents();
        int d = gmm.dimension();
        int p = Math.min(clusters, k);
        double[] w = new double[k];
        double[][] x = new double[k][d];
        double[] scale = new double[d];
        for (int c = 0; c < k; c++) {
            w[c] = gmm.weight(c);
            double[] v = gmm.variance(c);
            for (int j = 0; j < d; j++) {
                scale[j] += w[c] * v[j];
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = 1 / Math.sqrt(scale[j]);
        }
        for (int c = 0; c < k; c++) {
            double[] mu = gmm.mean(c);
            for (int j = 0; j < d; j++) {
                x[c][j] = mu[j] * scale[j];
            }
        }
        int[] assignment = p == k ? identity(k) : kMeans(x, w, p);
        int[][] members = membersOf(assignment, p);
        return new ComponentClusters(members, parentsOf(gmm, members), GmmScorer.Terms.of(gmm));
    }

    private static int[] identity(int k) {
        int[] a = new int[k];
        Arrays.setAll(a, i -> i);
        return a;
    }

    /** Weighted k-means++ seeds, then Lloyd iterations; the cluster of every point. */
    private static int[] kMeans(double[][] x, double[] w, int p) {
        int k = x.length;
        int d = x[0].length;
        SplittableRandom random = new SplittableRandom(SEED);
        double[][] centre = new double[p][];
        double[] nearest = new double[k];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int first = pick(w, null, random.nextDouble());
        centre[0] = x[first].clone();
        for (int q = 1; q < p; q++) {
            for (int c = 0; c < k; c++) {
                nearest[c] = Math.min(nearest[c], squaredDistance(x[c], centre[q - 1]));
            }
            centre[q] = x[pick(w, nearest, random.nextDouble())].clone();
        }
        int[] assignment = new int[k];
        Arrays.fill(assignment, -1);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            boolean changed = false;
            for (int c = 0; c < k; c++) {
                int best = 0;
                double bestDistance = squaredDistance(x[c], centre[0]);
                for (int q = 1; q < p; q++) {
                    double dist = squaredDistance(x[c], centre[q]);
                    if (dist < bestDistance) {
                        bestDistance = dist;
                        best = q;
                    }
                }
                changed |= assignment[c] != best;
                assignment[c] = best;
            }
            if (!changed) {
                break;
            }
            double[] mass = new double[p];
            double[][] sum = new double[p][d];
            for (int c = 0; c < k; c++) {
                int q = assignment[c];
                mass[q] += w[c];
                for (int j = 0; j < d; j++) {
                    sum[q][j] += w[c] * x[c][j];
                }
            }
            for (int q = 0; q < p; q++) {
                if (mass[q] > 0) {
                    for (int j = 0; j < d; j++) {
                        centre[q][j] = sum[q][j] / mass[q];
                    }
                }
            }
        }
        return assignment;
    }

    /** Index drawn with probability proportional to {@code w[c]·f[c]} ({@code f} = 1 if null) at {@code u ∈ [0, 1)}. */
    private static int pick(double[] w, double[] f, double u) {
        double total = 0;
        for (int c = 0; c < w.length; c++) {
            total += w[c] * (f == null ? 1 : f[c]);
        }
        double target = u * total;
        double run = 0;
        int last = 0;
        for (int c = 0; c < w.length; c++) {
            double m = w[c] * (f == null ? 1 : f[c]);
            if (m > 0) {
                run += m;
                last = c;
                if (run > target) {
                    return c;
                }
            }
        }
        return last;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double e = a[j] - b[j];
            s += e * e;
        }
        return s;
    }

    /** The non-empty clusters' members, ascending, clusters in order of their lowest member. */
    private static int[][] membersOf(int[] assignment, int p) {
        int[] count = new int[p];
        for (int q : assignment) {
            count[q]++;
        }
        int[][] byCluster = new int[p][];
        for (int q = 0; q < p; q++) {
            byCluster[q] = new int[count[q]];
        }
        int[] filled = new int[p];
        for (int c = 0; c < assignment.length; c++) {
            int q = assignment[c];
            byCluster[q][filled[q]++] = c;
        }
        return Arrays.stream(byCluster).filter(m -> m.length > 0).sorted((a, b) -> Integer.compare(a[0], b[0]))
                .toArray(int[][]::new);
    }

    /** The moment-matched parent of each cluster. */
    private static DiagonalGmm parentsOf(DiagonalGmm gmm, int[][] members) {
        int d = gmm.dimension();
        int p = members.length;
        double[] weight = new double[p];
        double[][] mean = new double[p][d];
        double[][] variance = new double[p][d];
        for (int q = 0; q < p; q++) {
            for (int c : members[q]) {
                weight[q] += gmm.weight(c);
            }
            // a cluster of weightless components takes their plain moments (its parent keeps weight 0)
            boolean weightless = weight[q] == 0;
            double mass = weightless ? members[q].length : weight[q];
            for (int c : members[q]) {
                double wc = weightless ? 1 : gmm.weight(c);
                double[] mu = gmm.mean(c);
                for (int j = 0; j < d; j++) {
                    mean[q][j] += wc * mu[j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[q][j] /= mass;
            }
            for (int c : members[q]) {
                double wc = weightless ? 1 : gmm.weight(c);
                double[] mu = gmm.mean(c);
                double[] v = gmm.variance(c);
                for (int j = 0; j < d; j++) {
                    double e = mu[j] - mean[q][j];
                    variance[q][j] += wc * (v[j] + e * e);
                }
            }
            for (int j = 0; j < d; j++) {
                variance[q][j] /= mass;
            }
        }
        return new DiagonalGmm(weight, mean, variance);
    }
}
