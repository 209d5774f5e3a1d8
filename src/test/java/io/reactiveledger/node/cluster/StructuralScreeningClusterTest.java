package io.reactiveledger.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.consensus.statemachine.ProposerSelection;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import io.reactiveledger.mempool.MempoolActor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The structural signals inside consensus (censorship, front-running), four validators on loopback, each judging peers' proposals against
 * its own mempool's view. The model is down on every honest validator (its directory does not exist), so the
 * rule-based signals decide alone (fail-open), as they must when the model is down or late.
 */
class StructuralScreeningClusterTest {
    private static final Pattern ROUND = Pattern.compile("^h(\\d+)/r(\\d+): ");

    @TempDir
    Path dir;

    /** Model down, a short censor-age (against 30 s by default) and quick re-gossip. */
    private String screening(int censorMillis, int rebroadcastMillis) {
        return "ledger.llm.enabled = on\nledger.llm.model-dir = \"" + dir.resolve("no-model") + "\"\n"
                + "ledger.llm.proposals.censor-age = " + censorMillis + "ms\n"
                + "ledger.mempool.rebroadcast-after = " + rebroadcastMillis + "ms\n";
    }

    private static Transaction transfer(TestCluster c, int from, int nonce, long fee) {
        KeyPair k = c.users.get(from);
        return Transaction.sign(new TxBody(c.genesis.chainId(), k.publicKey(), nonce, fee,
                new Transfer(c.users.get((from + 1) % c.users.size()).address(), 1 + nonce), ""), k);
    }

    private static Transaction signed(TestCluster c, KeyPair k, int nonce, long fee, Payload payload) {
        return Transaction.sign(new TxBody(c.genesis.chainId(), k.publicKey(), nonce, fee, payload, ""), k);
    }

    private static void submit(TestCluster c, int node, Transaction t) {
        MempoolActor.SubmitResult r = TestCluster.ask(c.refs.get(node).mempool(),
                reply -> new MempoolActor.Submit(t.encoded(), reply), c.systems.get(node));
        assertTrue(r.accepted(), r.toString());
    }

    /** The nodes' consensus status at the last poll, for the failure message. */
    private static String diag = "";

