package io.reactiveledger.bench.cluster;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies by the nearest-rank method: the p-th percentile is the smallest value
 * such that at least p % of the values are at or below it (so p100 is the maximum and every reported
 * value is one that was measured).
 *
 * @param count  how many latencies
 * @param meanMs their mean
 * @param p50Ms  median
 */
public record LatencyStats(int count, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs) {
    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0);

    /** From latencies in nanoseconds (the array is not modified). */
    public static LatencyStats ofNanos(long[] nanos) {
        if (nanos.length == 0) return EMPTY;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long n : sorted) sum += n;
        return new LatencyStats(sorted.length, ms(sum / sorted.length), ms(percentile(sorted, 50)),
                ms(percentile(sorted, 95)), ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]));
    }

    /** Nearest-rank percentile of an ascending, non-empty array; {@code p} in (0, 100]. */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) throw new IllegalArgumentException("no values");
        if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }
}
