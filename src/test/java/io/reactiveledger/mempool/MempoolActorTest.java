package io.reactiveledger.mempool;

import static io.reactiveledger.mempool.MempoolFixtures.ALICE;
import static io.reactiveledger.mempool.MempoolFixtures.BOB;
import static io.reactiveledger.mempool.MempoolFixtures.CAROL;
import static io.reactiveledger.mempool.MempoolFixtures.funded;
import static io.reactiveledger.mempool.MempoolFixtures.transfer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Sha256;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.tx.SignatureCache;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.mempool.MempoolActor.Command;
import io.reactiveledger.mempool.MempoolActor.Committed;
import io.reactiveledger.mempool.MempoolActor.GetStatus;
import io.reactiveledger.mempool.MempoolActor.Gossip;
import io.reactiveledger.mempool.MempoolActor.Reap;
import io.reactiveledger.mempool.MempoolActor.Reaped;
import io.reactiveledger.mempool.MempoolActor.Settings;
import io.reactiveledger.mempool.MempoolActor.Status;
import io.reactiveledger.mempool.MempoolActor.Submit;
import io.reactiveledger.mempool.MempoolActor.SubmitResult;
import io.reactiveledger.node.NodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MempoolActor} in an ActorTestKit (local provider): replies, decode errors, reap, commits and
 * batched gossip between two instances found through the receptionist. A fresh ActorSystem per test
 * keeps each test's receptionist listing to its own mempools.
 */
