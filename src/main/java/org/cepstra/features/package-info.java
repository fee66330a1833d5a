/**
 * From audio to feature frames, as Kaldi computes them: one {@link org.cepstra.features.FeatureConfig}
 * (small options records per stage: frame extraction, mel banks, MFCC, CMVN, deltas, energy VAD; Kaldi
 * defaults and an HTK preset; Kaldi {@code mfcc.conf} files) drives the batch
 * {@link org.cepstra.features.FeaturePipeline} and the {@link org.cepstra.features.StreamingFeatureExtractor},
 * whose frames are bit-identical for any chunking. Per-speaker CMVN statistics
 * ({@link org.cepstra.features.CmvnStatistics}) add up across utterances. Imports matrix, audio and
 * io.kaldi (the syntax of Kaldi config files).
 */
package org.cepstra.features;
