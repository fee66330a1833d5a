package org.cepstra.features;

/**
 * Deltas over a stream of frames: output frame {@code t} leaves once input frame
 * {@code t + order × window} has arrived, or at the end, where the last frames read the last input
 * frame in place of the missing ones, exactly as {@link DeltaFeatures#apply}. Both use
 * {@link DeltaFeatures#computeFrame}, so the values are bit-identical. Holds the latest
 * {@code 2 × order × window + 1} input frames.
 */
final class StreamingDeltaStage implements StreamingStage {
    private final DeltaFeatures deltas;
    private final int dims;
    private final int reach;
    private final int ringRows;
    private final float[] ring;
    private final float[] out;
    private final StreamingStage next;
    private int received;
    private int emitted;

    StreamingDeltaStage(DeltaOptions options, int dims, StreamingStage next) {
        this.deltas = new DeltaFeatures(options);
        this.dims = dims;
        this.reach = deltas.reach();
        this.ringRows = 2 * reach + 1;
        this.ring = new float[Math.multiplyExact(ringRows, dims)];
        this.out = new float[options.outputDims(dims)];
        this.next = next;
    }

    /** Frames between an input frame's arrival and the output of the same index: {@code order × window}. */
    int delayFrames() {
        return reach;
    }

    @Override
    public void push(float[] frame) {
        System.arraycopy(frame, 0, ring, (received % ringRows) * dims, dims);
        received++;
        if (received - 1 - reach >= emitted) {
            emit(Integer.MAX_VALUE);
        }
    }

    private void emit(int rows) {
        deltas.computeFrame(ring, ringRows, dims, emitted, rows, out, 0);
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
        next.reset();
    }
}
