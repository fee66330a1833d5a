/**
 * Which audio carries which label: {@link org.cepstra.corpus.Utterance utterances} (a WAV file, or
 * a time {@link org.cepstra.corpus.Segment segment} of one, with a label and maybe a speaker)
 * gathered into an immutable {@link org.cepstra.corpus.Corpus}, and ways to divide a corpus into
 * training and test parts ({@link org.cepstra.corpus.Splitter}).
 *
 * <p>Label sources: {@link org.cepstra.corpus.FolderLabels} (label = sub-folder),
 * {@link org.cepstra.corpus.FileNamePatternLabels} (label = part of the file name),
 * {@link org.cepstra.corpus.ManifestReader} (CSV/TSV table), {@link org.cepstra.corpus.AlignmentLabels}
 * (HTK and Festival/EST {@code .lab}, TIMIT {@code .phn}/{@code .wrd}, Praat {@code .TextGrid}) and
 * {@link org.cepstra.corpus.KaldiDataDir}.
 * Each reports the files and lines it could not use as {@link org.cepstra.corpus.SkippedFile}s and
 * goes on; only a missing or unreadable root, manifest or required list file throws a
 * {@link org.cepstra.corpus.CorpusException}. Nothing here decodes audio: audio files are only
 * checked to exist. Imports base and io.kaldi (the table syntax of Kaldi data folders).
 */
package org.cepstra.corpus;
