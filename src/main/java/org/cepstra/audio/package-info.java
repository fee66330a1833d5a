/**
 * Audio input: decoding WAV files of all common layouts ({@link org.cepstra.audio.WavReader},
 * streamed block by block through {@link org.cepstra.audio.WavStream}), writing them
 * ({@link org.cepstra.audio.WavWriter}), the mono {@link org.cepstra.audio.Audio} value passed
 * down to feature extraction, and band-limited resampling ({@link org.cepstra.audio.Resampler}).
 */
package org.cepstra.audio;
