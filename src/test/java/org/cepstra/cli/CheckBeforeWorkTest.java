package org.cepstra.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cepstra.io.kaldi.KaldiTextArchiveReader;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options, option combinations and output paths are checked before any file is read or any training
 * starts, and errors name options as typed; {@code features} walks folders as {@code train} does; skip
 * reports are grouped; {@code train --json}.
 */
class CheckBeforeWorkTest {
    private static final Path FSDD = Path.of("corpora/fsdd/recordings");

    @TempDir
    Path tmp;

    private Path corpus;

    /** Ten recordings: digits 0 and 1, five of each, in a corpus folder of their own. */
    @BeforeEach
    void corpus() throws IOException {
        corpus = Files.createDirectories(tmp.resolve("corpus"));
        for (String digit : List.of("0", "1")) {
            for (int i = 0; i < 5; i++) {
                String name = digit + "_jackson_" + i + ".wav";
                Files.copy(FSDD.resolve(name), corpus.resolve(name));
            }
        }
    }

    private CliRunner.Result train(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", corpus.toString(), "--label-pattern", "^(\\d)_",
                "-k", "1", "--max-iter", "2", "--quiet"));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static void assertError(String expected, CliRunner.Result r) {
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("cepstra: " + expected + "\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void aSplitThatHoldsNothingOutIsRefusedBeforeTraining() {
        // was: trained on every file, theo's included, without a word (the pattern names no speaker)
        String out = tmp.resolve("m.npz").toString();
        assertError(org.cepstra.app.CorpusEvaluation.EMPTY_TEST_SET, train("--test-speakers", "theo", "-o", out));
        assertError(org.cepstra.app.CorpusEvaluation.EMPTY_TEST_SET, train("--test-pattern", "_9\\.wav$", "-o", out));
        assertFalse(Files.exists(tmp.resolve("m.npz")));
        assertTrue(org.cepstra.app.CorpusEvaluation.EMPTY_TEST_SET.startsWith("the test set is empty"));
    }

    @Test
    void speakerAdaptationWithoutSpeakersIsRefusedBeforeTraining() {
        CliRunner.Result r = CliRunner.run("evaluate", corpus.toString(), "--label-pattern", "^(\\d)_",
                "--test-fraction", "0.4", "-k", "1", "--max-iter", "2", "--quiet", "--adapt");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("cepstra: " + org.cepstra.scoring.Evaluator.NO_SPEAKER_TO_ADAPT), r.err());
        assertTrue(r.err().strip().endsWith("(" + org.cepstra.app.CorpusEvaluation.SPEAKER_SOURCES + ")"), r.err());
        assertFalse(r.err().contains("trained"), r.err());
        assertEquals("", r.out());
        assertError("--adapt groups the test utterances by speaker, and --by-speaker makes the speaker the label: "
                + "the grouping would give the answers away", CliRunner.run("evaluate", corpus.toString(),
                "--label-pattern", "^\\d_(?<speaker>[a-z]+)_", "--test-fraction", "0.4", "--by-speaker", "--adapt"));
        // classify adapts to one speaker's files, which only --same-speaker declares
        assertError("--adapt adapts the models to one speaker's files: give --same-speaker too",
                CliRunner.run("classify", tmp.resolve("absent.npz").toString(), "--adapt",
                        corpus.resolve("0_jackson_0.wav").toString()));
    }

    @Test
    void threadCountsOutOfRangeAreOptionErrors() {
        String wav = corpus.resolve("0_jackson_0.wav").toString();
        assertError("--threads must be between 1 and 1024, got 536870912",
                CliRunner.run("features", wav, "--threads", "536870912"));
        assertError("--threads must be between 1 and 1024, got 0", CliRunner.run("features", wav, "--threads", "0"));
        assertError("--threads must be between 1 and 1024, got -3",
                train("--threads", "-3", "-o", tmp.resolve("m.npz").toString()));
    }

    @Test
    void aStateAlignmentNeedsStatesAndAKnownName() {
        String out = tmp.resolve("m.npz").toString();
        assertError("--state-alignment viterbi needs --states 2 or more", train("--state-alignment", "viterbi",
                "-o", out));
        assertError("--state-alignment viterbi needs --states 2 or more", train("--state-alignment", "viterbi",
                "--states", "1", "-o", out));
        assertError("--state-alignment must be equal or viterbi, got 'hmm'", train("--states", "3",
                "--state-alignment", "hmm", "-o", out));
        assertError("--recipe keywords (24 states per label) cannot be used with --k-candidates: give --states 1 or "
                + "another recipe", train("--recipe", "keywords", "--k-candidates", "1,2", "-o", out));
        assertError("--states cannot be used with --k-candidates", train("--states", "2", "--k-candidates", "1,2",
                "-o", out));
        assertError("--recipe auto compares recipes with states, cross-speaker (6 states per label) and keywords (24 "
                + "states per label), which cannot be used with --k-candidates: give --states 1 or name a recipe", train("--recipe", "auto", "--k-candidates", "1,2",
                "-o", out));
        assertFalse(Files.exists(tmp.resolve("m.npz")));
    }

    @Test
    void anOutputThatNamesAnInputIsRefusedAndTheInputKept() throws IOException {
        Path wav = corpus.resolve("0_jackson_0.wav");
        byte[] before = Files.readAllBytes(wav);
        assertError("-o " + wav + ": is one of the inputs; writing it would destroy it", train("-o", wav.toString()));
        assertError("-o " + wav + ": is one of the inputs; writing it would destroy it",
                CliRunner.run("features", wav.toString(), "-o", wav.toString()));
        // a file found by walking the input folder is an input too
        assertError("-o " + wav + ": is one of the inputs; writing it would destroy it",
                CliRunner.run("features", corpus.toString(), "-o", wav.toString()));
        Path conf = Files.writeString(tmp.resolve("mfcc.conf"), "--num-ceps=13\n");
        assertError("-o " + conf + ": is one of the inputs; writing it would destroy it",
                train("--config", conf.toString(), "-o", conf.toString()));
        assertArrayEquals(before, Files.readAllBytes(wav));
    }

    @Test
    void outputPathProblemsAreReportedBeforeAnyWork() {
        Path missing = tmp.resolve("no-such-folder").resolve("m.npz");
        assertError("-o " + missing + ": folder " + missing.getParent().toAbsolutePath() + " does not exist",
                train("-o", missing.toString()));
        assertError("-o " + corpus + ": is a folder; give a file name", train("-o", corpus.toString()));
        assertError("-o /: is a folder; give a file name", train("-o", "/"));
        assertError("-o /: is a folder; give a file name",
                CliRunner.run("features", corpus.toString(), "-o", "/"));
        assertError("-o /dev/null: not a regular file (a device, pipe or socket); give a file name",
                CliRunner.run("features", corpus.toString(), "-o", "/dev/null"));
    }

    @Test
    void corpusOptionsAreCheckedBeforeTheCorpusIsRead() {
        String model = tmp.resolve("m.npz").toString();
        String missing = tmp.resolve("missing.csv").toString(); // never opened: the options fail first
        assertError("--test-fraction must be between 0 and 1, got 2.0",
                CliRunner.run("train", "--manifest", missing, "--test-fraction", "2", "-o", model));
        assertError("give only one of --test-pattern, --test-speakers, --test-fraction, --manifest-split, --split-file",
                CliRunner.run("train", "--manifest", missing, "--test-fraction", "0.2", "--manifest-split", "-o", model));
        assertError("--manifest-split needs --manifest", train("--manifest-split", "-o", model));
        assertError("--alignment-format must be one of lab, htk, est, phn, wrd, textgrid, got 'xml'", CliRunner.run("train", corpus.toString(),
                "--alignments", missing, "--alignment-format", "xml", "-o", model));
        assertError("--test-pattern: not a valid regular expression: Unclosed group near index 1 of '('",
                CliRunner.run("train", "--manifest", missing, "--test-pattern", "(", "-o", model));
    }

    @Test
    void featureOptionErrorsNameTheOptionAsTyped() {
        String wav = corpus.resolve("0_jackson_0.wav").toString();
        assertError("option --num-ceps: must be at least 1, got 0", CliRunner.run("features", wav, "--num-ceps", "0"));
        assertError("option --frame-length: must be a positive number of ms, got -5.0",
                CliRunner.run("features", wav, "--frame-length", "-5"));
        assertError("--num-ceps 30 cannot exceed --num-mel-bins 23", CliRunner.run("features", wav, "--num-ceps", "30"));
        assertError("--delta-order must be between 0 and 999, got -1",
                CliRunner.run("features", wav, "--delta-order", "-1"));
        assertError("--channel must be >= 0 (0-based), got -2", CliRunner.run("features", wav, "--channel", "-2"));
        assertError("--cmn-window must be at least 1 frame, got 0",
                CliRunner.run("features", wav, "--cmvn", "sliding", "--cmn-window", "0"));
        assertError("--vad-frames-context must be >= 0 frames, got -1",
                CliRunner.run("features", wav, "--vad", "--vad-frames-context", "-1"));
        assertError("--cmvn-placement must be before-deltas or after-deltas, got 'middle'",
                train("--cmvn", "utterance", "--cmvn-placement", "middle", "-o", tmp.resolve("m.npz").toString()));
    }

    @Test
    void configFilesThatAreNotTextAreRefusedNamingTheFile() throws IOException {
        String wav = corpus.resolve("0_jackson_0.wav").toString();
        assertError("/dev/zero: not a text file (byte 0 is NUL)",
                CliRunner.run("features", wav, "--config", "/dev/zero"));
        Path big = Files.writeString(tmp.resolve("big.conf"), "#".repeat((1 << 20) + 1));
        assertError(big + ": larger than 1 MB: not a config file", CliRunner.run("features", wav, "--config", big.toString()));
        Path longLine = Files.writeString(tmp.resolve("long.conf"), "--num-ceps=13\n#" + "x".repeat(5000) + "\n");
        assertError(longLine + " line 2: line longer than 4096 characters: not a config file",
                CliRunner.run("features", wav, "--config", longLine.toString()));
    }

    @Test
    void featuresWalksFoldersAsTrainDoes() throws IOException {
        // a symbolic link to a folder is followed; a link looping back up is reported and skipped
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.copy(FSDD.resolve("2_theo_0.wav"), root.resolve("2_theo_0.wav"));
        Files.createSymbolicLink(root.resolve("linked"), corpus.toAbsolutePath());
        Files.createSymbolicLink(root.resolve("loop"), root.toAbsolutePath());
        Files.createDirectories(root.resolve(".hidden"));
        Files.copy(FSDD.resolve("3_theo_0.wav"), root.resolve(".hidden/3_theo_0.wav"));
        CliRunner.Result r = CliRunner.run("features", root.toString());
        assertEquals(ExitCode.SKIPPED_FILES, r.exitCode(), r.err());
        Map<String, FeatureMatrix> ark = new KaldiTextArchiveReader(new StringReader(r.out()), "stdout").readAll();
        assertEquals(11, ark.size(), "the file beside the links and the ten behind the folder link");
        assertTrue(ark.containsKey("1_jackson_4") && ark.containsKey("2_theo_0"));
        assertEquals("cepstra: skipped " + root.toAbsolutePath().resolve("loop")
                + ": folder link loops back to a folder above it\ncepstra: 1 of 12 files skipped\n", r.err());
        // train walks the same folder the same way
        CliRunner.Result t = CliRunner.run("train", root.toString(), "--label-pattern", "^(\\d)_", "-k", "1",
                "--max-iter", "2", "--quiet", "-o", tmp.resolve("m.npz").toString());
        assertEquals(ExitCode.SKIPPED_FILES, t.exitCode(), t.err());
        assertTrue(t.out().startsWith("trained 3 labels from 11 utterances"), t.out());
    }

    @Test
    void identicalSkipReasonsAreGrouped() throws IOException {
        for (int i = 0; i < 8; i++) {
            Files.write(corpus.resolve("empty" + i + ".wav"), new byte[0]);
        }
        CliRunner.Result r = CliRunner.run("features", corpus.toString());
        assertEquals(ExitCode.SKIPPED_FILES, r.exitCode());
        List<String> lines = r.err().lines().toList();
        assertEquals(7, lines.size(), r.err());
        for (int i = 0; i < 5; i++) {
            assertEquals("cepstra: skipped " + corpus.resolve("empty" + i + ".wav")
                    + ": file is empty (0 bytes), expected a RIFF/WAVE header", lines.get(i));
        }
        assertEquals("cepstra: ... and 3 more files skipped: file is empty (0 bytes), expected a RIFF/WAVE header",
                lines.get(5));
        assertEquals("cepstra: 8 of 18 files skipped", lines.get(6));
    }

    @Test
    void trainSummaryAsJson() throws IOException {
        Path model = tmp.resolve("m.npz");
        CliRunner.Result r = train("--json", "-o", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(model.toString(), json.get("output").asText());
        assertEquals(2, json.get("labels").asInt());
        assertEquals(10, json.get("utterances").asInt());
        assertEquals(0, json.get("skipped").asInt());
        assertEquals(2, json.get("models").size());
        JsonNode zero = json.get("models").get(0);
        assertEquals("0", zero.get("label").asText());
        assertEquals(5, zero.get("utterances").asInt());
        assertEquals(1, zero.get("components").asInt());
        assertTrue(zero.get("frames").asLong() > 0);
        assertTrue(Double.isFinite(zero.get("averageLogLikelihood").asDouble()));
        assertEquals(0, json.get("skippedFiles").size());
        assertTrue(Files.exists(model));
        assertFalse(r.out().contains("trained "), "JSON only");
    }
}
