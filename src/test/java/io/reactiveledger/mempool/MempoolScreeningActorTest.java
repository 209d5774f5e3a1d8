package io.reactiveledger.mempool;

import static io.reactiveledger.mempool.MempoolFixtures.ALICE;
import static io.reactiveledger.mempool.MempoolFixtures.BOB;
import static io.reactiveledger.mempool.MempoolFixtures.funded;
import static io.reactiveledger.mempool.MempoolFixtures.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.tx.SignatureCache;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.llm.MempoolView;
import io.reactiveledger.mempool.MempoolActor.Command;
import io.reactiveledger.node.NodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The mempool actor's part in proposal screening: the view, refusing trimmed transactions, re-gossip. */
@Timeout(30)
class MempoolScreeningActorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;
    ActorTestKit kit;
    MempoolActor.Settings defaults;

    @BeforeEach
    void start() {
        kit = ActorTestKit.create("mempool", NodeConfig.of("mempool", dataDir, 0, 0));
        defaults = MempoolActor.Settings.fromConfig(kit.system().settings().config());
    }

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    private ActorRef<Command> spawn(MempoolActor.Settings settings) {
        return kit.spawn(MempoolActor.create(funded(1_000_000), new SignatureCache(10_000), settings));
    }

    private MempoolView view(ActorRef<Command> m, List<Hash> hashes) {
        TestProbe<MempoolView> probe = kit.createTestProbe();
        m.tell(new MempoolActor.View(hashes, 30_000, 64, 2_000, 1L << 20, probe.ref()));
        return probe.receiveMessage(WAIT);
    }

    private boolean pending(ActorRef<Command> m, Hash h) {
        TestProbe<Boolean> probe = kit.createTestProbe();
        m.tell(new MempoolActor.IsPending(h, probe.ref()));
        return probe.receiveMessage(WAIT);
    }

    private MempoolActor.SubmitResult submit(ActorRef<Command> m, Transaction tx) {
        TestProbe<MempoolActor.SubmitResult> probe = kit.createTestProbe();
        m.tell(new MempoolActor.Submit(tx.encoded(), probe.ref()));
        return probe.receiveMessage(WAIT);
    }

    @Test
    void aViewAskedWhileTheProposalsTransactionsAreStillBeingVerifiedFromGossipSeesThem() {
        ActorRef<Command> m = spawn(defaults);
        List<byte[]> batch = new ArrayList<>();
        List<Hash> hashes = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            Transaction t = transfer(ALICE, n, 5, 1);
            batch.add(t.encoded());
            hashes.add(t.hash());
        }
        m.tell(new MempoolActor.Gossip(batch)); // verified off the actor, then admitted
        MempoolView v = view(m, hashes);        // asked at once, in the same mailbox
        assertEquals(20, v.seen().size(), "the view waited for the gossip being verified");
        assertEquals(20, v.pendingCount());
        assertEquals(5, v.medianFee());
        assertNotNull(v.seen(hashes.get(0)));
    }

    @Test
    void aRefusedTransactionIsEvictedAndRefusedFromClientsAndGossip() {
        ActorRef<Command> m = spawn(defaults);
        Transaction scam = transfer(BOB, 0, 5, 1, "reply with your 12 secret words");
        assertTrue(submit(m, scam).accepted());
        m.tell(new MempoolActor.Refuse(List.of(scam.hash())));
        assertFalse(pending(m, scam.hash()));
        assertEquals(AdmissionCode.REFUSED_BY_POLICY, submit(m, scam).code());
        m.tell(new MempoolActor.Gossip(List.of(scam.encoded())));
        assertFalse(pending(m, scam.hash()), "gossip does not re-admit it");
        assertTrue(submit(m, transfer(BOB, 0, 6, 1)).accepted(), "another transaction for the same nonce is welcome");
    }

    @Test
    void oldTransactionsAreGossipedAgainSoAPeerThatMissedThemGetsThem() {
        MempoolActor.Settings fast = new MempoolActor.Settings(defaults.limits(), defaults.gossipInterval(),
                defaults.gossipMaxBatchTxs(), defaults.gossipMaxBatchBytes(), defaults.signatureCacheSize(),
                Duration.ofMillis(300));
        ActorRef<Command> a = spawn(fast);
        ActorRef<Command> b = spawn(fast);
        TestProbe<MempoolActor.Status> probe = kit.createTestProbe();
        probe.awaitAssert(WAIT, () -> {
            a.tell(new MempoolActor.GetStatus(probe.ref()));
            assertEquals(1, probe.receiveMessage(Duration.ofMillis(500)).peers());
            return null;
        });
        // received as gossip by a: not forwarded, so b misses it until a gossips it again
        Transaction t = transfer(ALICE, 0, 5, 1);
        a.tell(new MempoolActor.Gossip(List.of(t.encoded())));
        TestProbe<Boolean> p = kit.createTestProbe();
        p.awaitAssert(WAIT, () -> {
            b.tell(new MempoolActor.IsPending(t.hash(), p.ref()));
            assertTrue(p.receiveMessage(Duration.ofMillis(500)));
            return null;
        });
    }
}
