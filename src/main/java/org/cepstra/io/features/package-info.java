/**
 * Feature files of any supported format: {@link org.cepstra.io.features.FeatureFileReader} recognises a
 * Kaldi text archive, a CSV file or a {@code .npy} file from its first bytes and reads its frames;
 * {@link org.cepstra.io.features.FeatureFileWriter} writes archives atomically. Built on io.kaldi, io.csv
 * and io.npy; imports base and matrix besides.
 */
package org.cepstra.io.features;
