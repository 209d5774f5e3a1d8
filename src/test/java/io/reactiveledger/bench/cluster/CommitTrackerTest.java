package io.reactiveledger.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommitTrackerTest {
    private static final long MS = 1_000_000L;

    private static List<Hash> hashes(int n) {
        List<Hash> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Sha256.hash(new byte[] {(byte) i}));
        return out;
    }

    @Test
    void countsACommitOnlyOnTheNodeItWasSubmittedTo() throws Exception {
        List<Hash> h = hashes(4);
        CommitTracker t = new CommitTracker(h, new int[] {0, 0, 1, 1}, 0);
        for (int i = 0; i < 4; i++) t.submitted(i, 1_000 * MS);
        t.blockCommitted(1, h.subList(0, 2), List.of(true, true), 1_100 * MS); // node 1 sees txs of node 0
        assertEquals(0, t.committed());
        t.blockCommitted(0, h.subList(0, 2), List.of(true, false), 1_200 * MS);
        t.blockCommitted(0, h.subList(0, 2), List.of(true, true), 1_300 * MS); // again: ignored
        assertEquals(2, t.committed());
        assertEquals(1, t.successes());
        assertFalse(t.awaitAll(1, TimeUnit.MILLISECONDS));
        t.blockCommitted(1, h.subList(2, 4), List.of(true, true), 1_400 * MS);
        assertEquals(4, t.committed());
        assertFalse(t.awaitAll(1, TimeUnit.MILLISECONDS), "the reference node has not seen that block yet");
        t.blockCommitted(0, h.subList(2, 4), List.of(true, true), 1_450 * MS);
        assertTrue(t.awaitAll(1, TimeUnit.MILLISECONDS));
        assertEquals(4, t.committed());
        assertEquals(3, t.successes());
    }

    @Test
    void windowStartsAtTheLastWarmUpCommit() {
        List<Hash> h = hashes(4);
        CommitTracker t = new CommitTracker(h, new int[] {0, 0, 0, 0}, 0);
        t.submitted(0, 0);
        t.submitted(1, 0);
        t.submitted(2, 100 * MS);
        t.submitted(2, 150 * MS); // a retry keeps the first submission time
        t.submitted(3, 100 * MS);
        t.blockCommitted(0, h.subList(0, 2), List.of(true, true), 500 * MS);
        t.blockCommitted(0, List.of(), List.of(), 700 * MS);
        t.blockCommitted(0, h.subList(2, 4), List.of(true, true), 2, 1_500 * MS);

        CommitTracker.Window w = t.window(2);
        assertEquals(2, w.measuredTxs());
        assertEquals(1.0, w.seconds(), 1e-9);
        assertEquals(2.0, w.tps(), 1e-9);
        assertEquals(1_400.0, w.latency().p50Ms(), 1e-9);
        assertEquals(2, w.blocks(), "the empty block and the last one are inside the window");
        assertEquals(1, w.laterRoundBlocks(), "the last one was decided in round 2");
        assertEquals(2.0, w.txsPerBlock(), 1e-9);
        assertEquals(1.5, w.totalSeconds(), 1e-9);

        CommitTracker.Window all = t.window(0);
        assertEquals(4, all.measuredTxs());
        assertEquals(1.5, all.seconds(), 1e-9);
        assertEquals(500.0, all.latency().p50Ms(), 1e-9);
    }

    @Test
    void blocksAreCountedByTheirTransactionsWhenTheReferenceNodeSeesThemLaterThanTheSubmitNode() {
        List<Hash> h = hashes(5);
        CommitTracker t = new CommitTracker(h, new int[] {1, 1, 1, 1, 1}, 0);
        for (int i = 0; i < 5; i++) t.submitted(i, 100 * MS);
        t.blockCommitted(1, h.subList(0, 2), List.of(true, true), 500 * MS);
        t.blockCommitted(0, h.subList(0, 2), List.of(true, true), 520 * MS); // warm-up block, seen after start
        t.blockCommitted(0, List.of(), List.of(), 700 * MS);                 // empty, inside the window
        t.blockCommitted(1, h.subList(2, 5), List.of(true, true, true), 1_000 * MS);
        t.blockCommitted(0, h.subList(2, 5), List.of(true, true, true), 1_010 * MS); // seen after the window's end
        CommitTracker.Window w = t.window(2);
        assertEquals(3, w.measuredTxs());
        assertEquals(2, w.blocks(), "the empty block and the block of the measured transactions");
        assertEquals(3.0, w.txsPerBlock(), 1e-9, "not the warm-up block's 2");
        assertEquals(3, w.maxTxsPerBlock());
    }

    @Test
    void aWarmUpEndingInTheLastBlockFallsBackToTheWholeRun() {
        List<Hash> h = hashes(3);
        CommitTracker t = new CommitTracker(h, new int[] {0, 0, 0}, 0);
        for (int i = 0; i < 3; i++) t.submitted(i, 100 * MS);
        t.blockCommitted(0, h, List.of(true, true, true), 600 * MS);
        CommitTracker.Window w = t.window(1);
        assertEquals(3, w.measuredTxs());
        assertEquals(3, w.latency().count());
        assertEquals(6.0, w.tps(), 1e-9);
    }

    @Test
    void refusesDuplicatesAndMismatchedNodes() {
        List<Hash> h = hashes(1);
        assertThrows(IllegalArgumentException.class, () -> new CommitTracker(List.of(h.get(0), h.get(0)), new int[] {0, 0}, 0));
        assertThrows(IllegalArgumentException.class, () -> new CommitTracker(h, new int[] {0, 0}, 0));
    }
}
