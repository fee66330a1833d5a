package org.cepstra.audio;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import java.util.Objects;

/**
 * Feeds the audio of a TarsosDSP {@link AudioDispatcher} (file, pipe, microphone, float array) to a
 * {@link SampleSink}, each sample exactly once, in order.
 *
 * <ul>
 * <li><b>Overlap.</b> A dispatcher hands out buffers of {@code bufferSize} samples that overlap the
 * previous buffer by {@code overlap} samples; only the samples after {@link AudioEvent#getOverlap()}
 * are new (the whole first buffer, or its part after the overlap when the dispatcher zero-pads the
 * first buffer). Only those are forwarded.</li>
 * <li><b>End.</b> By default a dispatcher pads the last buffer with zero bytes up to the full size. Since
 * such padding cannot be told from recorded digital silence, trailing samples equal to the padding
 * value (bytes 0: {@code +0.0} for signed and float encodings, {@code -1.0} for unsigned ones) are held
 * back (as a count, without copying) until the next buffer shows they were recorded; at the end, only
 * as many as the dispatcher actually read ({@link AudioEvent#getSamplesProcessed()}) are forwarded.
 * {@link #attach} also switches the padding off. {@link #processingFinished()} then calls
 * {@link SampleSink#finish()}.</li>
 * <li><b>Sample values.</b> TarsosDSP divides integer PCM by {@code 2^(bits-1) - 1} (16-bit: 32767;
 * 8-bit unsigned around 127), Cepstra's WAV reader by {@code 2^(bits-1)} (32768; 8-bit unsigned
 * around 128). With {@link Scaling#WAV_READER} 8- and 16-bit integer samples are re-quantised to
 * Cepstra's convention, so a file streamed through TarsosDSP gives the same samples, hence bit-identical
 * features, as the same file read with {@link WavReader}. Other encodings pass unchanged.</li>
 * </ul>
 * Two limits of TarsosDSP 2.4.1 itself, for recordings that fit in the first buffer when the overlap is
 * not 0: with end padding on, the dispatcher converts only {@code bufferSize - overlap} of their samples;
 * with it off ({@link #attach}), a recording of at most {@code overlap} samples trips an assertion
 * inside the dispatcher when Java assertions are enabled. Zero-padding the first buffer
 * ({@link AudioDispatcher#setZeroPadFirstBuffer(boolean)}) avoids both.
 *
 * <p>Only mono streams are supported (TarsosDSP's buffers count mono samples). Not thread-safe: the
 * dispatcher calls {@link #process} and {@link #processingFinished()} from its own thread; if
 * {@link AudioDispatcher#stop()} is called early, from another thread, the held-back padding-valued
 * samples of the last buffer may be dropped.
 */
public final class TarsosSampleAdapter implements AudioProcessor {

    /** How TarsosDSP's float samples become the floats the sink receives. */
    public enum Scaling {
        /** TarsosDSP's floats unchanged (16-bit PCM: value / 32767). */
        AS_DELIVERED,
        /**
         * 8- and 16-bit integer PCM re-quantised to {@code value / 2^(bits-1)} (16-bit: value / 32768;
         * 8-bit unsigned: (value - 128) / 128), as {@link WavReader} decodes them; other encodings
         * unchanged.
         */
        WAV_READER
    }

    private static final int PAD_CHUNK = 1024;

    private final SampleSink sink;
    private final float sampleRateHz;
    private final int requantiseBits; // 0 = pass through, 8 or 16
    private final boolean unsigned8;
    private final float[] pad = new float[PAD_CHUNK];
    private final int padBits;
    private float[] scaled = new float[0];
    private AudioEvent lastEvent;
    private long firstSampleIndex = -1;
    private long forwarded;
    private long heldPad;
    private boolean finished;

    /**
     * An adapter that forwards samples from a dispatcher delivering {@code format} to {@code sink}.
     *
     * @throws IllegalArgumentException if the stream is not mono, or its sample rate differs from the sink's
     */
    public TarsosSampleAdapter(SampleSink sink, TarsosDSPAudioFormat format, Scaling scaling) {
        this.sink = Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(scaling, "scaling");
        if (format.getChannels() != 1) {
            throw new IllegalArgumentException("TarsosDSP stream has " + format.getChannels()
                    + " channels; only mono streams can be fed sample by sample");
        }
        this.sampleRateHz = format.getSampleRate();
        checkRate(sampleRateHz);
        TarsosDSPAudioFormat.Encoding enc = format.getEncoding();
        int bits = format.getSampleSizeInBits();
        boolean signedPcm = TarsosDSPAudioFormat.Encoding.PCM_SIGNED.equals(enc);
        boolean unsignedPcm = TarsosDSPAudioFormat.Encoding.PCM_UNSIGNED.equals(enc);
        java.util.Arrays.fill(pad, unsignedPcm ? -1.0f : 0.0f);
        this.padBits = Float.floatToRawIntBits(pad[0]);
        if (scaling == Scaling.WAV_READER && ((bits == 16 && signedPcm) || (bits == 8 && (signedPcm || unsignedPcm)))) {
            this.requantiseBits = bits;
            this.unsigned8 = bits == 8 && unsignedPcm;
        } else {
            this.requantiseBits = 0;
            this.unsigned8 = false;
        }
    }

