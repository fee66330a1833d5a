package org.cepstra.features;

import java.util.Arrays;
import java.util.Objects;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Cepstral mean and variance statistics of a set of frames: the frame count and, per dimension, the
 * sum and the sum of squares, as the rows of Kaldi's {@code compute-cmvn-stats} matrix. Sums are
 * doubles; each square is taken in single precision, as Kaldi's accumulator does. Statistics of
 * several utterances add up with {@link #plus}, so one speaker's statistics are the sum over their
 * utterances. Immutable.
 */
public final class CmvnStatistics {
    private final double count;
    private final double[] sum;
    private final double[] sumOfSquares;

    /**
     * @param count        number of frames (≥ 0)
     * @param sum          per dimension, the sum of the values
     * @param sumOfSquares per dimension, the sum of the squared values
     */
    public CmvnStatistics(double count, double[] sum, double[] sumOfSquares) {
        Objects.requireNonNull(sum, "sum");
        Objects.requireNonNull(sumOfSquares, "sumOfSquares");
        if (!(count >= 0) || Double.isInfinite(count)) {
            throw new IllegalArgumentException("frame count must be finite and >= 0, got " + count);
        }
        if (sum.length != sumOfSquares.length) {
            throw new IllegalArgumentException("sum has " + sum.length + " dimensions, sum of squares "
                    + sumOfSquares.length);
        }
        this.count = count;
        this.sum = sum.clone();
        this.sumOfSquares = sumOfSquares.clone();
    }

    /** No frames yet, in {@code dimension} dimensions. */
    public static CmvnStatistics empty(int dimension) {
        if (dimension < 0) {
            throw new IllegalArgumentException("dimension must be >= 0, got " + dimension);
        }
        return new CmvnStatistics(0, new double[dimension], new double[dimension]);
    }

    /** The statistics of every frame of {@code frames}. */
    public static CmvnStatistics of(FeatureMatrix frames) {
        Objects.requireNonNull(frames, "frames");
        int rows = frames.rows();
        int dims = frames.cols();
        double[] sum = new double[dims];
        double[] sumSq = new double[dims];
        int block = Math.max(1, Math.min(rows, 4096 / Math.max(1, dims)));
        float[] x = new float[block * dims]; // a block at a time: no copy of a long recording's frames
        for (int first = 0; first < rows; first += block) {
            int n = Math.min(block, rows - first);
            frames.copyRows(first, n, x, 0);
            for (int t = 0; t < n; t++) {
                int base = t * dims;
                for (int d = 0; d < dims; d++) {
                    float v = x[base + d];
                    sum[d] += v;
                    sumSq[d] += v * v; // single-precision square, as Kaldi's accumulator
                }
            }
        }
        return new CmvnStatistics(rows, sum, sumSq);
    }

    /** The statistics of both sets of frames together. */
    public CmvnStatistics plus(CmvnStatistics other) {
        Objects.requireNonNull(other, "other");
        if (other.dimension() != dimension()) {
            throw new IllegalArgumentException("cannot add CMVN statistics of dimension " + other.dimension()
                    + " to dimension " + dimension());
        }
        double[] s = sum.clone();
        double[] q = sumOfSquares.clone();
        for (int d = 0; d < s.length; d++) {
            s[d] += other.sum[d];
            q[d] += other.sumOfSquares[d];
        }
        return new CmvnStatistics(count + other.count, s, q);
    }

    /**
     * These statistics scaled to stand for {@code frames} frames: every sum multiplied by
     * {@code frames / count()} (the mean and variance stay as they are).
     *
     * @throws IllegalArgumentException if these statistics count no frames, or {@code frames} is negative
     */
    public CmvnStatistics scaledToCount(double frames) {
        if (!(count > 0)) {
            throw new IllegalArgumentException("cannot scale CMVN statistics that count no frames");
        }
        if (!(frames >= 0) || Double.isInfinite(frames)) {
            throw new IllegalArgumentException("frame count must be finite and >= 0, got " + frames);
        }
        double factor = frames / count;
        double[] s = sum.clone();
        double[] q = sumOfSquares.clone();
        for (int d = 0; d < s.length; d++) {
            s[d] *= factor;
            q[d] *= factor;
        }
        return new CmvnStatistics(frames, s, q);
    }

    /** Number of frames counted. */
    public double count() {
        return count;
    }

    /** Number of dimensions. */
    public int dimension() {
        return sum.length;
    }

    /** Sum of dimension {@code d} over the frames. */
    public double sum(int d) {
        return sum[d];
    }

    /** Sum of squares of dimension {@code d} over the frames. */
    public double sumOfSquares(int d) {
        return sumOfSquares[d];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CmvnStatistics s && s.count == count && Arrays.equals(s.sum, sum)
                && Arrays.equals(s.sumOfSquares, sumOfSquares);
    }

    @Override
    public int hashCode() {
        return Objects.hash(count, Arrays.hashCode(sum), Arrays.hashCode(sumOfSquares));
    }

    @Override
    public String toString() {
        return "CmvnStatistics[" + (long) count + " frames, " + dimension() + " dimensions]";
    }
}
