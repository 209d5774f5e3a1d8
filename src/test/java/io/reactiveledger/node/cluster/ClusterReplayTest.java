package io.reactiveledger.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import io.reactiveledger.mempool.MempoolActor;
import io.reactiveledger.replay.Replay;
import io.reactiveledger.replay.ReplaySummary;
import io.reactiveledger.core.contract.auction.AuctionState;
import io.reactiveledger.core.contract.auction.AuctionStatus;
import io.reactiveledger.core.state.ContractInstance;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.EndAuction;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.Withdraw;
import io.reactiveledger.node.contract.ContractActor;
import io.reactiveledger.node.contract.ContractInstances;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Journal replay of a validator of a real four-validator cluster run (consensus, gossip, catch-up and all). */
class ClusterReplayTest {
    @TempDir
    Path dir;

    private static long committedNonces(TestCluster c, int node) {
        ChainHead h = c.head(node);
        long sum = 0;
        for (KeyPair u : c.users) sum += h.state().account(u.address()).nextNonce();
        return sum;
    }

    @Test
    @Timeout(300)
    void aValidatorsJournalReplaysToItsLiveStateRoot() throws Exception {
        ChainHead live;
        try (TestCluster c = new TestCluster(dir, 4, 10)) {
            c.startAll();
            int node = 0;
            for (int n = 0; n < 4; n++) {
                for (int u = 0; u < c.users.size(); u++) {
                    KeyPair from = c.users.get(u);
                    Transaction tx = Transaction.sign(new TxBody(c.genesis.chainId(), from.publicKey(), n, 1,
                            new Transfer(c.users.get((u + 1) % c.users.size()).address(), 10 + n), ""), from);
                    MempoolActor.SubmitResult r = TestCluster.ask(c.refs.get(node).mempool(),
                            reply -> new MempoolActor.Submit(tx.encoded(), reply), c.systems.get(node));
                    assertTrue(r.accepted(), () -> "rejected: " + r);
                    node = (node + 1) % 4;
                }
            }
            long deadline = System.currentTimeMillis() + 120_000;
            while (committedNonces(c, 0) < 40) {
                if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for 40 transfers");
                Thread.sleep(100);
            }
            live = c.head(0);
            c.stop(0); // the journal must be closed before replay opens it

            ReplaySummary all = Replay.run(Replay.config("node0", dir.resolve("node0")), c.genesis, Replay.Options.defaults(), null, null);
            assertNull(all.failure(), () -> all.failure().message());
            assertTrue(all.finalHeight() >= live.height());
            assertEquals(40, all.txs());

            ReplaySummary upToLive = Replay.run(Replay.config("node0", dir.resolve("node0")), c.genesis,
                    new Replay.Options(true, live.height(), 2), null, null);
            assertNull(upToLive.failure());
            assertEquals(live.height(), upToLive.finalHeight());
            assertEquals(live.hash().hex(), upToLive.finalHash());
            assertEquals(live.state().root().hex(), upToLive.stateRoot());
        }
    }

    /** Submits {@code payload} from user {@code u} with its next nonce, through node {@code node}'s mempool. */
    private static void submit(TestCluster c, long[] nonces, int node, int u, Payload payload) {
        KeyPair from = c.users.get(u);
        Transaction tx = Transaction.sign(new TxBody(c.genesis.chainId(), from.publicKey(), nonces[u]++, 1, payload, ""), from);
        MempoolActor.SubmitResult r = TestCluster.ask(c.refs.get(node).mempool(),
                reply -> new MempoolActor.Submit(tx.encoded(), reply), c.systems.get(node));
        assertTrue(r.accepted(), () -> "rejected: " + r);
    }

    /** Waits until node 0 has committed every transaction submitted so far. */
    private static void awaitCommitted(TestCluster c, long[] nonces) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            ChainHead h = c.head(0);
            boolean all = true;
            for (int u = 0; u < nonces.length; u++) all &= h.state().account(c.users.get(u).address()).nextNonce() == nonces[u];
            if (all) return;
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for the transactions to commit");
            Thread.sleep(100);
        }
    }

    @Test
    @Timeout(300)
    void aValidatorsContractInstanceJournalsReplayAgainstTheChain() throws Exception {
        try (TestCluster c = new TestCluster(dir, 4, 6)) {
            c.startAll();
            long[] nonces = new long[c.users.size()];
            long endA = System.currentTimeMillis() + 10_000;
            submit(c, nonces, 0, 0, new CreateAuction("A", 10, endA, 1));
            submit(c, nonces, 1, 0, new CreateAuction("B", 10, endA + 3_600_000, 1));
            awaitCommitted(c, nonces);
            for (int u = 1; u <= 4; u++) submit(c, nonces, u % 4, u, new Bid(1, 10 + 10L * u));
            submit(c, nonces, 2, 5, new Bid(2, 100));
            submit(c, nonces, 3, 1, new Bid(2, 200));
            awaitCommitted(c, nonces);
            for (int u = 1; u <= 3; u++) submit(c, nonces, u % 4, u, new Withdraw(1));
            awaitCommitted(c, nonces);
            while (System.currentTimeMillis() < endA + 2_000) Thread.sleep(200);
            submit(c, nonces, 1, 0, new EndAuction(1));
            awaitCommitted(c, nonces);
            ChainHead live = c.head(0);
            AuctionState a = (AuctionState) live.state().contract(1).state();
            assertTrue(a.status() != AuctionStatus.OPEN, "auction 1 ended: " + a.status());
            assertTrue(a.bids().size() > 1, "auction 1 was outbid");
            // node0's instances have applied the head before the node stops (they follow durable blocks)
            long deadline = System.currentTimeMillis() + 60_000;
            for (ContractInstance ci : live.state().contracts()) {
                while (true) {
                    ContractActor.StateView v = TestCluster.ask(c.refs.get(0).contracts(),
                            r -> new ContractInstances.GetContract(ci.id(), r), c.systems.get(0));
                    if (ci.state().commitment().equals(v.stateHash())) break;
                    if (System.currentTimeMillis() > deadline) throw new AssertionError("instance " + ci.id() + " not caught up");
                    Thread.sleep(100);
                }
            }
            c.stop(0);

            AtomicLong contractTxs = new AtomicLong();
            ReplaySummary s = Replay.run(Replay.config("node0", dir.resolve("node0")), c.genesis, Replay.Options.defaults(), null,
                    v -> {
                        List<Transaction> txs = v.block().block().transactions();
                        List<Receipt> rs = v.result().receipts();
                        for (int i = 0; i < txs.size(); i++) {
                            Payload p = txs.get(i).payload();
                            if (rs.get(i).isSuccess() && (p instanceof Payload.ContractCreate || p instanceof Payload.ContractCall)) {
                                contractTxs.incrementAndGet();
                            }
                        }
                    });
            assertNull(s.failure(), () -> s.failure().message());
            assertEquals(2, s.contractJournals());
            assertEquals(List.of(), s.contractWarnings());
            assertTrue(contractTxs.get() >= 6, "creates, bids, withdrawals and the end succeeded: " + contractTxs.get());
            assertEquals(contractTxs.get(), s.contractEvents(), "one CallApplied per successful contract transaction");
        }
    }
}
