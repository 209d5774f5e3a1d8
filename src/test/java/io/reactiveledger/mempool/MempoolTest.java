package io.reactiveledger.mempool;

import static io.reactiveledger.mempool.MempoolFixtures.ALICE;
import static io.reactiveledger.mempool.MempoolFixtures.BOB;
import static io.reactiveledger.mempool.MempoolFixtures.CAROL;
import static io.reactiveledger.mempool.MempoolFixtures.DAVE;
import static io.reactiveledger.mempool.MempoolFixtures.ERIN;
import static io.reactiveledger.mempool.MempoolFixtures.FRANK;
import static io.reactiveledger.mempool.MempoolFixtures.commit;
import static io.reactiveledger.mempool.MempoolFixtures.funded;
import static io.reactiveledger.mempool.MempoolFixtures.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.tx.EndAuction;
import io.reactiveledger.core.tx.SignatureCache;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every admission rule, the bounds and eviction, reap ordering and commit pruning of {@link Mempool}. */
class MempoolTest {
    static final Mempool.Limits ROOMY = new Mempool.Limits(1000, 1 << 20, 64, 10);

    private static Mempool pool(WorldState state, Mempool.Limits limits) {
        return new Mempool(state, new SignatureCache(10_000), limits);
    }

    private static Mempool pool(Mempool.Limits limits) {
        return pool(funded(1_000_000), limits);
    }

    private static Mempool.Admission admit(Mempool pool, Transaction tx) {
        Mempool.Admission a = pool.admit(tx);
        pool.checkInvariants();
        return a;
    }

    private static void assertAccepted(Mempool pool, Transaction tx) {
        Mempool.Admission a = admit(pool, tx);
        assertEquals(AdmissionCode.ACCEPTED, a.code(), a.message());
    }

    private static void assertRejected(AdmissionCode code, Mempool pool, Transaction tx) {
        int size = pool.size();
        long bytes = pool.bytes();
        Mempool.Admission a = admit(pool, tx);
        assertEquals(code, a.code(), a.message());
        assertFalse(a.message().isEmpty());
        assertTrue(a.removed().isEmpty());
        assertEquals(size, pool.size());
        assertEquals(bytes, pool.bytes());
    }

    private static long bytesOf(Transaction... txs) {
        long b = 0;
        for (Transaction t : txs) b += t.size();
        return b;
    }

    // ------------------------------------------------------------------------------------ admission

    @Test
    void acceptsAValidTransactionAndCountsItExactly() {
        SignatureCache cache = new SignatureCache(100);
        Mempool pool = new Mempool(funded(1_000), cache, ROOMY);
        Transaction tx = transfer(ALICE, 0, 5, 100, "rent");
        Mempool.Admission a = admit(pool, tx);
        assertTrue(a.accepted());
        assertEquals(tx.hash(), a.txHash());
        assertEquals("", a.message());
        assertEquals(List.of(), a.removed());
        assertEquals(1, pool.size());
        assertEquals(tx.size(), pool.bytes());
        assertTrue(pool.contains(tx.hash()));
        assertEquals(tx, pool.get(tx.hash()).orElseThrow());
        assertEquals(List.of(tx), pool.pending(ALICE.address()));
        assertTrue(cache.isCached(tx.hash()), "the verdict is cached for the state transition");
    }

    @Test
    void duplicateHashIsRejected() {
        Mempool pool = pool(ROOMY);
        Transaction tx = transfer(ALICE, 0, 5, 100);
        assertAccepted(pool, tx);
        assertRejected(AdmissionCode.DUPLICATE, pool, tx);
    }

    @Test
    void otherChainIsRejected() {
        Mempool pool = pool(ROOMY);
        assertRejected(AdmissionCode.WRONG_CHAIN, pool,
                MempoolFixtures.signed("other-chain", ALICE, 0, 5, new Transfer(BOB.address(), 1), ""));
    }

