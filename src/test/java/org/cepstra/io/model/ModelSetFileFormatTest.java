package org.cepstra.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.MfccSettings;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.models.Calibration;
import org.cepstra.models.LabelSummary;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format version 1 stays readable: files kept in {@code src/test/resources/models/} (see the README
 * there), one written by this class and one written by numpy, read back to the model set they hold.
 */
class ModelSetFileFormatTest {
    @TempDir
    Path tmp;

    /** The model set stored in small-v1.npz and small-v1-numpy.npz, spelt out. */
    private static ModelSet expected() {
        SortedMap<String, DiagonalGmm> models = new TreeMap<>();
        models.put("no", new DiagonalGmm(new double[] {0.25, 0.75}, new double[][] {{1.5, -2.0}, {0.125, 3.0}},
                new double[][] {{0.5, 2.0}, {1.0, 0.25}}));
        models.put("yes", new DiagonalGmm(new double[] {1.0}, new double[][] {{-1.0, 0.5}},
                new double[][] {{4.0, 0.0625}}));
        FeatureConfig k = FeatureConfig.kaldiDefaults();
        FeatureConfig features = k.withMfcc(new MfccSettings(k.mfcc().frame(), k.mfcc().mel().withNumBins(3),
                k.mfcc().mfcc().withNumCeps(2)));
        return new ModelSet(models, features, TrainingConfig.defaults(2).withKmeansIterations(10).withMinOccupancy(10) /* as stored in the file */,
                List.of(new LabelSummary("no", 12, 3456, 2, 17, true, -3.25, 1, 0)), 1);
    }

    private static Path resource(Path dir, String name) throws IOException {
        try (InputStream in = ModelSetFileFormatTest.class.getResourceAsStream("/models/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            Path f = dir.resolve(name);
            Files.copy(in, f);
            return f;
        }
    }

    @Test
    void fileWrittenByVersion1IsRead() throws IOException {
        ModelSetFileTest.assertSameModelSet(expected(), ModelSetFile.read(resource(tmp, "small-v1.npz")));
    }

    @Test
    void fileWrittenByNumpyIsRead() throws IOException {
        // STORED entries from numpy.savez, means_0 in Fortran order, variances_0 big-endian
        ModelSetFileTest.assertSameModelSet(expected(), ModelSetFile.read(resource(tmp, "small-v1-numpy.npz")));
    }

    @Test
    void headerLayoutIsUnchanged() throws IOException {
        Path fresh = tmp.resolve("fresh.npz");
        ModelSetFile.write(fresh, expected(), Instant.parse("2024-05-01T12:00:00Z"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode now = (ObjectNode) json.readTree(ModelFileFixtures.entries(fresh).get("header.json"));
        ObjectNode then = (ObjectNode) json.readTree(ModelFileFixtures.entries(resource(tmp, "small-v1.npz"))
                .get("header.json"));
        now.remove("createdBy");
        then.remove("createdBy");
        // the one field added since, and the format number that says so: an uncalibrated set says so
        assertEquals(2, now.remove("formatVersion").intValue());
        assertEquals(1, then.remove("formatVersion").intValue());
        assertEquals(json.readTree("{\"calibrated\":false,\"scale\":1.0,\"frameExponent\":0.0,"
                + "\"heldOut\":\"NONE\",\"folds\":0,\"heldOutUtterances\":0}"), now.remove("calibration"));
        assertEquals(then, now);
    }

    @Test
    void fileFromBeforeCalibrationReadsAsUncalibrated() throws IOException {
        ModelSet old = ModelSetFile.read(resource(tmp, "small-v1.npz"));
        assertFalse(old.calibration().calibrated());
        assertEquals(1.0, old.calibration().scale());
        assertEquals(0.0, old.calibration().frameExponent());
    }

    @Test
    void calibrationRoundTripsExactly() throws IOException {
        Calibration c = new Calibration(0.0371234567891, 0.75, Calibration.HeldOut.SPEAKERS, 4, 2000);
        Path file = tmp.resolve("calibrated.npz");
        ModelSetFile.write(file, expected().withCalibration(c), Instant.parse("2024-05-01T12:00:00Z"));
        assertEquals(c, ModelSetFile.read(file).calibration());
    }
}
