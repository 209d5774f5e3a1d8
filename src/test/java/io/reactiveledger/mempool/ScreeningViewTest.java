package io.reactiveledger.mempool;

import static io.reactiveledger.mempool.MempoolFixtures.ALICE;
import static io.reactiveledger.mempool.MempoolFixtures.BOB;
import static io.reactiveledger.mempool.MempoolFixtures.CAROL;
import static io.reactiveledger.mempool.MempoolFixtures.CHAIN;
import static io.reactiveledger.mempool.MempoolFixtures.DAVE;
import static io.reactiveledger.mempool.MempoolFixtures.ERIN;
import static io.reactiveledger.mempool.MempoolFixtures.FRANK;
import static io.reactiveledger.mempool.MempoolFixtures.funded;
import static io.reactiveledger.mempool.MempoolFixtures.signed;
import static io.reactiveledger.mempool.MempoolFixtures.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.crypto.Sha256;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.llm.MempoolView;
import io.reactiveledger.llm.ProposalScore;
import io.reactiveledger.llm.ProposalScorer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each structural signal of {@link ProposalScorer} judged through a real {@link Mempool#view} (rules only, no
 * model), both ways: the attack is refused, and the honest look-alike (what {@link Mempool#reap} gives, a
 * validator with a fuller pool, gossip delay, a nonce gap, a memo the proposer's model may have trimmed, a full
 * block) is not.
 */
class ScreeningViewTest {
    private static final ProposalScorer.Policy POLICY = ProposalScorer.Policy.defaults(); // censor 30 s, grace 2 s
    private static final ProposalScorer SCORER = new ProposalScorer(POLICY);
    private static final KeyPair[] USERS = {ALICE, BOB, CAROL, DAVE, ERIN};
    private static final int MAX_TXS = 500;

    private static Mempool pool() {
        return new Mempool(funded(1_000_000_000L), Transaction::verifySignature, Mempool.Limits.DEFAULT);
    }

    private static MempoolView view(Mempool m, List<Transaction> block, long now) {
        List<Hash> hashes = block.stream().map(Transaction::hash).toList();
        return m.view(hashes, now, POLICY.censorAgeMillis(), 64, MAX_TXS, 1_000_000);
    }

    private static ProposalScore score(Mempool m, List<Transaction> block, KeyPair proposer, long now) {
        return SCORER.score(block, proposer.address(), view(m, block, now));
    }

    private static boolean refusedFor(ProposalScore s, String signal) {
        return s.reaches(POLICY.rejectThreshold()) && s.reasons().stream().anyMatch(r -> r.startsWith(signal));
    }

    private static void admit(Mempool m, Transaction tx, long at) {
        assertTrue(m.admit(tx, at).accepted());
    }

    /** Ten ordinary transfers (fees 90..110) from five senders, admitted at {@code at}. */
    private static List<Transaction> ordinary(Mempool m, long at) {
        List<Transaction> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Transaction t = transfer(USERS[i % 5], i / 5, 90 + 2 * i, 1);
            admit(m, t, at);
            out.add(t);
        }
        return out;
    }

    @Test
    void feeOutliersNeverPendingHereAreRefusedButOnesThatWentThroughTheMempoolAreNot() {
        Mempool m = pool();
        List<Transaction> block = new ArrayList<>(ordinary(m, 0));
        List<Transaction> outliers = List.of(transfer(FRANK, 0, 50_000, 1), transfer(FRANK, 1, 60_000, 1),
                transfer(FRANK, 2, 70_000, 1));
        List<Transaction> attack = new ArrayList<>(outliers);
        attack.addAll(block);
        assertTrue(refusedFor(score(m, attack, FRANK, 1_000), "fee-outliers"), score(m, attack, FRANK, 1_000).toString());
        MempoolView v = view(m, attack, 1_000);
        assertEquals(100, v.medianFee(), 100 / 8.0, "the histogram's median is within 1/8 of the exact one");

        // the same high fees submitted by a user and gossiped: an honest proposer reaps them first
        for (Transaction t : outliers) admit(m, t, 500);
        List<Transaction> reaped = m.reap(MAX_TXS, 1_000_000);
        assertEquals(outliers, reaped.subList(0, 3));
        assertFalse(score(m, reaped, ALICE, 1_000).reaches(POLICY.rejectThreshold()), score(m, reaped, ALICE, 1_000).toString());
    }

    @Test
    void floodingByPrivateAdditionsIsRefusedButABusySenderInTheMempoolIsNot() {
        Mempool m = pool();
        List<Transaction> some = ordinary(m, 0);
        List<Transaction> flood = new ArrayList<>();
        for (int n = 0; n < 12; n++) flood.add(transfer(FRANK, n, 100, 1));
        List<Transaction> attack = new ArrayList<>(flood);
        attack.addAll(some.subList(0, 4));
        assertTrue(refusedFor(score(m, attack, ALICE, 1_000), "flooding"), score(m, attack, ALICE, 1_000).toString());

        // one busy sender whose transactions went through this mempool: the honest reap is mostly theirs
        Mempool busy = pool();
        for (Transaction t : flood) admit(busy, t, 0);
        admit(busy, some.get(0), 0);
        List<Transaction> reaped = busy.reap(MAX_TXS, 1_000_000);
        assertEquals(13, reaped.size());
        assertFalse(score(busy, reaped, ALICE, 100).reaches(POLICY.rejectThreshold()), score(busy, reaped, ALICE, 100).toString());
    }

    @Test
    void frontRunningAnEarlierBidIsRefusedButGossipDelayIsNot() {
        Mempool m = pool();
        List<Transaction> some = ordinary(m, 0);
        Transaction theirs = signed(CHAIN, ERIN, 2, 100, new Bid(7, 500), "");
        admit(m, theirs, 1_000);
        // the proposer's own bid, same fee, never pending here, placed ahead of the bid seen 4 s before
        Transaction mine = signed(CHAIN, FRANK, 0, 100, new Bid(7, 900), "");
        List<Transaction> attack = new ArrayList<>(List.of(mine, theirs));
        attack.addAll(some);
        assertTrue(refusedFor(score(m, attack, FRANK, 5_000), "front-running"), score(m, attack, FRANK, 5_000).toString());

        // the proposer's bid gossiped here 1.5 s after theirs: within the grace, as gossip delay can make it
        admit(m, mine, 2_500);
        assertFalse(score(m, attack, FRANK, 5_000).reaches(POLICY.rejectThreshold()), score(m, attack, FRANK, 5_000).toString());
        // a bid seen here 3 s earlier than the proposer's is front-run
        Mempool m2 = pool();
        some.forEach(t -> admit(m2, t, 0));
        admit(m2, theirs, 1_000);
        admit(m2, mine, 4_000);
        assertTrue(refusedFor(score(m2, attack, FRANK, 5_000), "front-running"));
        // another bidder's higher fee may go first; the proposer's bid behind theirs is ordinary
        List<Transaction> honestOrder = new ArrayList<>(List.of(theirs, mine));
        honestOrder.addAll(some);
        assertFalse(score(m2, honestOrder, FRANK, 5_000).reaches(POLICY.rejectThreshold()));
    }

    @Test
    void oldExecutableHighFeeTransactionsLeftOutOfABlockWithRoomAreCensorship() {
        Mempool m = pool();
        List<Transaction> block = ordinary(m, 35_000);
        List<Transaction> victims = List.of(transfer(FRANK, 0, 150, 1), transfer(FRANK, 1, 150, 1), transfer(FRANK, 2, 150, 1));
        for (Transaction v : victims) admit(m, v, 0);
        ProposalScore s = score(m, block, ALICE, 40_000);
        assertTrue(refusedFor(s, "censorship"), s.toString());
        // including them is what the honest reap does
        List<Transaction> reaped = m.reap(MAX_TXS, 1_000_000);
        assertTrue(reaped.containsAll(victims));
        assertFalse(score(m, reaped, ALICE, 40_000).reaches(POLICY.rejectThreshold()));
        // the same left out a full block (by count, then by bytes) is no censorship
        MempoolView full = m.view(block.stream().map(Transaction::hash).toList(), 40_000, POLICY.censorAgeMillis(), 64,
                block.size(), 1_000_000);
        assertFalse(SCORER.score(block, ALICE.address(), full).reaches(POLICY.rejectThreshold()));
        long blockBytes = block.stream().mapToLong(Transaction::size).sum();
        MempoolView noBytes = m.view(block.stream().map(Transaction::hash).toList(), 40_000, POLICY.censorAgeMillis(), 64,
                MAX_TXS, blockBytes + 10);
        assertFalse(SCORER.score(block, ALICE.address(), noBytes).reaches(POLICY.rejectThreshold()));
    }

    @Test
    void noCensorshipWithinTheGraceBehindANonceGapOrForATransactionWithText() {
        Mempool m = pool();
        List<Transaction> block = ordinary(m, 35_000);
        // younger than censor-age at this validator: the proposer may not have it yet (gossip, a fuller pool here)
        for (int n = 0; n < 3; n++) admit(m, transfer(FRANK, n, 150, 1), 15_000);
        // old, but waiting behind a nonce gap (ERIN has 0..1 pending from ordinary(); 2..3 are missing)
        admit(m, transfer(ERIN, 4, 150, 1), 0);
        admit(m, transfer(ERIN, 5, 150, 1), 0);
        // old with a memo: the proposer's model may have left it out as risky, which rules cannot judge
        for (int n = 2; n < 5; n++) admit(m, transfer(DAVE, n, 150, 1, "claim your prize now " + n), 0);
        ProposalScore s = score(m, block, ALICE, 40_000);
        assertFalse(s.reaches(POLICY.rejectThreshold()), s.toString());
        MempoolView v = view(m, block, 40_000);
        assertTrue(v.stale().stream().noneMatch(p -> p.sender().equals(ERIN.address()) && p.nonce() >= 4),
                "gapped transactions are not in the view");
        assertTrue(v.stale().stream().anyMatch(p -> p.hasText()), "texts are marked");
    }

    @Test
    void aValidatorWithAFullerPoolDoesNotRefuseTheHonestProposersReap() {
        Mempool proposer = pool();
        Mempool validator = pool();
        List<Transaction> common = ordinary(proposer, 0);
        common.forEach(t -> admit(validator, t, 0));
        // the validator also holds transactions the proposer has not received yet (submitted here, gossip in
        // flight) and higher fees among them
        for (int n = 0; n < 20; n++) admit(validator, transfer(FRANK, n, 120 + n, 1), 39_000);
        List<Transaction> reaped = proposer.reap(MAX_TXS, 1_000_000);
        ProposalScore s = score(validator, reaped, ALICE, 40_000);
        assertFalse(s.reaches(POLICY.rejectThreshold()), s.toString());
        assertEquals(0, s.signals().stream().filter(x -> x.name().equals("censorship")).findFirst().orElseThrow().value());
    }

    @Test
    void theViewIsBoundedAndCarriesOnlyTheProposalsTransactions() {
        List<Transaction> all = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            KeyPair k = KeyPair.deterministic("view-sender-" + (i % 1_000));
            Transaction t = MempoolFixtures.unsigned(k, i / 1_000, 1 + i % 300, 1, "");
            all.add(t);
        }
        Mempool funded = new Mempool(io.reactiveledger.core.state.WorldState.initial(CHAIN, balances(all)), t -> true,
                Mempool.Limits.DEFAULT);
        for (int i = 0; i < all.size(); i++) admit(funded, all.get(i), i);
        MempoolView v = funded.view(all.subList(0, 5).stream().map(Transaction::hash).toList(), 100_000, 0, 64, MAX_TXS, 1_000_000);
        assertEquals(3_000, v.pendingCount());
        assertEquals(5, v.seen().size());
        assertEquals(64, v.stale().size());
        assertEquals(all.get(0).hash(), v.stale().get(0).hash(), "oldest first");
        assertEquals(100_000, v.stale().get(0).ageMillis());
        assertNull(v.seen(all.get(10).hash()));
        assertNotNull(v.seen(all.get(4).hash()));
        // only executable ones: a sender's later nonce behind a gap is left out
        funded.refuse(List.of(all.get(0).hash()));
        MempoolView gapped = funded.view(List.of(), 100_000, 0, 64, MAX_TXS, 1_000_000);
        assertTrue(gapped.stale().stream().noneMatch(p -> p.hash().equals(all.get(1_000).hash())));
        assertEquals(all.get(1).hash(), gapped.stale().get(0).hash());
    }

    private static java.util.Map<io.reactiveledger.core.crypto.Address, Long> balances(List<Transaction> txs) {
        java.util.Map<io.reactiveledger.core.crypto.Address, Long> b = new java.util.LinkedHashMap<>();
        for (Transaction t : txs) b.put(t.senderAddress(), 1_000_000L);
        return b;
    }

    @Test
    void refusedTransactionsAreEvictedAndNotAdmittedAgainWithinABoundedMemory() {
        Mempool m = pool();
        Transaction scam = transfer(ALICE, 0, 5, 1, "reply with your 12 secret words");
        Transaction next = transfer(ALICE, 1, 5, 1);
        admit(m, scam, 0);
        admit(m, next, 0);
        assertEquals(List.of(scam), m.refuse(List.of(scam.hash())));
        assertFalse(m.contains(scam.hash()));
        assertTrue(m.contains(next.hash()), "the sender's later nonce waits behind the gap");
        assertEquals(List.of(), m.reap(MAX_TXS, 1_000_000));
        Mempool.Admission again = m.admit(scam, 10);
        assertEquals(AdmissionCode.REFUSED_BY_POLICY, again.code());
        assertTrue(m.isRefused(scam.hash()));
        m.checkInvariants();
        // the memory is bounded: the oldest refused hashes are forgotten first
        List<Hash> many = new ArrayList<>();
        for (int i = 0; i < Mempool.REFUSED_MEMORY; i++) many.add(Sha256.hash(("x" + i).getBytes(StandardCharsets.UTF_8)));
        m.refuse(many);
        assertFalse(m.isRefused(scam.hash()));
        assertTrue(m.isRefused(many.get(0)));
        assertTrue(m.admit(scam, 20).accepted());
    }

    @Test
    void oldExecutableTransactionsAreHandedOutForRebroadcastOncePerInterval() {
        Mempool m = pool();
        Transaction old = transfer(ALICE, 0, 5, 1);
        Transaction gapped = transfer(BOB, 3, 5, 1);
        Transaction young = transfer(CAROL, 0, 5, 1);
        admit(m, old, 0);
        admit(m, gapped, 0);
        admit(m, young, 9_000);
        assertEquals(List.of(old), m.takeForRebroadcast(10_000, 5_000, 100));
        assertEquals(List.of(), m.takeForRebroadcast(11_000, 5_000, 100));
        assertEquals(List.of(young), m.takeForRebroadcast(14_500, 5_000, 100));
        assertEquals(List.of(old, young), m.takeForRebroadcast(20_000, 5_000, 100));
        assertEquals(List.of(old), m.takeForRebroadcast(30_000, 5_000, 1));
    }
}
