/**
 * Audio input: decoding WAV files of all common layouts ({@link org.cepstra.audio.WavReader},
 * streamed block by block through {@link org.cepstra.audio.WavStream}), the mono
 * {@link org.cepstra.audio.Audio} value passed
 * down to feature extraction, band-limited resampling ({@link org.cepstra.audio.Resampler}, and
 * {@link org.cepstra.audio.StreamingResampler} for audio arriving in chunks), and
 * audio arriving over time: any {@link org.cepstra.audio.SampleSink} (such as the streaming feature
 * extractor) fed from a TarsosDSP dispatcher by {@link org.cepstra.audio.TarsosSampleAdapter}.
 */
package org.cepstra.audio;
