package org.cepstra.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cepstra.app.VerificationTrials;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.Manifest;
import org.cepstra.corpus.ManifestReader;
import org.cepstra.corpus.SplitRole;
import org.cepstra.scoring.verification.TrialList;
import org.cepstra.scoring.verification.TrialsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cepstra make-trials}: a speaker verification experiment over a manifest's evaluation speakers,
 * written as a Kaldi trials file, and optionally manifests of the enrolment and of the test utterances. Both outputs are checked
 * before the manifest is read and written atomically.
 */
@Command(name = "make-trials", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lay out a verification experiment: the first E utterances of each speaker enrol it, the "
                + "others are tests, every speaker model is tried against every test utterance.",
                "A speaker's utterances are ranked within each label by repetition number (the integer after the "
                        + "last '_' of the file name) and taken round by round over the sorted labels. Trials name "
                        + "utterances by their manifest ids (the id column, else the path below the manifest's "
                        + "folder without .wav), as verify finds them with the same --manifest."})
final class MakeTrialsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "CSV/TSV manifest with columns path, label, speaker "
            + "and optionally split, id, start, end")
    Path manifest;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "TRIALS",
            description = "Kaldi trials file to write: <speaker> <utterance> target|nontarget")
    Path output;

    @Option(names = "--enrolment", paramLabel = "MANIFEST",
            description = "also write the enrolment utterances as a manifest (id,path,label,speaker; absolute paths) "
                    + "for enroll --manifest")
    Path enrolment;

    @Option(names = "--tests", paramLabel = "MANIFEST",
            description = "also write the test utterances as a manifest (id,path,label,speaker; absolute paths), e.g. "
                    + "for closed-set speaker identification with evaluate SPEAKERS --manifest MANIFEST --by-speaker")
    Path tests;

    @Option(names = "--enroll-utts", paramLabel = "E", description = "enrolment utterances per speaker (default: ${DEFAULT-VALUE})")
    int enrollUtts = 20;

    @Option(names = "--splits", split = ",", paramLabel = "SPLIT",
            description = "only the rows whose split column is one of these (train, dev, test; e.g. dev); default: all rows")
    List<String> splits;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (enrollUtts < 1) {
            throw new InputException("--enroll-utts must be >= 1, got " + enrollUtts);
        }
        Optional<Set<SplitRole>> wanted = splitRoles();
        OutputPaths.check("-o", output, List.of(manifest));
        if (enrolment != null) {
            OutputPaths.check("--enrolment", enrolment, List.of(manifest, output));
        }
        if (tests != null) {
            OutputPaths.check("--tests", tests, enrolment == null ? List.of(manifest, output)
                    : List.of(manifest, output, enrolment));
        }
        Manifest m = new ManifestReader().readManifest(manifest);
        Corpus corpus = m.corpus();
        if (wanted.isPresent()) {
            if (!m.hasSplitColumn()) {
                throw new InputException(manifest + ": --splits needs a split column");
            }
            corpus = corpus.filter(u -> wanted.get().contains(m.splits().get(u.id())));
        }
        SkipReporter.report(err, corpus.skipped());
        if (corpus.isEmpty()) {
            throw new InputException(manifest + ": no rows" + (wanted.isPresent() ? " of splits " + splits : ""));
        }
        VerificationTrials.Plan plan = VerificationTrials.make(corpus, enrollUtts);
        if (!plan.withoutSpeaker().isEmpty()) {
            err.println("cepstra: " + plan.withoutSpeaker().size() + " utterances without a speaker left out (first: '"
                    + plan.withoutSpeaker().get(0).id() + "')");
        }
        TrialList trials = plan.design().trials();
        TrialsFile.write(output, trials);
        if (enrolment != null) {
            VerificationTrials.writeManifest(enrolment, plan.enrolment());
        }
        if (tests != null) {
            VerificationTrials.writeManifest(tests, plan.tests());
        }
        out.printf("%d speakers, %d enrolment and %d test utterances: %d trials (%d target, %d non-target); wrote %s%s%n",
                plan.design().enrolment().size(), plan.enrolment().size(), plan.tests().size(), trials.size(),
                trials.targetCount(), trials.nontargetCount(), output, written());
        return corpus.skipped().isEmpty() && plan.withoutSpeaker().isEmpty() ? ExitCode.OK : ExitCode.SKIPPED_FILES;
    }

    /** " and ENROLMENT", " and TESTS", ", ENROLMENT and TESTS" or nothing: the manifests written beside the trials. */
    private String written() {
        if (enrolment != null && tests != null) {
            return ", " + enrolment + " and " + tests;
        }
        return enrolment != null ? " and " + enrolment : tests != null ? " and " + tests : "";
    }

    private Optional<Set<SplitRole>> splitRoles() {
        if (splits == null) {
            return Optional.empty();
        }
        Set<SplitRole> roles = EnumSet.noneOf(SplitRole.class);
        for (String s : splits) {
            roles.add(SplitRole.parse(s).orElseThrow(() -> new InputException(
                    "--splits: '" + s + "' is not one of train, dev, test")));
        }
        return Optional.of(roles);
    }
}
