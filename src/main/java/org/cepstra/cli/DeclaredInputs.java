package org.cepstra.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files and folders a command line names as inputs, which an output must not be. */
final class DeclaredInputs {
    private DeclaredInputs() {
    }

    /** {@code root}, the corpus options' label source files and {@code others}, leaving out those not given. */
    static List<Path> of(Path root, CorpusOptions corpus, Path... others) {
        List<Path> inputs = new ArrayList<>();
        for (Path p : new Path[] {root, corpus.source.manifest, corpus.source.alignments, corpus.source.kaldiData}) {
            if (p != null) {
                inputs.add(p);
            }
        }
        for (Path p : others) {
            if (p != null) {
                inputs.add(p);
            }
        }
        return inputs;
    }
}
