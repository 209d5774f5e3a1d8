package io.reactiveledger.llm.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PercentErrorMedianTest {

    private static double meanApe(double predicted, double[] outcomes) {
        double s = 0;
        for (double y : outcomes) {
            s += Math.abs(predicted - y) / y;
        }
        return s / outcomes.length;
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> PercentErrorMedian.ofSortedLogs(null));
        assertThrows(IllegalArgumentException.class, () -> PercentErrorMedian.ofSortedLogs(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> PercentErrorMedian.ofSortedLogs(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> PercentErrorMedian.ofSortedLogs(new double[] {1, Double.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> PercentErrorMedian.ofSortedLogs(new double[] {2, 1}));
    }

    @Test
    void oneOutcomeIsItselfAndTwoGiveTheCheaperToMissInPercent() {
        assertEquals(Math.log(7), PercentErrorMedian.ofSortedLogs(new double[] {Math.log(7)}));
        // predicting 100 for {100, 200} costs 50% once; predicting 200 costs 100% once
        assertEquals(Math.log(100), PercentErrorMedian.ofSortedLogs(new double[] {Math.log(100), Math.log(200)}));
        // three equal outcomes and one far above: the plain median and this agree on the repeated value
        double[] logs = {Math.log(50), Math.log(50), Math.log(50), Math.log(400)};
        assertEquals(Math.log(50), PercentErrorMedian.ofSortedLogs(logs));
    }

    @Test
    void minimisesTheMeanPercentageErrorAndNeverExceedsThePlainMedian() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(40);
            double[] logs = new double[n];
            for (int i = 0; i < n; i++) {
                logs[i] = 4 + rnd.nextGaussian() * (0.1 + rnd.nextDouble());
            }
            Arrays.sort(logs);
            double[] outcomes = Arrays.stream(logs).map(Math::exp).toArray();
            double best = Math.exp(PercentErrorMedian.ofSortedLogs(logs));
            double bestLoss = meanApe(best, outcomes);
            // the loss is piecewise linear in the prediction with kinks at the outcomes: checking every outcome
            // and points between them checks the minimum
            for (int i = 0; i < n; i++) {
                assertTrue(bestLoss <= meanApe(outcomes[i], outcomes) + 1e-12, "outcome " + i + " does better");
                if (i + 1 < n) {
                    double mid = (outcomes[i] + outcomes[i + 1]) / 2;
                    assertTrue(bestLoss <= meanApe(mid, outcomes) + 1e-12);
                }
            }
            double lowerMedian = logs[(n - 1) / 2];
            assertTrue(Math.log(best) <= lowerMedian + 1e-12, "at or below the (lower) median");
        }
    }
}
