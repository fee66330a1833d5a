package org.cepstra.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.Set;
import org.cepstra.corpus.AlignmentFormat;
import org.cepstra.corpus.AlignmentLabels;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.CorpusException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for {@link AlignmentLabels}: any label file beside a placeholder recording gives
 * segments (bad lines reported with the label file's name and line), never an exception: the
 * folders exist, so not even a {@link CorpusException} is expected.
 */
@Timeout(60) // seconds per input; in fuzzing mode Jazzer passes it on as libFuzzer's -timeout
class AlignmentLabelsFuzzTest {
    private static final Set<String> DROPPED = Set.of("sil", "h#");

    /** HTK {@code .lab} (times in 100 ns units). */
    @DictionaryEntries({"sil", "h#", "///", "#!MLF!#", "e-320", "9999999999999999"})
    @FuzzTest
    void htkLab(byte[] data) throws CorpusException {
        FuzzChecks.write(Folders.HTK.resolve("x.lab"), data);
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        Corpus corpus = new AlignmentLabels(Folders.HTK, AlignmentFormat.HTK_LAB).droppingLabels(DROPPED).read();
        FuzzChecks.requireBoundedAllocation(before, data.length);
        CorpusFixture.check(corpus, CorpusFixture.lines(data), "x.lab");
    }

    /** TIMIT {@code .phn} (sample offsets, at 16 kHz). */
    @DictionaryEntries({"sil", "h#", "///", "#!MLF!#", "e-320", "9999999999999999"})
    @FuzzTest
    void timitPhn(byte[] data) throws CorpusException {
        FuzzChecks.write(Folders.TIMIT.resolve("x.phn"), data);
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        Corpus corpus = new AlignmentLabels(Folders.TIMIT, AlignmentFormat.TIMIT_PHN).droppingLabels(DROPPED)
                .withSampleRateLookup(wav -> 16000).read();
        FuzzChecks.requireBoundedAllocation(before, data.length);
        CorpusFixture.check(corpus, CorpusFixture.lines(data), "x.phn");
    }

    /** The corpus folders, made once per test run. */
    private static final class Folders {
        static final Path HTK = CorpusFixture.folderWithWavs("cepstra-fuzz-lab", "x.wav");
        static final Path TIMIT = CorpusFixture.folderWithWavs("cepstra-fuzz-phn", "x.wav");
    }
}
