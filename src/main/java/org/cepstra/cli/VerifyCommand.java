package org.cepstra.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cepstra.app.Verifier;
import org.cepstra.corpus.Corpus;
import org.cepstra.gmm.LlrOptions;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.models.ModelSet;
import org.cepstra.scoring.verification.CostPoint;
import org.cepstra.scoring.verification.ScoresFile;
import org.cepstra.scoring.verification.ScoresJson;
import org.cepstra.scoring.verification.TrialList;
import org.cepstra.scoring.verification.TrialsFile;
import org.cepstra.scoring.verification.VerificationSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cepstra verify}: scores a Kaldi trials file with a speaker set made by {@code enroll} (GMM-UBM
 * log-likelihood ratios), optionally normalises the scores against a cohort, writes them and prints EER,
 * Kaldi's EER and minDCF. Options, outputs, the speaker set and the trials are checked before any audio is
 * read; outputs are written atomically.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score speaker verification trials: the average per-frame log-likelihood ratio of each test "
                + "utterance between the claimed speaker's model and the background model; print EER, Kaldi's EER "
                + "and minDCF at p_target 0.01 and 0.001.",
                "The trials' utterance ids are looked up in the corpus the label-source options give (with "
                        + "--manifest: the id column, else the path below the manifest's folder without .wav, as "
                        + "make-trials writes them); the label column is not used. Each test utterance is normalised "
                        + "on its own."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEAKERS", description = "speaker set made by enroll (or train --map-from)")
    Path speakersPath;

    @Parameters(index = "1", paramLabel = "TRIALS", description = "Kaldi trials file: <speaker> <utterance> target|nontarget")
    Path trialsPath;

    @Parameters(index = "2", arity = "0..1", paramLabel = "CORPUS", description = "folder of WAV files (searched recursively)")
    Path root;

    @Mixin
    CorpusOptions corpus;

    @Option(names = {"-o", "--output"}, paramLabel = "SCORES",
            description = "write the scores as Kaldi text: <speaker> <utterance> <score> (atomically)")
    Path output;

    @Option(names = "--scores-json", paramLabel = "FILE", description = "write the scores with their target flags as JSON")
    Path scoresJson;

    @Mixin
    LlrScoringOptions scoring;

    @Option(names = "--norm", paramLabel = "none|znorm|tnorm|ztnorm",
            description = "score normalisation against --cohort: Z-norm per speaker model (its scores on the cohort "
                    + "speakers' utterances), T-norm per test utterance (its scores against the cohort models), or "
                    + "both (default: none)")
    String norm = "none";

    @Option(names = "--cohort", paramLabel = "SPEAKERS",
            description = "impostor speaker set enrolled from the same UBM (e.g. the UBM's own speakers); its "
                    + "speakers' utterances in the corpus are the Z-norm cohort")
    Path cohortPath;

    @Option(names = "--cohort-utterances", paramLabel = "N",
            description = "Z-norm cohort: at most N utterances per cohort speaker, in corpus order; 0 = all (default: ${DEFAULT-VALUE})")
    int cohortUtterances = 0;

    @Mixin
    CorpusJobOptions job;

    @Option(names = "--json", description = "print the figures as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int workers = job.workers();
        corpus.check();
        scoring.check();
        Verifier.NormKind kind = normKind();
        if (kind != Verifier.NormKind.NONE && cohortPath == null) {
            throw new InputException("--norm " + norm + " needs --cohort SPEAKERS");
        }
        if (kind == Verifier.NormKind.NONE && cohortPath != null) {
            throw new InputException("--cohort needs --norm znorm, tnorm or ztnorm");
        }
        if (cohortUtterances < 0) {
            throw new InputException("--cohort-utterances must be >= 0, got " + cohortUtterances);
        }
        List<Path> inputs = DeclaredInputs.of(root, corpus, speakersPath, trialsPath, cohortPath);
        if (output != null) {
            OutputPaths.check("-o", output, inputs);
        }
        if (scoresJson != null) {
            List<Path> notThese = new ArrayList<>(inputs);
            if (output != null) {
                notThese.add(output);
            }
            OutputPaths.check("--scores-json", scoresJson, notThese);
        }
        long t0 = System.nanoTime();
        ModelSet speakers = ModelSetFile.read(speakersPath);
        LlrOptions llr = scoring.toOptions(speakers);
        Verifier verifier;
        try {
            verifier = new Verifier(speakers, llr, workers).withStrict(job.strict);
        } catch (IllegalArgumentException e) {
            throw new InputException(speakersPath + ": " + e.getMessage());
        }
        ModelSet cohort = cohortPath == null ? null : ModelSetFile.read(cohortPath);
        TrialList trials = TrialsFile.read(trialsPath);
        Corpus all = corpus.read(root);
        // the recordings are inputs too: a score file written over one would destroy it
        List<Path> recordings = new ArrayList<>(all.recordings());
        if (output != null) {
            OutputPaths.check("-o", output, recordings);
        }
        if (scoresJson != null) {
            OutputPaths.check("--scores-json", scoresJson, recordings);
        }
        if (job.strict && !all.skipped().isEmpty()) {
            throw StrictMode.stopped(all.skipped().get(0));
        }
        SkipReporter.report(err, all.skipped());
        if (cohort != null) {
            warnOfTriedSpeakersInTheCohort(err, trials, cohort);
        }
        Verifier.Normalisation normalisation = cohort == null ? Verifier.Normalisation.none()
                : Verifier.Normalisation.withCohort(kind, cohort, all, cohortUtterances);
        Verifier.Result result;
        try (Progress progress = Progress.auto(job.quiet || json)) {
            result = verifier.verify(trials, all, normalisation, progress);
        } catch (Verifier.UnresolvedTrialException e) {
            long line = TrialsFile.lineNumbers(trialsPath)[e.trialIndex()];
            throw new InputException(trialsPath + " line " + line + ": " + e.getMessage()
                    + (job.strict && e.noFrames() ? StrictMode.SUFFIX : ""));
        }
        // a recording both tested and in the Z cohort is reported once
        List<org.cepstra.corpus.SkippedFile> cohortOnly = new ArrayList<>(result.cohortSkipped());
        cohortOnly.removeIf(s -> result.testSkipped().stream().anyMatch(t -> t.file().equals(s.file())));
        if (job.strict && !cohortOnly.isEmpty()) {
            throw StrictMode.stopped(cohortOnly.get(0));
        }
        SkipReporter.report(err, cohortOnly);
        SkipReporter.report(err, result.testSkipped());
        int left = trials.size() - result.trials().size();
        if (left > 0) {
            err.println("cepstra: warning: " + left + " of " + trials.size() + " trials left out: their test "
                    + "utterances gave no frames (above); the scores and figures are of the other "
                    + result.trials().size());
        }
        trials = result.trials();
        ModelRate.reportResampling(err, result.testRates());
        if (output != null) {
            ScoresFile.write(output, result.scores());
        }
        if (scoresJson != null) {
            ScoresJson.write(scoresJson, result.scores());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Optional<VerificationSummary> summary = result.summary();
        String undefined = "EER and minDCF undefined: the trials hold only "
                + (trials.targetCount() == 0 ? "non-target" : "target") + " trials";
        if (json) {
            printJson(out, trials, left, summary, llr, kind, seconds);
        } else {
            out.printf("%d trials (%d target, %d non-target), %s scoring, %s%s; %.2f s%n", trials.size(),
                    trials.targetCount(), trials.nontargetCount(), LlrScoringOptions.describe(llr),
                    kind == Verifier.NormKind.NONE ? "no normalisation" : norm.toLowerCase(Locale.ROOT),
                    LlrScoringOptions.describeSelection(llr), seconds);
            if (summary.isEmpty()) {
                out.println(undefined);
            } else {
                VerificationSummary s = summary.get();
                out.printf("EER %.2f%% (Kaldi compute-eer %.2f%%)%n", 100 * s.equalErrorRate(), 100 * s.kaldiEer().rate());
                for (CostPoint c : s.minimumCosts()) {
                    out.printf("minDCF(p_target=%s) %.4f%n", trim(c.cost().pTarget()), c.normalised());
                }
            }
        }
        if (summary.isEmpty()) {
            err.println("cepstra: " + undefined);
        }
        boolean skipped = left > 0 || !all.skipped().isEmpty() || !cohortOnly.isEmpty();
        return skipped ? ExitCode.SKIPPED_FILES : ExitCode.OK;
    }

    private Verifier.NormKind normKind() {
        return switch (norm.toLowerCase(Locale.ROOT).replace("-", "")) {
            case "none" -> Verifier.NormKind.NONE;
            case "znorm", "z" -> Verifier.NormKind.Z;
            case "tnorm", "t" -> Verifier.NormKind.T;
            case "ztnorm", "zt" -> Verifier.NormKind.ZT;
            default -> throw new InputException("--norm must be none, znorm, tnorm or ztnorm, got '" + norm + "'");
        };
    }

    private static String trim(double p) {
        return java.math.BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
    }

    private void printJson(PrintWriter out, TrialList trials, int left, Optional<VerificationSummary> summary,
                           LlrOptions llr, Verifier.NormKind kind, double seconds) throws java.io.IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("trials", trials.size());
        root.put("trialsLeftOut", left);
        root.put("targetTrials", trials.targetCount());
        root.put("nontargetTrials", trials.nontargetCount());
        root.put("topComponents", llr.exact() ? 0 : llr.topComponents());
        root.put("selectionClusters", llr.selects() ? llr.clusters() : 0);
        root.put("clustersSearched", llr.selects() ? llr.clustersSearched() : 0);
        root.put("normalisation", kind.name().toLowerCase(Locale.ROOT));
        root.put("seconds", seconds);
        if (summary.isPresent()) {
            VerificationSummary s = summary.get();
            root.put("equalErrorRate", s.equalErrorRate());
            root.put("kaldiEqualErrorRate", s.kaldiEer().rate());
            for (CostPoint c : s.minimumCosts()) {
                root.put("minDcf_" + trim(c.cost().pTarget()), c.normalised());
            }
        } else {
            root.putNull("equalErrorRate");
        }
        out.println(mapper.writeValueAsString(root));
    }

    /**
     * Warns when speakers the trials claim are also cohort speakers: their own model (T-norm) and their own utterances
     * (Z-norm) then normalise their scores, which makes the scores look better than they are.
     */
    private static void warnOfTriedSpeakersInTheCohort(PrintWriter err, TrialList trials, ModelSet cohort) {
        java.util.SortedSet<String> both = new java.util.TreeSet<>();
        for (org.cepstra.scoring.verification.Trial t : trials.trials()) {
            if (cohort.models().containsKey(t.model())) {
                both.add(t.model());
            }
        }
        if (!both.isEmpty()) {
            List<String> named = new ArrayList<>(both).subList(0, Math.min(5, both.size()));
            err.println("cepstra: warning: the cohort holds " + both.size() + " of the speakers the trials claim ("
                    + String.join(", ", named) + (both.size() > named.size() ? ", ..." : "") + "): their own models "
                    + "and utterances then normalise their scores, which look better than they are; take a cohort "
                    + "of other speakers (e.g. the UBM's training speakers)");
        }
    }
}
