/**
 * The NumPy {@code .npy} codec: 1-D vectors and 2-D matrices of float32 or float64, as
 * {@code numpy.save} writes them (little- or big-endian, C or Fortran order) and as {@code numpy.load}
 * reads them back. The reader checks the header, the shape and the file size against each other before
 * it allocates anything, and rejects NaN and infinite values naming the element. Imports only base.
 */
package org.cepstra.io.npy;
