package io.reactiveledger.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadTest {
    private static ClusterBenchConfig cfg(int txs, ClusterBenchConfig.Payload p) {
        return new ClusterBenchConfig(4, txs, 0, 0, 8, p, ClusterBenchConfig.Mode.IN_JVM, false, 10);
    }

    @Test
    void transfersAreSignedDistinctAndNonceOrderedPerSender() {
        Workload w = Workload.create("bench", cfg(25, ClusterBenchConfig.Payload.TRANSFER), "wt-", 0);
        assertEquals(3, w.senders().size(), "25 txs at 10 per sender");
        assertTrue(w.setup().isEmpty());
        Set<Object> hashes = new HashSet<>();
        long[] next = new long[3];
        for (int i = 0; i < w.txs().size(); i++) {
            Transaction t = w.txs().get(i);
            assertTrue(t.verifySignature());
            assertTrue(hashes.add(t.hash()));
            int s = w.senderOf(i);
            assertEquals(w.senders().get(s).publicKey(), t.sender());
            assertEquals(next[s]++, t.nonce(), "a sender's nonces come in submission order");
            assertTrue(t.payload() instanceof Transfer);
        }
    }

    @Test
    void memoTransfersCarryOrdinaryRecurringMemosThatTheScorerSees() {
        Workload w = Workload.create("bench", cfg(30, ClusterBenchConfig.Payload.MEMO), "wm-", 0);
        Set<String> memos = new HashSet<>();
        for (Transaction t : w.txs()) {
            assertTrue(t.payload() instanceof Transfer);
            assertTrue(!t.memo().isEmpty() && t.memo().length() <= 64, t.memo());
            memos.add(t.memo());
        }
        assertEquals(30, memos.size(), "distinct within the first " + Workload.DISTINCT_MEMOS);
        assertEquals(Workload.memo(7), Workload.memo(7 + Workload.DISTINCT_MEMOS), "they recur");
        assertEquals(30, io.reactiveledger.llm.ProposalScorer.texts(w.txs()).size());
        assertTrue(Workload.create("bench", cfg(5, ClusterBenchConfig.Payload.TRANSFER), "wt-", 0).txs().stream()
                .allMatch(t -> t.memo().isEmpty()));
    }

    @Test
    void bidsRiseOnTheSendersOwnAuctionCreatedBySellers() {
        Workload w = Workload.create("bench", cfg(20, ClusterBenchConfig.Payload.BID), "wb-", 1_000);
        assertEquals(2, w.senders().size());
        assertEquals(2, w.sellers().size());
        assertEquals(2, w.setup().size());
        for (Transaction t : w.setup()) {
            CreateAuction c = (CreateAuction) t.payload();
            assertTrue(c.endTimeMs() > 1_000);
            assertTrue(List.of(w.sellers().get(0).publicKey(), w.sellers().get(1).publicKey()).contains(t.sender()));
        }
        for (int i = 0; i < w.txs().size(); i++) {
            Bid b = (Bid) w.txs().get(i).payload();
            assertEquals(w.senderOf(i) + 1, b.auctionId());
            assertEquals(Workload.START_PRICE + w.txs().get(i).nonce() * Workload.MIN_INCREMENT, b.amount());
        }
    }

    @Test
    void phaseNoteTakesMediansOfNonEmptyBlocks() {
        // header time, commit time, txs
        List<long[]> p = List.of(new long[] {0, 100, 0}, new long[] {120, 400, 5}, new long[] {420, 600, 0},
                new long[] {650, 1000, 7});
        String note = InJvmClusterBench.phaseNote(p);
        assertTrue(note.contains("median of 2 non-empty blocks"), note);
        assertTrue(note.contains("built -> committed 350 ms"), note);
        assertTrue(note.contains("previous commit -> built 50 ms"), note);
    }
}
