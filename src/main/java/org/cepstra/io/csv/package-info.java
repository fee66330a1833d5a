/**
 * Feature frames as delimited text: one frame per line, the numbers separated by semicolons, commas,
 * tabs or spaces, an optional header line and {@code #} comments. Imports base and matrix.
 */
package org.cepstra.io.csv;
