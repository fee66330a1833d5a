package org.cepstra.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.LlrOptions;
import org.cepstra.gmm.MapOptions;
import org.cepstra.models.Background;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.Test;

/**
 * In the steady state the streaming verifier allocates nothing per frame: 10 s of 8 kHz speech fed in 10 ms
 * chunks against a UBM and two claims of 64 components × 39 dimensions, top-C and exact, with the early
 * decision rule checked on every frame, measured with the thread's allocation counter after a warm-up.
 */
class StreamingVerifierAllocationTest {
    private static final int RATE = 8000;
    private static final int CHUNK = RATE / 100;
    private static final long MAX_BYTES_PER_FRAME = 16;

    @Test
    void scoringAFrameAllocatesNothing() {
        com.sun.management.ThreadMXBean bean = ScoringTestData.allocationCounter();
        ModelSet random = ScoringTestData.randomModels(ScoringTestData.MFCC_39.withTargetSampleRateHz(RATE), 3, 64, 5);
        DiagonalGmm ubm = random.model("label00");
        ModelSet set = new ModelSet(random.models(), random.featureConfig(), random.training(), List.of(), 0,
                random.calibration(), Optional.empty(), Optional.of(new Background(ubm, MapOptions.defaults())));
        float[] audio = new float[10 * RATE];
        float[] all = ScoringTestData.allRecordings8k().samples();
        for (int i = 0; i < audio.length; i++) {
            audio[i] = all[i % all.length];
        }
        for (LlrOptions options : List.of(LlrOptions.defaults(), LlrOptions.defaults().withSelection(4, 2), LlrOptions.allComponents())) {
            // thresholds never met: the rule is checked on every frame
            StreamingVerifier v = new StreamingVerifier(set, List.of("label01", "label02"), options, RATE)
                    .withEarlyDecision(1e300, -1e300, 5, d -> { });
            for (int warm = 0; warm < 5; warm++) {
                feed(v, audio);
            }
            long before = bean.getCurrentThreadAllocatedBytes();
            long frames = feed(v, audio);
            long allocated = bean.getCurrentThreadAllocatedBytes() - before;
            assertEquals(998, frames, "frames of 10 s at 8 kHz");
            assertTrue(v.decision(0).isEmpty());
            double perFrame = (double) allocated / frames;
            assertTrue(perFrame < MAX_BYTES_PER_FRAME, options + ": " + perFrame + " bytes per frame");
        }
    }

    private static long feed(StreamingVerifier v, float[] audio) {
        v.reset();
        ScoringTestData.feedChunks(v, audio, CHUNK);
        return v.framesScored();
    }
}
