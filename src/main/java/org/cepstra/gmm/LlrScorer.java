package org.cepstra.gmm;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.cepstra.matrix.FeatureMatrix;

/**
 * GMM-UBM verification scores: the average per-frame log-likelihood ratio
 * {@code (1/N) Σ_t [log p(x_t | speaker) − log p(x_t | UBM)]} (nats per frame) of N frames against
 * speaker models MAP-adapted from one UBM ({@link MapAdapter}), for any number of claimed speakers in one
 * pass over the frames.
 *
 * <p><b>Top-C scoring</b> (Reynolds, Quatieri and Dunn 2000, §3.3; {@link LlrOptions#topComponents()} = C):
 * each frame is scored against all K UBM components ({@link GmmScorer}'s block kernel, one block of
 * frames at a time); the C components with the highest weighted log-density
 * {@code log(w_k N(x_t | k))} are kept (ties go to the lower index), and both the UBM and every speaker
 * model are scored on those C components only: {@code log p(x_t | λ) ≈ log Σ_{k ∈ top_C(t)} w^λ_k N(x_t | λ_k)}.
 * A speaker then costs C instead of K component evaluations per frame. Since adapted components stay close
 * to their UBM components, the components outside the top C contribute almost nothing to either model.
 * <b>Gaussian selection</b> ({@link LlrOptions#clusters()} = P &gt; 0, {@link LlrOptions#clustersSearched()} = B):
 * finding the top C no longer costs K component evaluations per frame. The UBM's components are grouped once
 * into P clusters, each with a moment-matched parent Gaussian (weighted k-means on the means,
 * {@code ComponentClusters}); a frame is scored against the P parents (block kernel), and its top C are
 * looked for only among the members of its B best clusters (more clusters are taken if those hold fewer than
 * C components), ordered by distance then component index as without selection. The cost per frame is about
 * {@code P + B·K/P} evaluations instead of K. A component of the true top C outside the searched clusters is
 * missed, and the frame is scored on the best C found instead; with B = P the scores are those of top-C
 * without selection, bit for bit.
 * <b>Exact scoring</b> ({@link LlrOptions#allComponents()}) scores both models on all K components; top-C with
 * C ≥ K gives the same values bit for bit.
 *
 * <p>Batch: {@link #averageLlrs(FeatureMatrix, List)}, one UBM pass serving every claimed speaker.
 * Streaming: {@link #start(List)}, then {@link #accept} frames or chunks as they arrive, reading
 * {@link #llrSum(int)} or {@link #averageLlr(int)} at any time; every frame's ratio is computed the same
 * way whatever the chunking and added to a running sum in frame order, so the streaming sum at the end
 * equals the batch sum bit for bit. The scratch space (the UBM scorer's block buffers, K doubles per
 * frame of a block, selection tables of C values per frame of a block, and with Gaussian selection P values per
 * frame of a block) belongs to the scorer: nothing is allocated per frame or per block, and no N × K array is
 * ever held.
 *
 * <p>Speaker models are passed as {@link GmmScorer}s, built once per model: only their immutable scoring
 * terms are read, never their buffers, so one speaker's scorer may serve any number of threads. The
 * models must have the UBM's K and D; that they were adapted from this UBM is the caller's contract
 * (top-C scoring of unrelated models gives meaningless scores).
 *
 * <p><b>Not thread-safe</b>: one {@code LlrScorer} per thread; {@link #withOwnBuffers()} gives another
 * thread its own over the same UBM terms.
 */
public final class LlrScorer {
    private static final int BLOCK = GmmScorer.BLOCK;