    @Test
    void badSignatureIsRejectedAfterTheCheapChecks() throws DecodeException {
        SignatureCache cache = new SignatureCache(100);
        Mempool pool = new Mempool(funded(1_000), cache, new Mempool.Limits(10, 1 << 20, 4, 10));
        Transaction forged = Transaction.decode(MempoolFixtures.badSignature(transfer(ALICE, 0, 5, 100)));
        assertRejected(AdmissionCode.BAD_SIGNATURE, pool, forged);
        assertTrue(cache.isCached(forged.hash()));

        Transaction tooHigh = Transaction.decode(MempoolFixtures.badSignature(transfer(ALICE, 4, 5, 100)));
        assertRejected(AdmissionCode.NONCE_TOO_HIGH, pool, tooHigh);
        assertFalse(cache.isCached(tooHigh.hash()), "no verification for a transaction refused by a cheap rule");
    }

    @Test
    void nonceBelowTheAccountsNextNonceIsRejected() {
        Transaction first = transfer(ALICE, 0, 5, 100);
        WorldState state = commit(funded(1_000), List.of(first));
        Mempool pool = pool(state, ROOMY);
        assertRejected(AdmissionCode.NONCE_TOO_LOW, pool, first);
        assertRejected(AdmissionCode.NONCE_TOO_LOW, pool, transfer(ALICE, 0, 7, 1));
        assertAccepted(pool, transfer(ALICE, 1, 5, 100));
    }

    @Test
    void nonceWindowBoundsHowFarAheadASenderMayGo() {
        Mempool pool = pool(new Mempool.Limits(100, 1 << 20, 4, 10));
        assertAccepted(pool, transfer(ALICE, 3, 1, 1));
        assertRejected(AdmissionCode.NONCE_TOO_HIGH, pool, transfer(ALICE, 4, 1, 1));
        assertRejected(AdmissionCode.NONCE_TOO_HIGH, pool, transfer(ALICE, Long.MAX_VALUE, 1, 1));
        // the window moves with the committed nonce
        Transaction n0 = transfer(ALICE, 0, 1, 1);
        pool.onCommitted(commit(pool.state(), List.of(n0)), List.of(n0));
        assertAccepted(pool, transfer(ALICE, 4, 1, 1));
    }

    @Test
    void gapsWaitButOnlyContiguousRunsAreReaped() {
        Mempool pool = pool(ROOMY);
        Transaction n0 = transfer(ALICE, 0, 1, 1);
        Transaction n1 = transfer(ALICE, 1, 1, 1);
        Transaction n2 = transfer(ALICE, 2, 900, 1);
        Transaction n4 = transfer(ALICE, 4, 900, 1);
        assertAccepted(pool, n2);
        assertAccepted(pool, n4);
        assertEquals(List.of(), pool.reap(100, 1 << 20), "nothing executable without nonce 0");
        assertAccepted(pool, n0);
        assertEquals(List.of(n0), pool.reap(100, 1 << 20));
        assertAccepted(pool, n1);
        assertEquals(List.of(n0, n1, n2), pool.reap(100, 1 << 20));
        assertEquals(4, pool.size());
    }

    @Test
    void balanceMustCoverFeesAndAmountsOfAllPendingTransactionsOfTheSender() {
        Mempool pool = pool(funded(1_000), ROOMY);
        assertAccepted(pool, transfer(ALICE, 0, 10, 500));
        assertAccepted(pool, transfer(ALICE, 1, 10, 470));
        // fee-only payloads count their fee
        assertAccepted(pool, MempoolFixtures.signed(MempoolFixtures.CHAIN, ALICE, 2, 10, new EndAuction(1), ""));
        // 1,000 exactly committed now: one more unit is too much
        assertRejected(AdmissionCode.INSUFFICIENT_BALANCE, pool, transfer(ALICE, 3, 0, 1));
        assertRejected(AdmissionCode.INSUFFICIENT_BALANCE, pool, transfer(ALICE, 3, 1, 1));
        // other senders are independent; an empty account cannot pay any fee
        assertAccepted(pool, transfer(BOB, 0, 999, 1));
        assertRejected(AdmissionCode.INSUFFICIENT_BALANCE, pool, transfer(KeyPair.deterministic("nobody"), 0, 1, 1));
        assertRejected(AdmissionCode.INSUFFICIENT_BALANCE, pool,
                transfer(CAROL, 0, Long.MAX_VALUE - 1, Long.MAX_VALUE - 1));
    }

