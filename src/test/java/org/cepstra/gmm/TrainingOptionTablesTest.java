package org.cepstra.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.cepstra.base.Option;
import org.cepstra.base.OptionTable;
import org.junit.jupiter.api.Test;

class TrainingOptionTablesTest {
    private static final TrainingConfig CHANGED = new TrainingConfig(6, new EmOptions(37, 2.5e-4),
            new RunOptions(Long.MIN_VALUE + 7, 3), new InitOptions(Initialization.MIXUP, 4, 1000, 2, 3, 2),
            new UpdateLimits(0.02, 1e-8, 5.5, 1e-4));

    @Test
    void everyPartReadsItsOwnTextBack() {
        assertEquals(CHANGED.em(), viaText(EmOptions.OPTIONS, CHANGED.em()));
        assertEquals(CHANGED.run(), viaText(RunOptions.OPTIONS, CHANGED.run()));
        assertEquals(CHANGED.init(), viaText(InitOptions.OPTIONS, CHANGED.init()));
        assertEquals(CHANGED.update(), viaText(UpdateLimits.OPTIONS, CHANGED.update()));
        UpdateLimits auto = UpdateLimits.DEFAULTS.withMinOccupancy(4);
        assertEquals(List.of("--var-floor=0.01", "--abs-var-floor=1.0E-10", "--min-occupancy=auto",
                "--min-weight=1.0E-5"), UpdateLimits.OPTIONS.configLines(UpdateLimits.DEFAULTS));
        assertEquals(UpdateLimits.DEFAULTS, viaText(UpdateLimits.OPTIONS, UpdateLimits.DEFAULTS, auto));
    }

    @Test
    void theChangedConfigurationChangesEveryOption() {
        assertUnchangedNone(EmOptions.OPTIONS, CHANGED.em());
        assertUnchangedNone(RunOptions.OPTIONS, CHANGED.run());
        assertUnchangedNone(InitOptions.OPTIONS, CHANGED.init());
        assertUnchangedNone(UpdateLimits.OPTIONS, CHANGED.update());
    }

    @Test
    void theTablesHoldEveryFieldOfTheModelFileOnceInItsOrder() {
        List<String> keys = new ArrayList<>(List.of("numComponents"));
        for (OptionTable<?> t : List.of(EmOptions.OPTIONS, RunOptions.OPTIONS, InitOptions.OPTIONS,
                UpdateLimits.OPTIONS)) {
            t.options().forEach(o -> keys.add(o.key()));
        }
        assertEquals(List.of("numComponents", "maxIterations", "toleranceNatsPerFrame", "seed", "threads",
                "initialization", "kmeansIterations", "kmeansSampleFrames", "nInit", "mixupIterations",
                "kmeansCandidateFactor", "relativeVarianceFloor", "absoluteVarianceFloor", "minOccupancyFrames", "minWeight"), keys);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        TrainingConfig d = TrainingConfig.defaults(8);
        assertEquals(new EmOptions(100, 1e-3), d.em());
        assertEquals(new RunOptions(0, 1), d.run());
        assertEquals(new InitOptions(Initialization.KMEANS_PLUS_PLUS, 100, 65_536, 1, 4, 8), d.init());
        assertEquals(new UpdateLimits(0.01, 1e-10, UpdateLimits.AUTO_MIN_OCCUPANCY, 1e-5), d.update());
        assertEquals("kmeans++", InitOptions.OPTIONS.defaultText(InitOptions.OPTIONS.option("init")));
        assertEquals(Initialization.MIXUP, InitOptions.initializationNamed("Mix-Up"));
        // 8 times scikit-learn's n_local_trials = 2 + floor(ln K): 4 at K = 16, 5 at K = 32, 2 at K = 1
        assertEquals(32, d.init().kmeansCandidates(16));
        assertEquals(40, d.init().kmeansCandidates(32));
        assertEquals(16, d.init().kmeansCandidates(1));
        assertEquals(5, d.init().withKmeansCandidateFactor(1).kmeansCandidates(32));
    }

    @Test
    void theCandidateFactorIsRefusedOutsideItsRange() {
        InitOptions d = InitOptions.DEFAULTS;
        for (int bad : new int[] {0, -1, InitOptions.MAX_CANDIDATE_FACTOR + 1}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> d.withKmeansCandidateFactor(bad));
            assertEquals("kmeansCandidateFactor must be from 1 to 1000, got " + bad, e.getMessage());
        }
        assertEquals(InitOptions.MAX_CANDIDATE_FACTOR,
                d.withKmeansCandidateFactor(InitOptions.MAX_CANDIDATE_FACTOR).kmeansCandidateFactor());
    }

    private static <R> void assertUnchangedNone(OptionTable<R> table, R record) {
        for (Option<R, ?> o : table.options()) {
            assertNotEquals(o.get(table.defaults()), o.get(record), o.name());
        }
    }

    private static <R> R viaText(OptionTable<R> table, R record) {
        return viaText(table, record, table.defaults());
    }

    private static <R> R viaText(OptionTable<R> table, R record, R start) {
        R r = start;
        for (String line : table.configLines(record)) {
            int eq = line.indexOf('=');
            r = table.option(line.substring(0, eq)).parse(r, line.substring(eq + 1));
        }
        return r;
    }
}