    private final GmmScorer ubm;
    private final GmmScorer.Terms ubmTerms;
    private final LlrOptions options;
    private final int k;
    private final int d;
    /** Components scored per frame in top-C mode: min(C, K). */
    private final int top;
    // top-C tables, [m][i] for the m-th selected component (ascending index) of frame i
    private final int[][] selected;
    private final double[][] ubmTop;
    private final double[][] speakerTop;
    // selection in progress, [i·top + m], best first
    private final int[] bestIndex;
    private final double[] bestValue;
    private final double[] worst = new double[BLOCK];
    // per-frame buffers
    private final double[] ubmLogLik = new double[BLOCK];
    private final double[] speakerLogLik = new double[BLOCK];
    private final double[] best = new double[BLOCK];
    private final double[] total = new double[BLOCK];
    private final double[] scratch = new double[BLOCK];
    // Gaussian selection (null / unused without it)
    private final ComponentClusters clusters;
    private final int searched;
    private final double[][] parentDistance;
    private final double[] parentOrderValue;
    private final int[] parentOrder;
    private final int[] chosen;
    private final int[] chosenCount;
    private final double[] memberDistance;
    private final int[] filled;
    // the running scores
    private GmmScorer.Terms[] speakers;
    private double[] llrSums;
    private long frames;

    /** A scorer against {@code ubm} with the given options; computes the UBM's scoring terms. */
    public LlrScorer(DiagonalGmm ubm, LlrOptions options) {
        this(new GmmScorer(Objects.requireNonNull(ubm, "ubm")), options, Objects.requireNonNull(options, "options")
                .selects() ? ComponentClusters.of(ubm, options.clusters()) : null);
    }

    private LlrScorer(GmmScorer ubm, LlrOptions options, ComponentClusters clusters) {
        this.ubm = ubm;
        this.ubmTerms = ubm.terms();
        this.options = Objects.requireNonNull(options, "options");
        this.k = ubm.model().numComponents();
        this.d = ubm.model().dimension();
        this.top = options.exact() ? 0 : Math.min(options.topComponents(), k);
        this.selected = new int[top][BLOCK];
        this.ubmTop = new double[top][BLOCK];
        this.speakerTop = new double[top][BLOCK];
        this.bestIndex = new int[top * BLOCK];
        this.bestValue = new double[top * BLOCK];
        this.clusters = clusters;
        int p = clusters == null ? 0 : clusters.size();
        this.searched = clusters == null ? 0 : Math.min(options.clustersSearched(), p);
        this.parentDistance = new double[p][clusters == null ? 0 : BLOCK];
        this.parentOrderValue = new double[p];
        this.parentOrder = new int[p];
        this.chosen = new int[p * (clusters == null ? 0 : BLOCK)];
        this.chosenCount = new int[clusters == null ? 0 : BLOCK];
        int largest = 0;
        for (int q = 0; q < p; q++) {
            largest = Math.max(largest, clusters.members[q].length);
        }
        this.memberDistance = new double[largest];
        this.filled = new int[clusters == null ? 0 : BLOCK];
    }

    /** A scorer over the same UBM terms and clusters (not recomputed) with buffers and running sums of its own. */
    public LlrScorer withOwnBuffers() {
        return new LlrScorer(ubm.withOwnBuffers(), options, clusters);
    }

    /** Number of clusters of Gaussian selection (0 without it; empty clusters are dropped, so at most asked). */
    public int selectionClusters() {
        return clusters == null ? 0 : clusters.size();
    }

    /** The background model. */
    public DiagonalGmm ubm() {
        return ubm.model();
    }

    /** The options in use. */
    public LlrOptions options() {
        return options;
    }

    // ---------------------------------------------------------------- batch

    /**
     * The average log-likelihood ratio (nats per frame) of the frames of {@code frames} for each of the
     * claimed {@code speakers}, in their order: one pass over the frames, the UBM scored once.
     *
     * @throws IllegalArgumentException if there are no frames, or a model's or the frames' shape differs
     *                                  from the UBM's
     */
    public double[] averageLlrs(FeatureMatrix frames, List<GmmScorer> speakers) {
        Objects.requireNonNull(frames, "frames");
        if (frames.rows() == 0) {
            throw new IllegalArgumentException("no frames to score");
        }
        start(speakers);
        accept(frames);
        return averageLlrs();
    }

    /** {@link #averageLlrs(FeatureMatrix, List)} for one speaker. */
    public double averageLlr(FeatureMatrix frames, GmmScorer speaker) {
        return averageLlrs(frames, List.of(speaker))[0];
    }

    // ---------------------------------------------------------------- streaming

