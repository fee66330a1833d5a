package org.cepstra.io.model;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.cepstra.audio.ChannelSelection;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FrameExtractionOptions;
import org.cepstra.features.MelBanksOptions;
import org.cepstra.features.MfccOptions;
import org.cepstra.features.MfccSettings;
import org.cepstra.features.VadOptions;
import org.cepstra.features.WindowType;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.EmOptions;
import org.cepstra.gmm.InitOptions;
import org.cepstra.gmm.Initialization;
import org.cepstra.gmm.RunOptions;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.gmm.UpdateLimits;
import org.cepstra.io.npy.Npy;
import org.cepstra.models.LabelSummary;
import org.cepstra.models.ModelSet;

/** Model sets, configurations and zip helpers shared by the model-file tests. */
final class ModelFileFixtures {
    private ModelFileFixtures() {
    }

    /** A feature configuration in which every field differs from Kaldi's defaults (22 dimensions). */
    static FeatureConfig unusualFeatureConfig() {
        FrameExtractionOptions frame = new FrameExtractionOptions(20.5, 7.25, 0.5, 12_345_678_901L, 0.9, false,
                WindowType.HAMMING, false, 0.41, false);
        MelBanksOptions mel = new MelBanksOptions(17, 64.0, -200.0, 150.0, -400.0, 1.05, true, false);
        MfccOptions mfcc = new MfccOptions(11, false, 0.003, false, 19.5, true, true);
        return new FeatureConfig(ChannelSelection.channel(1), 22_050, new MfccSettings(frame, mel, mfcc),
                CmvnOptions.sliding(300, 50, true, true), CmvnPlacement.AFTER_DELTAS, new DeltaOptions(1, 3), true,
                new VadOptions(4.25f, 0.3f, 2, 0.55f));
    }

    /** A training configuration in which every field differs from the defaults. */
    static TrainingConfig unusualTrainingConfig() {
        return new TrainingConfig(6, new EmOptions(37, 2.5e-4), new RunOptions(Long.MIN_VALUE + 7, 3),
                new InitOptions(Initialization.MIXUP, 4, 1000, 2, 3, 3), new UpdateLimits(0.02, 1e-8, 5.5, 1e-4));
    }

    /** A feature configuration making 2-dimensional frames (2 cepstra, no deltas). */
    static FeatureConfig tinyFeatureConfig() {
        FeatureConfig k = FeatureConfig.kaldiDefaults();
        return k.withMfcc(new MfccSettings(k.mfcc().frame(), k.mfcc().mel().withNumBins(3),
                k.mfcc().mfcc().withNumCeps(2)));
    }

    /** A mixture with random weights (normalised by the constructor), means and variances. */
    static DiagonalGmm randomGmm(Random r, int k, int d) {
        double[] w = new double[k];
        double[][] mu = new double[k][d];
        double[][] var = new double[k][d];
        for (int c = 0; c < k; c++) {
            w[c] = r.nextInt(8) == 0 ? 1e-4 * r.nextDouble() + 1e-9 : r.nextDouble() + 1e-3;
            for (int j = 0; j < d; j++) {
                mu[c][j] = 10 * r.nextGaussian();
                var[c][j] = Math.exp(2 * r.nextGaussian());
            }
        }
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        for (int c = 0; c < k; c++) {
            w[c] /= sum;
        }
        return new DiagonalGmm(w, mu, var);
    }

    /**
     * A set of {@code labels} random models (K between 1 and {@code maxK}) over {@code features}, with a
     * summary for every other label.
     */
    static ModelSet randomSet(long seed, int labels, int maxK, FeatureConfig features, TrainingConfig training) {
        Random r = new Random(seed);
        SortedMap<String, DiagonalGmm> models = new TreeMap<>();
        for (int i = 0; i < labels; i++) {
            models.put(String.format("label-%03d", i), randomGmm(r, 1 + r.nextInt(maxK), features.dimension()));
        }
        List<LabelSummary> summaries = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, DiagonalGmm> e : models.entrySet()) {
            if (i++ % 2 == 0) {
                summaries.add(new LabelSummary(e.getKey(), 1 + r.nextInt(100), r.nextInt(1_000_000) + 5_000_000_000L,
                        e.getValue().numComponents(), r.nextInt(200), r.nextBoolean(), -40 * r.nextDouble() - 1e-3,
                        r.nextInt(5), r.nextInt(3)));
            }
        }
        return new ModelSet(models, features, training, summaries, r.nextInt(4));
    }

    /** A small set: two labels over 2-dimensional frames, one with a summary. */
    static ModelSet smallSet() {
        SortedMap<String, DiagonalGmm> models = new TreeMap<>();
        models.put("no", new DiagonalGmm(new double[] {0.25, 0.75}, new double[][] {{1.5, -2.0}, {0.125, 3.0}},
                new double[][] {{0.5, 2.0}, {1.0, 0.25}}));
        models.put("yes", new DiagonalGmm(new double[] {1.0}, new double[][] {{-1.0, 0.5}},
                new double[][] {{4.0, 0.0625}}));
        List<LabelSummary> summaries = List.of(new LabelSummary("no", 12, 3456, 2, 17, true, -3.25, 1, 0));
        return new ModelSet(models, tinyFeatureConfig(), TrainingConfig.defaults(2).withKmeansIterations(10).withMinOccupancy(10) /* as stored in small-v1.npz */, summaries, 1);
    }

    /** The entries of a zip file, in archive order: name → uncompressed bytes. */
    static Map<String, byte[]> entries(Path zipFile) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zipFile.toFile())) {
            Enumeration<? extends ZipEntry> en = z.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                try (InputStream in = z.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    /** Writes a DEFLATED zip holding {@code entries} (name → bytes, in map order). */
    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return file;
    }

    /** A .npy float64 array of the given shape. */
    static byte[] npy(long[] shape, double... values) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeFloat64(out, shape, values);
        return out.toByteArray();
    }

    /** Writes {@code set}, edits its parsed header, re-zips, reads, and returns the read error. */
    static ModelFileException headerError(Path tmp, ModelSet set, Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit)
            throws IOException {
        Path f = tmp.resolve("valid.npz");
        ModelSetFile.write(f, set, Instant.EPOCH);
        Map<String, byte[]> entries = new LinkedHashMap<>(entries(f));
        ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        ObjectNode header =
                (ObjectNode) json.readTree(entries.get("header.json"));
        edit.accept(header);
        entries.put("header.json", json.writeValueAsBytes(header));
        Path edited = zip(tmp.resolve("edited.npz"), entries);
        return assertThrows(ModelFileException.class, () -> ModelSetFile.read(edited));
    }
}