@Timeout(30) // a hang guard; each test takes well under a second after the first ActorSystem of the JVM
class MempoolActorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;
    ActorTestKit kit;
    SignatureCache cache;
    Settings defaults;

    @BeforeEach
    void start() {
        kit = ActorTestKit.create("mempool", NodeConfig.of("mempool", dataDir, 0, 0));
        cache = new SignatureCache(10_000);
        defaults = Settings.fromConfig(kit.system().settings().config());
    }

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    /** A mempool with the test's signature cache. */
    private ActorRef<Command> spawn(WorldState state, Settings settings) {
        return kit.spawn(MempoolActor.create(state, cache, settings));
    }

    /** A mempool as on another node: a signature cache of its own. */
    private ActorRef<Command> spawnNode(WorldState state, Settings settings) {
        return kit.spawn(MempoolActor.create(state, new SignatureCache(10_000), settings));
    }

    private SubmitResult submit(ActorRef<Command> mempool, byte[] bytes) {
        TestProbe<SubmitResult> probe = kit.createTestProbe();
        mempool.tell(new Submit(bytes, probe.ref()));
        return probe.receiveMessage(WAIT);
    }

    private SubmitResult submit(ActorRef<Command> mempool, Transaction tx) {
        return submit(mempool, tx.encoded());
    }

    private Status status(ActorRef<Command> mempool) {
        TestProbe<Status> probe = kit.createTestProbe();
        mempool.tell(new GetStatus(probe.ref()));
        return probe.receiveMessage(WAIT);
    }

    private List<Transaction> reap(ActorRef<Command> mempool, int maxTxs, long maxBytes) {
        TestProbe<Reaped> probe = kit.createTestProbe();
        mempool.tell(new Reap(maxTxs, maxBytes, probe.ref()));
        return probe.receiveMessage(WAIT).txs();
    }

    private void awaitPeers(ActorRef<Command> mempool, int peers) {
        TestProbe<Status> probe = kit.createTestProbe();
        probe.awaitAssert(WAIT, () -> {
            mempool.tell(new GetStatus(probe.ref()));
            assertEquals(peers, probe.receiveMessage(Duration.ofMillis(500)).peers());
            return null;
        });
    }

    private void awaitCount(ActorRef<Command> mempool, int count) {
        TestProbe<Status> probe = kit.createTestProbe();
        probe.awaitAssert(WAIT, () -> {
            mempool.tell(new GetStatus(probe.ref()));
            assertEquals(count, probe.receiveMessage(Duration.ofMillis(500)).count());
            return null;
        });
    }

    @Test
    void submitAnswersWithAdmissionCodes() {
        ActorRef<Command> mempool = spawn(funded(1_000), defaults);
        Transaction tx = transfer(ALICE, 0, 10, 100);
        SubmitResult ok = submit(mempool, tx);
        assertEquals(new SubmitResult(AdmissionCode.ACCEPTED, "", tx.hash().hex()), ok);
        assertTrue(ok.accepted());
        assertTrue(cache.isCached(tx.hash()), "verified through the shared cache");

        assertEquals(AdmissionCode.DUPLICATE, submit(mempool, tx).code());
        assertEquals(AdmissionCode.WRONG_CHAIN, submit(mempool,
                MempoolFixtures.signed("other-chain", ALICE, 0, 1, new Transfer(BOB.address(), 1), "")).code());
        assertEquals(AdmissionCode.BAD_SIGNATURE, submit(mempool, MempoolFixtures.badSignature(transfer(BOB, 0, 1, 1))).code());
        assertEquals(AdmissionCode.NONCE_TOO_HIGH, submit(mempool, transfer(BOB, 64, 1, 1)).code());
        SubmitResult poor = submit(mempool, transfer(ALICE, 1, 10, 881));
        assertEquals(AdmissionCode.INSUFFICIENT_BALANCE, poor.code());
        assertEquals(transfer(ALICE, 1, 10, 881).hash().hex(), poor.txHash());
        assertTrue(poor.message().contains("does not cover"), poor.message());

        Status s = status(mempool);
        assertEquals(1, s.count());
        assertEquals(tx.size(), s.bytes());
    }

    @Test
    void undecodableBytesAnswerDecodeErrorWithTheDecodersMessage() {
        ActorRef<Command> mempool = spawn(funded(1_000), defaults);
        byte[] garbage = {1, 5, 'a', 'b'};
        DecodeException expected = assertThrows(DecodeException.class, () -> Transaction.decode(garbage));
        SubmitResult r = submit(mempool, garbage);
        assertEquals(new SubmitResult(AdmissionCode.DECODE_ERROR, expected.getMessage(), ""), r);
        assertEquals(AdmissionCode.DECODE_ERROR, submit(mempool, new byte[0]).code());
        assertEquals(AdmissionCode.DECODE_ERROR, submit(mempool, (byte[]) null).code());
        assertEquals(0, status(mempool).count());
    }

    @Test
    void reapAndCommittedEvictInvalidTransactions() {
        WorldState genesis = funded(1_000);
        ActorRef<Command> mempool = spawn(genesis, defaults);
        Transaction a0 = transfer(ALICE, 0, 5, 100);
        Transaction a1 = transfer(ALICE, 1, 50, 100);
        Transaction b0 = transfer(BOB, 0, 20, 100);
        Transaction c0 = transfer(CAROL, 0, 1, 100);
        for (Transaction t : List.of(a0, a1, b0, c0)) assertEquals(AdmissionCode.ACCEPTED, submit(mempool, t).code());
        assertEquals(List.of(b0, a0, a1, c0), reap(mempool, 10, 1 << 20));
        assertEquals(List.of(b0, a0), reap(mempool, 2, 1 << 20));

        // a block with a0 and a different Bob nonce 0 that spends nearly everything
        Transaction otherB0 = transfer(BOB, 0, 1, 990);
        WorldState next = MempoolFixtures.commit(genesis, List.of(a0, otherB0));
        mempool.tell(new Committed(next, List.of(a0, otherB0)));
        Status s = status(mempool);
        assertEquals(2, s.count());
        assertEquals(a1.size() + c0.size(), s.bytes());
        assertEquals(List.of(a1, c0), reap(mempool, 10, 1 << 20));
        assertEquals(AdmissionCode.NONCE_TOO_LOW, submit(mempool, a0).code());
        assertEquals(AdmissionCode.INSUFFICIENT_BALANCE, submit(mempool, transfer(BOB, 1, 9, 1)).code());
    }

    @Test
    void admittedTransactionsReachThePeerInBatches() {
        // batches of 5, and an interval too long to matter: 10 submissions make exactly 2 batches
        Settings settings = defaults.withGossip(Duration.ofSeconds(20), 5);
        ActorRef<Command> a = spawnNode(funded(1_000_000), settings);
        ActorRef<Command> b = spawnNode(funded(1_000_000), settings);
        // a third "mempool" under the service key that only records what it is sent
        TestProbe<Command> observer = kit.createTestProbe();
        kit.system().receptionist().tell(Receptionist.register(MempoolActor.SERVICE_KEY, observer.ref()));
        awaitPeers(a, 2);
        awaitPeers(b, 2);

        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Transaction tx = transfer(ALICE, i, 10 + i, 1);
            assertEquals(AdmissionCode.ACCEPTED, submit(a, tx).code());
            sent.add(tx.hash().hex());
        }
        Set<String> gossiped = new HashSet<>();
        for (int batch = 0; batch < 2; batch++) {
            Gossip g = observer.expectMessageClass(Gossip.class, WAIT);
            assertEquals(5, g.txs().size());
            for (byte[] bytes : g.txs()) gossiped.add(Sha256.hash(bytes).hex());
        }
        assertEquals(sent, gossiped);
        awaitCount(b, 10);
        assertEquals(new HashSet<>(reap(a, 100, 1 << 20)), new HashSet<>(reap(b, 100, 1 << 20)));

        Status sa = status(a);
        assertEquals(2, sa.gossipBatches(), "one message per peer per batch, not per transaction");
        assertEquals(10, sa.gossipTxs());
        // b admitted them from gossip and does not forward them
        assertEquals(0, status(b).gossipBatches());
        observer.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void aPartialBatchGoesOutAfterTheInterval() {
        Settings settings = defaults.withGossip(Duration.ofMillis(400), 1_000);
        ActorRef<Command> a = spawnNode(funded(1_000_000), settings);
        ActorRef<Command> b = spawnNode(funded(1_000_000), settings);
        awaitPeers(a, 1);
        awaitPeers(b, 1);
        TestProbe<SubmitResult> replies = kit.createTestProbe();
        List<Transaction> txs = List.of(transfer(ALICE, 0, 1, 1), transfer(BOB, 0, 2, 1), transfer(CAROL, 0, 3, 1));
        for (Transaction t : txs) a.tell(new Submit(t.encoded(), replies.ref()));
        for (int i = 0; i < txs.size(); i++) assertTrue(replies.receiveMessage(WAIT).accepted());
        awaitCount(b, 3);
        Status sa = status(a);
        assertEquals(1, sa.gossipBatches());
        assertEquals(3, sa.gossipTxs());
    }

    @Test
    void gossipIsAdmittedSilentlyAndDuplicatesAreIgnored() {
        ActorRef<Command> mempool = spawn(funded(1_000), defaults);
        Transaction t1 = transfer(ALICE, 0, 1, 1);
        Transaction t2 = transfer(BOB, 0, 1, 1);
        List<byte[]> batch = new ArrayList<>(List.of(t1.encoded(), t1.encoded(), t2.encoded(), new byte[] {9, 9},
                MempoolFixtures.badSignature(transfer(CAROL, 0, 1, 1))));
        mempool.tell(new Gossip(batch));
        awaitCount(mempool, 2);
        mempool.tell(new Gossip(List.of(t1.encoded(), t2.encoded())));
        mempool.tell(new Gossip(List.of()));
        assertEquals(List.of(t1, t2), reap(mempool, 10, 1 << 20));
        Status s = status(mempool);
        assertEquals(2, s.count());
        assertEquals(0, s.gossipBatches(), "gossiped transactions are not forwarded");
        assertEquals(AdmissionCode.DUPLICATE, submit(mempool, t1).code());
    }

    @Test
    void admittedTransactionsReachTheWatcherOnlyWhenAdmitted() {
        ActorRef<Command> mempool = spawn(funded(1_000), defaults);
        List<Transaction> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        mempool.tell(new MempoolActor.WatchAdmitted(seen::addAll));
        Transaction t1 = transfer(ALICE, 0, 1, 1);
        Transaction t2 = transfer(BOB, 0, 1, 1);
        assertTrue(submit(mempool, t1).accepted());
        assertEquals(AdmissionCode.DUPLICATE, submit(mempool, t1).code());
        assertEquals(AdmissionCode.BAD_SIGNATURE, submit(mempool, MempoolFixtures.badSignature(transfer(CAROL, 0, 1, 1))).code());
        mempool.tell(new Gossip(List.of(t1.encoded(), t2.encoded(), new byte[] {9, 9})));
        awaitCount(mempool, 2);
        status(mempool); // the watcher is called before the next message is handled
        assertEquals(List.of(t1, t2), List.copyOf(seen), "each admitted once; duplicates and refusals not reported");
    }

    @Test
    void remoteMessagesRoundTripThroughJacksonCbor() {
        SerializationTestKit serialization = new SerializationTestKit(kit.system());
        TestProbe<SubmitResult> replies = kit.createTestProbe();
        TestProbe<Status> statuses = kit.createTestProbe();
        Transaction tx = transfer(ALICE, 0, 1, 1);

        Submit submit = new Submit(tx.encoded(), replies.ref());
        assertInstanceOf(JacksonCborSerializer.class,
                SerializationExtension.get(kit.system().classicSystem()).findSerializerFor(submit));
        Submit s2 = serialization.verifySerialization(submit, false);
        assertArrayEquals(tx.encoded(), s2.txBytes());
        assertEquals(replies.ref(), s2.replyTo());

        Gossip g2 = serialization.verifySerialization(new Gossip(List.of(tx.encoded(), new byte[] {1})), false);
        assertEquals(2, g2.txs().size());
        assertArrayEquals(tx.encoded(), g2.txs().get(0));

        assertEquals(new GetStatus(statuses.ref()), serialization.verifySerialization(new GetStatus(statuses.ref()), true));
        SubmitResult r = new SubmitResult(AdmissionCode.FULL, "full", tx.hash().hex());
        assertEquals(r, serialization.verifySerialization(r, true));
        Status st = new Status(3, 400, 2, 7, 70);
        assertEquals(st, serialization.verifySerialization(st, true));
    }

    @Test
    void settingsAndDispatcherComeFromLedgerConf() {
        assertEquals(Mempool.Limits.DEFAULT, defaults.limits());
        assertEquals(Duration.ofMillis(50), defaults.gossipInterval());
        assertEquals(100, defaults.gossipMaxBatchTxs());
        assertEquals(128 * 1024, defaults.gossipMaxBatchBytes());
        assertEquals("fork-join-executor",
                kit.system().settings().config().getString(MempoolActor.VERIFY_DISPATCHER + ".executor"));
        kit.system().dispatchers().lookup(DispatcherSelector.fromConfig(MempoolActor.VERIFY_DISPATCHER));
        // the self-contained factory reads the same settings
        ActorRef<Command> mempool = kit.spawn(MempoolActor.create(funded(1_000)));
        assertEquals(AdmissionCode.ACCEPTED, submit(mempool, transfer(ALICE, 0, 1, 1)).code());
    }
}
