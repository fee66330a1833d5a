/**
 * Model-set files: a zip of {@code .npy} arrays (weights, means and variances per label, float64) and
 * a JSON header (format version, labels, the feature and training configurations, calibration) that
 * {@code numpy.load} and any JSON reader open. Versioned, checked on load (sizes, CRCs, shapes, every
 * field) and written atomically by {@link org.cepstra.base.AtomicFiles}. Imports base, audio, features,
 * gmm, models and io.npy.
 */
package org.cepstra.io.model;