    /**
     * Registers a new adapter feeding {@code sink} with {@code dispatcher}, with
     * {@link Scaling#WAV_READER}, and switches the zero-padding of the dispatcher's last buffer off.
     *
     * @throws IllegalArgumentException if the stream is not mono, or its sample rate differs from the sink's
     */
    public static TarsosSampleAdapter attach(AudioDispatcher dispatcher, SampleSink sink) {
        return attach(dispatcher, sink, Scaling.WAV_READER);
    }

    /**
     * Registers a new adapter feeding {@code sink} with {@code dispatcher}, with the given scaling, and
     * switches the zero-padding of the dispatcher's last buffer off.
     *
     * @throws IllegalArgumentException if the stream is not mono, or its sample rate differs from the sink's
     */
    public static TarsosSampleAdapter attach(AudioDispatcher dispatcher, SampleSink sink, Scaling scaling) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        TarsosSampleAdapter adapter = new TarsosSampleAdapter(sink, dispatcher.getFormat(), scaling);
        dispatcher.setZeroPadLastBuffer(false);
        dispatcher.addAudioProcessor(adapter);
        return adapter;
    }

    private void checkRate(float rate) {
        if ((double) rate != sink.sampleRateHz()) {
            throw new IllegalArgumentException("TarsosDSP stream at " + rate + " Hz cannot feed a sink expecting "
                    + sink.sampleRateHz() + " Hz");
        }
    }

    /** Samples forwarded to the sink so far (held-back padding values not counted). */
    public long samplesForwarded() {
        return forwarded;
    }

    /**
     * Forwards the new samples of {@code event} to the sink; always returns true so later processors
     * of the dispatcher run too.
     *
     * @throws IllegalArgumentException if the event's sample rate differs from the stream's
     * @throws IllegalStateException    if it comes after {@link #processingFinished()}
     */
    @Override
    public boolean process(AudioEvent event) {
        if (finished) {
            throw new IllegalStateException("TarsosDSP buffer arrived after processing finished");
        }
        if (event.getSampleRate() != sampleRateHz) {
            checkRate(event.getSampleRate());
        }
        if (lastEvent == null) {
            firstSampleIndex = event.getSamplesProcessed();
        }
        lastEvent = event;
        float[] buffer = event.getFloatBuffer();
        int from = Math.min(Math.max(event.getOverlap(), 0), buffer.length);
        int count = buffer.length - from;
        float[] src = buffer;
        if (requantiseBits != 0 && count > 0) {
            src = requantise(buffer, from, count);
            from = 0;
        }
        int end = from + count;
        int kept = end;
        while (kept > from && Float.floatToRawIntBits(src[kept - 1]) == padBits) {
            kept--;
        }
        if (kept > from) {
            releasePad(heldPad);
            sink.accept(src, from, kept - from);
            forwarded += kept - from;
        }
        heldPad += end - kept;
        return true;
    }

    /** Re-quantises {@code count} samples of {@code buffer} from {@code from} into {@link #scaled}. */
    private float[] requantise(float[] buffer, int from, int count) {
        if (scaled.length < count) {
            scaled = new float[count];
        }
        float[] out = scaled;
        if (requantiseBits == 16) {
            for (int i = 0; i < count; i++) {
                out[i] = Math.round(buffer[from + i] * 32767f) * (1f / 32768f);
            }
        } else {
            int bias = unsigned8 ? -1 : 0; // TarsosDSP centres unsigned bytes on 127, WAV on 128
            for (int i = 0; i < count; i++) {
                out[i] = (Math.round(buffer[from + i] * 127f) + bias) * (1f / 128f);
            }
        }
        return out;
    }

    private void releasePad(long n) {
        while (n > 0) {
            int c = (int) Math.min(n, PAD_CHUNK);
            sink.accept(pad, 0, c);
            forwarded += c;
            heldPad -= c;
            n -= c;
        }
    }

    /**
     * Forwards the held-back samples that the dispatcher really read (not its end padding), then calls
     * {@link SampleSink#finish()}. Further calls do nothing.
     */
    @Override
    public void processingFinished() {
        if (finished) {
            return;
        }
        finished = true;
        if (lastEvent != null && heldPad > 0) {
            long read = lastEvent.getSamplesProcessed() - firstSampleIndex;
            releasePad(Math.max(0, Math.min(heldPad, read - forwarded)));
        }
        heldPad = 0;
        sink.finish();
    }
}
