/**
 * The {@code cepstra} command line (picocli): each command parses its options, checks them and its
 * output paths before any work, calls the library and prints. The only code that prints, shows
 * progress or ends the process; standard output goes through one checked stream, so that a full disk
 * is an error and a closed pipe a quiet stop.
 */
package org.cepstra.cli;
