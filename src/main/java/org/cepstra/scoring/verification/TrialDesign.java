package org.cepstra.scoring.verification;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A verification experiment laid out over evaluation speakers: which utterances enrol each speaker's
 * model, which are tests, and the trials (every model against every test utterance).
 *
 * @param enrolment utterance ids enrolling each speaker's model, speakers in sorted order
 * @param tests     test utterance ids of each speaker, speakers in sorted order
 * @param trials    every (model, test utterance) pair, models in sorted order, tests in {@link #testUtterances()}
 *                  order; target when the utterance is the model's speaker's
 */
public record TrialDesign(Map<String, List<String>> enrolment, Map<String, List<String>> tests, TrialList trials) {

    /** Copies the maps, keeping their order. */
    public TrialDesign {
        enrolment = copy(Objects.requireNonNull(enrolment, "enrolment"));
        tests = copy(Objects.requireNonNull(tests, "tests"));
        Objects.requireNonNull(trials, "trials");
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    /** All test utterance ids: speakers in sorted order, each speaker's in its test order. */
    public List<String> testUtterances() {
        List<String> all = new ArrayList<>();
        tests.values().forEach(all::addAll);
        return all;
    }
}