    private static void await(BooleanSupplier cond, long millis, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what + diag);
            Thread.sleep(200);
        }
    }

    private static long nextNonce(TestCluster c, int node, int user) {
        return c.head(node).state().account(c.users.get(user).address()).nextNonce();
    }

    private static void assertSameChains(TestCluster c, int... nodes) {
        List<CommittedBlock> first = c.allBlocks(nodes[0]);
        for (int n : nodes) {
            List<CommittedBlock> other = c.allBlocks(n);
            for (int h = 0; h < Math.min(first.size(), other.size()); h++) {
                assertEquals(first.get(h).block().hash(), other.get(h).block().hash(), "node" + n + " height " + (h + 1));
            }
        }
    }

    private static List<String> policyRefusals(TestCluster c, int node) {
        return c.status(node).recentRejections().stream().filter(r -> r.contains("policy:")).toList();
    }

    @Test
    @Timeout(300)
    void aCensoringAndFrontRunningProposerGetsNilPrevotesWhileNoHonestTransactionIsLost() throws Exception {
        try (TestCluster c = new TestCluster(dir, 4, 20, true)) {
            c.extraConfig = i -> screening(3_000, 1_000);
            c.start(0);
            c.start(1);
            // Honest transfers, an auction and a bid on it, and three transfers with higher fees that the censor
            // leaves out of its blocks.
            List<Transaction> honest = new ArrayList<>();
            for (int u = 0; u < 10; u++) honest.add(transfer(c, u, 0, 2));
            Transaction auction = signed(c, c.users.get(14), 0, 3,
                    new CreateAuction("Road bike, 56 cm frame", 10, System.currentTimeMillis() + 600_000, 1));
            Transaction theirBid = signed(c, c.users.get(13), 0, 2, new Bid(1, 50));
            List<Transaction> victims = List.of(transfer(c, 10, 0, 20), transfer(c, 11, 0, 20), transfer(c, 12, 0, 20));
            for (Transaction t : honest) submit(c, 0, t);
            submit(c, 0, auction);
            submit(c, 0, theirBid);
            for (Transaction t : victims) submit(c, 1, t);
            // Node3 is Byzantine: it proposes without the victims and with its own bid, never gossiped, placed
            // ahead of the bid the others saw long before at the same fee; it votes nil. Node2 is not started yet,
            // so height 1 cannot commit and the victims and the bid grow old in the honest mempools.
            Address censor = c.validatorKeys.get(3).address();
            Transaction myBid = signed(c, c.validatorKeys.get(3), 0, 2, new Bid(1, 60));
            List<Transaction> censorsBlock = new ArrayList<>(List.of(auction, myBid, theirBid));
            censorsBlock.addAll(honest);
            c.startCustom(3, CensoringProposer.create(c.validatorKeys.get(3), c.genesis, () -> censorsBlock));
            await(() -> {
                diag = "\n" + c.status(0) + "\n" + c.status(1);
                for (int i = 0; i < 2; i++) {
                    for (String r : policyRefusals(c, i)) {
                        Matcher m = ROUND.matcher(r);
                        if (m.find() && r.contains("censorship") && r.contains("front-running") && ProposerSelection.proposer(c.genesis.validators(),
                                Long.parseLong(m.group(1)), Integer.parseInt(m.group(2))).address().equals(censor)) {
                            return true;
                        }
                    }
                }
                return false;
            }, 120_000, "an honest validator's nil prevote on the censor's proposal for censorship and front-running");
            String reason = policyRefusals(c, 0).isEmpty() ? policyRefusals(c, 1).get(0) : policyRefusals(c, 0).get(0);
            assertTrue(reason.contains("rules only"), "the model is down: rules decide alone: " + reason);

            c.start(2);
            for (int n = 0; n < 3; n++) {
                int node = n;
                await(() -> {
                    for (int u = 0; u < 15; u++) if (nextNonce(c, node, u) != 1) return false;
                    return true;
                }, 120_000, "every honest transaction and every victim committed on node" + node);
            }
            long height = c.head(0).height();
            await(() -> c.head(0).height() >= height + 3, 60_000, "the chain keeps committing");
            assertSameChains(c, 0, 1, 2);
            for (CommittedBlock cb : c.allBlocks(0)) {
                assertNotEquals(censor, cb.block().header().proposer(), "a censoring block was committed at height "
                        + cb.block().height());
            }
        }
    }

    @Test
    @Timeout(300)
    void honestBlocksUnderOrdinaryLoadAreNotRefusedEvenWithAFullerMempoolAtOneNode() throws Exception {
        try (TestCluster c = new TestCluster(dir, 4, 24)) {
            c.extraConfig = i -> screening(2_000, 300);
            c.startAll();
            for (int i = 0; i < 4; i++) {
                int node = i;
                await(() -> c.status(node).peers() == 3 && c.head(node).height() >= 1, 60_000, "node" + node + " joined");
            }
            Random rnd = new Random(5);
            // One busy sender: 30 transfers at once to node1 (the honest reap is mostly theirs).
            for (int n = 0; n < 30; n++) submit(c, 1, transfer(c, 0, n, 3));
            // Waiting behind a nonce gap at node2: old, never executable, never censorship.
            submit(c, 2, transfer(c, 23, 3, 50));
            // Ordinary traffic: fees 1..8 to random nodes, in waves over about ten seconds.
            int[] next = new int[20];
            for (int wave = 0; wave < 10; wave++) {
                // Only node3 holds these (gossip received is not forwarded; node3 re-gossips them once they are
                // old): a fuller mempool at one node, with fees the other proposers would take first if they had them.
                List<byte[]> onlyAtNode3 = new ArrayList<>();
                for (int u = 20; u < 23; u++) onlyAtNode3.add(transfer(c, u, wave, 9).encoded());
                c.refs.get(3).mempool().tell(new MempoolActor.Gossip(onlyAtNode3));
                for (int u = 1; u < 20; u++) {
                    if (rnd.nextInt(3) == 0) continue;
                    submit(c, rnd.nextInt(4), transfer(c, u, next[u]++, 1 + rnd.nextInt(8)));
                }
                Thread.sleep(1_000);
            }
            for (int n = 0; n < 4; n++) {
                int node = n;
                await(() -> {
                    if (nextNonce(c, node, 0) != 30) return false;
                    for (int u = 1; u < 20; u++) if (nextNonce(c, node, u) != next[u]) return false;
                    for (int u = 20; u < 23; u++) if (nextNonce(c, node, u) != 10) return false;
                    return true;
                }, 120_000, "every transfer committed on node" + node);
            }
            // Past the censor-age with the gapped transaction still pending: blocks keep coming, none refused.
            long height = c.head(0).height();
            Thread.sleep(3_000);
            await(() -> c.head(0).height() >= height + 3, 60_000, "more blocks");
            assertEquals(0, nextNonce(c, 0, 23));
            for (int i = 0; i < 4; i++) {
                assertEquals(List.of(), policyRefusals(c, i), "node" + i + " refused an honest block");
            }
            assertSameChains(c, 0, 1, 2, 3);
        }
    }
}