    /**
     * Starts scoring a new stream of frames against {@code speakers} (running sums set to 0).
     *
     * @throws IllegalArgumentException if a model's number of components or dimension differs from the
     *                                  UBM's
     */
    public void start(List<GmmScorer> speakers) {
        Objects.requireNonNull(speakers, "speakers");
        GmmScorer.Terms[] terms = new GmmScorer.Terms[speakers.size()];
        for (int s = 0; s < terms.length; s++) {
            GmmScorer sp = Objects.requireNonNull(speakers.get(s), "speaker model " + s);
            DiagonalGmm m = sp.model();
            if (m.numComponents() != k || m.dimension() != d) {
                throw new IllegalArgumentException("speaker model " + s + " has " + m.numComponents()
                        + " components x " + m.dimension() + " dimensions, the UBM has " + k + " x " + d);
            }
            terms[s] = sp.terms();
        }
        this.speakers = terms;
        this.llrSums = new double[terms.length];
        this.frames = 0;
    }

    /**
     * Scores every frame of {@code chunk} and adds its ratios to the running sums.
     *
     * @throws IllegalStateException    before {@link #start}
     * @throws IllegalArgumentException if the frames' dimension is not the UBM's
     */
    public void accept(FeatureMatrix chunk) {
        Objects.requireNonNull(chunk, "chunk");
        checkStarted();
        if (chunk.cols() != d) {
            throw new IllegalArgumentException("frames have " + chunk.cols() + " dimensions, the UBM has " + d);
        }
        for (int first = 0; first < chunk.rows(); first += BLOCK) {
            int n = Math.min(BLOCK, chunk.rows() - first);
            ubm.load(chunk, first, n);
            scoreLoaded(n);
        }
    }

    /**
     * Scores {@code count} frames stored row-major in {@code frames[offset .. offset + count·D)} and adds
     * their ratios to the running sums; one frame is {@code accept(frame, 0, 1)}.
     *
     * @throws IllegalStateException     before {@link #start}
     * @throws IndexOutOfBoundsException if the frames do not lie inside {@code frames}
     */
    public void accept(float[] frames, int offset, int count) {
        Objects.requireNonNull(frames, "frames");
        checkStarted();
        Objects.checkFromIndexSize(offset, Math.multiplyExact(count, d), frames.length);
        for (int done = 0; done < count; done += BLOCK) {
            int n = Math.min(BLOCK, count - done);
            ubm.load(frames, offset + done * d, n);
            scoreLoaded(n);
        }
    }

    /** Frames scored since {@link #start}. */
    public long frameCount() {
        return frames;
    }

    /** Number of speaker models being scored. */
    public int numSpeakers() {
        checkStarted();
        return speakers.length;
    }

    /**
     * Sum over the frames so far of {@code log p(x | speaker) − log p(x | UBM)} for the given speaker
     * (index into the list given to {@link #start}), nats.
     */
    public double llrSum(int speaker) {
        checkStarted();
        return llrSums[Objects.checkIndex(speaker, llrSums.length)];
    }

    /**
     * {@link #llrSum(int)} divided by {@link #frameCount()}: the verification score, nats per frame.
     *
     * @throws IllegalStateException if no frame has been scored
     */
    public double averageLlr(int speaker) {
        double sum = llrSum(speaker);
        if (frames == 0) {
            throw new IllegalStateException("no frames scored yet: the average log-likelihood ratio is undefined");
        }
        return sum / frames;
    }

    /** {@link #averageLlr(int)} of every speaker. */
    public double[] averageLlrs() {
        checkStarted();
        double[] out = new double[speakers.length];
        for (int s = 0; s < out.length; s++) {
            out[s] = averageLlr(s);
        }
        return out;
    }

    private void checkStarted() {
        if (speakers == null) {
            throw new IllegalStateException("call start(speakers) before scoring frames");
        }
    }

    // ---------------------------------------------------------------- one block

