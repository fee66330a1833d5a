package org.cepstra.features;

/**
 * Sliding-window CMVN ({@link CmvnMode#SLIDING}) over a stream of frames, with the same window rule
 * and the same running sums as {@link Cmvn} ({@link Cmvn.SlidingState}), so the values are
 * bit-identical to the batch ones. Frame {@code t} leaves once the last frame of its window has
 * arrived: not centred, that is frame {@code max(t, minCmnWindow - 1)}, so the first frames wait for
 * frame {@code minCmnWindow - 1} and later ones leave at once; centred, frame
 * {@code max(t - cmnWindow/2 + cmnWindow, cmnWindow) - 1}. At the end the remaining frames get the
 * windows cut at the last frame, as in batch. Holds at most {@code max(cmnWindow, minCmnWindow) + 2}
 * frames.
 */
final class StreamingCmvnStage implements StreamingStage {
    private final CmvnOptions options;
    private final int dims;
    private final int ringRows;
    private final float[] ring;
    private final float[] out;
    private final Cmvn.SlidingState state;
    private final StreamingStage next;
    private int received;
    private int emitted;

    StreamingCmvnStage(CmvnOptions options, int dims, StreamingStage next) {
        if (options.mode() != CmvnMode.SLIDING) {
            throw new IllegalArgumentException("streaming CMVN needs the sliding mode, got " + options.mode());
        }
        this.options = options;
        this.dims = dims;
        this.ringRows = Math.max(options.cmnWindow(), options.minCmnWindow()) + 2;
        this.ring = new float[Math.multiplyExact(ringRows, dims)];
        this.out = new float[dims];
        this.state = new Cmvn.SlidingState(options, dims);
        this.next = next;
    }

    /** Exclusive end of the window of frame {@code t} before the utterance length is known. */
    int windowEnd(int t) {
        return (int) Cmvn.slidingWindow(options, t, Integer.MAX_VALUE);
    }

    @Override
    public void push(float[] frame) {
        System.arraycopy(frame, 0, ring, (received % ringRows) * dims, dims);
        received++;
        while (emitted < received && windowEnd(emitted) <= received) {
            emit(Integer.MAX_VALUE);
        }
    }

    private void emit(int numFrames) {
        assert state.lastStart() < 0 || state.lastStart() >= received - ringRows : "ring too small";
        state.normalise(ring, ringRows, emitted, numFrames, out, 0);
        emitted++;
        next.push(out);
    }

    @Override
    public void finish() {
        while (emitted < received) {
            emit(received);
        }
        next.finish();
    }

    @Override
    public void reset() {
        received = 0;
        emitted = 0;
        state.reset();
        next.reset();
    }
}
