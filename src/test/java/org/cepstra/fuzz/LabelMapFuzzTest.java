package org.cepstra.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.List;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.CorpusException;
import org.cepstra.corpus.LabelMap;
import org.cepstra.corpus.Utterance;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@link LabelMap}: any file either reads (and then maps a small corpus, or refuses it
 * naming the file) or is refused with a {@link CorpusException} naming the file, with bounded allocation.
 */
@Timeout(60) // seconds per input; in fuzzing mode Jazzer passes it on as libFuzzer's -timeout
class LabelMapFuzzTest {
    private static final Corpus CORPUS = Corpus.of(List.of(Utterance.wholeFile("a", Path.of("/a.wav"), "ax"),
            Utterance.wholeFile("b", Path.of("/b.wav"), "h#")));

    @DictionaryEntries({"ax ah", "h#", "#", "\n", "\t", "\uFEFF"})
    @FuzzTest
    void labelMap(byte[] data) throws Exception {
        Path file = Folder.DIR.resolve("fold.map");
        FuzzChecks.write(file, data);
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        LabelMap map;
        try {
            map = LabelMap.read(file);
        } catch (CorpusException e) {
            FuzzChecks.requireMessageNaming(e, file.toString());
            return;
        }
        FuzzChecks.requireBoundedAllocation(before, data.length);
        try {
            Corpus mapped = map.applyTo(CORPUS);
            if (mapped.size() > CORPUS.size()) {
                throw new AssertionError("mapping added utterances");
            }
        } catch (CorpusException e) {
            FuzzChecks.requireMessageNaming(e, file.toString());
        }
    }

    /** The folder of the map file, made once per test run. */
    private static final class Folder {
        static final Path DIR = FuzzChecks.tempFolder("cepstra-fuzz-labelmap");
    }
}
