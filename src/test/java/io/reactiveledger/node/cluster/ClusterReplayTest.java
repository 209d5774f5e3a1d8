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
import java.nio.file.Path;
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
}
