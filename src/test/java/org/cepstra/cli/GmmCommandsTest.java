package org.cepstra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.io.kaldi.KaldiGmmText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GmmCommandsTest {
    @TempDir
    Path tmp;

    /** Writes two well-separated 2-D clusters as CSV and returns the path. */
    private Path twoClusters(int perCluster) throws IOException {
        Random r = new Random(7);
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < perCluster; i++) {
            csv.append(String.format(java.util.Locale.ROOT, "%.6f,%.6f%n", r.nextGaussian(), r.nextGaussian()));
            csv.append(String.format(java.util.Locale.ROOT, "%.6f,%.6f%n", 20 + r.nextGaussian(), -20 + r.nextGaussian()));
        }
        Path file = tmp.resolve("data.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void fitWithOneComponentGivesTheSampleMeanAndVariance() throws IOException {
        Path csv = tmp.resolve("k1.csv");
        Files.writeString(csv, "1,10\n2,20\n3,30\n6,0\n");
        Path model = tmp.resolve("k1.gmm");
        CliRunner.Result r = CliRunner.run("fit", csv.toString(), "-k", "1", "-o", model.toString(), "--var-floor", "0");
        assertEquals(0, r.exitCode(), r.err());
        DiagonalGmm gmm = KaldiGmmText.read(model);
        // mean (3, 15); biased variance ((4+1+0+9)/4, (25+25+225+225)/4)
        assertEquals(3.0, gmm.means()[0][0], 1e-5);
        assertEquals(15.0, gmm.means()[0][1], 1e-5);
        assertEquals(3.5, gmm.variances()[0][0], 1e-4);
        assertEquals(125.0, gmm.variances()[0][1], 1e-3);
        assertTrue(r.out().contains("components: 1"), r.out());
    }

    @Test
    void fitRecoversTwoClustersAndReportsFigures() throws IOException {
        Path model = tmp.resolve("two.gmm");
        CliRunner.Result r = CliRunner.run("fit", twoClusters(500).toString(), "-k", "2", "-o", model.toString(),
                "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("\"converged\" : true"), r.out());
        DiagonalGmm gmm = KaldiGmmText.read(model);
        double[][] m = gmm.means();
        int far = m[0][0] > m[1][0] ? 0 : 1;
        assertEquals(20, m[far][0], 0.2);
        assertEquals(-20, m[far][1], 0.2);
        assertEquals(0, m[1 - far][0], 0.2);
        assertEquals(0.5, gmm.weights()[0], 1e-6);
    }

    @Test
    void selectKPrefersTwoComponentsForTwoClusters() throws IOException {
        CliRunner.Result r = CliRunner.run("select-k", twoClusters(300).toString(), "--k", "1,2,3,4");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("chosen K (BIC): 2"), r.out());
    }

    @Test
    void scoreFramesBelowAThresholdFindsTheOutlier() throws IOException {
        Path data = twoClusters(200);
        Path model = tmp.resolve("m.gmm");
        assertEquals(0, CliRunner.run("fit", data.toString(), "-k", "2", "-o", model.toString()).exitCode());
        Path probe = tmp.resolve("probe.csv");
        Files.writeString(probe, "0,0\n20,-20\n100,100\n");
        CliRunner.Result all = CliRunner.run("score-frames", model.toString(), probe.toString());
        assertEquals(0, all.exitCode(), all.err());
        assertEquals(3, all.out().lines().count());
        CliRunner.Result outliers = CliRunner.run("score-frames", model.toString(), probe.toString(), "--below", "-50");
        assertEquals(0, outliers.exitCode(), outliers.err());
        assertEquals(1, outliers.out().lines().count(), outliers.out());
        assertTrue(outliers.out().startsWith("probe 2 "), outliers.out());
    }

    @Test
    void badFeatureFileIsAnInputErrorNamingTheFile() throws IOException {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "1,2\n3,x\n");
        CliRunner.Result r = CliRunner.run("fit", bad.toString(), "-k", "1");
        assertEquals(ExitCode.INPUT_ERROR, r.exitCode());
        assertTrue(r.err().contains("bad.csv") && r.err().contains("line 2"), r.err());
    }
}
