package io.reactiveledger.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import io.reactiveledger.mempool.MempoolActor;
import io.reactiveledger.node.chain.ChainStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Four validators as four ActorSystems on loopback: agreement, a crash under load, a full restart. */
class ClusterTest {
    @TempDir
    Path dir;

    private static List<Transaction> transfers(TestCluster c, int perUser, int fromNonce) {
        List<Transaction> txs = new ArrayList<>();
        for (int n = fromNonce; n < fromNonce + perUser; n++) {
            for (int u = 0; u < c.users.size(); u++) {
                KeyPair from = c.users.get(u);
                KeyPair to = c.users.get((u + 1) % c.users.size());
                txs.add(Transaction.sign(new TxBody(c.genesis.chainId(), from.publicKey(), n, 1,
                        new Transfer(to.address(), 1 + n), ""), from));
            }
        }
        return txs;
    }

    private static void submit(TestCluster c, List<Transaction> txs, List<Integer> nodes) {
        int i = 0;
        for (Transaction t : txs) {
            int node = nodes.get(i++ % nodes.size());
            MempoolActor.SubmitResult r = TestCluster.ask(c.refs.get(node).mempool(),
                    reply -> new MempoolActor.Submit(t.encoded(), reply), c.systems.get(node));
            assertTrue(r.accepted() || r.code() == io.reactiveledger.mempool.AdmissionCode.DUPLICATE, () -> "rejected: " + r);
        }
    }

    private static long committedNonces(TestCluster c, int node) {
        ChainHead h = c.head(node);
        long sum = 0;
        for (KeyPair u : c.users) sum += h.state().account(u.address()).nextNonce();
        return sum;
    }

