package org.cepstra.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A way to divide a corpus into a training and a test part. Utterances keep their corpus order on
 * each side; the source's skip reports go with the training side.
 */
@FunctionalInterface
public interface Splitter {

    /** Divides {@code corpus}. */
    CorpusSplit split(Corpus corpus);

    /** Test = the utterances {@code isTest} accepts; train = the others. */
    static Splitter byPredicate(Predicate<? super Utterance> isTest) {
        Objects.requireNonNull(isTest, "isTest");
        return corpus -> {
            List<Utterance> train = new ArrayList<>();
            List<Utterance> test = new ArrayList<>();
            for (Utterance u : corpus.utterances()) {
                (isTest.test(u) ? test : train).add(u);
            }
            return new CorpusSplit(new Corpus(train, corpus.skipped()), Corpus.of(test));
        };
    }

    /**
     * Test = the utterances whose audio file name (extension included, no folders) contains a match
     * of {@code testFilePattern} ({@link java.util.regex.Matcher#find()}). All segments of a file go to
     * the same side.
     */
    static Splitter byTestFileName(Pattern testFilePattern) {
        Objects.requireNonNull(testFilePattern, "testFilePattern");
        return byPredicate(u -> testFilePattern.matcher(u.audioFile().getFileName().toString()).find());
    }

    /**
     * The official Free Spoken Digit Dataset split: recordings with index 0 to 4
     * ({@code _[0-4]\.wav$}) are the test part, 5 to 49 the training part.
     */
    static Splitter fsddOfficial() {
        return byTestFileName(Pattern.compile("_[0-4]\\.wav$", Pattern.CASE_INSENSITIVE));
    }

    /**
     * Test = the utterances of the speakers in {@code testSpeakers} (e.g. leave one speaker out);
     * utterances without a known speaker go to the training side.
     */
    static Splitter byTestSpeakers(Set<String> testSpeakers) {
        Set<String> speakers = Set.copyOf(testSpeakers);
        return byPredicate(u -> u.speaker().isPresent() && speakers.contains(u.speaker().get()));
    }

    /**
     * The manifest's own {@code split} column: {@link SplitRole#TRAIN} rows train,
     * {@link SplitRole#TEST} and {@link SplitRole#DEV} rows test (dev data is held out).
     * The corpus split may be the manifest's corpus or any part of it (e.g. after
     * {@link Corpus#filter}).
     *
     * @throws IllegalArgumentException when the manifest has no split column; {@link #split} throws it
     *                                  for an utterance the manifest does not list
     */
    static Splitter byManifestColumn(Manifest manifest) {
        return byManifestColumn(manifest, SplitRole.TEST);
    }

    /**
     * As {@link #byManifestColumn(Manifest)}, with dev rows on the side {@code devGoesTo} names
     * ({@link SplitRole#TRAIN} or {@link SplitRole#TEST}).
     */
    static Splitter byManifestColumn(Manifest manifest, SplitRole devGoesTo) {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(devGoesTo, "devGoesTo");
        if (!manifest.hasSplitColumn()) {
            throw new IllegalArgumentException("manifest " + manifest.file() + " has no split column");
        }
        if (devGoesTo == SplitRole.DEV) {
            throw new IllegalArgumentException("dev rows must go to TRAIN or TEST, not DEV");
        }
        return byPredicate(u -> {
            SplitRole role = manifest.splits().get(u.id());
            if (role == null) {
                throw new IllegalArgumentException("utterance '" + u.id() + "' is not listed in manifest "
                        + manifest.file());
            }
            return (role == SplitRole.DEV ? devGoesTo : role) == SplitRole.TEST;
        });
    }

    /**
     * A seeded, label-stratified random split keeping each recording on one side; see
     * {@link StratifiedSplitter}.
     */
    static Splitter stratified(double testFraction, long seed) {
        return new StratifiedSplitter(testFraction, seed);
    }
}
