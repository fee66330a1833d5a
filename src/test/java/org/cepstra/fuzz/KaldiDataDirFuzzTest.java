package org.cepstra.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cepstra.corpus.CorpusException;
import org.cepstra.corpus.KaldiDataDir;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@link KaldiDataDir}: the input is split at NUL bytes into {@code wav.scp},
 * {@code text}, {@code segments} and {@code utt2spk} (a file is absent when its part is), written
 * beside two placeholder recordings. Any content gives a corpus (bad lines reported with the file's
 * name and line) or a {@link CorpusException} naming the file.
 */
@Timeout(60) // seconds per input; in fuzzing mode Jazzer passes it on as libFuzzer's -timeout
class KaldiDataDirFuzzTest {
    private static final String[] FILES = {"wav.scp", "text", "segments", "utt2spk"};

    /** {@link KaldiDataDir#read()} on the fuzzed files. */
    @DictionaryEntries({"a.wav", "b.wav", "-1", "|", "text"})
    @FuzzTest
    void read(byte[] data) {
        List<byte[]> parts = splitAtNul(data);
        for (int i = 0; i < FILES.length; i++) {
            CorpusFixture.writeOrDelete(Folder.DIR.resolve(FILES[i]), i < parts.size() ? parts.get(i) : null);
        }
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        try {
            CorpusFixture.check(new KaldiDataDir(Folder.DIR).read(), CorpusFixture.lines(data),
                    "wav.scp line ", "text line ", "segments line ", "utt2spk line ");
        } catch (CorpusException e) {
            FuzzChecks.requireMessageNaming(e, Folder.DIR.toString());
        }
        FuzzChecks.requireBoundedAllocation(before, data.length);
    }

    private static List<byte[]> splitAtNul(byte[] data) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= data.length && parts.size() < FILES.length; i++) {
            if (i == data.length || data[i] == 0) {
                parts.add(Arrays.copyOfRange(data, start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    /** The data directory, made once per test run. */
    private static final class Folder {
        static final Path DIR = CorpusFixture.folderWithWavs("cepstra-fuzz-kaldi", "a.wav", "b.wav");
    }
}
