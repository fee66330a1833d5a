/**
 * The one value every room passes along: {@link org.cepstra.matrix.FeatureMatrix}, frames × dimensions
 * of float (one row per 10 ms frame of speech, or one row per vector of any data), row-major and
 * immutable, with row views and stacking. It imports nothing of the project.
 */
package org.cepstra.matrix;