    /** Scores the n frames loaded into the UBM scorer against the UBM and every speaker. */
    private void scoreLoaded(int n) {
        if (top == 0) {
            ubm.scoreLoaded(ubmTerms, n);
            System.arraycopy(ubm.logLikelihoods(), 0, ubmLogLik, 0, n);
            for (int s = 0; s < speakers.length; s++) {
                ubm.scoreLoaded(speakers[s], n);
                addRatios(s, ubm.logLikelihoods(), n);
            }
        } else {
            if (clusters == null) {
                ubm.distances(ubmTerms, n);
                select(ubm.posteriors(), n);
            } else {
                ubm.distancesInto(clusters.parentTerms, parentDistance, n);
                chooseClusters(n);
                selectInClusters(n);
            }
            GmmScorer.logSumExp(ubmTop, top, n, best, total, scratch, ubmLogLik);
            float[] rows = ubm.loadedRows();
            for (int s = 0; s < speakers.length; s++) {
                GmmScorer.Terms t = speakers[s];
                for (int m = 0; m < top; m++) {
                    GmmScorer.distances(t, selected[m], rows, speakerTop[m], n);
                }
                GmmScorer.logSumExp(speakerTop, top, n, best, total, scratch, speakerLogLik);
                addRatios(s, speakerLogLik, n);
            }
        }
        frames += n;
    }

    private void addRatios(int speaker, double[] speakerLl, int n) {
        double sum = llrSums[speaker];
        for (int i = 0; i < n; i++) {
            sum += speakerLl[i] - ubmLogLik[i];
        }
        llrSums[speaker] = sum;
    }

    /**
     * Keeps, for each of the n frames, the {@code top} components with the smallest {@code −log(w_k N)}
     * in {@code dist[k][i]} (ties to the lower index), and writes them in ascending component order to
     * {@link #selected} with their distances in {@link #ubmTop}.
     */
    private void select(double[][] dist, int n) {
        int c0 = top;
        int[] idx = bestIndex;
        double[] val = bestValue;
        // the first C components, sorted by distance
        for (int i = 0; i < n; i++) {
            int base = i * c0;
            for (int c = 0; c < c0; c++) {
                insert(idx, val, base, c, c, dist[c][i], false);
            }
            worst[i] = val[base + c0 - 1];
        }
        // the others enter only if better than the frame's C-th best (rare after the first few)
        for (int c = c0; c < k; c++) {
            double[] row = dist[c];
            for (int i = 0; i < n; i++) {
                double v = row[i];
                if (v < worst[i]) {
                    int base = i * c0;
                    insert(idx, val, base, c0 - 1, c, v, false);
                    worst[i] = val[base + c0 - 1];
                }
            }
        }
        emitSelected(n);
    }

    /**
     * Writes each frame's {@code top} kept components (in {@link #bestIndex}/{@link #bestValue}) to
     * {@link #selected} and {@link #ubmTop}, in ascending component order, so that C = K sums exactly as the
     * full mixture.
     */
    private void emitSelected(int n) {
        int c0 = top;
        int[] idx = bestIndex;
        double[] val = bestValue;
        for (int i = 0; i < n; i++) {
            int base = i * c0;
            for (int m = 1; m < c0; m++) {
                insert(idx, val, base, m, idx[base + m], val[base + m], true);
            }
            for (int m = 0; m < c0; m++) {
                selected[m][i] = idx[base + m];
                ubmTop[m][i] = val[base + m];
            }
        }
    }

    // ---------------------------------------------------------------- Gaussian selection

    /**
     * For each of the n frames, the {@link #searched} clusters whose parents have the smallest distance
     * {@code −log(W_p N(x | p))} (ties to the lower cluster), and further clusters in that order while the chosen
     * ones hold fewer than {@code top} components: {@code chosen[i·P .. i·P + chosenCount[i])}.
     */
    private void chooseClusters(int n) {
        int p = clusters.size();
        int[][] members = clusters.members;
        for (int i = 0; i < n; i++) {
            int base = i * p;
            // the best `searched` parents, sorted by distance, kept in chosen[base ..)
            for (int q = 0; q < searched; q++) {
                insertSorted(chosen, base, parentOrderValue, q, q, parentDistance[q][i]);
            }
            double worstKept = parentOrderValue[searched - 1];
            for (int q = searched; q < p; q++) {
                double v = parentDistance[q][i];
                if (v < worstKept) {
                    insertSorted(chosen, base, parentOrderValue, searched - 1, q, v);
                    worstKept = parentOrderValue[searched - 1];
                }
            }
            int held = 0;
            for (int r = 0; r < searched; r++) {
                held += members[chosen[base + r]].length;
            }
            chosenCount[i] = held < top ? addClusters(i, base, held) : searched;
        }
    }

