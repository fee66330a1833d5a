package org.cepstra.gmm;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Speed and quality check of GMM training (a measuring tool, not a test): fits a mixture to a
 * float32 {@code .npy} matrix, to Kaldi-style text matrices ("rows cols" then rows), or to seeded
 * synthetic data, and prints seconds per EM iteration (median, iterations after the first),
 * initialisation time, GFLOP/s (8·N·D·K per iteration), final log-likelihood and peak heap.
 *
 * <pre>
 * java -cp target/classes:target/test-classes org.cepstra.gmm.GmmSpeedCheck \
 *     --npy /tmp/synthetic_200000x39.npy -k 64 --iters 20 --threads 1
 * java ... GmmSpeedCheck --text a.txt b.txt -k 8 --iters 20
 * java -Xmx512m ... GmmSpeedCheck --synthetic 1000000 39 64 -k 64 --iters 3
 * </pre>
 */
public final class GmmSpeedCheck {
    private GmmSpeedCheck() {
    }

    /** Runs the check; see the class comment for the options. */
    public static void main(String[] args) throws IOException {
        FeatureMatrix data = null;
        int k = 64;
        int iters = 20;
        int threads = 1;
        long seed = 0;
        int repeats = 2;
        Initialization init = Initialization.KMEANS_PLUS_PLUS;
        int sampleSize = TrainingConfig.defaults(1).init().kmeansSampleSize();
        int kmeansIters = TrainingConfig.defaults(1).init().kmeansIterations();
        double relFloor = TrainingConfig.defaults(1).update().relativeVarianceFloor();
        double absFloor = TrainingConfig.defaults(1).update().absoluteVarianceFloor();
        double minOcc = TrainingConfig.defaults(1).update().minOccupancy();
        int nInit = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--npy" -> data = readNpy(Path.of(args[++i]));
                case "--text" -> {
                    List<FeatureMatrix> parts = new ArrayList<>();
                    while (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                        parts.add(readText(Path.of(args[++i])));
                    }
                    data = FeatureMatrix.stack(parts);
                }
                case "--synthetic" -> data = synthetic(Integer.parseInt(args[++i]), Integer.parseInt(args[++i]),
                        Integer.parseInt(args[++i]), 0);
                case "-k" -> k = Integer.parseInt(args[++i]);
                case "--iters" -> iters = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--mixup" -> init = Initialization.MIXUP;
                case "--sample" -> sampleSize = Integer.parseInt(args[++i]);
                case "--kmeans-iters" -> kmeansIters = Integer.parseInt(args[++i]);
                case "--rel-floor" -> relFloor = Double.parseDouble(args[++i]);
                case "--abs-floor" -> absFloor = Double.parseDouble(args[++i]);
                case "--min-occupancy" -> minOcc = Double.parseDouble(args[++i]);
                case "--n-init" -> nInit = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("give --npy, --text or --synthetic");
        }
        System.out.printf(Locale.ROOT, "data: %d x %d, K=%d, iters=%d, threads=%d, init=%s, floors rel %g abs %g, "
                + "min occupancy %g, restarts %d%n", data.rows(), data.cols(), k, iters, threads, init, relFloor, absFloor,
                minOcc, nInit);
        TrainingConfig config = TrainingConfig.defaults(k).withMaxIterations(iters).withTolerance(0)
                .withThreads(threads).withSeed(seed).withInitialization(init).withKmeansSampleSize(sampleSize)
                .withKmeansIterations(kmeansIters).withRelativeVarianceFloor(relFloor).withAbsoluteVarianceFloor(absFloor)
                .withMinOccupancy(minOcc).withNInit(nInit);
        double flop = 8.0 * data.rows() * data.cols() * k;
        for (int r = 0; r < repeats; r++) {
            resetPeaks();
            List<Long> stamps = new ArrayList<>();
            List<Long> cpuStamps = new ArrayList<>();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            TrainingResult result = new GmmTrainer(config, p -> {
                stamps.add(System.nanoTime());
                cpuStamps.add(os.getProcessCpuTime());
            }).fit(data);
            long t1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            double[] cpuPer = new double[Math.max(cpuStamps.size() - 1, 0)];
            for (int i = 1; i < cpuStamps.size(); i++) {
                cpuPer[i - 1] = (cpuStamps.get(i) - cpuStamps.get(i - 1)) * 1e-9;
            }
            double[] per = new double[Math.max(stamps.size() - 1, 0)];
            for (int i = 1; i < stamps.size(); i++) {
                per[i - 1] = (stamps.get(i) - stamps.get(i - 1)) * 1e-9;
            }
            double median = median(per);
            double total = (t1 - t0) * 1e-9;
            double firstCallback = stamps.isEmpty() ? total : (stamps.get(0) - t0) * 1e-9;
            // before the first callback: initialisation, the E-step of the initial model, iteration 1
            double initSeconds = firstCallback - 2 * median;
            long peak = heapPeak();
            System.out.printf(Locale.ROOT, "run %d: fit %.3f s, median EM iteration %.4f s (%.1f GFLOP/s), "
                            + "init+first E-step ~%.3f s, peak heap %.1f MB%n", r + 1, total, median,
                    flop / median * 1e-9, initSeconds + median, peak / 1e6);
            System.out.printf(Locale.ROOT, "       process CPU: fit %.3f s, median per EM iteration %.4f s%n",
                    (c1 - c0) * 1e-9, median(cpuPer));
            System.out.printf(Locale.ROOT, "       init avg LL %.6f, final avg LL (training pass) %.6f, "
                            + "iterations %d, floored %d, reseeded %d%n",
                    result.initialAverageLogLikelihood(), result.finalAverageLogLikelihood(), result.iterations(),
                    result.flooredVariances(), result.reseededComponents());
            if (r == repeats - 1) {
                long s0 = System.nanoTime();
                double exact = result.model().averageLogLikelihood(data);
                double scoreSeconds = (System.nanoTime() - s0) * 1e-9;
                System.out.printf(Locale.ROOT, "       final avg LL (double-precision scoring) %.6f, "
                                + "scoring %.3f s (%.0f frames/s), BIC %.1f, AIC %.1f%n", exact, scoreSeconds,
                        data.rows() / scoreSeconds, result.model().bic(data), result.model().aic(data));
                System.out.println("       per-iteration seconds: " + Arrays.toString(round(per)));
            }
        }
    }

    private static double[] round(double[] a) {
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = Math.round(a[i] * 1e4) / 1e4;
        }
        return o;
    }

    private static double median(double[] a) {
        if (a.length == 0) {
            return Double.NaN;
        }
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Seeded draw from a random diagonal mixture, like the peer script's --synthetic. */
    static FeatureMatrix synthetic(int n, int d, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] mu = new double[k][d];
        double[][] sd = new double[k][d];
        double[] w = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                mu[c][j] = 3 * rnd.nextGaussian();
                sd[c][j] = 0.5 + rnd.nextDouble();
            }
            w[c] = -Math.log(rnd.nextDouble()) - Math.log(rnd.nextDouble()); // Gamma(2): Dirichlet(2)
            sum += w[c];
        }
        double[] cum = new double[k];
        double acc = 0;
        for (int c = 0; c < k; c++) {
            acc += w[c] / sum;
            cum[c] = acc;
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            int c = Arrays.binarySearch(cum, rnd.nextDouble());
            c = Math.min(c >= 0 ? c : -c - 1, k - 1);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (mu[c][j] + sd[c][j] * rnd.nextGaussian());
            }
        }
        return FeatureMatrix.wrap(n, d, x);
    }

    /** Reads a 2-D little-endian float32 C-order {@code .npy} file. */
    static FeatureMatrix readNpy(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || bytes[1] != 'N') {
            throw new IOException(path + ": not an .npy file");
        }
        int major = bytes[6];
        int headerLen;
        int headerStart;
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            headerStart = 10;
        } else {
            headerLen = bb.getInt(8);
            headerStart = 12;
        }
        String header = new String(bytes, headerStart, headerLen, StandardCharsets.ISO_8859_1);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
            throw new IOException(path + ": expected little-endian float32 C-order, header " + header.trim());
        }
        Matcher m = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)").matcher(header);
        if (!m.find()) {
            throw new IOException(path + ": expected a 2-D shape, header " + header.trim());
        }
        int rows = Integer.parseInt(m.group(1));
        int cols = Integer.parseInt(m.group(2));
        int offset = headerStart + headerLen;
        if (bytes.length - offset != 4L * rows * cols) {
            throw new IOException(path + ": " + (bytes.length - offset) + " data bytes, shape needs " + 4L * rows * cols);
        }
        float[] data = new float[rows * cols];
        bb.position(offset);
        bb.asFloatBuffer().get(data);
        return FeatureMatrix.wrap(rows, cols, data);
    }

    /** Reads a text matrix: first line "rows cols", then one frame per line. */
    static FeatureMatrix readText(Path path) throws IOException {
        List<String> lines = Files.readAllLines(path);
        String[] head = lines.get(0).trim().split("\\s+");
        int rows = Integer.parseInt(head[0]);
        int cols = Integer.parseInt(head[1]);
        float[] data = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            String[] f = lines.get(r + 1).trim().split("\\s+");
            if (f.length != cols) {
                throw new IOException(path + ": line " + (r + 2) + " has " + f.length + " values, expected " + cols);
            }
            for (int c = 0; c < cols; c++) {
                data[r * cols + c] = Float.parseFloat(f[c]);
            }
        }
        return FeatureMatrix.wrap(rows, cols, data);
    }
}
