package org.cepstra.gmm;

import static org.cepstra.gmm.GmmTestData.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

class ModelSelectionTest {

    @Test
    void bicPicksTheTrueNumberOfClusters() {
        DiagonalGmm truth = new DiagonalGmm(new double[] {0.3, 0.3, 0.4},
                new double[][] {{-8, 0}, {0, 8}, {8, 0}}, new double[][] {{1, 1}, {1, 1}, {1, 1}});
        FeatureMatrix data = truth.sample(3000, 1);
        ModelSelection.Result r = new ModelSelection(TrainingConfig.defaults(1)).select(data, new int[] {1, 2, 3, 4, 5},
                ModelSelection.Criterion.BIC);
        assertEquals(3, r.chosenComponents());
        assertEquals(5, r.candidates().size());
        for (ModelSelection.Candidate c : r.candidates()) {
            assertEquals(c.numComponents(), c.model().numComponents());
            assertClose(c.model().bic(data), c.bic(), 1e-12, "BIC of K=" + c.numComponents());
            assertClose(c.model().aic(data), c.aic(), 1e-12, "AIC of K=" + c.numComponents());
            assertClose(c.model().averageLogLikelihood(data), c.averageLogLikelihood(), 1e-12, "LL");
            assertClose(-2 * c.averageLogLikelihood() * 3000 + 2 * (c.numComponents() * 5 - 1), c.aic(), 1e-12, "AIC");
        }
        ModelSelection.Result aic = new ModelSelection(TrainingConfig.defaults(1)).select(data, new int[] {1, 3},
                ModelSelection.Criterion.AIC);
        assertEquals(3, aic.chosenComponents());
        assertThrows(IllegalArgumentException.class,
                () -> new ModelSelection(TrainingConfig.defaults(1)).select(data, new int[0], ModelSelection.Criterion.BIC));
        assertThrows(IllegalArgumentException.class,
                () -> new ModelSelection(TrainingConfig.defaults(1)).select(data, new int[] {2, 2}, ModelSelection.Criterion.BIC));
    }
}
