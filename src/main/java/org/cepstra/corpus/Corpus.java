package org.cepstra.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An immutable list of labelled utterances, in the order their source gave them, plus the reports
 * of what the source could not use.
 *
 * <p>Utterance ids are unique. The label sources form them as follows: a whole file gets its path
 * below the corpus root (the scanned folder, the manifest's folder, the audio root), with
 * {@code /} between folders and without the {@code .wav} extension, so {@code 7_jackson_32.wav}
 * directly in the root is {@code 7_jackson_32} and {@code yes/0a7c2a8d_nohash_0.wav} is
 * {@code yes/0a7c2a8d_nohash_0}; a segment gets that id plus {@code _<index>} unless its source
 * names it (Kaldi utterance ids, a manifest {@code id} column).
 */
public final class Corpus {
    private final List<Utterance> utterances;
    private final List<SkippedFile> skipped;
    private final SortedMap<String, List<Utterance>> byLabel;
    private final Map<String, Utterance> byId;
    private final Map<String, String> origins;

    /**
     * A corpus of {@code utterances} (order kept) with the {@code skipped} reports of its source.
     *
     * @throws IllegalArgumentException when two utterances share an id
     */
    public Corpus(List<Utterance> utterances, List<SkippedFile> skipped) {
        this(utterances, skipped, Map.of());
    }

    /** As {@link #Corpus(List, List)}, with where each utterance was read ({@link #origin}), by id. */
    Corpus(List<Utterance> utterances, List<SkippedFile> skipped, Map<String, String> origins) {
        this.origins = Map.copyOf(origins);
        this.utterances = List.copyOf(utterances);
        this.skipped = List.copyOf(skipped);
        Map<String, Utterance> ids = new HashMap<>();
        SortedMap<String, List<Utterance>> groups = new TreeMap<>();
        for (Utterance u : this.utterances) {
            Utterance previous = ids.putIfAbsent(u.id(), u);
            if (previous != null) {
                throw new IllegalArgumentException("utterance id '" + u.id() + "' appears twice (files "
                        + previous.audioFile() + " and " + u.audioFile() + ")");
            }
            groups.computeIfAbsent(u.label(), k -> new ArrayList<>()).add(u);
        }
        SortedMap<String, List<Utterance>> frozen = new TreeMap<>();
        groups.forEach((label, list) -> frozen.put(label, List.copyOf(list)));
        this.byLabel = Collections.unmodifiableSortedMap(frozen);
        this.byId = Collections.unmodifiableMap(ids);
    }

    /** A corpus of {@code utterances} with no skipped reports. */
    public static Corpus of(List<Utterance> utterances) {
        return new Corpus(utterances, List.of());
    }

    /** The utterances in source order. */
    public List<Utterance> utterances() {
        return utterances;
    }

    /** What the source could not use, and why. */
    public List<SkippedFile> skipped() {
        return skipped;
    }

    /** The distinct labels, sorted. */
    public SortedSet<String> labels() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byLabel.keySet()));
    }

    /** The utterances of each label (source order within a label), keyed by label in sorted order. */
    public SortedMap<String, List<Utterance>> byLabel() {
        return byLabel;
    }

    /** Number of utterances of each label, keyed by label in sorted order. */
    public SortedMap<String, Integer> countsByLabel() {
        SortedMap<String, Integer> counts = new TreeMap<>();
        byLabel.forEach((label, list) -> counts.put(label, list.size()));
        return Collections.unmodifiableSortedMap(counts);
    }

    /** Number of utterances carrying {@code label} (0 if none). */
    public int count(String label) {
        List<Utterance> list = byLabel.get(label);
        return list == null ? 0 : list.size();
    }

    /** Number of utterances. */
    public int size() {
        return utterances.size();
    }

    /** True when the corpus has no utterances. */
    public boolean isEmpty() {
        return utterances.isEmpty();
    }

    /** The utterance with this id, if any. */
    public Optional<Utterance> utterance(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Where the utterance {@code id} was read, when its source says: the list file and line
     * ({@code "a.lab line 7"}, {@code "train.csv line 4"}) or the file; empty for an id not in the corpus.
     * Kept by {@link #filter} and {@link #relabel}.
     */
    public Optional<String> origin(String id) {
        return byId.containsKey(id) ? Optional.ofNullable(origins.get(id)) : Optional.empty();
    }

    /** The distinct known speakers, sorted. */
    public SortedSet<String> speakers() {
        SortedSet<String> speakers = new TreeSet<>();
        for (Utterance u : utterances) {
            u.speaker().ifPresent(speakers::add);
        }
        return Collections.unmodifiableSortedSet(speakers);
    }

    /** The distinct audio files, in order of first use. */
    public Set<Path> recordings() {
        Set<Path> files = new LinkedHashSet<>();
        for (Utterance u : utterances) {
            files.add(u.audioFile());
        }
        return Collections.unmodifiableSet(files);
    }

    /** The utterances that pass {@code keep}, with the same skipped reports. */
    public Corpus filter(Predicate<? super Utterance> keep) {
        Objects.requireNonNull(keep, "keep");
        List<Utterance> kept = new ArrayList<>();
        for (Utterance u : utterances) {
            if (keep.test(u)) {
                kept.add(u);
            }
        }
        return new Corpus(kept, skipped, origins);
    }

    /**
     * The same utterances with the label {@code newLabel} gives each (e.g. the speaker, for speaker
     * identification), with the same skipped reports.
     *
     * @throws IllegalArgumentException when {@code newLabel} gives null or a blank label
     */
    public Corpus relabel(Function<? super Utterance, String> newLabel) {
        Objects.requireNonNull(newLabel, "newLabel");
        List<Utterance> relabelled = new ArrayList<>(utterances.size());
        for (Utterance u : utterances) {
            String label = newLabel.apply(u);
            if (label == null) {
                throw new IllegalArgumentException("no new label for utterance '" + u.id() + "'");
            }
            relabelled.add(u.withLabel(label));
        }
        return new Corpus(relabelled, skipped, origins);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Corpus c && c.utterances.equals(utterances) && c.skipped.equals(skipped);
    }

    @Override
    public int hashCode() {
        return 31 * utterances.hashCode() + skipped.hashCode();
    }

    /** {@code Corpus[2500 utterances, 10 labels, 3 skipped]}. */
    @Override
    public String toString() {
        return "Corpus[" + utterances.size() + " utterances, " + byLabel.size() + " labels, "
                + skipped.size() + " skipped]";
    }
}
