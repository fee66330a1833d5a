package org.cepstra.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FitGmmExampleTest {
    private static final Pattern BIC = Pattern.compile("K=(\\d)  BIC (\\d+\\.\\d)");
    private static final Pattern BEST = Pattern.compile("lowest BIC: K=(\\d), (-\\d+\\.\\d{4}) nats per point");
    private static final String NUMBER = "(-?\\d+\\.\\d{3})";
    private static final Pattern COMPONENT = Pattern.compile("  weight " + NUMBER + "  mean \\(" + NUMBER + ", "
            + NUMBER + "\\)  variance \\(" + NUMBER + ", " + NUMBER + "\\)");

    @Test
    void findsTheTwoClustersThatMadeThePoints() throws Exception {
        List<String> lines = ExampleRunner.run(org.cepstra.docs.DocSnippets.main("FitGmmExample")::run).lines().toList();
        String all = String.join("\n", lines);
        assertEquals(7, lines.size(), all);
        double[] bic = new double[5];
        for (int k = 1; k <= 4; k++) {
            Matcher m = BIC.matcher(lines.get(k - 1));
            assertTrue(m.matches(), all);
            assertEquals(k, Integer.parseInt(m.group(1)));
            bic[k] = Double.parseDouble(m.group(2));
        }
        Matcher best = BEST.matcher(lines.get(4));
        assertTrue(best.matches(), all);
        assertEquals(2, Integer.parseInt(best.group(1)), all);
        assertTrue(bic[2] < bic[1] && bic[2] < bic[3] && bic[2] < bic[4], all);
        // BIC = −2·N·(average log-likelihood) + p·ln N, p = K·2D + K − 1 = 9 free parameters, N = 1000.
        double average = Double.parseDouble(best.group(2));
        assertEquals(-2 * 1000 * average + 9 * Math.log(1000), bic[2], 0.15, all);
        // The generating clusters: weight 0.3 at (0, 0) with variances (0.25, 0.25), weight 0.7 at (5, −2)
        // with variances (1, 0.09); 300 and 700 points estimate them to a few standard errors.
        double[][] truth = {{0.3, 0, 0, 0.25, 0.25}, {0.7, 5, -2, 1, 0.09}};
        boolean[] found = new boolean[2];
        for (int c = 0; c < 2; c++) {
            Matcher m = COMPONENT.matcher(lines.get(5 + c));
            assertTrue(m.matches(), lines.get(5 + c));
            double[] got = new double[5];
            for (int i = 0; i < 5; i++) {
                got[i] = Double.parseDouble(m.group(i + 1));
            }
            int which = got[1] > 2.5 ? 1 : 0;
            found[which] = true;
            double[] t = truth[which];
            assertEquals(t[0], got[0], 0.03, "weight: " + all);
            assertEquals(t[1], got[1], 0.1, "mean x: " + all);
            assertEquals(t[2], got[2], 0.1, "mean y: " + all);
            assertEquals(t[3], got[3], 0.2 * t[3], "variance x: " + all);
            assertEquals(t[4], got[4], 0.2 * t[4], "variance y: " + all);
        }
        assertTrue(found[0] && found[1], all);
    }
}
