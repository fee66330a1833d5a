package org.cepstra.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.ManifestReader;
import org.cepstra.corpus.Utterance;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.GmmScorer;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.Background;
import org.cepstra.models.CorpusFeatureExtractor;
import org.cepstra.models.CorpusFrames;
import org.cepstra.models.ModelSet;
import org.cepstra.models.ModelTrainingListener;
import org.cepstra.models.UtteranceFrames;
import org.cepstra.scoring.verification.Trial;
import org.cepstra.scoring.verification.TrialList;
import org.cepstra.scoring.verification.TrialsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench verify SPEAKERS TRIALS --manifest CSV}: the scoring of {@code verify} on a speaker set made by
 * {@code enroll} (any recipe, e.g. the tuned {@code speaker} recipe) and a trial list made by {@code make-trials}.
 * The test utterances' frames are made once with the set's pipeline, each utterance on its own as {@code verify}
 * makes them; then the whole trial list is scored on one thread exactly, with top-C over all components and with
 * top-C under each Gaussian selection setting ({@link LlrTimings}): thread CPU time (median of repeated runs), the
 * UBM pass alone, the EER and the ratio against exact.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time verify's scoring (exact, top-C, Gaussian selection) of a trial list on an enrolled speaker set.")
final class BenchVerifyCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEAKERS", description = "speaker set made by enroll")
    Path speakersFile;

    @Parameters(index = "1", paramLabel = "TRIALS", description = "Kaldi trials file (make-trials)")
    Path trialsFile;

    @Option(names = "--manifest", paramLabel = "CSV", required = true,
            description = "manifest whose ids the trials name (as verify --manifest)")
    Path manifest;

    @Mixin
    LlrTimings.Options scoring;

    @Option(names = "--threads", paramLabel = "T", description = "feature extraction threads (default: ${DEFAULT-VALUE})")
    int threads = 1;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelSet set = ModelSetFile.read(speakersFile);
        DiagonalGmm ubm = set.background().map(Background::ubm).orElseThrow(
                () -> new InputException(speakersFile + ": the speaker set has no background model"));
        TrialList trials = TrialsFile.read(trialsFile);
        Map<String, Utterance> byId = new HashMap<>();
        new ManifestReader().read(manifest).utterances().forEach(u -> byId.put(u.id(), u));
        Map<String, List<Trial>> byUtterance = new LinkedHashMap<>();
        for (Trial t : trials.trials()) {
            if (!byId.containsKey(t.utterance()) || !set.models().containsKey(t.model())) {
                throw new InputException(trialsFile + ": trial '" + t.pair() + "' names an utterance or model not found");
            }
            byUtterance.computeIfAbsent(t.utterance(), u -> new ArrayList<>()).add(t);
        }
        List<Utterance> alone = new ArrayList<>();
        for (String id : byUtterance.keySet()) {
            Utterance u = byId.get(id);
            alone.add(new Utterance(u.id(), u.audioFile(), u.label(), Optional.empty(), u.segment()));
        }
        long t0 = System.nanoTime();
        CorpusFrames frames = new CorpusFeatureExtractor(set.featurePipeline(), threads)
                .extract(Corpus.of(alone), ModelTrainingListener.none());
        if (!frames.skipped().isEmpty()) {
            throw new InputException(frames.skipped().size() + " test recording(s) could not be read, the first: "
                    + frames.skipped().get(0).file() + ": " + frames.skipped().get(0).reason());
        }
        Map<String, GmmScorer> models = new HashMap<>();
        set.models().forEach((label, gmm) -> models.put(label, new GmmScorer(gmm)));
        List<LlrTimings.Test> tests = new ArrayList<>();
        long frameCount = 0;
        for (UtteranceFrames u : frames.utterances()) {
            FeatureMatrix x = u.frames();
            if (x.rows() == 0) {
                throw new InputException("utterance '" + u.utterance().id() + "' gave no frames");
            }
            List<Trial> list = byUtterance.get(u.utterance().id());
            List<GmmScorer> claimed = new ArrayList<>();
            boolean[] target = new boolean[list.size()];
            for (int j = 0; j < list.size(); j++) {
                claimed.add(models.get(list.get(j).model()));
                target[j] = list.get(j).target();
            }
            tests.add(new LlrTimings.Test(x, claimed, target));
            frameCount += x.rows();
        }
        out.printf("speaker set %s: %d models, UBM K=%d, D=%d; %d trials, %d test utterances (%d frames), features "
                        + "%.2f s%n", speakersFile, set.size(), ubm.numComponents(), ubm.dimension(), trials.size(),
                tests.size(), frameCount, (System.nanoTime() - t0) / 1e9);
        LlrTimings.run(out, ubm, scoring, tests);
        return ExitCode.OK;
    }
}