    @Test
    void sameSenderAndNonceReplacesOnlyWithAHighEnoughFee() {
        Mempool pool = pool(funded(1_000), ROOMY);
        Transaction old = transfer(ALICE, 0, 100, 10, "first");
        assertAccepted(pool, old);
        assertRejected(AdmissionCode.REPLACEMENT_UNDERPRICED, pool, transfer(ALICE, 0, 100, 11));
        assertRejected(AdmissionCode.REPLACEMENT_UNDERPRICED, pool, transfer(ALICE, 0, 109, 10));
        // the replacement's own cost is checked against the balance without the replaced one
        assertRejected(AdmissionCode.INSUFFICIENT_BALANCE, pool, transfer(ALICE, 0, 110, 891));
        Transaction replacement = transfer(ALICE, 0, 110, 890, "a longer memo than before");
        Mempool.Admission a = admit(pool, replacement);
        assertTrue(a.accepted(), a.message());
        assertEquals(List.of(old), a.removed());
        assertEquals(1, pool.size());
        assertEquals(replacement.size(), pool.bytes());
        assertFalse(pool.contains(old.hash()));
        assertEquals(List.of(replacement), pool.reap(10, 1 << 20));
        assertRejected(AdmissionCode.DUPLICATE, pool, replacement);
    }

    @Test
    void replacementFeeBump() {
        Mempool.Limits d = Mempool.Limits.DEFAULT;
        assertEquals(1, d.minReplacementFee(0));
        assertEquals(6, d.minReplacementFee(5));
        assertEquals(110, d.minReplacementFee(100));
        assertEquals(1_100, d.minReplacementFee(1_000));
        assertEquals(1_135, d.minReplacementFee(1_032));
        assertEquals(Long.MAX_VALUE, d.minReplacementFee(Long.MAX_VALUE - 5));
        assertEquals(8, new Mempool.Limits(1, 1, 1, 0).minReplacementFee(7));
        assertEquals(Long.MAX_VALUE, new Mempool.Limits(1, 1, 1, Integer.MAX_VALUE).minReplacementFee(Long.MAX_VALUE / 2));
    }

