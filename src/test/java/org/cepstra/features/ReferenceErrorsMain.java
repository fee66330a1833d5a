package org.cepstra.features;

import org.cepstra.matrix.FeatureMatrix;

/**
 * Prints, per Kaldi reference set in the test resources, the largest absolute error and the largest
 * error relative to the test tolerance (1e-3 + 1e-4 |ref|). Not a test.
 */
public final class ReferenceErrorsMain {
    private ReferenceErrorsMain() {
    }

    public static void main(String[] args) {
        for (ReferenceSets.RefSet set : ReferenceSets.all()) {
            MfccExtractor extractor = set.settings().newExtractor();
            double maxAbs = 0;
            double worst = 0;
            long values = 0;
            for (String file : set.files()) {
                double[][] ref = ReferenceMatrices.load(set.folder(), file);
                FeatureMatrix m = extractor.compute(TestWavs.resource(file));
                maxAbs = Math.max(maxAbs, ReferenceMatrices.maxAbsError(m, ref));
                worst = Math.max(worst, ReferenceMatrices.worstToleranceRatio(m, ref));
                values += (long) ref.length * m.cols();
            }
            System.out.printf("%-28s files %2d values %6d max_abs_error %.3g worst/tolerance %.3f%n",
                    set.folder(), set.files().size(), values, maxAbs, worst);
        }
    }
}
