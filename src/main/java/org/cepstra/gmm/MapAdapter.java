package org.cepstra.gmm;

import java.util.Objects;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Maximum-a-posteriori adaptation of a universal background model (UBM) to one speaker's frames, as
 * Reynolds, Quatieri and Dunn (2000, §3.1) define it. Immutable and thread-safe: speakers are adapted
 * independently, so N speakers adapt in parallel by calling {@link #adapt} from N threads.
 *
 * <p>From the speaker's {@link GmmStatistics} under the UBM ({@link #statistics}: the E-step with
 * the UBM's posteriors γ_k(t)), for component k: the count {@code n_k = Σ_t γ_k(t)} (frames),
 * {@code T = Σ_k n_k}, {@code E_k[x] = Σ_t γ_k(t) x_t / n_k}, {@code Var_k = Σ_t γ_k(t) x_t² / n_k − E_k[x]²},
 * and one adaptation coefficient per kind of parameter ρ ∈ {weights, means, variances}:
 * {@code α^ρ_k = n_k / (n_k + r^ρ)} with the relevance factors r of {@link MapOptions}
 * ({@code α = 0} when {@code n_k = 0}). Element-wise per dimension:
 * <pre>
 *   ŵ_k  = [α^w_k n_k / T + (1 − α^w_k) w_k] / Σ_j [α^w_j n_j / T + (1 − α^w_j) w_j]
 *   μ̂_k  = α^m_k E_k[x] + (1 − α^m_k) μ_k
 *   σ̂²_k = α^v_k E_k[x²] + (1 − α^v_k)(σ²_k + μ²_k) − μ̂²_k
 *        = α^v_k (Var_k + (E_k[x] − μ̂_k)²) + (1 − α^v_k)(σ²_k + (μ_k − μ̂_k)²)   (the form computed)
 * </pre>
 * Parameters not adapted keep the UBM's values (μ̂ = μ if the means are not adapted). With r = 0 every
 * component with frames gets its maximum-likelihood estimate, one M-step of EM from the UBM's posteriors
 * ({@link GmmUpdater} without its floors and re-seeding); as r → ∞ the model tends to the UBM, which
 * r = +∞ gives exactly. A component the speaker's frames never reach ({@code n_k = 0}) keeps the UBM's
 * mean and variances and, if weights are adapted, its UBM weight before the renormalisation.
 *
 * <p>Variance floors follow EM training's rule: per dimension d, {@code f_d = max(relative·G_d,
 * absolute, 1e-10·G_d)}, where {@code G_d} is the global variance, here the UBM's own:
 * {@code G_d = Σ_k w_k (σ²_kd + (μ_kd − Σ_j w_j μ_jd)²)}, which equals the variance of the frames the
 * UBM was trained on whenever no variance was floored (each M-step keeps the mixture's first two moments
 * equal to the data's). An adapted variance is raised to {@code min(f_d, σ²_kd)}: never below the floor,
 * and never pushed above the UBM's own variance by a floor the UBM itself does not meet.
 *
 * <p>Relation to Kaldi's {@code MapDiagGmmUpdate} ({@code gmm-global-est-map}-style τ options): the means
 * are the same with τ = r; Kaldi's weights use one τ for the whole mixture,
 * {@code (n_k + τ w_k) / (T + τ)}, and its variances omit the prior's shift term
 * {@code (μ_k − μ̂_k)²}, so those two differ from the formulas above unless they are not adapted (the
 * GMM-UBM default: means only, r = 16).
 */
public final class MapAdapter {
    private final DiagonalGmm ubm;
    private final MapOptions options;
    /** Per-dimension variance floors f_d, feature units squared. */
    private final double[] floors;

    /**
     * An adapter of {@code ubm} with the given options; computes the variance floors.
     */
    public MapAdapter(DiagonalGmm ubm, MapOptions options) {
        this.ubm = Objects.requireNonNull(ubm, "ubm");
        this.options = Objects.requireNonNull(options, "options");
        this.floors = varianceFloors(ubm, options);
    }

    /** The background model adapted from. */
    public DiagonalGmm ubm() {
        return ubm;
    }

    /** The options in use. */
    public MapOptions options() {
        return options;
    }

    /** The per-dimension variance floors f_d (squared feature units; see the class comment). */
    public double[] varianceFloors() {
        return floors.clone();
    }

    /**
     * The global variance of every dimension under {@code gmm}: {@code Σ_k w_k (σ²_kd + (μ_kd − m_d)²)}
     * with {@code m_d = Σ_k w_k μ_kd}.
     */
    static double[] globalVariances(DiagonalGmm gmm) {
        int k = gmm.numComponents();
        int d = gmm.dimension();
        double[] mean = new double[d];
        for (int c = 0; c < k; c++) {
            double w = gmm.weight(c);
            double[] mu = gmm.mean(c);
            for (int j = 0; j < d; j++) {
                mean[j] += w * mu[j];
            }
        }
        double[] g = new double[d];
        for (int c = 0; c < k; c++) {
            double w = gmm.weight(c);
            double[] mu = gmm.mean(c);
            double[] var = gmm.variance(c);
            for (int j = 0; j < d; j++) {
                double dev = mu[j] - mean[j];
                g[j] += w * (var[j] + dev * dev);
            }
        }
        return g;
    }

    private static double[] varianceFloors(DiagonalGmm ubm, MapOptions options) {
        double[] g = globalVariances(ubm);
        double[] f = new double[g.length];
        for (int j = 0; j < g.length; j++) {
            f[j] = Math.max(Math.max(options.relativeVarianceFloor() * g[j], options.absoluteVarianceFloor()),
                    GmmTrainer.MIN_RELATIVE_VARIANCE * g[j]);
        }
        return f;
    }

    /**
     * The speaker's sufficient statistics under the UBM: the E-step over all frames of {@code frames}
     * (double precision, {@link GmmStatistics#accumulate(FeatureMatrix, int, int, DiagonalGmm)}).
     * Statistics of several recordings of one speaker {@link GmmStatistics#add add} up.
     *
     * @throws IllegalArgumentException if the frames' dimension is not the UBM's
     */
    public GmmStatistics statistics(FeatureMatrix frames) {
        Objects.requireNonNull(frames, "frames");
        GmmStatistics stats = new GmmStatistics(ubm.numComponents(), ubm.dimension());
        stats.accumulate(frames, 0, frames.rows(), ubm);
        return stats;
    }

    /** The UBM adapted to the frames of {@code frames}: {@code adapt(statistics(frames))}. */
    public DiagonalGmm adapt(FeatureMatrix frames) {
        return adapt(statistics(frames));
    }

    /**
     * The UBM adapted to a speaker whose statistics under the UBM are {@code stats} (formulas in the
     * class comment). Statistics without frames give the UBM's parameters.
     *
     * @throws IllegalArgumentException if the statistics' shape is not the UBM's, or a count or sum in
     *                                  them is negative, NaN or infinite
     */
    public DiagonalGmm adapt(GmmStatistics stats) {
        Objects.requireNonNull(stats, "stats");
        int k = ubm.numComponents();
        int d = ubm.dimension();
        if (stats.numComponents() != k || stats.dimension() != d) {
            throw new IllegalArgumentException("statistics are " + stats.numComponents() + " components x "
                    + stats.dimension() + " dimensions, the UBM is " + k + " x " + d);
        }
        double total = 0;
        for (int c = 0; c < k; c++) {
            double n = stats.occupancy[c];
            if (!(n >= 0) || !Double.isFinite(n)) {
                throw new IllegalArgumentException("count of component " + c + " is " + n
                        + "; counts must be finite and >= 0");
            }
            total += n;
        }
        double[] weights = ubm.weights();
        double[][] means = ubm.means();
        double[][] vars = ubm.variances();
        double weightSum = 0;
        for (int c = 0; c < k; c++) {
            double n = stats.occupancy[c];
            if (options.adaptWeights() && total > 0) {
                double a = alpha(n, options.weightRelevance());
                weights[c] = a * (n / total) + (1 - a) * weights[c];
            }
            weightSum += weights[c];
            if (n <= 0) {
                continue;
            }
            double am = options.adaptMeans() ? alpha(n, options.meanRelevance()) : 0;
            double av = options.adaptVariances() ? alpha(n, options.varianceRelevance()) : 0;
            double[] mu = means[c];
            double[] var = vars[c];
            for (int j = 0; j < d; j++) {
                int idx = j * k + c;
                double e = stats.first[idx] / n;
                double e2 = stats.second[idx] / n;
                if (!Double.isFinite(e) || !Double.isFinite(e2)) {
                    throw new IllegalArgumentException("sums of component " + c + ", dimension " + j
                            + " are not finite (mean " + e + ", mean square " + e2 + ")");
                }
                double oldMean = mu[j];
                double newMean = options.adaptMeans() ? am * e + (1 - am) * oldMean : oldMean;
                if (options.adaptVariances()) {
                    double spread = e2 - e * e;
                    double fromData = e - newMean;
                    double fromPrior = oldMean - newMean;
                    double v = av * (spread + fromData * fromData) + (1 - av) * (var[j] + fromPrior * fromPrior);
                    double floor = Math.min(floors[j], var[j]);
                    var[j] = v >= floor ? v : floor;
                }
                mu[j] = newMean;
            }
        }
        if (options.adaptWeights()) {
            for (int c = 0; c < k; c++) {
                weights[c] /= weightSum;
            }
        }
        return new DiagonalGmm(weights, means, vars);
    }

    /** {@code α = n / (n + r)}, 0 for n = 0 (also when r = 0) and for r = +∞. */
    private static double alpha(double n, double r) {
        return n > 0 ? n / (n + r) : 0.0;
    }
}
