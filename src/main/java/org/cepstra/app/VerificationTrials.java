package org.cepstra.app;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cepstra.base.AtomicFiles;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.Utterance;
import org.cepstra.scoring.verification.SpeakerUtterance;
import org.cepstra.scoring.verification.TrialDesign;
import org.cepstra.scoring.verification.TrialListMaker;

/**
 * Lays out a verification experiment over a corpus's evaluation speakers ({@link TrialListMaker}: the
 * first E utterances of each speaker, round by round over its labels in repetition order, enrol the
 * speaker; the rest are tests; every model is tried against every test), and writes the enrolment
 * utterances as a manifest that {@code enroll} reads.
 */
public final class VerificationTrials {
    private VerificationTrials() {
    }

    /**
     * A laid-out experiment.
     *
     * @param design       enrolment and test ids per speaker, and the trials
     * @param enrolment    the enrolment utterances, speakers in sorted order
     * @param tests        the test utterances, in {@link TrialDesign#testUtterances()} order
     * @param withoutSpeaker utterances left out because their speaker is unknown
     */
    public record Plan(TrialDesign design, List<Utterance> enrolment, List<Utterance> tests,
                       List<Utterance> withoutSpeaker) {
        /** Copies the lists. */
        public Plan {
            Objects.requireNonNull(design, "design");
            enrolment = List.copyOf(enrolment);
            tests = List.copyOf(tests);
            withoutSpeaker = List.copyOf(withoutSpeaker);
        }
    }

    /**
     * The experiment over the utterances of {@code corpus} that have a speaker, {@code enrolUtterances} per
     * speaker enrolling it. The file name that ranks an utterance is its audio file's name.
     *
     * @throws IllegalArgumentException if no utterance has a speaker, an id or speaker holds white space, or a
     *                                  speaker has too few utterances for enrolment and tests (named)
     */
    public static Plan make(Corpus corpus, int enrolUtterances) {
        Objects.requireNonNull(corpus, "corpus");
        TrialListMaker maker = new TrialListMaker(enrolUtterances);
        List<SpeakerUtterance> rows = new ArrayList<>();
        List<Utterance> withoutSpeaker = new ArrayList<>();
        Map<String, Utterance> byId = new HashMap<>();
        for (Utterance u : corpus.utterances()) {
            if (u.speaker().isEmpty()) {
                withoutSpeaker.add(u);
                continue;
            }
            rows.add(new SpeakerUtterance(u.id(), u.speaker().get(), u.label(),
                    u.audioFile().getFileName().toString()));
            byId.put(u.id(), u);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no utterance has a speaker: trials need each utterance's speaker");
        }
        TrialDesign design = maker.make(rows);
        List<Utterance> enrolment = new ArrayList<>();
        design.enrolment().values().forEach(ids -> ids.forEach(id -> enrolment.add(byId.get(id))));
        List<Utterance> tests = new ArrayList<>();
        design.testUtterances().forEach(id -> tests.add(byId.get(id)));
        return new Plan(design, enrolment, tests, withoutSpeaker);
    }

    /**
     * Writes {@code utterances} as a manifest (atomically, UTF-8, comma-separated, RFC 4180 quoting): columns
     * {@code id,path,label,speaker}, plus {@code start,end} in seconds when an utterance is a segment; paths
     * absolute, so that the manifest can live anywhere and keeps the utterance ids.
     *
     * @throws IOException naming the file if it cannot be written
     */
    public static void writeManifest(Path file, List<Utterance> utterances) throws IOException {
        Objects.requireNonNull(utterances, "utterances");
        boolean segments = utterances.stream().anyMatch(u -> u.segment().isPresent());
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(segments ? "id,path,label,speaker,start,end\n" : "id,path,label,speaker\n");
            for (Utterance u : utterances) {
                w.write(csv(u.id()) + "," + csv(u.audioFile().toAbsolutePath().toString()) + "," + csv(u.label())
                        + "," + csv(u.speaker().orElse("")));
                if (segments) {
                    w.write(u.segment().map(s -> "," + seconds(s.startSeconds()) + "," + seconds(s.endSeconds()))
                            .orElse(",,"));
                }
                w.write('\n');
            }
            w.flush();
        });
    }

    /** Seconds in plain decimal notation, the shortest that reads back to the same double. */
    private static String seconds(double s) {
        return new java.math.BigDecimal(Double.toString(s)).toPlainString();
    }

    /** A CSV field: quoted when it holds a comma, quote, line break or surrounding space. */
    private static String csv(String field) {
        boolean quote = field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")
                || !field.equals(field.strip());
        return quote ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