    @Test
    void limitsAreValidated() {
        assertEquals(new Mempool.Limits(50_000, 64L << 20, 64, 10), Mempool.Limits.DEFAULT);
        assertThrows(IllegalArgumentException.class, () -> new Mempool.Limits(0, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Mempool.Limits(1, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Mempool.Limits(1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Mempool.Limits(1, 1, 1, -1));
    }

    // ------------------------------------------------------------------------------ bounds, eviction

    @Test
    void fullByCountRejectsAnythingNotAboveTheLowestFee() {
        Mempool pool = pool(new Mempool.Limits(3, 1 << 20, 64, 10));
        assertAccepted(pool, transfer(ALICE, 0, 5, 1));
        assertAccepted(pool, transfer(BOB, 0, 6, 1));
        assertAccepted(pool, transfer(CAROL, 0, 7, 1));
        assertRejected(AdmissionCode.FULL, pool, transfer(DAVE, 0, 5, 1));
        assertRejected(AdmissionCode.FULL, pool, transfer(DAVE, 0, 0, 1));
    }

    @Test
    void aHigherFeeEvictsTheLowestFeeAndTheLatestAmongEqualFees() {
        Mempool pool = pool(new Mempool.Limits(3, 1 << 20, 64, 10));
        Transaction a = transfer(ALICE, 0, 5, 1);
        Transaction b = transfer(BOB, 0, 5, 1);
        Transaction c = transfer(CAROL, 0, 7, 1);
        assertAccepted(pool, a);
        assertAccepted(pool, b);
        assertAccepted(pool, c);
        Mempool.Admission d = admit(pool, transfer(DAVE, 0, 6, 1));
        assertTrue(d.accepted());
        assertEquals(List.of(b), d.removed(), "equal fees: the later arrival goes first");
        Mempool.Admission e = admit(pool, transfer(ERIN, 0, 6, 1));
        assertEquals(List.of(a), e.removed());
        assertEquals(3, pool.size());
        assertFalse(pool.contains(a.hash()));
        assertFalse(pool.contains(b.hash()));
    }

    @Test
    void evictionTakesOnlySendersLastTransactionsSoItNeverOpensAGap() {
        Mempool pool = pool(new Mempool.Limits(3, 1 << 20, 64, 10));
        Transaction a0 = transfer(ALICE, 0, 1, 1);
        Transaction a1 = transfer(ALICE, 1, 50, 1);
        Transaction b0 = transfer(BOB, 0, 10, 1);
        assertAccepted(pool, a0);
        assertAccepted(pool, a1);
        assertAccepted(pool, b0);
        // a0 has the lowest fee but a1 depends on it: the candidates are a1 (50) and b0 (10)
        Transaction c0 = transfer(CAROL, 0, 20, 1);
        assertEquals(List.of(b0), admit(pool, c0).removed());
        Transaction d0 = transfer(DAVE, 0, 60, 1);
        assertEquals(List.of(c0), admit(pool, d0).removed());
        assertRejected(AdmissionCode.FULL, pool, transfer(ERIN, 0, 50, 1));
        assertEquals(List.of(a1), admit(pool, transfer(ERIN, 0, 51, 1)).removed());
        // now a0 is Alice's last transaction and the cheapest candidate
        assertEquals(List.of(a0), admit(pool, transfer(FRANK, 0, 2, 1)).removed());
        assertTrue(pool.pending(ALICE.address()).isEmpty());
    }

    @Test
    void aNewcomerNeverEvictsItsOwnSendersEarlierNonces() {
        Mempool pool = pool(new Mempool.Limits(2, 1 << 20, 64, 10));
        Transaction a0 = transfer(ALICE, 0, 1, 1);
        Transaction b0 = transfer(BOB, 0, 5, 1);
        assertAccepted(pool, a0);
        assertAccepted(pool, b0);
        Transaction a1 = transfer(ALICE, 1, 10, 1);
        assertEquals(List.of(b0), admit(pool, a1).removed());
        assertEquals(List.of(a0, a1), pool.pending(ALICE.address()));
        // only Alice's own transactions are cheaper: full
        assertRejected(AdmissionCode.FULL, pool, transfer(ALICE, 2, 100, 1));
        // nor its later nonces, even waiting ones: filling the gap makes them ready
        Mempool gap = pool(new Mempool.Limits(2, 1 << 20, 64, 10));
        Transaction b0x = transfer(BOB, 0, 1, 1);
        Transaction c0 = transfer(CAROL, 0, 2, 1);
        Transaction c1 = transfer(CAROL, 1, 1, 1);
        assertAccepted(gap, b0x);
        assertAccepted(gap, c1);
        assertEquals(List.of(b0x), admit(gap, c0).removed());
        assertEquals(List.of(c0, c1), gap.reap(10, 1 << 20));
    }

    @Test
    void transactionsWaitingBehindAGapAreEvictedFirstAndNeverEvictReadyOnes() {
        Mempool pool = pool(new Mempool.Limits(2, 1 << 20, 64, 10));
        Transaction a0 = transfer(ALICE, 0, 1, 1);
        Transaction b5 = transfer(BOB, 5, 100, 1);
        assertAccepted(pool, a0);
        assertAccepted(pool, b5);
        // a waiting newcomer evicts only waiting transactions, and only with a higher fee
        assertRejected(AdmissionCode.FULL, pool, transfer(DAVE, 3, 100, 1));
        Transaction d3 = transfer(DAVE, 3, 101, 1);
        assertEquals(List.of(b5), admit(pool, d3).removed());
        assertRejected(AdmissionCode.FULL, pool, transfer(ERIN, 1, 101, 1));
        // a ready newcomer evicts a waiting one whatever its fee
        Transaction c0 = transfer(CAROL, 0, 0, 1);
        assertEquals(List.of(d3), admit(pool, c0).removed());
        // only ready ones left (fees 1 and 0): a waiting newcomer cannot evict them whatever its fee
        assertRejected(AdmissionCode.FULL, pool, transfer(FRANK, 1, 100_000, 1));
        // a ready one evicts them with a higher fee only
        assertRejected(AdmissionCode.FULL, pool, transfer(ERIN, 0, 0, 1));
        assertEquals(List.of(c0), admit(pool, transfer(ERIN, 0, 1, 1)).removed());
        assertEquals(List.of(a0), pool.pending(ALICE.address()));
    }

    @Test
    void fillingAGapMakesTheWaitingTransactionsReady() {
        Mempool pool = pool(new Mempool.Limits(3, 1 << 20, 64, 10));
        Transaction a0 = transfer(ALICE, 0, 50, 1);
        Transaction a2 = transfer(ALICE, 2, 50, 1);
        Transaction b0 = transfer(BOB, 0, 1, 1);
        assertAccepted(pool, a0);
        assertAccepted(pool, a2);
        assertAccepted(pool, b0);
        assertEquals(List.of(a0, b0), pool.reap(10, 1 << 20));
        // a2 is the only waiting candidate, but it is Alice's own: a1 evicts the cheapest ready one
        Transaction a1 = transfer(ALICE, 1, 50, 1);
        assertEquals(List.of(b0), admit(pool, a1).removed());
        assertEquals(List.of(a0, a1, a2), pool.reap(10, 1 << 20));
        // a2 is ready now: a waiting newcomer cannot evict it whatever its fee
        assertRejected(AdmissionCode.FULL, pool, transfer(CAROL, 1, 1_000, 1));
    }

    @Test
    void fullByBytesEvictsAsManyAsNeededOrNothing() {
        Transaction a = transfer(ALICE, 0, 1, 1);
        Transaction b = transfer(BOB, 0, 2, 1);
        Transaction c = transfer(CAROL, 0, 3, 1);
        Mempool pool = pool(new Mempool.Limits(100, bytesOf(a, b, c), 64, 10));
        assertAccepted(pool, a);
        assertAccepted(pool, b);
        assertAccepted(pool, c);
        Transaction big = transfer(DAVE, 0, 3, 1, "x".repeat(200));
        assertTrue(big.size() > a.size() + b.size() && big.size() <= a.size() + b.size() + c.size());
        // needs a, b and c gone, but c's fee is not lower: nothing changes
        assertRejected(AdmissionCode.FULL, pool, big);
        assertTrue(pool.contains(a.hash()) && pool.contains(b.hash()) && pool.contains(c.hash()));

        Transaction bigger = transfer(DAVE, 0, 4, 1, "x".repeat(200));
        Mempool.Admission adm = admit(pool, bigger);
        assertTrue(adm.accepted(), adm.message());
        assertEquals(List.of(a, b, c), adm.removed(), "lowest fee first, as many as the bytes need");
        assertEquals(1, pool.size());
        assertEquals(bigger.size(), pool.bytes());
    }

    @Test
    void aTransactionLargerThanTheByteBoundIsFull() {
        Transaction tx = transfer(ALICE, 0, 1_000, 1, "m".repeat(100));
        assertRejected(AdmissionCode.FULL, pool(new Mempool.Limits(10, tx.size() - 1, 64, 10)), tx);
        assertAccepted(pool(new Mempool.Limits(10, tx.size(), 64, 10)), tx);
    }

    // ---------------------------------------------------------------------------------------- reap

    @Test
    void reapOrdersByFeeThenArrival() {
        Mempool pool = pool(ROOMY);
        Transaction b = transfer(BOB, 0, 10, 1);
        Transaction c = transfer(CAROL, 0, 10, 1);
        Transaction d = transfer(DAVE, 0, 30, 1);
        Transaction e = transfer(ERIN, 0, 0, 1);
        assertAccepted(pool, e);
        assertAccepted(pool, b);
        assertAccepted(pool, c);
        assertAccepted(pool, d);
        assertEquals(List.of(d, b, c, e), pool.reap(100, 1 << 20));
    }

    @Test
    void reapKeepsEachSendersNonceOrderWhateverTheFees() {
        Mempool pool = pool(ROOMY);
        Transaction a0 = transfer(ALICE, 0, 60, 1);
        Transaction a1 = transfer(ALICE, 1, 1, 1);
        Transaction a2 = transfer(ALICE, 2, 100, 1);
        Transaction b0 = transfer(BOB, 0, 50, 1);
        Transaction c0 = transfer(CAROL, 0, 1, 1);
        Transaction c1 = transfer(CAROL, 1, 1_000, 1);
        for (Transaction t : List.of(a2, c1, a1, b0, c0, a0)) assertAccepted(pool, t);
        // heads a0 60, b0 50, c0 1; a1 (1) comes after b0 and, arriving before c0, before it; a2 only after a1
        assertEquals(List.of(a0, b0, a1, a2, c0, c1), pool.reap(100, 1 << 20));
        assertEquals(List.of(a0, b0, a1), pool.reap(3, 1 << 20));
    }

    @Test
    void reapRespectsTheByteBudgetSkippingSendersWhoseNextDoesNotFit() {
        Mempool pool = pool(ROOMY);
        Transaction big = transfer(ALICE, 0, 100, 1, "b".repeat(250));
        Transaction afterBig = transfer(ALICE, 1, 100, 1);
        Transaction small1 = transfer(BOB, 0, 5, 1);
        Transaction small2 = transfer(CAROL, 0, 4, 1);
        for (Transaction t : List.of(big, afterBig, small1, small2)) assertAccepted(pool, t);
        assertEquals(List.of(small1, small2), pool.reap(100, bytesOf(small1, small2)));
        assertEquals(List.of(big, afterBig), pool.reap(100, bytesOf(big, afterBig)));
        assertEquals(List.of(big, afterBig, small1), pool.reap(100, bytesOf(big, afterBig, small1)));
        assertEquals(List.of(), pool.reap(0, 1 << 20));
        assertEquals(List.of(), pool.reap(10, 0));
        assertEquals(4, pool.size(), "reaping removes nothing");
    }

    // -------------------------------------------------------------------------------------- commits

    @Test
    void onCommittedRemovesCommittedAndEvictsWhatBecameInvalid() {
        WorldState genesis = funded(1_000);
        Mempool pool = pool(genesis, ROOMY);
        Transaction a0 = transfer(ALICE, 0, 1, 10);
        Transaction a1 = transfer(ALICE, 1, 1, 50);
        Transaction a2 = transfer(ALICE, 2, 1, 30);
        Transaction b0 = transfer(BOB, 0, 1, 10);
        Transaction b1 = transfer(BOB, 1, 1, 10);
        Transaction c0 = transfer(CAROL, 0, 1, 10);
        for (Transaction t : List.of(a0, a1, a2, b0, b1, c0)) assertAccepted(pool, t);

        // another proposer's block: a different Alice nonce 0 spending 960 (leaving 39), and Bob's b0
        Transaction otherA0 = transfer(ALICE, 0, 1, 960, "elsewhere");
        WorldState next = commit(genesis, List.of(otherA0, b0));
        Mempool.Pruned pruned = pool.onCommitted(next, List.of(otherA0, b0));
        pool.checkInvariants();
        assertEquals(List.of(b0), pruned.committed());
        // a0: nonce too low; a1 (51) exceeds 39, and a2 follows it
        assertEquals(List.of(a0, a1, a2), pruned.evicted());
        assertEquals(2, pool.size());
        assertEquals(bytesOf(b1, c0), pool.bytes());
        assertEquals(List.of(b1, c0), pool.reap(100, 1 << 20));
        assertEquals(AdmissionCode.NONCE_TOO_LOW, pool.admit(b0).code());
        assertAccepted(pool, transfer(ALICE, 1, 1, 38));
        assertRejected(AdmissionCode.INSUFFICIENT_BALANCE, pool, transfer(ALICE, 2, 0, 1));
    }

    @Test
    void onCommittedRefusesAnotherChain() {
        Mempool pool = pool(ROOMY);
        WorldState other = WorldState.initial("other-chain", Map.of());
        assertThrows(IllegalArgumentException.class, () -> pool.onCommitted(other, List.of()));
    }

    @Test
    void resyncRechecksEverySenderAfterAStateJump() {
        WorldState genesis = funded(1_000);
        Mempool pool = pool(genesis, ROOMY);
        Transaction a0 = transfer(ALICE, 0, 1, 1);
        Transaction a1 = transfer(ALICE, 1, 1, 1);
        Transaction b0 = transfer(BOB, 0, 1, 1);
        for (Transaction t : List.of(a0, a1, b0)) assertAccepted(pool, t);
        WorldState later = commit(commit(genesis, List.of(a0)), List.of(transfer(BOB, 0, 1, 990)));
        Mempool.Pruned pruned = pool.resync(later);
        pool.checkInvariants();
        assertEquals(List.of(), pruned.committed());
        assertEquals(List.of(a0, b0).size(), pruned.evicted().size());
        assertTrue(pruned.evicted().containsAll(List.of(a0, b0)));
        assertEquals(List.of(a1), pool.reap(10, 1 << 20));
    }

    // ------------------------------------------------------------------------- determinism and flood

    @Test
    void sameCallsGiveSameResults() {
        List<Transaction> txs = new ArrayList<>();
        Random r = new Random(7);
        KeyPair[] keys = {ALICE, BOB, CAROL, DAVE};
        for (int i = 0; i < 120; i++) {
            txs.add(MempoolFixtures.unsigned(keys[r.nextInt(keys.length)], r.nextInt(6), r.nextInt(20), 1 + r.nextInt(50),
                    "m".repeat(r.nextInt(40))));
        }
        Mempool.Limits small = new Mempool.Limits(12, 2_500, 8, 10);
        Mempool p1 = new Mempool(funded(10_000), tx -> true, small);
        Mempool p2 = new Mempool(funded(10_000), tx -> true, small);
        for (Transaction t : txs) {
            assertEquals(p1.admit(t), p2.admit(t));
            p1.checkInvariants();
        }
        assertEquals(p1.reap(100, 1 << 20), p2.reap(100, 1 << 20));
        assertEquals(p1.size(), p2.size());
        assertEquals(p1.bytes(), p2.bytes());
    }

    /**
     * 200,000 submissions (a quarter fresh, the rest resubmitted) from 300 senders into a pool of 1,000
     * transactions and 200,000 bytes, with a block reaped, executed and committed every 2,000 submissions. Bounds hold after every step; every
     * reaped block executes without a rejected transaction.
     */
    @Test
    void floodStaysWithinBoundsAndExact() {
        int senders = 300;
        KeyPair[] keys = new KeyPair[senders];
        for (int i = 0; i < senders; i++) keys[i] = KeyPair.deterministic("flood-" + i);
        WorldState state = funded(1_000_000_000_000L, keys);
        Mempool.Limits limits = new Mempool.Limits(1_000, 200_000, 64, 10);
        // forged signatures: the check rejects memos starting with "x" and accepts the rest
        java.util.function.Predicate<Transaction> sig = tx -> !tx.memo().startsWith("x");
        Mempool pool = new Mempool(state, sig, limits);
        Random r = new Random(42);
        Map<AdmissionCode, Integer> codes = new HashMap<>();
        // a quarter fresh transactions, the rest resubmissions of recent ones (decoding is the costly part);
        // clients mostly count nonces up from the committed one, sometimes skip ahead or reuse one
        Transaction[] recent = new Transaction[4_096];
        long[] clientNonce = new long[senders];
        int fresh = 0;
        int evictions = 0;
        int committed = 0;
        for (int i = 1; i <= 200_000; i++) {
            Transaction tx;
            if (fresh >= recent.length && r.nextInt(4) != 0) {
                tx = recent[r.nextInt(recent.length)];
            } else {
                int who = r.nextInt(senders);
                KeyPair k = keys[who];
                long next = pool.state().account(k.address()).nextNonce();
                if (clientNonce[who] < next || clientNonce[who] >= next + 64) clientNonce[who] = next;
                int memoLength = r.nextBoolean() ? r.nextInt(16) : r.nextInt(257);
                char first = r.nextInt(100) == 0 ? 'x' : 'a';
                String memo = memoLength == 0 ? "" : first + "m".repeat(memoLength - 1);
                long nonce = r.nextInt(5) != 0 ? clientNonce[who]++ : Math.max(0, next - 2 + r.nextInt(72));
                tx = MempoolFixtures.unsigned(k, nonce, r.nextInt(1_000), 1 + r.nextInt(1_000), memo);
                recent[fresh++ % recent.length] = tx;
            }
            Mempool.Admission a = pool.admit(tx);
            codes.merge(a.code(), 1, Integer::sum);
            if (a.accepted() && !a.removed().isEmpty()) evictions++;
            assertTrue(pool.size() <= limits.maxTxs());
            assertTrue(pool.bytes() <= limits.maxBytes());
            if (i % 1_000 == 0) pool.checkInvariants();
            if (i % 2_000 == 0) {
                List<Transaction> block = pool.reap(300, 64 * 1024);
                WorldState next = commit(pool.state(), block, sig);
                Mempool.Pruned pruned = pool.onCommitted(next, block);
                assertEquals(block, pruned.committed());
                committed += block.size();
                pool.checkInvariants();
            }
        }
        for (AdmissionCode c : List.of(AdmissionCode.ACCEPTED, AdmissionCode.FULL, AdmissionCode.DUPLICATE,
                AdmissionCode.NONCE_TOO_HIGH, AdmissionCode.NONCE_TOO_LOW, AdmissionCode.BAD_SIGNATURE,
                AdmissionCode.REPLACEMENT_UNDERPRICED)) {
            assertTrue(codes.getOrDefault(c, 0) > 0, "no " + c + " in " + codes);
        }
        assertTrue(evictions > 1_000, "evictions: " + evictions);
        assertTrue(committed > 10_000, "committed: " + committed);
        assertEquals(pool.size(), pool.reap(Integer.MAX_VALUE, Long.MAX_VALUE).size() + gapped(pool, keys));
    }

    /** Pending transactions not reachable contiguously from their sender's next nonce. */
    private static int gapped(Mempool pool, KeyPair[] keys) {
        int n = 0;
        for (KeyPair k : keys) {
            Address a = k.address();
            long expect = pool.state().account(a).nextNonce();
            for (Transaction t : pool.pending(a)) {
                if (t.nonce() == expect) expect++;
                else n++;
            }
        }
        return n;
    }
}
