package org.cepstra.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cepstra.app.WavChunks;
import org.cepstra.audio.WavFormat;
import org.cepstra.audio.WavReader;
import org.cepstra.gmm.LlrOptions;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.models.ModelSet;
import org.cepstra.scoring.StreamingVerifier;
import org.cepstra.scoring.VerificationDecision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cepstra verify-stream}: verifies one claim on one WAV file fed chunk by chunk as a live source would
 * ({@link StreamingVerifier}), printing the running average log-likelihood ratio after each chunk that
 * scored frames, the early decision if one is asked for, and the final score (the batch score of
 * {@code verify}).
 */
@Command(name = "verify-stream", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Verify one speaker claim on a recording fed in chunks as a live source would: print the "
                + "running average log-likelihood ratio (nats per frame) after each chunk that scored frames, an "
                + "early accept/reject if --accept/--reject are given, and the final score, which equals verify's.",
                "A speaker set whose features have utterance CMVN or VAD (the speaker recipe) scores every frame at "
                        + "the end of the recording: the running score and any early decision then come only at "
                        + "the end, and the command says so."})
final class VerifyStreamCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEAKERS", description = "speaker set made by enroll (or train --map-from)")
    Path speakersPath;

    @Parameters(index = "1", paramLabel = "CLAIM", description = "the claimed speaker (a speaker of SPEAKERS)")
    String claim;

    @Parameters(index = "2", paramLabel = "FILE", description = "WAV file of the test utterance")
    Path file;

    @Option(names = "--chunk-ms", paramLabel = "MS", description = "chunk length in ms of audio (default: ${DEFAULT-VALUE})")
    double chunkMs = 10;

    @Option(names = "--accept", paramLabel = "X",
            description = "accept early once the running average LLR has been above X nats/frame for --frames frames")
    Double accept;

    @Option(names = "--reject", paramLabel = "Y",
            description = "reject early once the running average LLR has been below Y nats/frame for --frames frames")
    Double reject;

    @Option(names = "--frames", paramLabel = "N",
            description = "consecutive frames for an early decision (default: " + DEFAULT_FRAMES + ")")
    Integer frames;

    /** Consecutive frames of an early decision when --frames is not given. */
    static final int DEFAULT_FRAMES = 50;

    @Mixin
    LlrScoringOptions scoring;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!WavChunks.isChunkMs(chunkMs)) {
            throw new InputException("--chunk-ms must be " + WavChunks.CHUNK_MS_RULE + ", got " + chunkMs);
        }
        scoring.check();
        boolean early = accept != null || reject != null;
        if (frames != null && !early) {
            throw new InputException("--frames needs --accept X and/or --reject Y (the thresholds of the early decision)");
        }
        int run = frames == null ? DEFAULT_FRAMES : frames;
        if (run < 1) {
            throw new InputException("--frames must be >= 1, got " + run);
        }
        if (accept != null && (accept.isNaN() || accept.isInfinite())) {
            throw new InputException("--accept must be a finite average LLR (nats per frame), got " + accept);
        }
        if (reject != null && (reject.isNaN() || reject.isInfinite())) {
            throw new InputException("--reject must be a finite average LLR (nats per frame), got " + reject);
        }
        double acceptAbove = accept == null ? Double.POSITIVE_INFINITY : accept;
        double rejectBelow = reject == null ? Double.NEGATIVE_INFINITY : reject;
        if (early && rejectBelow > acceptAbove) {
            throw new InputException("--reject (" + rejectBelow + ") must be a number not above --accept ("
                    + acceptAbove + ")");
        }
        if (java.nio.file.Files.isDirectory(file)) {
            throw new InputException(file + ": is a folder, not a WAV file");
        }
        ModelSet speakers = ModelSetFile.read(speakersPath);
        LlrOptions llr = scoring.toOptions(speakers);
        WavFormat format = new WavReader(speakers.featureConfig().channels()).readFormat(file);
        double rate = format.sampleRateHz();
        StreamingVerifier verifier;
        try {
            verifier = new StreamingVerifier(speakers, List.of(claim), llr, rate);
            if (early) {
                verifier = verifier.withEarlyDecision(acceptAbove, rejectBelow, run, d -> printDecision(out, d));
            }
        } catch (IllegalArgumentException e) {
            throw new InputException(speakersPath + ": " + e.getMessage());
        }
        int chunk;
        try {
            chunk = WavChunks.chunkSamples(chunkMs, rate);
        } catch (IllegalArgumentException e) {
            throw new InputException(file + ": " + e.getMessage());
        }
        double shiftMs = speakers.featureConfig().mfcc().frame().frameShiftMs();
        out.printf("claim '%s' on %s (%s Hz, chunks of %d samples), %s scoring%s%n", claim, file, trim(rate), chunk,
                LlrScoringOptions.describe(llr), LlrScoringOptions.describeSelection(llr));
        if (verifier.decidesWhileStreaming()) {
            out.printf("front end: a frame is scored %d frames (%s ms) after its own samples%n",
                    verifier.latencyFrames(), trim(verifier.latencyFrames() * shiftMs));
        } else {
            out.println("front end: the speaker set's features need the whole recording (utterance CMVN or VAD), so "
                    + "every frame is scored at its end: no running score before it, and an early decision saves no "
                    + "audio");
        }
        out.println("audio_ms frames average_llr");
        StreamingVerifier v = verifier;
        long[] printed = {0};
        WavChunks.feed(file, speakers.featureConfig().channels(), chunk, v, () -> {
            if (v.framesScored() > printed[0]) {
                printed[0] = v.framesScored();
                out.printf("%s %d %.4f%n", trim(v.samplesAccepted() * 1000.0 / rate), v.framesScored(), v.averageLlr(0));
            }
        });
        if (v.framesScored() == 0) {
            throw new InputException(file + ": no frames (too short for one frame, or no voiced frame)");
        }
        if (v.framesScored() > printed[0]) {
            out.printf("%s %d %.4f (end)%n", trim(v.samplesAccepted() * 1000.0 / rate), v.framesScored(), v.averageLlr(0));
        }
        if (early && v.decision(0).isEmpty()) {
            out.println("no early decision");
        }
        out.printf("score %s nats/frame over %d frames%n", Double.toString(v.averageLlr(0)), v.framesScored());
        return ExitCode.OK;
    }

    private static void printDecision(PrintWriter out, VerificationDecision d) {
        out.printf("decision: %s at frame %d (average LLR %.4f, after %s ms of audio)%n",
                d.verdict().name().toLowerCase(java.util.Locale.ROOT), d.frameIndex(), d.averageLlr(), trim(d.audioMs()));
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
