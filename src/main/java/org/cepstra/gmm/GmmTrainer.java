package org.cepstra.gmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Fits a {@link DiagonalGmm} to frames by expectation-maximisation.
 *
 * <p>Training runs on the frames standardised per dimension (mean 0, variance 1; see the package
 * documentation), so single-precision arithmetic stays exact enough and finite for data of any
 * magnitude; the model is mapped back to feature units at the end. Each iteration is one pass over
 * the data in fixed blocks: an E-step (posteriors of all components for every frame, single
 * precision, SIMD) fused with the accumulation of {@link GmmStatistics} (block sums carried to
 * double), then the {@link GmmUpdater} M-step with variance floors and re-seeding of starved
 * components. Threads work on fixed chunks of frames whose statistics are merged in chunk order,
 * so the model is bit-identical for a given seed whatever the number of threads.
 *
 * <p>The trainer never hands back a model worse than one it reached: it keeps the best iterate (a
 * reference to that immutable model, by mean log-likelihood per frame, the initial model included) and
 * returns it, even when a later iterate is worse, e.g. right after a re-seed. Re-seeding cannot loop:
 * a re-seed "gains" when the best log-likelihood rises by more than the tolerance (1e-4 nats per frame
 * if the tolerance is 0) before the next re-seed. After two re-seeds without gain, whether of one
 * component or of the fit as a whole (the starved role can pass from one component to another), a
 * starved component is no longer re-seeded but left to converge on the frames it holds (its
 * maximum-likelihood estimate, variances floored); {@link TrainingResult} counts the re-seeds and the
 * components left to converge. The minimum occupancy is
 * {@link UpdateLimits#effectiveMinOccupancy(long, int)}.
 *
 * <p>Memory: besides the data, O(threads·(K + D)·512) floats of block buffers, the k-means
 * subsample (4·D bytes per sampled frame) and per-chunk statistics; never N×K and never a copy of
 * the data.
 */
public final class GmmTrainer {
    /** No variance falls below this fraction of its dimension's global variance. */
    static final double MIN_RELATIVE_VARIANCE = 1e-10;

    private final TrainingConfig config;
    private final TrainingListener listener;

    /** A trainer with the given settings and no progress listener. */
    public GmmTrainer(TrainingConfig config) {
        this(config, null);
    }

    /** A trainer that reports each EM iteration to {@code listener} (may be null). */
    public GmmTrainer(TrainingConfig config, TrainingListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = listener;
    }

    /** The settings in use. */
    public TrainingConfig config() {
        return config;
    }

    /**
     * Fits a mixture of {@link TrainingConfig#numComponents()} components to the frames of
     * {@code data}.
     *
     * @throws IllegalArgumentException if there are no frames or dimensions, fewer frames than
     *                                  components, or a value is NaN or infinite
     * @throws GmmTrainingException     if training breaks down numerically (the message says how)
     */
    public TrainingResult fit(FeatureMatrix data) {
        Objects.requireNonNull(data, "data");
        int k = config.numComponents();
        if (data.cols() < 1) {
            throw new IllegalArgumentException("frames have no dimensions");
        }
        if (data.rows() < 1) {
            throw new IllegalArgumentException("no frames to train on");
        }
        if (data.rows() < k) {
            throw new IllegalArgumentException("cannot fit " + k + " components to " + data.rows()
                    + " frames; use at most " + data.rows() + " components or give more frames");
        }
        try (ChunkScheduler scheduler = new ChunkScheduler(config.run().threads())) {
            TrainingContext ctx = new TrainingContext(data, k, scheduler);
            GmmUpdater updater = new GmmUpdater(
                    config.update().toUpdateOptions(standardisedFloors(ctx.standardization), data.rows()));
            SplittableRandom seeds = new SplittableRandom(config.run().seed());
            TrainingResult best = null;
            for (int r = 0; r < config.init().nInit(); r++) {
                long runSeed = r == 0 ? config.run().seed() : seeds.nextLong();
                TrainingResult result = fitOnce(ctx, updater, r, runSeed);
                if (best == null || result.finalAverageLogLikelihood() > best.finalAverageLogLikelihood()) {
                    best = result;
                }
            }
            return best;
        }
    }

    /** Variance floors in standardised units. */
    private double[] standardisedFloors(Standardization st) {
        int d = st.dimension();
        double[] floors = new double[d];
        for (int j = 0; j < d; j++) {
            double var = st.variance[j];
            double s2 = st.scale[j] * st.scale[j];
            UpdateLimits limits = config.update();
            double f = Math.max(limits.relativeVarianceFloor() * var, limits.absoluteVarianceFloor()) / s2;
            floors[j] = Math.max(Double.isFinite(f) ? f : Double.MAX_VALUE, MIN_RELATIVE_VARIANCE);
        }
        return floors;
    }

    private TrainingResult fitOnce(TrainingContext ctx, GmmUpdater updater, int restart, long seed) {
        int[] counts = new int[2]; // floored, reseeded
        DiagonalGmm model = switch (config.init().initialization()) {
            case KMEANS_PLUS_PLUS -> kmeansInit(ctx, updater, seed, counts);
            case MIXUP -> mixupInit(ctx, updater, counts);
        };
        List<EmWorker> workers = ctx.workers;
        int k = ctx.comps;
        int maxIter = config.em().maxIterations();
        GmmStatistics stats = ctx.eStep(FloatModel.of(model), workers, maxIter > 0);
        double initial = averageLogLikelihood(ctx, stats, 0);
        double previous = initial;
        DiagonalGmm best = model;
        double bestLl = initial;
        int bestIteration = 0;
        // re-seeding bookkeeping: the best log-likelihood when each component was last re-seeded
        // (NaN: never), how many of its re-seeds brought no gain, and the components left to converge
        double[] bestAtReseed = new double[k];
        Arrays.fill(bestAtReseed, Double.NaN);
        int[] fruitless = new int[k];
        double bestAtLastEvent = Double.NaN;
        int fruitlessEvents = 0;
        boolean[] mayReseed = new boolean[k];
        boolean[] settled = new boolean[k];
        int leftToConverge = 0;
        double minGain = reseedGainThreshold();
        List<Double> history = new ArrayList<>();
        boolean converged = false;
        for (int it = 1; it <= maxIter; it++) {
            // a third re-seed without gain (of this component, or of any: the role of the starved
            // component can pass from one to another) would only repeat the first two
            boolean anyMay = fruitlessEvents + (noGainSinceReseed(bestAtLastEvent, bestLl, minGain) ? 1 : 0) < 2;
            for (int c = 0; c < k; c++) {
                mayReseed[c] = anyMay && fruitless[c] + (noGainSinceReseed(bestAtReseed[c], bestLl, minGain) ? 1 : 0) < 2;
            }
            UpdateResult update = updater.update(model, stats, mayReseed);
            model = update.model();
            for (int c : update.leftToConverge()) {
                settled[c] = true;
            }
            counts[0] += update.flooredVariances();
            counts[1] += update.reseededComponents();
            for (int c : update.reseeded()) {
                if (noGainSinceReseed(bestAtReseed[c], bestLl, minGain)) {
                    fruitless[c]++;
                }
                bestAtReseed[c] = bestLl;
            }
            if (update.reseededComponents() > 0) {
                if (noGainSinceReseed(bestAtLastEvent, bestLl, minGain)) {
                    fruitlessEvents++;
                }
                bestAtLastEvent = bestLl;
            }
            stats = ctx.eStep(FloatModel.of(model), workers, it < maxIter);
            double ll = averageLogLikelihood(ctx, stats, it);
            history.add(ll);
            if (ll > bestLl) {
                best = model;
                bestLl = ll;
                bestIteration = it;
            }
            double gain = ll - previous;
            previous = ll;
            if (listener != null) {
                listener.iterationCompleted(new TrainingProgress(restart, it, maxIter, ll, gain,
                        update.flooredVariances(), update.reseededComponents(),
                        ctx.standardization.toOriginal(model)));
            }
            double tolerance = config.em().tolerance();
            if (tolerance > 0 && Math.abs(gain) < tolerance && update.reseededComponents() == 0) {
                converged = true;
                break;
            }
        }
        for (boolean left : settled) {
            leftToConverge += left ? 1 : 0;
        }
        return new TrainingResult(ctx.standardization.toOriginal(best), history.size(), converged, history,
                counts[0], counts[1], initial, restart, config, bestIteration, leftToConverge);
    }

    /** Gain per frame that counts as progress after a re-seed: the tolerance, or 1e-4 if it is 0. */
    private double reseedGainThreshold() {
        return config.em().tolerance() > 0 ? config.em().tolerance() : 1e-4;
    }

    private static boolean noGainSinceReseed(double bestAtReseed, double bestNow, double minGain) {
        return !Double.isNaN(bestAtReseed) && !(bestNow > bestAtReseed + minGain);
    }

    private static double averageLogLikelihood(TrainingContext ctx, GmmStatistics stats, int iteration) {
        double avg = ctx.standardization.toOriginalLogLikelihood(stats.totalLogLikelihood / ctx.rows);
        if (!Double.isFinite(avg)) {
            throw new GmmTrainingException("the log-likelihood became " + avg + " at iteration " + iteration
                    + "; check the data for extreme outliers or raise the variance floors");
        }
        return avg;
    }

    private DiagonalGmm kmeansInit(TrainingContext ctx, GmmUpdater updater, long seed, int[] counts) {
        int k = ctx.comps;
        int d = ctx.dim;
        float[][] centres = new float[k][];
        InitOptions options = config.init();
        GmmStatistics stats = new KMeansInitializer(ctx, options)
                .run(seed, centres);
        double[] w = new double[k];
        Arrays.fill(w, 1.0 / k);
        double[][] mu = new double[k][d];
        double[][] var = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                mu[c][j] = centres[c][j];
                var[c][j] = 1.0;
            }
        }
        UpdateResult init = updater.update(new DiagonalGmm(w, mu, var), stats);
        counts[0] += init.flooredVariances();
        counts[1] += init.reseededComponents();
        return init.model();
    }

    private DiagonalGmm mixupInit(TrainingContext ctx, GmmUpdater updater, int[] counts) {
        int d = ctx.dim;
        double[][] mu = new double[1][d];
        double[][] var = new double[1][d];
        double[] floors = updater.options().varianceFloors();
        for (int j = 0; j < d; j++) {
            double v = ctx.standardization.variance[j] > 0 ? 1.0 : 0.0;
            var[0][j] = Math.max(v, floors[j]);
        }
        DiagonalGmm model = new DiagonalGmm(new double[] {1.0}, mu, var);
        while (model.numComponents() < ctx.comps) {
            int target = Math.min(2 * model.numComponents(), ctx.comps);
            model = GmmUpdater.split(model, target);
            List<EmWorker> ws = ctx.workersFor(target);
            for (int it = 0; it < config.init().mixupIterations(); it++) {
                GmmStatistics stats = ctx.eStep(FloatModel.of(model), ws, true);
                averageLogLikelihood(ctx, stats, 0);
                UpdateResult update = updater.update(model, stats);
                model = update.model();
                counts[0] += update.flooredVariances();
                counts[1] += update.reseededComponents();
            }
        }
        return model;
    }
}
