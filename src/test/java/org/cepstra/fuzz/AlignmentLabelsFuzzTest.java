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

    /**
     * Festival/EST {@code .lab} (header up to {@code #}, end times in seconds), read as told by content
     * ({@link AlignmentFormat#LAB}: an input without the header is read as HTK).
     */
    @DictionaryEntries({"#", "separator ;", "separator", "nfields 1", " 26 ", " 121 ", ";", "pau", "#!MLF!#", "e-320"})
    @FuzzTest
    void estLab(byte[] data) throws CorpusException {
        FuzzChecks.write(Folders.EST.resolve("x.lab"), data);
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        Corpus corpus = new AlignmentLabels(Folders.EST, AlignmentFormat.LAB).droppingLabels(DROPPED).read();
        FuzzChecks.requireBoundedAllocation(before, data.length);
        CorpusFixture.check(corpus, CorpusFixture.lines(data), "x.lab");
    }

    /**
     * Praat TextGrid (long or short text form, UTF-8 or UTF-16 with a byte-order mark), tier "phones", the
     * recording said to last 2 s. The short form may put many intervals on one line, so the bound on the
     * number of segments is the input's size in bytes rather than its lines.
     */
    @DictionaryEntries({"File type = \"ooTextFile\"", "Object class = \"TextGrid\"", "<exists>", "<absent>",
        "\"IntervalTier\"", "\"TextTier\"", "\"phones\"", "\"\"", "intervals [1]:", "xmin = ", "! ", "ooBinaryFile",
        "\u00fe\u00ff"})
    @FuzzTest
    void textGrid(byte[] data) throws CorpusException {
        FuzzChecks.write(Folders.TEXTGRID.resolve("x.TextGrid"), data);
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        Corpus corpus = new AlignmentLabels(Folders.TEXTGRID, AlignmentFormat.TEXTGRID).withTier("phones")
                .droppingLabels(DROPPED).withDurationLookup(wav -> 2.0).read();
        FuzzChecks.requireBoundedAllocation(before, data.length);
        CorpusFixture.check(corpus, data.length, "x.TextGrid");
    }

    /** The corpus folders, made once per test run. */
    private static final class Folders {
        static final Path HTK = CorpusFixture.folderWithWavs("cepstra-fuzz-lab", "x.wav");
        static final Path TIMIT = CorpusFixture.folderWithWavs("cepstra-fuzz-phn", "x.wav");
        static final Path EST = CorpusFixture.folderWithWavs("cepstra-fuzz-est", "x.wav");
        static final Path TEXTGRID = CorpusFixture.folderWithWavs("cepstra-fuzz-textgrid", "x.wav");
    }
}
