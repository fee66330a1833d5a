package org.cepstra.gmm;

import java.util.Locale;
import java.util.Objects;
import org.cepstra.base.OptionTable;
import org.cepstra.base.OptionType;

/**
 * How EM starts, part of a {@link TrainingConfig}.
 *
 * @param initialization   k-means++ then k-means, or mixing up (default {@link Initialization#KMEANS_PLUS_PLUS})
 * @param kmeansIterations most Lloyd iterations of the k-means initialisation (default 100; stops earlier
 *                         once the centres move by less than 1e-4 in total, squared, in units of the global
 *                         standard deviations, scikit-learn's rule)
 * @param kmeansSampleSize frames sampled (without replacement, seeded) for k-means++ and Lloyd; all frames
 *                         if fewer (default 65,536; uses 4·D bytes per frame)
 * @param nInit            independent restarts (different seeds derived from the seed); the one with the
 *                         highest final log-likelihood wins (default 1)
 * @param mixupIterations  EM iterations after each doubling in {@link Initialization#MIXUP} (default 4)
 * @param kmeansCandidateFactor k-means++ draws this many times scikit-learn's 2 + ⌊ln K⌋ candidates for each
 *                         centre after the first and keeps the one that lowers the potential most (default 8:
 *                         in many dimensions small clusters are found only with many draws; 1 is
 *                         scikit-learn's {@code n_local_trials})
 */
public record InitOptions(Initialization initialization, int kmeansIterations, int kmeansSampleSize, int nInit,
                          int mixupIterations, int kmeansCandidateFactor) {

    /** The default {@link #kmeansCandidateFactor}. */
    public static final int DEFAULT_CANDIDATE_FACTOR = 8;

    /** The largest {@link #kmeansCandidateFactor}: 1,000 times scikit-learn's candidates. */
    public static final int MAX_CANDIDATE_FACTOR = 1000;

    /**
     * The defaults: k-means++ with 8 times scikit-learn's candidates, 100 Lloyd iterations on 65,536 frames, one
     * start, 4 mix-up iterations.
     */
    public static final InitOptions DEFAULTS = new InitOptions(Initialization.KMEANS_PLUS_PLUS, 100, 65_536, 1, 4,
            DEFAULT_CANDIDATE_FACTOR);

    /** The options of this record; {@code kmeansSampleFrames} in model files. */
    public static final OptionTable<InitOptions> OPTIONS = OptionTable.of(DEFAULTS)
            .add("init", "initialization", OptionType.choice(Initialization.class, "kmeans++|mixup",
                            InitOptions::initializationNamed, InitOptions::nameOf),
                    "k-means++ seeding then k-means, or mixing-up by splitting",
                    InitOptions::initialization, InitOptions::withInitialization)
            .add("kmeans-iterations", "kmeansIterations", OptionType.integer("N"),
                    "most Lloyd iterations of the k-means initialisation",
                    InitOptions::kmeansIterations, InitOptions::withKmeansIterations)
            .add("kmeans-sample-size", "kmeansSampleFrames", OptionType.integer("FRAMES"),
                    "frames sampled for k-means++ and k-means",
                    InitOptions::kmeansSampleSize, InitOptions::withKmeansSampleSize)
            .add("n-init", "nInit", OptionType.integer("N"),
                    "restarts, keeping the best; each is a complete fit",
                    InitOptions::nInit, InitOptions::withNInit)
            .add("mixup-iterations", "mixupIterations", OptionType.integer("N"),
                    "EM iterations after each doubling with --init mixup",
                    InitOptions::mixupIterations, InitOptions::withMixupIterations)
            .add("kmeans-candidate-factor", "kmeansCandidateFactor", OptionType.integer("F"),
                    "k-means++ candidates per centre, as a multiple of scikit-learn's 2 + ln K",
                    InitOptions::kmeansCandidateFactor, InitOptions::withKmeansCandidateFactor)
            .build();

    /** Validates every field. */
    public InitOptions {
        Objects.requireNonNull(initialization, "initialization");
        if (kmeansIterations < 0) {
            throw new IllegalArgumentException("kmeansIterations must be >= 0, got " + kmeansIterations);
        }
        if (kmeansSampleSize < 1) {
            throw new IllegalArgumentException("kmeansSampleSize must be >= 1, got " + kmeansSampleSize);
        }
        if (nInit < 1) {
            throw new IllegalArgumentException("nInit must be >= 1, got " + nInit);
        }
        if (mixupIterations < 0) {
            throw new IllegalArgumentException("mixupIterations must be >= 0, got " + mixupIterations);
        }
        if (kmeansCandidateFactor < 1 || kmeansCandidateFactor > MAX_CANDIDATE_FACTOR) {
            throw new IllegalArgumentException("kmeansCandidateFactor must be from 1 to " + MAX_CANDIDATE_FACTOR
                    + ", got " + kmeansCandidateFactor);
        }
    }

    /** k-means++ candidates per centre for K components: {@code kmeansCandidateFactor × (2 + ⌊ln K⌋)}. */
    public int kmeansCandidates(int k) {
        return kmeansCandidateFactor * (2 + (int) Math.log(k));
    }

    /**
     * The initialisation named {@code name}: {@code kmeans++} (also {@code kmeans}, {@code k-means++},
     * {@code k-means}) or {@code mixup} ({@code mix-up}), in any case.
     *
     * @throws IllegalArgumentException naming the two choices
     */
    public static Initialization initializationNamed(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "kmeans++", "kmeans", "k-means++", "k-means" -> Initialization.KMEANS_PLUS_PLUS;
            case "mixup", "mix-up" -> Initialization.MIXUP;
            default -> throw new IllegalArgumentException("must be kmeans++ or mixup, got '" + name + "'");
        };
    }

    private static String nameOf(Initialization i) {
        return i == Initialization.MIXUP ? "mixup" : "kmeans++";
    }

    /** A copy with another initialisation. */
    public InitOptions withInitialization(Initialization v) {
        return new InitOptions(v, kmeansIterations, kmeansSampleSize, nInit, mixupIterations, kmeansCandidateFactor);
    }

    /** A copy with another Lloyd iteration limit. */
    public InitOptions withKmeansIterations(int v) {
        return new InitOptions(initialization, v, kmeansSampleSize, nInit, mixupIterations, kmeansCandidateFactor);
    }

    /** A copy with another k-means subsample size (frames). */
    public InitOptions withKmeansSampleSize(int v) {
        return new InitOptions(initialization, kmeansIterations, v, nInit, mixupIterations, kmeansCandidateFactor);
    }

    /** A copy with another number of restarts. */
    public InitOptions withNInit(int v) {
        return new InitOptions(initialization, kmeansIterations, kmeansSampleSize, v, mixupIterations,
                kmeansCandidateFactor);
    }

    /** A copy with another number of EM iterations per mixing-up step. */
    public InitOptions withMixupIterations(int v) {
        return new InitOptions(initialization, kmeansIterations, kmeansSampleSize, nInit, v, kmeansCandidateFactor);
    }

    /** A copy with another k-means++ candidate factor. */
    public InitOptions withKmeansCandidateFactor(int v) {
        return new InitOptions(initialization, kmeansIterations, kmeansSampleSize, nInit, mixupIterations, v);
    }
}