    /**
     * Rare case: frame i's best {@link #searched} clusters hold fewer than {@code top} components. Orders all
     * clusters by parent distance and keeps taking them until they hold {@code top}; returns how many.
     */
    private int addClusters(int i, int base, int held) {
        int p = clusters.size();
        for (int q = 0; q < p; q++) {
            insertSorted(parentOrder, 0, parentOrderValue, q, q, parentDistance[q][i]);
        }
        int count = searched;
        for (int r = searched; r < p && held < top; r++) {
            int q = parentOrder[r];
            chosen[base + count++] = q;
            held += clusters.members[q].length;
        }
        return count;
    }

    /**
     * For each of the n frames, the {@code top} components with the smallest distance among the members of its
     * chosen clusters (ties to the lower component, as in {@link #select}), each cluster's members evaluated
     * together on one frame ({@link GmmScorer#frameDistances(GmmScorer.Terms, float[], int, double[])}, vectorised
     * over the members, the block kernel's values bit for bit); then {@link #emitSelected}.
     */
    private void selectInClusters(int n) {
        int[][] members = clusters.members;
        GmmScorer.Terms[] terms = clusters.memberTerms;
        float[] rows = ubm.loadedRows();
        int p = clusters.size();
        for (int i = 0; i < n; i++) {
            filled[i] = 0;
            int base = i * p;
            for (int r = 0; r < chosenCount[i]; r++) {
                int q = chosen[base + r];
                int[] group = members[q];
                GmmScorer.frameDistances(terms[q], rows, i * d, memberDistance);
                for (int g = 0; g < group.length; g++) {
                    keep(i, group[g], memberDistance[g]);
                }
            }
        }
        emitSelected(n);
    }

    /**
     * Inserts q with value v into the list {@code idx[idxBase ..]} / {@code val[0 ..]} of entries up to
     * {@code last}, sorted by value (equal values stay ahead), dropping the entry at {@code last}.
     */
    private static void insertSorted(int[] idx, int idxBase, double[] val, int last, int q, double v) {
        int p = last;
        while (p > 0 && val[p - 1] > v) {
            idx[idxBase + p] = idx[idxBase + p - 1];
            val[p] = val[p - 1];
            p--;
        }
        idx[idxBase + p] = q;
        val[p] = v;
    }

    /** Offers component c at distance v to frame i's list of the best {@code top}, ordered by (distance, index). */
    private void keep(int i, int c, double v) {
        int base = i * top;
        int f = filled[i];
        int last;
        if (f < top) {
            last = f;
            filled[i] = f + 1;
        } else {
            double w = bestValue[base + top - 1];
            if (!(v < w || v == w && c < bestIndex[base + top - 1])) {
                return;
            }
            last = top - 1;
        }
        int p = last;
        while (p > 0 && (bestValue[base + p - 1] > v || bestValue[base + p - 1] == v && bestIndex[base + p - 1] > c)) {
            bestIndex[base + p] = bestIndex[base + p - 1];
            bestValue[base + p] = bestValue[base + p - 1];
            p--;
        }
        bestIndex[base + p] = c;
        bestValue[base + p] = v;
    }

    /**
     * Inserts component c with distance v into the list {@code [base, base + last]}, sorted by distance
     * (or by component index if {@code byIndex}), dropping the entry at {@code last}; entries with an
     * equal key stay ahead.
     */
    private static void insert(int[] idx, double[] val, int base, int last, int c, double v, boolean byIndex) {
        int p = last;
        while (p > 0 && (byIndex ? idx[base + p - 1] > c : val[base + p - 1] > v)) {
            idx[base + p] = idx[base + p - 1];
            val[base + p] = val[base + p - 1];
            p--;
        }
        idx[base + p] = c;
        val[base + p] = v;
    }
}
