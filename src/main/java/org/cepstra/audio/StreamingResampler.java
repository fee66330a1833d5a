package org.cepstra.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@link Resampler}'s conversion for audio that arrives in chunks: a {@link SampleSink} at the input
 * rate that hands every output sample, as soon as the input it depends on has arrived, to a sink at the
 * output rate. The output is bit-identical to {@link Resampler#resample(float[], double, double)} over
 * the whole recording, for any chunking: the same per-phase taps, the same summation order, samples
 * before the start and after the end counting as zero (the last outputs are made at {@link #finish()}).
 *
 * <p>Latency: an output sample waits for the input up to half the filter width after it,
 * {@code numZeros / (2 × cutoff)} seconds (0.75 ms with Kaldi's filter from 8 to 16 kHz). Memory: that
 * window of input. Both rates must be whole numbers of Hz. Not thread-safe: one stream at a time.
 */
public final class StreamingResampler implements SampleSink {
    private final double inRateHz;
    private final SampleSink downstream;
    private final long inUnit;
    private final long outUnit;
    private final int[] firstIndex;
    private final double[][] weights;

    private float[] buffer = new float[1024];
    /** Absolute input index of {@code buffer[0]}. */
    private long bufferStart;
    private int buffered;
    private long inputCount;
    private long nextOutput;
    private float[] out = new float[256];
    private boolean finished;

    /**
     * A resampler from {@code inRateHz} to {@code downstream}'s rate with {@code resampler}'s filter.
     *
     * @throws IllegalArgumentException if a rate is not a positive whole number of Hz, or the rate pair
     *                                  needs more filter taps than {@link Resampler} tabulates
     */
    public StreamingResampler(double inRateHz, SampleSink downstream, Resampler resampler) {
        this.downstream = Objects.requireNonNull(downstream, "downstream");
        Objects.requireNonNull(resampler, "resampler");
        double outRateHz = downstream.sampleRateHz();
        if (!isWholeHz(inRateHz) || !isWholeHz(outRateHz)) {
            throw new IllegalArgumentException("streaming resampling needs whole-Hz rates, got " + inRateHz + " Hz to "
                    + outRateHz + " Hz");
        }
        long in = (long) inRateHz;
        long outHz = (long) outRateHz;
        if (!resampler.usesPhaseTables(in, outHz)) {
            throw new IllegalArgumentException("streaming resampling from " + in + " Hz to " + outHz
                    + " Hz needs too many filter taps (the rates have no large common divisor); resample the "
                    + "recording whole instead");
        }
        long g = Resampler.gcdOf(in, outHz);
        this.inRateHz = inRateHz;
        this.inUnit = in / g;
        this.outUnit = outHz / g;
        Resampler.PhaseTable table = resampler.phaseTable(in, outHz, outUnit, resampler.cutoffFor(in, outHz));
        this.firstIndex = table.firstIndex();
        this.weights = table.weights();
    }

    private static boolean isWholeHz(double rate) {
        return rate > 0 && rate == Math.rint(rate) && rate <= Integer.MAX_VALUE;
    }

    /** The input rate in Hz. */
    @Override
    public double sampleRateHz() {
        return inRateHz;
    }

    /** Input samples taken since construction or the last {@link #reset()}. */
    public long samplesAccepted() {
        return inputCount;
    }

    @Override
    public void accept(float[] samples, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, samples.length);
        if (finished) {
            throw new IllegalStateException("the recording has ended: reset() before the next one");
        }
        append(samples, offset, count);
        inputCount += count;
        emit(false);
    }

    @Override
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        emit(true);
        downstream.finish();
    }

    /** Forgets the current recording, ready for the next one (the downstream sink is not reset). */
    public void reset() {
        bufferStart = 0;
        buffered = 0;
        inputCount = 0;
        nextOutput = 0;
        finished = false;
    }

    private void append(float[] samples, int offset, int count) {
        if (buffered + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + count));
        }
        System.arraycopy(samples, offset, buffer, buffered, count);
        buffered += count;
    }

    /** Makes every output sample whose input has arrived (all remaining ones at the end) and passes them on. */
    private void emit(boolean atEnd) {
        long last = atEnd ? Resampler.outputLength(inputCount, (int) inRateHz, (int) downstream.sampleRateHz()) : -1;
        int made = 0;
        while (true) {
            long t = nextOutput;
            if (atEnd && t >= last) {
                break;
            }
            long unit = t / outUnit;
            int phase = (int) (t - unit * outUnit);
            double[] w = weights[phase];
            long first = unit * inUnit + firstIndex[phase];
            if (!atEnd && first + w.length > inputCount) {
                break;
            }
            if (made == out.length) {
                downstream.accept(out, 0, made);
                made = 0;
            }
            out[made++] = (float) Resampler.partialSum(w, first, buffer, bufferStart, buffered);
            nextOutput++;
        }
        if (made > 0) {
            downstream.accept(out, 0, made);
        }
        discardBefore(nextNeededInput());
    }

    /** The first input index any future output sample reads (indices only grow with the output). */
    private long nextNeededInput() {
        long unit = nextOutput / outUnit;
        int phase = (int) (nextOutput - unit * outUnit);
        return unit * inUnit + firstIndex[phase];
    }

    private void discardBefore(long index) {
        int drop = (int) Math.max(0, Math.min(buffered, index - bufferStart));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, buffered - drop);
            buffered -= drop;
            bufferStart += drop;
        }
    }
}
