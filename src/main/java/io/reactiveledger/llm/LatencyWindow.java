package io.reactiveledger.llm;

import java.util.Arrays;

/** The last {@code capacity} latencies (microseconds), for p50/p99 in a status. Not thread-safe. */
final class LatencyWindow {
    private final long[] ring;
    private int next;
    private int size;

    LatencyWindow(int capacity) {
        ring = new long[capacity];
    }

    void add(long micros) {
        ring[next] = micros;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    /** The q-quantile (0..1) by nearest rank, 0 when empty. */
    long quantile(double q) {
        if (size == 0) {
            return 0;
        }
        long[] copy = Arrays.copyOf(ring, size);
        Arrays.sort(copy);
        int rank = (int) Math.ceil(q * size) - 1;
        return copy[Math.max(0, Math.min(size - 1, rank))];
    }
}
