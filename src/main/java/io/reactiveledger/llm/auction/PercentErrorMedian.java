package io.reactiveledger.llm.auction;

/**
 * The point forecast that minimises the expected absolute <em>percentage</em> error over a sample of possible
 * outcomes. For an outcome y the loss |p − y| / y is the absolute error weighted by 1/y, so the minimiser is the
 * median of the sample reweighted by 1/y (not the plain median, which minimises the absolute error). It lies at
 * or below the plain median: over-predicting costs more percent than under-predicting by the same amount.
 * For a log-normal outcome exp(N(μ, σ²)) it is exp(μ − σ²).
 */
public final class PercentErrorMedian {
    private PercentErrorMedian() {
    }

    /**
     * @param sortedLogs natural logs of equally likely outcomes, ascending (at least one, all finite)
     * @return the log of the outcome that minimises the mean absolute percentage error over the sample
     */
    public static double ofSortedLogs(double[] sortedLogs) {
        if (sortedLogs == null || sortedLogs.length == 0) {
            throw new IllegalArgumentException("no outcomes");
        }
        for (int i = 0; i < sortedLogs.length; i++) {
            double v = sortedLogs[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("outcome " + i + " is not finite: " + v);
            }
            if (i > 0 && v < sortedLogs[i - 1]) {
                throw new IllegalArgumentException("outcomes are not sorted at " + i);
            }
        }
        // weights 1/y = exp(-log y), scaled by exp(min) so the largest weight is 1 (no overflow)
        double min = sortedLogs[0];
        double[] w = new double[sortedLogs.length];
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(min - sortedLogs[i]);
            total += w[i];
        }
        double acc = 0;
        for (int i = 0; i < w.length; i++) {
            acc += w[i];
            if (acc >= total / 2) {
                return sortedLogs[i];
            }
        }
        return sortedLogs[sortedLogs.length - 1];
    }
}
