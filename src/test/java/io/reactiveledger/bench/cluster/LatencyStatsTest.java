package io.reactiveledger.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {
    @Test
    void nearestRankOnOneToHundred() {
        long[] v = new long[100];
        for (int i = 0; i < 100; i++) v[i] = i + 1;
        assertEquals(50, LatencyStats.percentile(v, 50));
        assertEquals(95, LatencyStats.percentile(v, 95));
        assertEquals(99, LatencyStats.percentile(v, 99));
        assertEquals(100, LatencyStats.percentile(v, 100));
        assertEquals(1, LatencyStats.percentile(v, 0.1));
    }

    @Test
    void smallSetsReportMeasuredValues() {
        long[] v = {10, 20, 30};
        assertEquals(20, LatencyStats.percentile(v, 50)); // rank ceil(1.5) = 2
        assertEquals(30, LatencyStats.percentile(v, 95));
        assertEquals(10, LatencyStats.percentile(new long[] {10}, 99));
    }

    @Test
    void statsFromUnsortedNanosInMilliseconds() {
        long[] nanos = {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000};
        LatencyStats s = LatencyStats.ofNanos(nanos);
        assertEquals(5, s.count());
        assertEquals(3.0, s.meanMs(), 1e-9);
        assertEquals(3.0, s.p50Ms(), 1e-9);
        assertEquals(5.0, s.p95Ms(), 1e-9);
        assertEquals(5.0, s.maxMs(), 1e-9);
        assertEquals(5_000_000, nanos[0], "input left unsorted");
    }

    @Test
    void emptyAndInvalid() {
        assertEquals(LatencyStats.EMPTY, LatencyStats.ofNanos(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> LatencyStats.percentile(new long[0], 50));
        assertThrows(IllegalArgumentException.class, () -> LatencyStats.percentile(new long[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> LatencyStats.percentile(new long[] {1}, 101));
    }
}
