package io.reactiveledger.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import io.reactiveledger.llm.ModelActor;
import io.reactiveledger.mempool.MempoolActor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model actor inside consensus, four validators on loopback: honest validators refuse a proposer's blocks
 * full of scam memos while the chain keeps committing honest blocks; a model that failed to load or never
 * answers in time changes no committed block (fail-open on the rule-based signals).
 */
class ModelScreeningClusterTest {
    private static final String[] SCAMS = {
        "Security alert: your wallet will be locked, reply with your 12 secret words to keep it",
        "Official support: to unlock your funds type your private key at the link below",
        "Winner notice: your reward is ready, first pay the release fee",
        "Earn 5% a day guaranteed, no risk, send funds to join the pool",
        "账户需要验证，请提供助记词以免被封",
    };

    @TempDir
    Path dir;

    private static Transaction transfer(TestCluster c, int from, int nonce, long fee, String memo) {
        KeyPair k = c.users.get(from);
        return Transaction.sign(new TxBody(c.genesis.chainId(), k.publicKey(), nonce, fee,
                new Transfer(c.users.get((from + 1) % c.users.size()).address(), 1 + nonce), memo), k);
    }

    private static void await(BooleanSupplier cond, long millis, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(200);
        }
    }

    private static ModelActor.Status modelStatus(TestCluster c, int i) {
        return TestCluster.ask(c.refs.get(i).model(), ModelActor.GetStatus::new, c.systems.get(i));
    }

    private static long nonces(TestCluster c, int node, int fromUser, int toUser) {
        long sum = 0;
        for (int u = fromUser; u < toUser; u++) sum += c.head(node).state().account(c.users.get(u).address()).nextNonce();
        return sum;
    }

    private static void assertSameChains(TestCluster c, int nodes) {
        List<CommittedBlock> first = c.allBlocks(0);
        for (int n = 1; n < nodes; n++) {
            List<CommittedBlock> other = c.allBlocks(n);
            int common = Math.min(first.size(), other.size());
            for (int h = 0; h < common; h++) {
                assertEquals(first.get(h).block().hash(), other.get(h).block().hash(), "node" + n + " height " + (h + 1));
            }
        }
    }

    @Test
    @Timeout(300)
    void honestValidatorsRefuseAProposalFullOfScamMemosAndKeepCommitting() throws Exception {
        try (TestCluster c = new TestCluster(dir, 4, 20)) {
            // node3 proposes what it reaps, unscreened (a careless or hostile proposer); the others trim their own.
            c.extraConfig = i -> "ledger.llm.enabled = on" + (i == 3 ? "\nledger.llm.proposals.trim-own-proposals = off" : "");
            c.startAll();
            for (int i = 0; i < 4; i++) {
                int node = i;
                await(() -> modelStatus(c, node).loaded(), 120_000, "model loaded on node" + node);
            }
            // Scam transfers reach only node3's mempool (gossip received is not forwarded), with higher fees.
            Set<Hash> scam = new HashSet<>();
            List<byte[]> scamBytes = new ArrayList<>();
            for (int u = 10; u < 18; u++) {
                for (int n = 0; n < 5; n++) {
                    Transaction t = transfer(c, u, n, 5, SCAMS[(u + n) % SCAMS.length]);
                    scam.add(t.hash());
                    scamBytes.add(t.encoded());
                }
            }
            c.refs.get(3).mempool().tell(new MempoolActor.Gossip(scamBytes));
            // Honest transfers with ordinary memos, submitted to node0 and gossiped to all.
            for (int u = 0; u < 10; u++) {
                for (int n = 0; n < 3; n++) {
                    Transaction t = transfer(c, u, n, 1, n == 0 ? "rent for March" : "");
                    MempoolActor.SubmitResult r = TestCluster.ask(c.refs.get(0).mempool(),
                            reply -> new MempoolActor.Submit(t.encoded(), reply), c.systems.get(0));
                    assertTrue(r.accepted(), r.toString());
                }
            }
            await(() -> nonces(c, 0, 0, 10) == 30, 120_000, "all honest transfers committed");
            await(() -> {
                for (int i = 0; i < 3; i++) {
                    if (c.status(i).recentRejections().stream().anyMatch(r -> r.contains("policy:"))) return true;
                }
                return false;
            }, 120_000, "a policy refusal of node3's proposal");
            long height = c.head(0).height();
            await(() -> c.head(0).height() >= height + 4, 60_000, "more honest blocks after the refusals");
            for (CommittedBlock cb : c.allBlocks(0)) {
                for (Transaction t : cb.block().transactions()) {
                    assertFalse(scam.contains(t.hash()), "a scam transfer was committed at height " + cb.block().height());
                }
            }
            assertEquals(0, nonces(c, 0, 10, 18), "no scam sender's transaction committed");
            String reason = null;
            for (int i = 0; i < 3 && reason == null; i++) {
                reason = c.status(i).recentRejections().stream().filter(r -> r.contains("policy:")).findFirst().orElse(null);
            }
            assertNotNull(reason);
            assertTrue(reason.contains("semantic"), reason);
            assertSameChains(c, 4);
        }
    }

    @Test
    @Timeout(300)
    void scamMemosInEveryMempoolDoNotStallTheChainBecauseProposersTrimThem() throws Exception {
        try (TestCluster c = new TestCluster(dir, 4, 20)) {
            c.extraConfig = i -> "ledger.llm.enabled = on";
            c.startAll();
            for (int i = 0; i < 4; i++) {
                int node = i;
                await(() -> modelStatus(c, node).loaded(), 120_000, "model loaded on node" + node);
            }
            // Scam transfers reach every mempool, with higher fees than the honest ones.
            List<byte[]> scamBytes = new ArrayList<>();
            List<Transaction> scams = new ArrayList<>();
            for (int u = 10; u < 18; u++) {
                for (int n = 0; n < 5; n++) {
                    Transaction t = transfer(c, u, n, 5, SCAMS[(u + n) % SCAMS.length]);
                    scams.add(t);
                    scamBytes.add(t.encoded());
                }
            }
            for (int i = 0; i < 4; i++) c.refs.get(i).mempool().tell(new MempoolActor.Gossip(scamBytes));
            for (int u = 0; u < 10; u++) {
                for (int n = 0; n < 3; n++) {
                    Transaction t = transfer(c, u, n, 1, n == 0 ? "rent for March" : "");
                    MempoolActor.SubmitResult r = TestCluster.ask(c.refs.get(u % 4).mempool(),
                            reply -> new MempoolActor.Submit(t.encoded(), reply), c.systems.get(u % 4));
                    assertTrue(r.accepted(), r.toString());
                }
            }
            await(() -> nonces(c, 0, 0, 10) == 30, 120_000, "all honest transfers committed despite the scams");
            long height = c.head(0).height();
            await(() -> c.head(0).height() >= height + 3, 60_000, "the chain keeps committing");
            assertSameChains(c, 4);
            // What a proposer trimmed left its mempool and is refused when submitted again (not re-scored at every
            // height): every scam neither pending nor committed at a node answers REFUSED_BY_POLICY there.
            List<String> refused = new ArrayList<>();
            await(() -> {
                for (int i = 0; i < 4; i++) {
                    for (Transaction t : scams) {
                        int node = i;
                        boolean committed = c.head(node).state().account(t.senderAddress()).nextNonce() > t.nonce();
                        boolean pending = TestCluster.ask(c.refs.get(node).mempool(),
                                r -> new MempoolActor.IsPending(t.hash(), r), c.systems.get(node));
                        if (committed || pending) continue;
                        MempoolActor.SubmitResult r = TestCluster.ask(c.refs.get(node).mempool(),
                                reply -> new MempoolActor.Submit(t.encoded(), reply), c.systems.get(node));
                        assertEquals(io.reactiveledger.mempool.AdmissionCode.REFUSED_BY_POLICY, r.code(), r.toString());
                        refused.add("node" + node + ":" + t.hash().hex());
                    }
                }
                return !refused.isEmpty();
            }, 60_000, "a trimmed scam evicted and refused");
        }
    }

    @Test
    @Timeout(300)
    void aModelThatFailedToLoadOrNeverAnswersInTimeChangesNoCommittedBlock() throws Exception {
        try (TestCluster c = new TestCluster(dir, 4, 20)) {
            c.extraConfig = i -> switch (i) {
                case 0 -> "ledger.llm.enabled = on\nledger.llm.model-dir = \"" + dir.resolve("no-model") + "\"";
                case 1 -> "ledger.llm.enabled = on\nledger.llm.proposals.score-deadline = 1ms";
                default -> "ledger.llm.enabled = off";
            };
            c.startAll();
            await(() -> modelStatus(c, 0).detail().contains("failed to load"), 60_000, "node0's model degraded");
            for (int u = 0; u < 20; u++) {
                for (int n = 0; n < 5; n++) {
                    Transaction t = transfer(c, u, n, 1, n % 2 == 0 ? "invoice " + n : "");
                    MempoolActor.SubmitResult r = TestCluster.ask(c.refs.get(u % 4).mempool(),
                            reply -> new MempoolActor.Submit(t.encoded(), reply), c.systems.get(u % 4));
                    assertTrue(r.accepted(), r.toString());
                }
            }
            for (int i = 0; i < 4; i++) {
                int node = i;
                await(() -> nonces(c, node, 0, 20) == 100, 120_000, "all transfers committed on node" + node);
            }
            assertSameChains(c, 4);
            for (int i = 0; i < 4; i++) {
                assertTrue(c.status(i).recentRejections().stream().noneMatch(r -> r.contains("policy:")),
                        c.status(i).recentRejections().toString());
            }
            assertTrue(modelStatus(c, 0).degraded());
        }
    }
}
