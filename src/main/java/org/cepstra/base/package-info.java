/**
 * The ground floor: plumbing every room may use and that imports no room of the project — the syntax
 * of decimal numbers in text inputs ({@link org.cepstra.base.DecimalSyntax}), the one ordered parallel
 * map over a list ({@link org.cepstra.base.ParallelMap}), atomic file writes
 * ({@link org.cepstra.base.AtomicFiles}), the option tables of options records
 * ({@link org.cepstra.base.OptionTable}: each option registered once, for config files, the command line
 * and structured files), the error of a text input that names the file, the line and the problem
 * ({@link org.cepstra.base.FileLineException}), and what every reader of numeric data files shares: the error
 * that names the file, the place and the problem ({@link org.cepstra.base.FeatureFileException}) and
 * strict number tokens ({@link org.cepstra.base.FeatureFileNumbers}), text from inputs made safe for one-line
 * messages ({@link org.cepstra.base.MessageText}) and the line breaks of text files
 * ({@link org.cepstra.base.TextFiles#lines}), so that no room keeps a private copy.
 */
package org.cepstra.base;
