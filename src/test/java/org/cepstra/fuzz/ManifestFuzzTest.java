package org.cepstra.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.cepstra.corpus.CorpusException;
import org.cepstra.corpus.Manifest;
import org.cepstra.corpus.ManifestReader;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@link ManifestReader}: any manifest text beside a few placeholder recordings
 * gives a corpus (bad rows reported with the manifest's name and line) or a {@link CorpusException}
 * naming the manifest.
 */
@Timeout(60) // seconds per input; in fuzzing mode Jazzer passes it on as libFuzzer's -timeout
class ManifestFuzzTest {

    /** {@link ManifestReader#readManifest(Path)} on {@code manifest.csv} in a folder of WAVs. */
    @DictionaryEntries({"path", "file", "wav", "label", "speaker", "split", "start", "end", "id", "train", "test",
            "dev", "a.wav", "sub/c.wav", "d e.wav", "\"\""})
    @FuzzTest
    void read(byte[] data) throws CorpusException {
        Path manifest = Folder.DIR.resolve("manifest.csv");
        FuzzChecks.write(manifest, data);
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        try {
            Manifest m = new ManifestReader().readManifest(manifest);
            CorpusFixture.check(m.corpus(), CorpusFixture.lines(data), "manifest.csv line ");
        } catch (CorpusException e) {
            FuzzChecks.requireMessageNaming(e, manifest.toString());
        }
        FuzzChecks.requireBoundedAllocation(before, data.length);
    }

    /** The corpus folder, made once per test run. */
    private static final class Folder {
        static final Path DIR = CorpusFixture.folderWithWavs("cepstra-fuzz-manifest",
                "a.wav", "b.wav", "sub/c.wav", "d e.wav");
    }
}
