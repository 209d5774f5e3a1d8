package io.reactiveledger.mempool;

/**
 * Counts of pending fees in logarithmic buckets (8 per power of two; fees below 16 exactly), so the median of any
 * number of fees costs O(1) to maintain and at most 496 bucket reads to query, never a copy of the pool. The
 * median is reported as its bucket's lower bound: within 1/8 below the exact value, which is plenty for a signal
 * that compares fees with a factor of 20.
 */
final class FeeHistogram {
    private static final int SUB = 8;
    private static final int BUCKETS = 16 + (63 - 4 + 1) * SUB;
    private final long[] counts = new long[BUCKETS];
    private long total;

    void add(long fee) {
        counts[bucket(fee)]++;
        total++;
    }

    void remove(long fee) {
        counts[bucket(fee)]--;
        total--;
    }

    long size() {
        return total;
    }

    /** The lower bound of the bucket holding the median fee; 0 when empty. */
    long median() {
        if (total == 0) return 0;
        long target = (total + 1) / 2; // the lower median's rank, 1-based
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= target) return lowerBound(b);
        }
        throw new IllegalStateException("fee histogram out of step");
    }

    static int bucket(long fee) {
        if (fee < 16) return (int) Math.max(0, fee);
        int exp = 63 - Long.numberOfLeadingZeros(fee); // >= 4
        int sub = (int) ((fee >>> (exp - 3)) & (SUB - 1));
        return 16 + (exp - 4) * SUB + sub;
    }

    static long lowerBound(int bucket) {
        if (bucket < 16) return bucket;
        int exp = 4 + (bucket - 16) / SUB;
        long sub = (bucket - 16) % SUB;
        return (1L << exp) + (sub << (exp - 3));
    }
}
