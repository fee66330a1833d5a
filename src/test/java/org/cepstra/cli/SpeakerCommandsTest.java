package org.cepstra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cepstra.app.Recipe;
import org.cepstra.app.SpeakerModels;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.models.ModelSet;
import org.cepstra.scoring.verification.ScoresFile;
import org.cepstra.scoring.verification.TrialsFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train-ubm, enroll, make-trials and verify on FSDD recordings of two speakers (background: repetitions
 * 10-12; evaluation: repetitions 0-2, the first of every digit enrolling), and what each says of bad input.
 */
class SpeakerCommandsTest {
    static final Path CORPUS = ModelCommandsTest.CORPUS;

    @TempDir
    static Path dir;
    static Path manifest;
    static Path ubm;
    static Path speakers;
    static Path trials;
    static Path enrolment;

    @BeforeAll
    static void buildTheExperiment() throws Exception {
        StringBuilder csv = new StringBuilder("path,label,speaker,split\n");
        for (String speaker : List.of("jackson", "theo")) {
            for (int digit = 0; digit < 10; digit++) {
                for (int rep : new int[] {0, 1, 2, 10, 11, 12}) {
                    csv.append(CORPUS.resolve(digit + "_" + speaker + "_" + rep + ".wav").toAbsolutePath()).append(',')
                            .append(digit).append(',').append(speaker).append(',').append(rep < 10 ? "dev" : "train")
                            .append('\n');
                }
            }
        }
        manifest = dir.resolve("manifest.csv");
        Files.writeString(manifest, csv, StandardCharsets.UTF_8);
        ubm = dir.resolve("ubm.npz");
        speakers = dir.resolve("speakers.npz");
        trials = dir.resolve("trials");
        enrolment = dir.resolve("enrol.csv");
        CliRunner.Result r = CliRunner.run("train-ubm", "--manifest", manifest.toString(), "--manifest-split", "-k", "8",
                "--subsample", "2", "-o", ubm.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("trained a UBM of 8 Gaussians on "), r.out());
        assertTrue(r.out().contains("(every 2-th) of 60 utterances (0 skipped)"), r.out());
        r = CliRunner.run("make-trials", manifest.toString(), "--splits", "dev", "--enroll-utts", "10", "-o",
                trials.toString(), "--enrolment", enrolment.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("2 speakers, 20 enrolment and 40 test utterances: 80 trials (40 target, 40 non-target); wrote "
                + trials + " and " + enrolment + "\n", r.out());
        r = CliRunner.run("enroll", ubm.toString(), "--manifest", enrolment.toString(), "-o", speakers.toString(),
                "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("enrolled 2 speakers from 20 utterances (0 skipped)"), r.out());
    }

    @Test
    void recordingsAtAnotherRateThanTheUbmsAreSaidToBeResampled() throws Exception {
        Path ubm16 = dir.resolve("ubm16k.npz");
        CliRunner.Result r = CliRunner.run("train-ubm", "--manifest", manifest.toString(), "--manifest-split", "-k", "4",
                "--sample-frequency", "16000", "-o", ubm16.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        r = CliRunner.run("enroll", ubm16.toString(), "--manifest", enrolment.toString(), "-o",
                dir.resolve("speakers16k.npz").toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        // the 20 enrolment recordings are 8 kHz FSDD files, made into frames at the UBM's 16 kHz
        assertTrue(r.err().startsWith("cepstra: 20 of 20 files resampled"), r.err());
        assertTrue(r.err().contains("the model set's rate"), r.err());
        // at the UBM's own rate nothing is said
        r = CliRunner.run("enroll", ubm.toString(), "--manifest", enrolment.toString(), "-o",
                dir.resolve("speakers8k.npz").toString(), "--quiet");
        assertEquals("", r.err());
        // the same for the test recordings of verify
        r = CliRunner.run("verify", dir.resolve("speakers16k.npz").toString(), trials.toString(), "--manifest",
                manifest.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("cepstra: 40 of 40 files resampled"), r.err());
        r = CliRunner.run("verify", speakers.toString(), trials.toString(), "--manifest", manifest.toString(),
                "--quiet");
        assertEquals("", r.err());
    }

    @Test
    void theUbmIsOneModelOfTheSpeakerRecipe() throws Exception {
        ModelSet set = ModelSetFile.read(ubm);
        assertEquals(List.of(SpeakerModels.UBM_LABEL), set.labelNames());
        assertTrue(set.featureConfig().vadEnabled());
        assertEquals(5.5f, set.featureConfig().vad().energyThreshold());
        assertEquals(org.cepstra.features.CmvnMode.NONE, set.featureConfig().cmvn().mode());
        assertEquals(40, set.featureConfig().mfcc().mfcc().numCeps());
        assertEquals(120, set.model(SpeakerModels.UBM_LABEL).dimension());
        assertEquals(8, set.model(SpeakerModels.UBM_LABEL).numComponents());
        // enroll adapts means, variances and weights unless told otherwise
        org.cepstra.gmm.MapOptions adaptation = ModelSetFile.read(speakers).background().get().adaptation();
        assertEquals(List.of(true, true, true), List.of(adaptation.adaptMeans(), adaptation.adaptVariances(),
                adaptation.adaptWeights()));
        assertEquals(16.0, adaptation.meanRelevance());
        ModelSet noVad = ModelSetFile.read(trainUbm("--no-vad", "-k", "2", "--max-iter", "2"));
        assertFalse(noVad.featureConfig().vadEnabled());
    }

    /** Without -k the speaker recipe's 256 is a ceiling: one Gaussian per 600 training frames; -k gives K outright. */
    @Test
    void aSmallCorpusGetsAUbmOfOneGaussianPer600Frames() throws Exception {
        ModelSet small = ModelSetFile.read(trainUbm("--max-iter", "2"));
        long frames = small.labels().get(0).frames();
        assertTrue(frames > 1200 && frames < 600 * 256, "frames " + frames);
        assertEquals(frames / Recipe.SPEAKER_UBM_FRAMES_PER_COMPONENT,
                small.model(SpeakerModels.UBM_LABEL).numComponents());
        ModelSet halved = ModelSetFile.read(trainUbm("--max-iter", "2", "--subsample", "2"));
        assertEquals(halved.labels().get(0).frames() / Recipe.SPEAKER_UBM_FRAMES_PER_COMPONENT,
                halved.model(SpeakerModels.UBM_LABEL).numComponents());
        assertEquals(32, ModelSetFile.read(trainUbm("--max-iter", "2", "-k", "32")).model(SpeakerModels.UBM_LABEL)
                .numComponents());
    }

    private static Path trainUbm(String... extra) {
        Path out = dir.resolve("ubm-" + String.join("", extra).replace("-", "") + ".npz");
        List<String> args = new java.util.ArrayList<>(List.of("train-ubm", "--manifest", manifest.toString(),
                "--manifest-split", "-o", out.toString(), "--quiet"));
        args.addAll(List.of(extra));
        CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    @Test
    void enrolmentFollowsTheRepetitionOrder() throws Exception {
        List<String> lines = Files.readAllLines(enrolment);
        assertEquals("id,path,label,speaker", lines.get(0));
        assertEquals(21, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.matches("\\d_(jackson|theo)_0,.*"), line); // the first repetition of every digit
        }
        assertEquals(80, TrialsFile.read(trials).size());
    }

    @Test
    void verifyWritesEveryScoreAndPrintsTheFigures() throws Exception {
        Path scores = dir.resolve("scores");
        Path json = dir.resolve("scores.json");
        CliRunner.Result r = CliRunner.run("verify", speakers.toString(), trials.toString(), "--manifest",
                manifest.toString(), "-o", scores.toString(), "--scores-json", json.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        String[] out = r.out().split("\n");
        assertTrue(out[0].startsWith("80 trials (40 target, 40 non-target), top-5 scoring, no normalisation"), r.out());
        assertTrue(out[1].matches("EER \\d+\\.\\d\\d% \\(Kaldi compute-eer \\d+\\.\\d\\d%\\)"), r.out());
        assertTrue(out[2].startsWith("minDCF(p_target=0.01) "), r.out());
        assertTrue(out[3].startsWith("minDCF(p_target=0.001) "), r.out());
        assertEquals(80, ScoresFile.read(scores).size());
        List<org.cepstra.scoring.verification.Score> text = ScoresFile.read(scores).scores();
        List<org.cepstra.scoring.verification.Score> withFlags =
                org.cepstra.scoring.verification.ScoresJson.read(json).scores();
        for (int i = 0; i < text.size(); i++) {
            assertEquals(text.get(i).pair(), withFlags.get(i).pair());
            assertEquals(text.get(i).score(), withFlags.get(i).score());
            assertTrue(withFlags.get(i).target().isPresent());
        }
        CliRunner.Result j = CliRunner.run("verify", speakers.toString(), trials.toString(), "--manifest",
                manifest.toString(), "--exact", "--json");
        assertEquals(0, j.exitCode(), j.err());
        JsonNode figures = new ObjectMapper().readTree(j.out());
        assertEquals(40, figures.get("targetTrials").asInt());
        assertEquals(0, figures.get("topComponents").asInt());
        double eer = figures.get("equalErrorRate").asDouble();
        assertTrue(eer >= 0 && eer < 0.5, j.out());
    }

    @Test
    void evaluateBySpeakerIdentifiesTheTestUtterancesOfMakeTrials() throws Exception {
        Path enrol = dir.resolve("id-enrol.csv");
        Path tests = dir.resolve("id-tests.csv");
        CliRunner.Result r = CliRunner.run("make-trials", manifest.toString(), "--splits", "dev", "--enroll-utts", "10",
                "-o", dir.resolve("id-trials").toString(), "--enrolment", enrol.toString(), "--tests", tests.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("2 speakers, 20 enrolment and 40 test utterances: 80 trials (40 target, 40 non-target); wrote "
                + dir.resolve("id-trials") + ", " + enrol + " and " + tests + "\n", r.out());
        assertEquals(Files.readAllLines(enrolment), Files.readAllLines(enrol));
        List<String> testRows = Files.readAllLines(tests);
        assertEquals("id,path,label,speaker", testRows.get(0));
        assertEquals(41, testRows.size());
        for (String line : testRows.subList(1, testRows.size())) {
            assertTrue(line.matches("\\d_(jackson|theo)_[12],.*,\\d,(jackson|theo)"), line); // repetitions 1 and 2
        }
        // the accuracy counts the test utterances whose best speaker model is their own speaker
        ModelSet set = ModelSetFile.read(speakers);
        org.cepstra.scoring.Scorer scorer = new org.cepstra.scoring.Scorer(set);
        int right = 0;
        for (String line : testRows.subList(1, testRows.size())) {
            String[] f = line.split(",");
            right += scorer.score(set.featurePipeline().extract(Path.of(f[1]))).bestLabel().equals(f[3]) ? 1 : 0;
        }
        r = CliRunner.run("evaluate", speakers.toString(), "--manifest", tests.toString(), "--by-speaker", "--all-test",
                "--json", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode result = new ObjectMapper().readTree(r.out());
        assertEquals(40, result.get("total").asInt(), r.out());
        assertEquals(right / 40.0, result.get("accuracy").asDouble(), 1e-12);
        assertTrue(right >= 28, right + " of 40 identified");
        // without --by-speaker the labels are the digits, which the speaker set has no model for
        r = CliRunner.run("evaluate", speakers.toString(), "--manifest", tests.toString(), "--all-test", "--json",
                "--quiet");
        assertEquals(0.0, new ObjectMapper().readTree(r.out()).get("accuracy").asDouble());
        assertTrue(r.err().contains("have a label the model set has no model for"), r.err());
    }

    @Test
    void scoreNormalisationNeedsACohortAndUsesIt() throws Exception {
        Path cohort = dir.resolve("cohort.npz");
        CliRunner.Result r = CliRunner.run("enroll", ubm.toString(), "--manifest", manifest.toString(),
                "--manifest-split", "-o", cohort.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        for (String norm : List.of("znorm", "tnorm", "ztnorm")) {
            r = CliRunner.run("verify", speakers.toString(), trials.toString(), "--manifest", manifest.toString(),
                    "--norm", norm, "--cohort", cohort.toString(), "--quiet");
            assertEquals(0, r.exitCode(), norm + ": " + r.err());
            assertTrue(r.out().contains("top-5 scoring, " + norm), r.out());
        }
        r = CliRunner.run("verify", speakers.toString(), trials.toString(), "--manifest", manifest.toString(),
                "--norm", "ztnorm");
        assertEquals(1, r.exitCode());
        assertEquals("cepstra: --norm ztnorm needs --cohort SPEAKERS\n", r.err());
    }

    @Test
    void badTrialsAreNamedWithTheirLine() throws Exception {
        Path bad = dir.resolve("bad-trials");
        Files.writeString(bad, "jackson 0_jackson_1 target\n\nnicolas 0_jackson_1 nontarget\n");
        CliRunner.Result r = CliRunner.run("verify", speakers.toString(), bad.toString(), "--manifest",
                manifest.toString(), "--quiet");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("cepstra: " + bad + " line 3: model 'nicolas' is not in the speaker set"), r.err());
        Files.writeString(bad, "jackson 0_jackson_1 target\njackson nobody_1 nontarget\n");
        r = CliRunner.run("verify", speakers.toString(), bad.toString(), "--manifest", manifest.toString(), "--quiet");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("cepstra: " + bad + " line 2: utterance 'nobody_1' is not in the corpus"), r.err());
        Files.writeString(bad, "jackson 0_jackson_1 target\ntheo 0_theo_1 target\n");
        r = CliRunner.run("verify", speakers.toString(), bad.toString(), "--manifest", manifest.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("EER and minDCF undefined: the trials hold only target trials"), r.out());
    }

    @Test
    void aModelSetWithoutBackgroundIsRefusedBeforeAnyAudioIsRead() {
        CliRunner.Result r = CliRunner.run("verify", ubm.toString(), trials.toString(), "--manifest",
                manifest.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("has no background model") && r.err().contains("made by enroll, or train --map-from"),
                r.err());
    }

    @Test
    void badOptionsAreNamed() {
        assertError("cepstra: --recipe keywords models each label in 24 states; a UBM is one mixture: take the "
                + "speaker or standard recipe\n", "train-ubm", "--manifest", manifest.toString(),
                "--manifest-split", "--recipe", "keywords", "-o", dir.resolve("never.npz").toString());
        assertError("cepstra: --subsample must be >= 1, got 0\n", "train-ubm", "--manifest", manifest.toString(),
                "--subsample", "0", "-o", dir.resolve("x.npz").toString());
        assertError("cepstra: --relevance must be a finite number of frames >= 0, got -1.0\n", "enroll", ubm.toString(),
                "--manifest", manifest.toString(), "--relevance", "-1", "-o", dir.resolve("x.npz").toString());
        assertError("cepstra: --adapt must be means, means,variances or means,variances,weights, got 'weights'\n",
                "enroll", ubm.toString(), "--manifest", manifest.toString(), "--adapt", "weights", "-o",
                dir.resolve("x.npz").toString());
        assertError("cepstra: --relevance and --adapt need --map-from (or the enroll command)\n", "train",
                "--manifest", manifest.toString(), "--relevance", "8", "-o", dir.resolve("x.npz").toString());
        assertError("cepstra: --splits: 'holdout' is not one of train, dev, test\n", "make-trials", manifest.toString(),
                "--splits", "holdout", "-o", dir.resolve("t").toString());
        assertError("cepstra: --top-c must be >= 1, got 0 (--exact scores every component)\n", "verify",
                speakers.toString(), trials.toString(), "--manifest", manifest.toString(), "--top-c", "0");
        assertError("cepstra: " + speakers + ": not a universal background model: it holds 2 models (a UBM is a model "
                + "file of one model, made by train-ubm)\n", "enroll", speakers.toString(), "--manifest",
                manifest.toString(), "-o", dir.resolve("x.npz").toString());
    }

    @Test
    void verifyStreamEndsWithVerifysScoreAndSaysWhenFramesAreScored() throws Exception {
        Path scores = dir.resolve("stream-scores");
        CliRunner.Result r = CliRunner.run("verify", speakers.toString(), trials.toString(), "--manifest",
                manifest.toString(), "-o", scores.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        org.cepstra.scoring.verification.Score score = ScoresFile.read(scores).scores().stream()
                .filter(s -> s.model().equals("theo") && s.utterance().endsWith("3_theo_2")).findFirst().orElseThrow();
        Path wav = CORPUS.resolve("3_theo_2.wav");
        for (String chunk : new String[] {"10", "3.3", "1000"}) {
            r = CliRunner.run("verify-stream", speakers.toString(), "theo", wav.toString(), "--chunk-ms", chunk);
            assertEquals(0, r.exitCode(), r.err());
            String[] out = r.out().split("\n");
            assertTrue(out[0].startsWith("claim 'theo' on " + wav + " (8000 Hz, chunks of "), r.out());
            assertTrue(out[1].startsWith("front end: the speaker set's features need the whole recording"), r.out());
            assertEquals("audio_ms frames average_llr", out[2]);
            assertTrue(out[3].endsWith(" (end)"), r.out());
            assertTrue(out[4].startsWith("score " + score.score() + " nats/frame over "), r.out());
            assertEquals(5, out.length, r.out());
        }
        // the decision rule runs over the frames scored at the end: decided at frame 2, after the whole file
        r = CliRunner.run("verify-stream", speakers.toString(), "jackson", wav.toString(), "--accept", "-1000",
                "--reject", "-2000", "--frames", "3");
        assertEquals(0, r.exitCode(), r.err());
        double ms = new org.cepstra.audio.WavReader().read(wav).samples().length / 8.0;
        assertTrue(r.out().contains("decision: accept at frame 2 (average LLR "), r.out());
        assertTrue(r.out().contains(", after " + java.math.BigDecimal.valueOf(ms).stripTrailingZeros().toPlainString()
                + " ms of audio)\n"), r.out());
        assertError("cepstra: " + speakers + ": claimed speaker 'nobody' is not in the speaker set (it has 2 "
                + "speakers: jackson, theo)\n", "verify-stream", speakers.toString(), "nobody", wav.toString());
        assertError("cepstra: --chunk-ms must be a positive number of ms, at most 60000 (one minute of audio), got 0.0\n",
                "verify-stream", speakers.toString(), "theo", wav.toString(), "--chunk-ms", "0");
        // a chunk too long for a buffer of samples (it wrapped around to a negative or arbitrary size)
        assertError("cepstra: --chunk-ms must be a positive number of ms, at most 60000 (one minute of audio), got "
                + "1.4E8\n", "verify-stream", speakers.toString(), "theo", wav.toString(), "--chunk-ms", "1.4e8");
        assertError("cepstra: --reject (1.0) must be a number not above --accept (0.0)\n", "verify-stream",
                speakers.toString(), "theo", wav.toString(), "--accept", "0", "--reject", "1");
        assertError("cepstra: --frames needs --accept X and/or --reject Y (the thresholds of the early decision)\n",
                "verify-stream", speakers.toString(), "theo", wav.toString(), "--frames", "5");
        assertError("cepstra: --frames must be >= 1, got 0\n", "verify-stream", speakers.toString(), "theo",
                wav.toString(), "--reject", "0", "--frames", "0");
        assertError("cepstra: --accept must be a finite average LLR (nats per frame), got NaN\n", "verify-stream",
                speakers.toString(), "theo", wav.toString(), "--accept", "NaN");
        assertError("cepstra: --reject must be a finite average LLR (nats per frame), got -Infinity\n",
                "verify-stream", speakers.toString(), "theo", wav.toString(), "--reject", "-1e309");
        assertError("cepstra: " + dir + ": is a folder, not a WAV file\n", "verify-stream", speakers.toString(), "theo",
                dir.toString());
    }

    @Test
    void gaussianSelectionIsSaidAndItsOptionsAreChecked() throws Exception {
        CliRunner.Result r = CliRunner.run("verify", speakers.toString(), trials.toString(), "--manifest",
                manifest.toString(), "--quiet", "--selection", "--clusters", "4", "--clusters-searched", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("80 trials (40 target, 40 non-target), top-5 scoring, no normalisation, "
                + "Gaussian selection (4 clusters, 2 searched); "), r.out());
        r = CliRunner.run("verify", speakers.toString(), trials.toString(), "--manifest", manifest.toString(),
                "--quiet", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode figures = new ObjectMapper().readTree(r.out());
        assertEquals(5, figures.get("topComponents").asInt());
        assertEquals(0, figures.get("selectionClusters").asInt());
        // without --clusters: K/16 clusters, at least twice the 3 searched, for this small UBM 6
        r = CliRunner.run("verify", speakers.toString(), trials.toString(), "--manifest", manifest.toString(),
                "--quiet", "--json", "--selection", "--top-c", "3");
        assertEquals(0, r.exitCode(), r.err());
        figures = new ObjectMapper().readTree(r.out());
        assertEquals(3, figures.get("topComponents").asInt());
        assertEquals(6, figures.get("selectionClusters").asInt());
        assertEquals(3, figures.get("clustersSearched").asInt());
        // what is reported is what was done: C and P at most K, B at most P
        int k = org.cepstra.io.model.ModelSetFile.read(speakers).background().orElseThrow().ubm().numComponents();
        r = CliRunner.run("verify", speakers.toString(), trials.toString(), "--manifest", manifest.toString(),
                "--quiet", "--json", "--selection", "--top-c", "1000000", "--clusters", "50", "--clusters-searched", "100");
        assertEquals(0, r.exitCode(), r.err());
        figures = new ObjectMapper().readTree(r.out());
        assertEquals(k, figures.get("topComponents").asInt());
        assertEquals(k, figures.get("selectionClusters").asInt());
        assertEquals(k, figures.get("clustersSearched").asInt());
        assertError("cepstra: --exact scores every component: it takes no --top-c, --selection, --clusters or "
                + "--clusters-searched\n", "verify", speakers.toString(), trials.toString(), "--manifest",
                manifest.toString(), "--exact", "--top-c", "3");
        assertError("cepstra: --exact scores every component: it takes no --top-c, --selection, --clusters or "
                + "--clusters-searched\n", "verify-stream", speakers.toString(), "theo",
                CORPUS.resolve("3_theo_2.wav").toString(), "--exact", "--selection");
        assertError("cepstra: --clusters must be >= 1, got 0\n", "verify",
                speakers.toString(), trials.toString(), "--manifest", manifest.toString(), "--selection", "--clusters", "0");
        assertError("cepstra: --clusters needs --selection (Gaussian selection is off by default)\n", "verify",
                speakers.toString(), trials.toString(), "--manifest", manifest.toString(), "--clusters", "8");
        assertError("cepstra: --clusters-searched must be >= 1, got 0\n", "verify-stream", speakers.toString(), "theo",
                CORPUS.resolve("3_theo_2.wav").toString(), "--selection", "--clusters-searched", "0");
    }

    @Test
    void aTestRecordingThatCannotBeReadIsReportedAndItsTrialsLeftOut() throws Exception {
        Path good = dir.resolve("good.wav");
        Files.copy(CORPUS.resolve("4_theo_1.wav"), good);
        Path bad = dir.resolve("cut.wav");
        byte[] whole = Files.readAllBytes(CORPUS.resolve("5_theo_1.wav"));
        Files.write(bad, java.util.Arrays.copyOf(whole, 300)); // the header promises more samples than follow
        Path rows = dir.resolve("one-bad.csv");
        Files.writeString(rows, "path,label,speaker,split\n" + good.toAbsolutePath() + ",4,theo,dev\n"
                + bad.toAbsolutePath() + ",5,theo,dev\n", StandardCharsets.UTF_8);
        Path list = dir.resolve("one-bad-trials");
        // utterance ids: the path below the manifest's folder without extension
        Files.writeString(list, "theo good target\njackson good nontarget\ntheo cut target\njackson cut nontarget\n",
                StandardCharsets.UTF_8);
        Path scores = dir.resolve("one-bad-scores");
        CliRunner.Result r = CliRunner.run("verify", speakers.toString(), list.toString(), "--manifest",
                rows.toString(), "--quiet", "--json", "-o", scores.toString());
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains(bad.toString()), r.err());
        assertTrue(r.err().contains("cepstra: warning: 2 of 4 trials left out: their test utterances gave no frames "
                + "(above); the scores and figures are of the other 2"), r.err());
        JsonNode figures = new ObjectMapper().readTree(r.out());
        assertEquals(2, figures.get("trials").asInt());
        assertEquals(2, figures.get("trialsLeftOut").asInt());
        assertEquals(2, ScoresFile.read(scores).size());
        r = CliRunner.run("verify", speakers.toString(), list.toString(), "--manifest", rows.toString(), "--quiet",
                "--strict");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("cepstra: " + list + " line 3: utterance 'cut' gave no frames: "), r.err());
        assertTrue(r.err().strip().endsWith(StrictMode.SUFFIX), r.err());
        // a manifest row whose file is missing: reported and skipped, or with --strict the end of the run
        Path withMissing = dir.resolve("missing-row.csv");
        Files.writeString(withMissing, "path,label,speaker,split\n" + good.toAbsolutePath() + ",4,theo,dev\n"
                + dir.resolve("gone.wav").toAbsolutePath() + ",5,theo,dev\n", StandardCharsets.UTF_8);
        Path twoTrials = dir.resolve("two-trials");
        Files.writeString(twoTrials, "theo good target\njackson good nontarget\n", StandardCharsets.UTF_8);
        r = CliRunner.run("verify", speakers.toString(), twoTrials.toString(), "--manifest", withMissing.toString(),
                "--quiet");
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("gone.wav"), r.err());
        r = CliRunner.run("verify", speakers.toString(), twoTrials.toString(), "--manifest", withMissing.toString(),
                "--quiet", "--strict");
        assertEquals(1, r.exitCode(), r.err());
        // the format of every command's --strict stop: FILE: reason (--strict: ...)
        assertTrue(r.err().startsWith("cepstra: " + withMissing + ": missing-row.csv line 3: ")
                && r.err().contains("gone.wav") && r.err().strip().endsWith(StrictMode.SUFFIX), r.err());
    }

    @Test
    void aCohortHoldingTheTriedSpeakersIsWarnedOf() {
        CliRunner.Result r = CliRunner.run("verify", speakers.toString(), trials.toString(), "--manifest",
                manifest.toString(), "--quiet", "--norm", "tnorm", "--cohort", speakers.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("cepstra: warning: the cohort holds 2 of the speakers the trials claim (jackson, "
                + "theo): their own models and utterances then normalise their scores, which look better than they "
                + "are; take a cohort of other speakers (e.g. the UBM's training speakers)"), r.err());
    }

    @Test
    void verifyNeverWritesItsScoresOverARecordingItReads() throws Exception {
        Path copy = dir.resolve("kept.wav");
        Files.copy(CORPUS.resolve("3_theo_2.wav"), copy);
        byte[] before = Files.readAllBytes(copy);
        Path oneRow = dir.resolve("one-row.csv");
        Files.writeString(oneRow, "path,label,speaker,split\n" + copy.toAbsolutePath() + ",3,theo,dev\n",
                StandardCharsets.UTF_8);
        Path oneTrial = dir.resolve("one-trial");
        Files.writeString(oneTrial, "theo " + copy.toAbsolutePath() + " target\n", StandardCharsets.UTF_8);
        for (String option : List.of("-o", "--scores-json")) {
            assertError("cepstra: " + option + " " + copy + ": is one of the inputs; writing it would destroy it\n",
                    "verify", speakers.toString(), oneTrial.toString(), "--manifest", oneRow.toString(), option,
                    copy.toString());
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(copy)), option);
        }
    }

    private static void assertError(String expected, String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(expected, r.err());
    }

    @Test
    void trainMapFromAdaptsAnyLabelsAndClassifyIdentifiesSpeakers() throws Exception {
        Path digits = dir.resolve("digits-map.npz");
        CliRunner.Result r = CliRunner.run("train", "--manifest", manifest.toString(), "--map-from", ubm.toString(),
                "--adapt", "means,variances", "--relevance", "8", "--no-calibration", "-o", digits.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        ModelSet set = ModelSetFile.read(digits);
        assertEquals(10, set.size());
        assertEquals(8.0, set.background().get().adaptation().meanRelevance());
        assertTrue(set.background().get().adaptation().adaptVariances());
        // closed-set identification with the enrolled speaker set: classify ranks the speakers
        int right = 0;
        int total = 0;
        for (String speaker : List.of("jackson", "theo")) {
            for (int digit = 0; digit < 10; digit++) {
                Path wav = CORPUS.resolve(digit + "_" + speaker + "_2.wav");
                CliRunner.Result c = CliRunner.run("classify", speakers.toString(), wav.toString(), "--json");
                assertEquals(0, c.exitCode(), c.err());
                JsonNode first = new ObjectMapper().readTree(c.out());
                JsonNode file = first.isArray() ? first.get(0) : first;
                right += file.toString().contains("\"label\":\"" + speaker + "\"") && bestIs(file, speaker) ? 1 : 0;
                total++;
            }
        }
        assertTrue(right >= 14, right + " of " + total + " identified");
    }

    private static boolean bestIs(JsonNode file, String speaker) {
        return file.findValues("label").get(0).asText().equals(speaker);
    }
}
