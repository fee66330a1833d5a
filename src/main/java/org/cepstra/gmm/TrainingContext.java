package org.cepstra.gmm;

import java.util.ArrayList;
import java.util.List;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Everything one {@link GmmTrainer#fit} call shares between initialisation and EM: the data, its
 * standardisation, the chunk scheduler and one {@link EmWorker} per thread.
 */
final class TrainingContext {
    final FeatureMatrix data;
    final int rows;
    final int dim;
    final int comps;
    final int block;
    final ChunkScheduler scheduler;
    final List<EmWorker> workers;
    final Standardization standardization;
    /** The standardised frames in the workers' layout, made at the first E-step if small enough; else null. */
    private EmWorker.Resident resident;
    private boolean residentTried;
    /**
     * Fits whose frames take at most this many bytes in the workers' layout (about 30,000 frames of 40 dimensions,
     * 10,000 of 120) keep them so from one E-step to the next: per fit, so labels trained in parallel hold up to this
     * much each (and k-means as much again for its sample's statistics rows).
     */
    static final long RESIDENT_MAX_BYTES = 16L << 20;
    private final long residentMaxBytes;

    TrainingContext(FeatureMatrix data, int comps, ChunkScheduler scheduler) {
        this(data, comps, scheduler, RESIDENT_MAX_BYTES);
    }

    /** A context that keeps the frames resident when they take at most {@code residentMaxBytes}. */
    TrainingContext(FeatureMatrix data, int comps, ChunkScheduler scheduler, long residentMaxBytes) {
        this.residentMaxBytes = residentMaxBytes;
        this.data = data;
        this.rows = data.rows();
        this.dim = data.cols();
        this.comps = comps;
        this.block = EmWorker.blockSize(comps);
        this.scheduler = scheduler;
        this.workers = new ArrayList<>(scheduler.threads());
        for (int t = 0; t < scheduler.threads(); t++) {
            workers.add(new EmWorker(dim, comps, block));
        }
        this.standardization = globalStatistics();
    }

    /** Workers for a different number of components (k-means++ candidates, mixing up). */
    List<EmWorker> workersFor(int k) {
        if (k == comps) {
            return workers;
        }
        List<EmWorker> out = new ArrayList<>(scheduler.threads());
        for (int t = 0; t < scheduler.threads(); t++) {
            out.add(new EmWorker(dim, k, EmWorker.blockSize(k)));
        }
        return out;
    }

    /** Two passes in chunk order: mean, then (biased) variance of every dimension; rejects NaN/∞. */
    private Standardization globalStatistics() {
        double[] sum = new double[dim];
        scheduler.run(workers, rows, ChunkScheduler.CHUNK_ROWS, (w, first, count) -> {
            double[] s = new double[dim];
            for (int b = 0; b < count; b += w.block) {
                int n = Math.min(w.block, count - b);
                w.loadRaw(data, first + b, n);
                float[] r = w.rows();
                for (int i = 0; i < n; i++) {
                    int o = i * dim;
                    for (int j = 0; j < dim; j++) {
                        float v = r[o + j];
                        if (!Float.isFinite(v)) {
                            throw new IllegalArgumentException("frame " + (first + b + i) + ", dimension " + j
                                    + " is " + v + "; training data must be finite");
                        }
                        s[j] += v;
                    }
                }
            }
            return s;
        }, s -> addTo(sum, s));
        double[] mean = new double[dim];
        for (int j = 0; j < dim; j++) {
            mean[j] = sum[j] / rows;
        }
        double[] meanAsFloat = new double[dim]; // the mean training subtracts, in float arithmetic
        for (int j = 0; j < dim; j++) {
            meanAsFloat[j] = (float) mean[j];
        }
        double[] sq = new double[dim];
        scheduler.run(workers, rows, ChunkScheduler.CHUNK_ROWS, (w, first, count) -> {
            double[] s = new double[dim];
            for (int b = 0; b < count; b += w.block) {
                int n = Math.min(w.block, count - b);
                w.loadRaw(data, first + b, n);
                float[] r = w.rows();
                for (int i = 0; i < n; i++) {
                    int o = i * dim;
                    for (int j = 0; j < dim; j++) {
                        double t = r[o + j] - mean[j];
                        if (Float.isInfinite((float) (r[o + j] - meanAsFloat[j]))) {
                            throw new IllegalArgumentException("frame " + (first + b + i) + ", dimension " + j
                                    + " is " + r[o + j] + ", too far from the dimension's mean (" + (float) mean[j]
                                    + ") for the single-precision arithmetic of training; scale the data down");
                        }
                        s[j] += t * t;
                    }
                }
            }
            return s;
        }, s -> addTo(sq, s));
        double[] var = new double[dim];
        for (int j = 0; j < dim; j++) {
            var[j] = sq[j] / rows;
        }
        return new Standardization(mean, var);
    }

    private static void addTo(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
    }

    /**
     * One E-step over all frames under a standardised model: total log-likelihood (standardised
     * units) and, if {@code accumulate}, the statistics for the next M-step.
     */
    GmmStatistics eStep(FloatModel model, List<EmWorker> ws, boolean accumulate) {
        int k = model.numComponents;
        GmmStatistics total = new GmmStatistics(k, dim);
        if (!residentTried) {
            residentTried = true;
            if (EmWorker.Resident.bytes(dim, rows) <= residentMaxBytes) {
                resident = EmWorker.Resident.of(data, standardization, ws.get(0));
            }
        }
        EmWorker.Resident frames = resident;
        scheduler.run(ws, rows, ChunkScheduler.CHUNK_ROWS, (w, first, count) -> {
            GmmStatistics s = new GmmStatistics(k, dim);
            for (int b = 0; b < count; b += w.block) {
                int n = Math.min(w.block, count - b);
                if (frames != null) {
                    w.load(frames, first + b, n);
                } else {
                    w.load(data, first + b, n, standardization);
                }
                w.scores(model, n);
                s.totalLogLikelihood += w.logSumExp(n);
                if (accumulate) {
                    w.accumulate(n, s);
                }
            }
            s.frameCount = count;
            return s;
        }, total::add);
        return total;
    }
}
