package org.cepstra.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.cepstra.audio.WavReader;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.Utterance;

/**
 * The sample rates of a corpus's recordings, read from their headers, and the one rate its features
 * are made at: every recording at another rate is resampled to it, so that a model set never mixes
 * frames of different rates (a 16 kHz file framed as if it were 8 kHz gives features that look right
 * and mean nothing). Unreadable headers are not counted (the feature extraction reports those files).
 *
 * @param filesByRateHz number of distinct audio files at each rate in Hz, by rate
 * @param chosenRateHz  the rate features are made at: the most common one (ties: the higher rate,
 *                      which loses no bandwidth), or the rate the user asked for; 0 if no header was readable
 */
public record SampleRates(SortedMap<Integer, Integer> filesByRateHz, double chosenRateHz) {

    /** Copies the map and validates the rate. */
    public SampleRates {
        filesByRateHz = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(filesByRateHz)));
        if (!(chosenRateHz >= 0) || !Double.isFinite(chosenRateHz)) {
            throw new IllegalArgumentException("chosen rate must be >= 0 Hz, got " + chosenRateHz);
        }
    }

    /**
     * Reads the header of every distinct audio file of {@code corpus} and chooses the rate: {@code requestedHz}
     * when it is positive (the user's {@code --sample-frequency}), else the most common rate.
     */
    public static SampleRates survey(Corpus corpus, WavReader reader, double requestedHz) {
        Set<Path> files = new LinkedHashSet<>();
        for (Utterance u : corpus.utterances()) {
            files.add(u.audioFile());
        }
        return survey(files, reader, requestedHz);
    }

    /**
     * Reads the header of each distinct file of {@code files} and chooses the rate as
     * {@link #survey(Corpus, WavReader, double)} does (e.g. the model set's rate, to report which files
     * will be resampled to it).
     */
    public static SampleRates survey(java.util.Collection<Path> audioFiles, WavReader reader, double requestedHz) {
        Set<Path> files = new LinkedHashSet<>(audioFiles);
        SortedMap<Integer, Integer> byRate = new TreeMap<>();
        for (Path f : files) {
            try {
                byRate.merge(reader.readFormat(f).sampleRateHz(), 1, Integer::sum);
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                // reported with its reason when the file's frames are extracted
            }
        }
        return new SampleRates(byRate, requestedHz > 0 ? requestedHz : mostCommon(byRate));
    }

    private static double mostCommon(SortedMap<Integer, Integer> byRate) {
        int best = 0;
        int bestCount = 0;
        for (Map.Entry<Integer, Integer> e : byRate.entrySet()) { // ascending rates: ties go to the higher
            if (e.getValue() >= bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    /** How many of the surveyed files are at another rate than {@link #chosenRateHz()} and are resampled. */
    public int resampledFiles() {
        int n = 0;
        for (Map.Entry<Integer, Integer> e : filesByRateHz.entrySet()) {
            if (e.getKey() != chosenRateHz) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** Whether the files come at more than one rate, or at another rate than the chosen one. */
    public boolean resamples() {
        return resampledFiles() > 0;
    }

    /**
     * One line for a summary, e.g. {@code "features at 8000 Hz; 4 of 12 files resampled (from 16000 Hz: 4)"}, or
     * {@code "features at 8000 Hz"} when nothing is resampled.
     */
    public String describe() {
        String at = "features at " + hz(chosenRateHz) + " Hz";
        return resamples() ? at + "; " + describeResampling(false) : at;
    }

    /**
     * What is resampled, e.g. {@code "4 of 12 files resampled to 8000 Hz (from 16000 Hz: 4)"}; without the
     * target rate when {@code withTarget} is false.
     */
    public String describeResampling(boolean withTarget) {
        int total = filesByRateHz.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder b = new StringBuilder().append(resampledFiles()).append(" of ").append(total)
                .append(" files resampled");
        if (withTarget) {
            b.append(" to ").append(hz(chosenRateHz)).append(" Hz");
        }
        b.append(" (");
        boolean first = true;
        for (Map.Entry<Integer, Integer> e : filesByRateHz.entrySet()) {
            if (e.getKey() != chosenRateHz) {
                b.append(first ? "" : ", ").append("from ").append(e.getKey()).append(" Hz: ").append(e.getValue());
                first = false;
            }
        }
        return b.append(')').toString();
    }

    private static String hz(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