    private static void await(BooleanSupplier cond, long millis, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    /** Every node has the same block hash and state root at every height it has. */
    private static void assertSameChains(TestCluster c, List<Integer> nodes) {
        // Nodes keep committing while we read, so take one snapshot per node and use the longest as reference.
        java.util.Map<Integer, List<CommittedBlock>> chains = new java.util.HashMap<>();
        List<CommittedBlock> reference = List.of();
        for (int n : nodes) {
            List<CommittedBlock> chain = c.allBlocks(n);
            chains.put(n, chain);
            if (chain.size() > reference.size()) reference = chain;
        }
        for (int n : nodes) {
            List<CommittedBlock> chain = chains.get(n);
            for (int h = 0; h < chain.size(); h++) {
                assertEquals(reference.get(h).block().hash(), chain.get(h).block().hash(), "node" + n + " height " + (h + 1));
                assertEquals(reference.get(h).block().header().stateRoot(), chain.get(h).block().header().stateRoot());
                assertTrue(chain.get(h).certificate().verify(c.genesis.validators(), c.genesis.chainId(),
                        chain.get(h).block().hash(), h + 1).isEmpty());
            }
        }
    }

    @Test
    @Timeout(240)
    void fourValidatorsCommitAThousandTransfersSubmittedToDifferentNodes() throws Exception {
        try (TestCluster c = new TestCluster(dir, 4, 20)) {
            c.startAll();
            await(() -> c.head(0).height() >= 1, 60_000, "a first block");
            List<Transaction> txs = transfers(c, 50, 0);
            submit(c, txs, List.of(0, 1, 2, 3));
            for (int n = 0; n < 4; n++) {
                int node = n;
                await(() -> committedNonces(c, node) == 1_000, 120_000, "all 1,000 transfers committed on node" + node);
            }
            assertSameChains(c, List.of(0, 1, 2, 3));
            long included = 0;
            for (CommittedBlock cb : c.allBlocks(0)) included += cb.block().transactions().size();
            assertEquals(1_000, included, "each transfer is in exactly one block");
        }
    }

    @Test
    @Timeout(300)
    void aCrashedValidatorRecoversFromItsJournalAndCatchesUpWhileOthersCommit() throws Exception {
        try (TestCluster c = new TestCluster(dir, 4, 10)) {
            c.startAll();
            await(() -> c.head(0).height() >= 2, 60_000, "first blocks");
            submit(c, transfers(c, 10, 0), List.of(0, 1, 2, 3));
            // Transactions only node3 had would die with it (a client would resubmit); let them spread first.
            await(() -> committedNonces(c, 0) == 100, 120_000, "the first transfers committed");
            submit(c, transfers(c, 10, 10), List.of(0, 1, 2));
            c.stop(3); // abrupt, while the second batch is being committed
            submit(c, transfers(c, 10, 20), List.of(0, 1, 2));
            await(() -> committedNonces(c, 0) == 300, 120_000, "three validators commit everything");
            long heightWhileDown = c.head(0).height();
            c.start(3);
            await(() -> c.head(3).height() >= heightWhileDown, 120_000, "node3 catches up");
            await(() -> committedNonces(c, 3) == 300, 60_000, "node3 has every committed transfer");
            assertSameChains(c, List.of(0, 1, 2, 3));
            for (int n = 0; n < 4; n++) assertEquals(0, c.status(n).evidence(), "nobody equivocated");
        }
    }

    @Test
    @Timeout(300)
    void restartingAllFourResumesAtTheSameHeightAndStateRoot() throws Exception {
        try (TestCluster c = new TestCluster(dir, 4, 10)) {
            c.startAll();
            submit(c, transfers(c, 5, 0), List.of(0, 1, 2, 3));
            await(() -> committedNonces(c, 0) == 50, 120_000, "transfers committed");
            for (int n = 0; n < 4; n++) c.stop(n);
            long[] heights = new long[4];
            // Restarted from journals only: the same heights and roots come back.
            c.startAll();
            for (int n = 0; n < 4; n++) heights[n] = c.head(n).height();
            long min = java.util.Arrays.stream(heights).min().orElse(0);
            assertTrue(min >= 1);
            assertEquals(50, committedNonces(c, 0));
            assertSameChains(c, List.of(0, 1, 2, 3));
            await(() -> c.head(0).height() > min + 2, 60_000, "the chain goes on after the restart");
            assertSameChains(c, List.of(0, 1, 2, 3));
        }
    }

    private static void firewall(TestCluster c, int node, int... blocked) {
        java.util.Set<String> addrs = new java.util.HashSet<>();
        for (int b : blocked) addrs.add(c.validatorKeys.get(b).address().hex());
        c.refs.get(node).consensus().tell(new io.reactiveledger.node.consensus.ConsensusActor.SetFirewall(addrs));
    }

    private static void heal(TestCluster c) {
        for (int n = 0; n < c.size; n++) firewall(c, n);
    }

    @Test
    @Timeout(300)
    void partitionsStopOnlyTheMinorityAndHealingCatchesUp() throws Exception {
        try (TestCluster c = new TestCluster(dir, 4, 4)) {
            c.startAll();
            await(() -> c.head(0).height() >= 2, 60_000, "first blocks");

            // Isolate validator 0: the other three keep committing.
            firewall(c, 0, 1, 2, 3);
            for (int n = 1; n < 4; n++) firewall(c, n, 0);
            Thread.sleep(1_000);
            long isolatedAt = c.head(0).height();
            long majorityAt = c.head(1).height();
            await(() -> c.head(1).height() >= majorityAt + 3, 60_000, "three validators commit without the fourth");
            assertTrue(c.head(0).height() <= isolatedAt + 1, "the isolated validator cannot commit alone");

            heal(c);
            long target = c.head(1).height();
            await(() -> c.head(0).height() >= target, 60_000, "the isolated validator catches up");

            // Two against two: nobody has a quorum.
            firewall(c, 0, 2, 3);
            firewall(c, 1, 2, 3);
            firewall(c, 2, 0, 1);
            firewall(c, 3, 0, 1);
            Thread.sleep(3_000); // let a height that was already decided finish
            long[] frozen = new long[4];
            for (int n = 0; n < 4; n++) frozen[n] = c.head(n).height();
            Thread.sleep(6_000);
            for (int n = 0; n < 4; n++) assertEquals(frozen[n], c.head(n).height(), "node" + n + " committed without a quorum");

            heal(c);
            long top = java.util.Arrays.stream(frozen).max().orElse(0);
            for (int n = 0; n < 4; n++) {
                int node = n;
                await(() -> c.head(node).height() >= top + 2, 120_000, "commits resume on node" + node);
            }
            assertSameChains(c, List.of(0, 1, 2, 3));
        }
    }

    @Test
    @Timeout(300)
    void aByzantineValidatorCannotMakeHonestNodesDisagreeAndItsEquivocationIsRecorded() throws Exception {
        try (TestCluster c = new TestCluster(dir, 4, 4)) {
            for (int n = 0; n < 3; n++) c.start(n);
            c.startCustom(3, ByzantineValidator.create(c.validatorKeys.get(3), c.genesis, c.refs.get(0).chainStore()));
            submit(c, transfers(c, 5, 0), List.of(0, 1, 2));
            await(() -> committedNonces(c, 0) == 20 && c.head(0).height() >= 12, 180_000,
                    "the three honest validators keep committing");
            List<Integer> honest = List.of(0, 1, 2);
            long h = c.head(0).height();
            for (int n : honest) {
                int node = n;
                await(() -> c.head(node).height() >= h, 60_000, "node" + node + " reaches height " + h);
            }
            assertSameChains(c, honest);
            int evidence = 0;
            for (int n : honest) evidence += c.status(n).evidence();
            assertTrue(evidence > 0, "the equivocation is recorded as evidence");
            int kept = 0;
            for (int n : honest) {
                ChainStore.EvidenceList list = TestCluster.ask(c.refs.get(n).chainStore(), ChainStore.GetEvidence::new, c.systems.get(n));
                for (byte[] e : list.evidence()) {
                    assertEquals(c.validatorKeys.get(3).address(), io.reactiveledger.consensus.messages.ConsensusCodec.decodeEvidence(e).validator());
                    kept++;
                }
            }
            assertTrue(kept > 0, "evidence is persisted in the journal");
        }
    }
}
