package org.cepstra.scoring.verification;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lays out a verification experiment over the utterances of evaluation speakers. For each speaker
 * (sorted), its utterances are ranked within each label by repetition number (the integer after the last
 * {@code '_'} of the file's base name without extension, e.g. 3 for {@code spk1_yes_03.wav}; names without
 * one come after all numbered ones; ties by base name) and taken round by round: the first of every label
 * (labels sorted), then the second of every label, and so on. The first {@code enrolUtterances} in that order
 * enrol the speaker's model; all the others are tests. When a speaker's utterances carry an
 * {@link EnrolmentRole}, the roles decide instead. Every model is tried against every test utterance of
 * every evaluation speaker. Names and labels sort by Unicode code point.
 */
public final class TrialListMaker {
    private final int enrolUtterances;

    /**
     * A maker enrolling each speaker with its first {@code enrolUtterances} utterances.
     *
     * @throws IllegalArgumentException if {@code enrolUtterances < 1}
     */
    public TrialListMaker(int enrolUtterances) {
        if (enrolUtterances < 1) {
            throw new IllegalArgumentException("enrolment utterances per speaker must be at least 1, got "
                    + enrolUtterances);
        }
        this.enrolUtterances = enrolUtterances;
    }

    /**
     * The enrolment, tests and trials of {@code utterances}.
     *
     * @throws IllegalArgumentException if an utterance id repeats, a speaker mixes utterances with and
     *                                  without a role, or a speaker ends up without enrolment or test
     *                                  utterances (naming the speaker and the counts)
     */
    public TrialDesign make(List<SpeakerUtterance> utterances) {
        Objects.requireNonNull(utterances, "utterances");
        if (utterances.isEmpty()) {
            throw new IllegalArgumentException("no evaluation utterances");
        }
        Set<String> ids = new HashSet<>();
        Map<String, List<SpeakerUtterance>> bySpeaker = new TreeMap<>(CODE_POINT_ORDER);
        for (SpeakerUtterance u : utterances) {
            if (!ids.add(u.id())) {
                throw new IllegalArgumentException("utterance id '" + u.id() + "' appears twice");
            }
            bySpeaker.computeIfAbsent(u.speaker(), s -> new ArrayList<>()).add(u);
        }
        Map<String, List<String>> enrolment = new LinkedHashMap<>();
        Map<String, List<String>> tests = new LinkedHashMap<>();
        for (Map.Entry<String, List<SpeakerUtterance>> e : bySpeaker.entrySet()) {
            String speaker = e.getKey();
            List<SpeakerUtterance> mine = e.getValue();
            long withRole = mine.stream().filter(u -> u.role().isPresent()).count();
            List<String> enr = new ArrayList<>();
            List<String> tst = new ArrayList<>();
            if (withRole == mine.size()) {
                for (SpeakerUtterance u : mine) {
                    (u.role().get() == EnrolmentRole.ENROL ? enr : tst).add(u.id());
                }
            } else if (withRole > 0) {
                throw new IllegalArgumentException("speaker '" + speaker + "': " + withRole + " of " + mine.size()
                        + " utterances have an enrolment/test role; give all of them one or none");
            } else {
                List<SpeakerUtterance> order = enrolmentOrder(mine);
                for (int i = 0; i < order.size(); i++) {
                    (i < enrolUtterances ? enr : tst).add(order.get(i).id());
                }
            }
            if (enr.isEmpty() || tst.isEmpty()) {
                throw new IllegalArgumentException("speaker '" + speaker + "': " + enr.size() + " enrolment and "
                        + tst.size() + " test utterances; need at least one of each");
            }
            enrolment.put(speaker, enr);
            tests.put(speaker, tst);
        }
        List<Trial> trials = new ArrayList<>();
        for (String model : enrolment.keySet()) {
            for (Map.Entry<String, List<String>> t : tests.entrySet()) {
                boolean target = t.getKey().equals(model);
                for (String utt : t.getValue()) {
                    trials.add(new Trial(model, utt, target));
                }
            }
        }
        return new TrialDesign(enrolment, tests, new TrialList(trials));
    }

    /** One speaker's utterances in enrolment order: round by round over the sorted labels. */
    static List<SpeakerUtterance> enrolmentOrder(List<SpeakerUtterance> utterances) {
        Map<String, List<SpeakerUtterance>> byLabel = new TreeMap<>(CODE_POINT_ORDER);
        for (SpeakerUtterance u : utterances) {
            byLabel.computeIfAbsent(u.label(), l -> new ArrayList<>()).add(u);
        }
        byLabel.values().forEach(list -> list.sort(REPETITION_ORDER));
        List<SpeakerUtterance> order = new ArrayList<>(utterances.size());
        for (int round = 0; order.size() < utterances.size(); round++) {
            for (List<SpeakerUtterance> list : byLabel.values()) {
                if (round < list.size()) {
                    order.add(list.get(round));
                }
            }
        }
        return order;
    }

    /** Strings by Unicode code point, as Python compares them. */
    static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    /** By repetition number (absent last), then by base name without extension. */
    private static final Comparator<SpeakerUtterance> REPETITION_ORDER = Comparator
            .comparing((SpeakerUtterance u) -> repetition(stem(u.fileName())),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(u -> stem(u.fileName()), CODE_POINT_ORDER);

    /** The base name of a '/'-separated path without its last extension (leading dots are not one). */
    static String stem(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        int lead = 0;
        while (lead < base.length() && base.charAt(lead) == '.') {
            lead++;
        }
        return dot >= lead ? base.substring(0, dot) : base;
    }

    /** The integer after the last '_' of {@code stem} (the whole stem if it has none), or null. */
    static BigInteger repetition(String stem) {
        String last = stem.substring(stem.lastIndexOf('_') + 1);
        if (last.isEmpty()) {
            return null;
        }
        for (int i = 0; i < last.length(); i++) {
            if (last.charAt(i) < '0' || last.charAt(i) > '9') {
                return null;
            }
        }
        return new BigInteger(last);
    }
}
