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
 * each frame is scored against all K UBM components (the block kernel in single precision, as the training E-step,
 * one block of frames at a time); the C components with the highest weighted log-density
 * {@code log(w_k N(x_t | k))} are kept (ties go to the lower index; components whose log-densities agree to float
 * rounding may be chosen either way), and both the UBM and every speaker model are scored in double on those C
 * components only: {@code log p(x_t | λ) ≈ log Σ_{k ∈ top_C(t)} w^λ_k N(x_t | λ_k)}.
 * A speaker then costs C instead of K component evaluations per frame. Since adapted components stay close
 * to their UBM components, the components outside the top C contribute almost nothing to either model.
 * <b>Gaussian selection</b> ({@link LlrOptions#clusters()} = P &gt; 0, {@link LlrOptions#clustersSearched()} = B):
 * finding the top C no longer costs K component evaluations per frame. The UBM's components are grouped once
 * into P clusters, each with a moment-matched parent Gaussian (weighted k-means on the means,
 * {@code ComponentClusters}); a frame is scored against the P parents, and its top C are
 * looked for only among the members of its B best clusters (more clusters are taken if those hold fewer than
 * C components), ordered by single-precision distance then component index as without selection. The cost per frame is about
 * {@code P + B·K/P} evaluations instead of K. A component of the true top C outside the searched clusters is
 * missed, and the frame is scored on the best C found instead; with B = P the scores are those of top-C
 * without selection, bit for bit.
 * <b>Exact scoring</b> ({@link LlrOptions#allComponents()}) scores both models on all K components; top-C with
 * C ≥ K gives the same values bit for bit.
 *
 * <p><b>Batches and gathered frames.</b> Frames are scored in batches of up to {@value #BATCH}. In top-C mode the
 * components a frame needs differ from frame to frame, and one component is among the top 5 of only a few frames of
 * an utterance, so scoring frame by frame would leave the vector units idle. Instead, the batch's (frame, component)
 * pairs are grouped by component: the frames that need component k are gathered into the block layout
 * (dimension-major) and the UBM's and every speaker's component k are scored on them at once with the block kernel.
 * Under Gaussian selection the (frame, cluster) pairs are grouped the same way, and each cluster's frames are scored
 * against all its members at once. A component or cluster needed by fewer than a handful of frames is scored frame
 * by frame (a stream of single frames goes that way). Every value is the one an ungathered block gives, bit for bit,
 * so batching changes no score.
 * {@link #averageLlrs(List, List)} fills batches with the frames of many utterances (a 1-second utterance has
 * about 100 frames), which is where the speed comes from.
 *
 * <p>Batch: {@link #averageLlrs(FeatureMatrix, List)}, one UBM pass serving every claimed speaker, and
 * {@link #averageLlrs(List, List)} for many utterances against the same speakers.
 * Streaming: {@link #start(List)}, then {@link #accept} frames or chunks as they arrive, reading
 * {@link #llrSum(int)} or {@link #averageLlr(int)} at any time; every frame's ratio is computed the same
 * way whatever the chunking and added to a running sum in frame order, so the streaming sum at the end
 * equals the batch sum bit for bit. The scratch space (the batch's frames and per-frame tables: C values per frame
 * and speaker, the distances of one block, the gathered frames of one block) belongs to the scorer: nothing
 * is allocated per frame or per batch once the largest batch has been seen, and no N × K array is ever held.
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
    /**
     * Frames scored together in top-C mode. The frames of a batch that need the same component (of a speaker model,
     * or of the UBM under Gaussian selection) are gathered and scored together with the block kernel, so the longer
     * the batch, the longer its vector loops: a 1-second utterance has about 100 frames, and one component is among
     * the top 5 of only a few of them.
     */
    static final int BATCH = 4096;

    private final GmmScorer ubm;
    private final GmmScorer.Terms ubmTerms;
    private final LlrOptions options;
    private final int k;
    private final int d;
    /** Components scored per frame in top-C mode: min(C, K); 0 for exact scoring. */
    private final int top;
    /** Frames the batch buffers below hold: they grow to the largest batch seen (at most {@value #BATCH}). */
    private int capacity;
    // the batch: frames row-major, and where each stretch of frames adds its ratios
    private float[] rows = new float[0];
    private int[] segmentEnd = new int[0];
    private int[] segmentTarget = new int[0];
    private int segments;
    // per-frame values of the batch
    private double[] ubmLogLik = new double[0];
    private double[] best = new double[0];
    private double[] total = new double[0];
    private double[] scratch = new double[0];
    private double[][] speakerLogLik = new double[0][];
    // top-C tables, [m][i] for the m-th selected component (ascending index) of frame i
    private int[][] selected = new int[0][];
    private double[][] ubmTop = new double[0][];
    private double[][][] speakerTop = new double[0][][];
    /** The speakers' terms then the UBM's, and their top-C tables ({@link #speakerTop}, then {@link #ubmTop}). */
    private GmmScorer.Terms[] mixtures;
    private double[][][] tops;
    private double[] across = new double[0];
    // selection in progress, [i·top + m], best first
    private int[] bestIndex = new int[0];
    private double[] bestValue = new double[0];
    private int[] filled = new int[0];
    /** Per frame, the distance a component must not exceed to be offered ({@link #keep}): the worst kept once full. */
    private double[] threshold = new double[0];
    private final double[] worst = new double[BLOCK];
    // frames gathered by component or cluster, and their distances
    /**
     * Fewer frames than this needing one component (or cluster) are scored frame by frame, not gathered: a
     * gathered block costs a fixed 30-odd kernel calls per component (D = 120), which only pay off over several
     * frames (measured crossover: about 4 frames for 6 speakers, 7 for one).
     */
    private static final int GATHER_MIN = 6;
    private final FrameGroups groups = new FrameGroups();
    private final double[][] gathered;
    private final double[] distance = new double[BLOCK];
    // single-precision search for the top C: the block's frames, the UBM's terms and distances (without selection)
    private final float[][] blockFrames;
    private final FloatModel ubmFloat;
    private final float[][] ubmDistance;
    // Gaussian selection (null / empty without it)
    private final ComponentClusters clusters;
    private final int searched;
    private final float[][] parentDistance;
    private final double[] parentOrderValue;
    private final int[] parentOrder;
    private final float[][] gatheredFloat;
    private final float[][] memberDistance;
    private final float[] frameMemberDistance;
    // the running scores: sums[target][speaker]
    private GmmScorer.Terms[] speakers;
    private double[][] sums;
    private long frames;

    /** A scorer against {@code ubm} with the given options; computes the UBM's scoring terms. */
    public LlrScorer(DiagonalGmm ubm, LlrOptions options) {
        this(new GmmScorer(Objects.requireNonNull(ubm, "ubm")), options, Objects.requireNonNull(options, "options")
                .selects() ? ComponentClusters.of(ubm, options.clusters()) : null);
    }

    private LlrScorer(GmmScorer ubm, LlrOptions options, ComponentClusters clusters) {
        this(ubm, options, clusters, options.exact() || options.selects() ? null : FloatModel.of(ubm.terms()));
    }

    private LlrScorer(GmmScorer ubm, LlrOptions options, ComponentClusters clusters, FloatModel ubmFloat) {
        this.ubm = ubm;
        this.ubmTerms = ubm.terms();
        this.options = Objects.requireNonNull(options, "options");
        this.k = ubm.model().numComponents();
        this.d = ubm.model().dimension();
        this.top = options.appliedTo(k).topComponents();
        this.gathered = new double[d][top == 0 ? 0 : BLOCK];
        this.blockFrames = new float[d][top == 0 ? 0 : BLOCK];
        this.ubmFloat = ubmFloat;
        this.ubmDistance = new float[ubmFloat == null ? 0 : k][BLOCK];
        this.clusters = clusters;
        int p = clusters == null ? 0 : clusters.size();
        this.searched = clusters == null ? 0 : Math.min(options.clustersSearched(), p);
        this.parentDistance = new float[p][BLOCK];
        this.gatheredFloat = new float[clusters == null ? 0 : d][BLOCK];
        this.parentOrderValue = new double[p];
        this.parentOrder = new int[p];
        int largest = 0;
        for (int q = 0; q < p; q++) {
            largest = Math.max(largest, clusters.members[q].length);
        }
        this.memberDistance = new float[largest][BLOCK];
        this.frameMemberDistance = new float[largest];
    }

    /** A scorer over the same UBM terms and clusters (not recomputed) with buffers and running sums of its own. */
    public LlrScorer withOwnBuffers() {
        return new LlrScorer(ubm.withOwnBuffers(), options, clusters, ubmFloat);
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

    /**
     * Frames scored together in one batch ({@value #BATCH}): a caller that cuts many utterances into pieces for
     * threads ({@link #averageLlrs(List, List)}) loses little if each piece holds at least this many frames.
     */
    public int batchFrames() {
        return BATCH;
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

    /**
     * The average log-likelihood ratio (nats per frame) of each of {@code utterances} for each of the claimed
     * {@code speakers}: {@code [u][s]}, bit for bit {@link #averageLlrs(FeatureMatrix, List)} of utterance u alone.
     * The utterances' frames are scored in batches that run across utterances, so that short utterances fill the
     * vector loops: faster than one call per utterance. Afterwards the scorer is started on {@code speakers} with no
     * frame scored.
     *
     * @throws IllegalArgumentException if an utterance has no frames, or a model's or the frames' shape differs from
     *                                  the UBM's
     */
    public double[][] averageLlrs(List<FeatureMatrix> utterances, List<GmmScorer> speakers) {
        Objects.requireNonNull(utterances, "utterances");
        for (int u = 0; u < utterances.size(); u++) {
            FeatureMatrix x = Objects.requireNonNull(utterances.get(u), "utterance " + u);
            if (x.rows() == 0) {
                throw new IllegalArgumentException("utterance " + u + " has no frames to score");
            }
            checkDimension(x.cols());
        }
        start(speakers);
        long all = 0;
        for (FeatureMatrix x : utterances) {
            all += x.rows();
        }
        ensureCapacity((int) Math.min(BATCH, all));
        double[][] out = new double[utterances.size()][this.speakers.length];
        sums = out;
        int n = 0;
        segments = 0;
        for (int u = 0; u < utterances.size(); u++) {
            FeatureMatrix x = utterances.get(u);
            for (int first = 0; first < x.rows(); ) {
                int take = Math.min(BATCH - n, x.rows() - first);
                x.copyRows(first, take, rows, n * d);
                n += take;
                first += take;
                segmentEnd[segments] = n;
                segmentTarget[segments++] = u;
                if (n == BATCH) {
                    scoreBatch(n);
                    n = 0;
                    segments = 0;
                }
            }
        }
        if (n > 0) {
            scoreBatch(n);
        }
        for (int u = 0; u < out.length; u++) {
            for (int s = 0; s < out[u].length; s++) {
                out[u][s] /= utterances.get(u).rows();
            }
        }
        start(speakers);
        return out;
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
        if (speakerLogLik.length < terms.length) {
            allocateSpeakers(terms.length);
        }
        mixtures = Arrays.copyOf(terms, terms.length + 1);
        mixtures[terms.length] = ubmTerms;
        this.speakers = terms;
        linkTops();
        this.sums = new double[1][terms.length];
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
        checkDimension(chunk.cols());
        for (int first = 0; first < chunk.rows(); first += BATCH) {
            int n = Math.min(BATCH, chunk.rows() - first);
            ensureCapacity(n);
            chunk.copyRows(first, n, rows, 0);
            scoreStream(n);
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
        for (int done = 0; done < count; done += BATCH) {
            int n = Math.min(BATCH, count - done);
            ensureCapacity(n);
            System.arraycopy(frames, offset + done * d, rows, 0, n * d);
            scoreStream(n);
        }
    }

    /**
     * Makes the batch buffers hold at least n frames (n ≤ {@value #BATCH}), at least doubling them when they grow:
     * a scorer fed one frame at a time (a stream) keeps buffers for a few frames, one fed whole trial lists for
     * {@value #BATCH}, and neither allocates again once its largest batch has been seen.
     */
    private void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        int c = Math.min(BATCH, Math.max(n, 2 * capacity));
        capacity = c;
        rows = new float[c * d];
        segmentEnd = new int[c];
        segmentTarget = new int[c];
        ubmLogLik = new double[c];
        best = new double[c];
        total = new double[c];
        scratch = new double[c];
        int slots = top == 0 ? 0 : c;
        selected = new int[top][slots];
        ubmTop = new double[top][slots];
        bestIndex = new int[top * slots];
        bestValue = new double[top * slots];
        filled = new int[slots];
        threshold = new double[slots];
        allocateSpeakers(speakerLogLik.length);
        if (speakers != null) {
            linkTops();
        }
    }

    /** Per-frame buffers of the batch for m speakers. */
    private void allocateSpeakers(int m) {
        speakerLogLik = new double[m][capacity];
        speakerTop = new double[m][top][top == 0 ? 0 : capacity];
        across = new double[m + 1];
    }

    /** {@link #tops}: the current speakers' top-C tables, then the UBM's. */
    private void linkTops() {
        tops = Arrays.copyOf(speakerTop, speakers.length + 1);
        tops[speakers.length] = ubmTop;
    }

    /** Scores the n frames of the batch as the next frames of the stream. */
    private void scoreStream(int n) {
        segmentEnd[0] = n;
        segmentTarget[0] = 0;
        segments = 1;
        scoreBatch(n);
        frames += n;
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
        return sums[0][Objects.checkIndex(speaker, speakers.length)];
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

    private void checkDimension(int cols) {
        if (cols != d) {
            throw new IllegalArgumentException("frames have " + cols + " dimensions, the UBM has " + d);
        }
    }

    // ---------------------------------------------------------------- one batch

    /**
     * Scores the n frames of {@link #rows} against the UBM and every speaker, and adds each frame's ratios to the
     * sums its segment names, in frame order.
     */
    private void scoreBatch(int n) {
        int m = speakers.length;
        if (top == 0) {
            for (int first = 0; first < n; first += BLOCK) {
                int b = Math.min(BLOCK, n - first);
                ubm.load(rows, first * d, b);
                ubm.scoreLoaded(ubmTerms, b);
                System.arraycopy(ubm.logLikelihoods(), 0, ubmLogLik, first, b);
                for (int s = 0; s < m; s++) {
                    ubm.scoreLoaded(speakers[s], b);
                    System.arraycopy(ubm.logLikelihoods(), 0, speakerLogLik[s], first, b);
                }
            }
        } else {
            if (clusters == null) {
                for (int first = 0; first < n; first += BLOCK) {
                    int b = Math.min(BLOCK, n - first);
                    Kernels.transposeRows(rows, first * d, d, b, blockFrames);
                    blockDistances(ubmFloat, ubmDistance, b);
                    select(ubmDistance, first, b);
                }
            } else {
                groups.clear();
                for (int first = 0; first < n; first += BLOCK) {
                    int b = Math.min(BLOCK, n - first);
                    Kernels.transposeRows(rows, first * d, d, b, blockFrames);
                    blockDistances(clusters.parentTerms, parentDistance, b);
                    chooseClusters(first, b);
                }
                selectInClusters(n);
            }
            emitSelected(n);
            scoreSelected(n);
            GmmScorer.logSumExp(ubmTop, top, n, best, total, scratch, ubmLogLik);
            for (int s = 0; s < m; s++) {
                GmmScorer.logSumExp(speakerTop[s], top, n, best, total, scratch, speakerLogLik[s]);
            }
        }
        for (int s = 0; s < m; s++) {
            addRatios(s, speakerLogLik[s]);
        }
    }

    /** Adds {@code speakerLl[i] − ubmLogLik[i]} of the batch's frames, in order, to the sums of their segments. */
    private void addRatios(int speaker, double[] speakerLl) {
        int i = 0;
        for (int g = 0; g < segments; g++) {
            double[] target = sums[segmentTarget[g]];
            double sum = target[speaker];
            for (int end = segmentEnd[g]; i < end; i++) {
                sum += speakerLl[i] - ubmLogLik[i];
            }
            target[speaker] = sum;
        }
    }

    /** {@code out[c][i]} = the single-precision distance of frame i of the transposed block to component c of t. */
    private void blockDistances(FloatModel t, float[][] out, int b) {
        for (int c = 0; c < t.numComponents; c++) {
            Kernels.scaledSquaredDistance(out[c], t.constant[c], blockFrames, t.scale[c], t.shift[c], b);
        }
    }

    /**
     * The UBM's and every speaker's {@code −log(w_k N(x_i | k))} in double for each frame i of the batch and each of
     * its selected components k, into {@link #ubmTop} and {@link #speakerTop}: the (frame, component) pairs are
     * grouped by component, and for each component its frames are gathered and scored against the UBM's and every
     * speaker's component k with the block kernel (bit for bit the values of an ungathered block), or frame by frame
     * when they are few.
     */
    private void scoreSelected(int n) {
        FrameGroups g = groups;
        g.clear();
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < top; m++) {
                g.add(selected[m][i], i, m);
            }
        }
        g.group(k);
        int m = mixtures.length;
        for (int group = 0; group < g.groups(); group++) {
            int c = g.key(group);
            int end = g.end(group);
            if (end - g.start(group) < GATHER_MIN) {
                for (int p = g.start(group); p < end; p++) {
                    GmmScorer.distancesAcross(mixtures, m, c, rows, g.frame[p] * d, across);
                    for (int s = 0; s < m; s++) {
                        tops[s][g.slot[p]][g.frame[p]] = across[s];
                    }
                }
                continue;
            }
            for (int from = g.start(group); from < end; from += BLOCK) {
                int r = Math.min(BLOCK, end - from);
                Kernels.gatherColumns(rows, d, g.frame, from, r, gathered);
                for (int s = 0; s < m; s++) {
                    GmmScorer.Terms t = mixtures[s];
                    Kernels.scaledSquaredDistance(distance, t.negLogNorm()[c], gathered, t.scale()[c], t.shift()[c], r);
                    double[][] out = tops[s];
                    for (int j = 0; j < r; j++) {
                        out[g.slot[from + j]][g.frame[from + j]] = distance[j];
                    }
                }
            }
        }
    }

    /**
     * Keeps, for the b frames from {@code first}, the {@code top} components with the smallest
     * {@code −log(w_k N)} in {@code dist[k][i]} (ties to the lower index), in {@link #bestIndex}/{@link #bestValue}.
     */
    private void select(float[][] dist, int first, int b) {
        int c0 = top;
        int[] idx = bestIndex;
        double[] val = bestValue;
        // the first C components, sorted by distance
        for (int i = 0; i < b; i++) {
            int base = (first + i) * c0;
            for (int c = 0; c < c0; c++) {
                insert(idx, val, base, c, c, dist[c][i], false);
            }
            worst[i] = val[base + c0 - 1];
        }
        // the others enter only if better than the frame's C-th best (rare after the first few)
        for (int c = c0; c < k; c++) {
            float[] row = dist[c];
            for (int i = 0; i < b; i++) {
                double v = row[i];
                if (v < worst[i]) {
                    int base = (first + i) * c0;
                    insert(idx, val, base, c0 - 1, c, v, false);
                    worst[i] = val[base + c0 - 1];
                }
            }
        }
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
            }
        }
    }

    // ---------------------------------------------------------------- Gaussian selection

    /**
     * For each of the b frames from {@code first}, the {@link #searched} clusters whose parents have the smallest
     * distance {@code −log(W_p N(x | p))} in {@link #parentDistance} (ties to the lower cluster), and further clusters
     * in that order while the chosen ones hold fewer than {@code top} components: each (frame, cluster q) pair is added
     * to {@link #groups}, under key q for the frame's best cluster and P + q for the others, so that every frame's best
     * cluster is searched first and its members set a tight bar for the rest.
     */
    private void chooseClusters(int first, int b) {
        int p = clusters.size();
        int[][] members = clusters.members;
        int[] chosen = parentOrder;
        for (int i = 0; i < b; i++) {
            // the best `searched` parents, sorted by distance, kept in chosen[0 ..)
            for (int q = 0; q < searched; q++) {
                insertSorted(chosen, 0, parentOrderValue, q, q, parentDistance[q][i]);
            }
            double worstKept = parentOrderValue[searched - 1];
            for (int q = searched; q < p; q++) {
                double v = parentDistance[q][i];
                if (v < worstKept) {
                    insertSorted(chosen, 0, parentOrderValue, searched - 1, q, v);
                    worstKept = parentOrderValue[searched - 1];
                }
            }
            int held = 0;
            for (int r = 0; r < searched; r++) {
                held += members[chosen[r]].length;
                groups.add(r == 0 ? chosen[r] : p + chosen[r], first + i, 0);
            }
            if (held < top) {
                addClusters(first + i, i, held);
            }
        }
    }

    /**
     * Rare case: the frame's best {@link #searched} clusters hold fewer than {@code top} components. Orders all
     * clusters by parent distance and keeps taking them until they hold {@code top}.
     */
    private void addClusters(int frame, int i, int held) {
        int p = clusters.size();
        for (int q = 0; q < p; q++) {
            insertSorted(parentOrder, 0, parentOrderValue, q, q, parentDistance[q][i]);
        }
        for (int r = searched; r < p && held < top; r++) {
            int q = parentOrder[r];
            groups.add(p + q, frame, 0);
            held += clusters.members[q].length;
        }
    }

    /**
     * For each of the n frames, the {@code top} components with the smallest distance among the members of its
     * chosen clusters (ties to the lower component, as in {@link #select}), in {@link #bestIndex}/{@link #bestValue}:
     * the (frame, cluster) pairs are grouped by cluster, and each cluster's frames are gathered and scored against
     * its members with the block kernel (bit for bit the values of an ungathered block), or frame by frame when they
     * are few. The kept set does not depend on the order in which components are offered.
     */
    private void selectInClusters(int n) {
        Arrays.fill(filled, 0, n, 0);
        Arrays.fill(threshold, 0, n, Double.POSITIVE_INFINITY);
        FrameGroups g = groups;
        int p = clusters.size();
        g.group(2 * p);
        for (int run = 0; run < g.groups(); run++) {
            int q = g.key(run) % p;
            int[] group = clusters.members[q];
            FloatModel t = clusters.memberTerms[q];
            int end = g.end(run);
            if (end - g.start(run) < GATHER_MIN) {
                for (int pair = g.start(run); pair < end; pair++) {
                    int i = g.frame[pair];
                    clusters.memberDistances(q, rows, i * d, frameMemberDistance);
                    for (int c = 0; c < group.length; c++) {
                        if (!(frameMemberDistance[c] > threshold[i])) {
                            keep(i, group[c], frameMemberDistance[c]);
                        }
                    }
                }
                continue;
            }
            for (int from = g.start(run); from < end; from += BLOCK) {
                int r = Math.min(BLOCK, end - from);
                Kernels.gatherColumns(rows, d, g.frame, from, r, gatheredFloat);
                for (int c = 0; c < group.length; c++) {
                    Kernels.scaledSquaredDistance(memberDistance[c], t.constant[c], gatheredFloat, t.scale[c],
                            t.shift[c], r);
                }
                for (int c = 0; c < group.length; c++) {
                    float[] dist = memberDistance[c];
                    int component = group[c];
                    for (int j = 0; j < r; j++) {
                        int i = g.frame[from + j];
                        if (!(dist[j] > threshold[i])) {
                            keep(i, component, dist[j]);
                        }
                    }
                }
            }
        }
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
        if (last == top - 1) {
            threshold[i] = bestValue[base + top - 1];
        }
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
