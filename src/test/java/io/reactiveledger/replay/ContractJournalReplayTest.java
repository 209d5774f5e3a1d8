package io.reactiveledger.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.contract.auction.AuctionState;
import io.reactiveledger.core.contract.auction.AuctionStatus;
import io.reactiveledger.core.state.AuctionWorkload;
import io.reactiveledger.core.state.ContractInstance;
import io.reactiveledger.core.state.TestChain;
import io.reactiveledger.node.NodeConfig;
import io.reactiveledger.node.chain.ChainFixture;
import io.reactiveledger.node.chain.ChainStore;
import io.reactiveledger.node.contract.ContractActor;
import io.reactiveledger.node.contract.ContractInstances;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay checks the contract instances' own journals: a journal written by a node's chain store with its
 * contract instances running (auctions created, bid on, ended, refunds withdrawn) replays clean; copies
 * with one {@code CallApplied} event tampered with or deleted through JDBC fail {@code contract-journal}
 * at that event's height, naming the contract; a journal cut at its tail is only behind (a warning).
 */
@Timeout(180) // a hang guard
class ContractJournalReplayTest {
    static final String NODE = "node0";
    static final int BLOCKS = 40;

    @TempDir
    static Path shared;
    static Path original;
    static ChainFixture fixture;
    static ActorTestKit serKit;
    static Serialization ser;
    /** A contract whose journal has at least 4 events (create and calls). */
    static long busy;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeJournal() throws Exception {
        original = shared.resolve("original").resolve(NODE);
        Files.createDirectories(original);
        fixture = new ChainFixture(AuctionWorkload.balances());
        AuctionWorkload w = new AuctionWorkload(3);
        ActorTestKit kit = ChainFixture.node(NODE, original, 5, 5);
        try {
            ActorRef<ChainStore.Command> chain = kit.spawn(ChainStore.create(NodeConfig.persistenceId(kit.system(), "chain",
                    TestChain.CHAIN), fixture.chain.genesis, fixture.chain.transition), "chain");
            ActorRef<ContractInstances.Command> instances = kit.spawn(ContractInstances.create(NODE, TestChain.CHAIN, chain,
                    ContractRegistry.standard()), "contracts");
            TestProbe<ChainStore.Appended> appended = kit.createTestProbe();
            for (int i = 0; i < BLOCKS; i++) {
                chain.tell(new ChainStore.Append(fixture.next(1_000, w.nextBlock(fixture.chain)), null, appended.ref()));
                assertTrue(appended.receiveMessage(Duration.ofSeconds(20)).ok());
            }
            // every instance has applied and checked the last block before the node stops
            kit.createTestProbe().awaitAssert(Duration.ofSeconds(30), () -> {
                for (ContractInstance c : fixture.chain.state.contracts()) {
                    TestProbe<ContractActor.StateView> p = kit.createTestProbe();
                    instances.tell(new ContractInstances.GetContract(c.id(), p.ref()));
                    ContractActor.StateView v = p.receiveMessage(Duration.ofSeconds(20));
                    assertEquals(c.state().commitment(), v.stateHash(), "contract " + c.id());
                    assertEquals(List.of(), v.mismatches());
                }
                return null;
            });
        } finally {
            kit.shutdownTestKit();
        }
        // The node's pool may still hold the database open in this JVM, its latest pages not yet on disk:
        // close it, so the file copies are complete.
        try (Connection c = connect(original); java.sql.Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        }
        boolean ended = false;
        boolean outbid = false;
        for (ContractInstance c : fixture.chain.state.contracts()) {
            AuctionState a = (AuctionState) c.state();
            ended |= a.status() != AuctionStatus.OPEN;
            outbid |= a.bids().size() > 1;
        }
        assertTrue(ended && outbid, "the workload ended auctions (" + ended + ") and outbid (" + outbid + ")");
        busy = -1;
        for (ContractInstance c : fixture.chain.state.contracts()) {
            if (sequenceNumbers(original, c.id()).size() >= 4) {
                busy = c.id();
                break;
            }
        }
        assertTrue(busy > 0, "some contract has at least 4 journaled events");
        serKit = ActorTestKit.create("serialization", Replay.config(NODE, shared.resolve("unused")));
        ser = ReplayJournals.serialization(serKit);
    }

    @AfterAll
    static void stop() {
        if (serKit != null) serKit.shutdownTestKit();
    }

    private Path copy() throws Exception {
        // a fresh directory per copy: H2 keeps a database open in this JVM by its file name
        Path target = Files.createTempDirectory(dir, "copy").resolve(NODE);
        Files.createDirectories(target);
        Files.copy(original.resolve("journal.mv.db"), target.resolve("journal.mv.db"), StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static ReplaySummary replay(Path dataDir, long toHeight) {
        return Replay.run(Replay.config(NODE, dataDir), fixture.chain.genesis, new Replay.Options(true, toHeight, 2), null, null);
    }

    private static String pid(long contractId) {
        return NodeConfig.persistenceId(NODE, "contract", TestChain.CHAIN + "-" + contractId).id();
    }

    private static Connection connect(Path dataDir) throws Exception {
        return ReplayJournals.connect(dataDir);
    }

    static List<Long> sequenceNumbers(Path dataDir, long contractId) throws Exception {
        try (Connection c = connect(dataDir); PreparedStatement ps = c.prepareStatement(
                "SELECT \"sequence_number\" FROM \"event_journal\" WHERE \"persistence_id\" = ? ORDER BY 1")) {
            ps.setString(1, pid(contractId));
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getLong(1));
            }
            return out;
        }
    }

    static long contractEventRows(Path dataDir) throws Exception {
        try (Connection c = connect(dataDir); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" LIKE ?")) {
            ps.setString(1, NODE + ":contract|%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static ContractActor.CallApplied event(Path dataDir, long contractId, long seq) throws Exception {
        try (Connection c = connect(dataDir); PreparedStatement ps = c.prepareStatement(
                "SELECT \"event_payload\" FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?")) {
            ps.setString(1, pid(contractId));
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "event " + seq + " of contract " + contractId);
                byte[] payload = rs.getBytes(1);
                return (ContractActor.CallApplied) ser.deserialize(payload, ser.serializerFor(ContractActor.CallApplied.class)
                        .identifier(), ContractActor.CallApplied.class.getName()).get();
            }
        }
    }

    private static void update(Path dataDir, String sql, Object... args) throws Exception {
        try (Connection c = connect(dataDir); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            assertEquals(1, ps.executeUpdate(), sql);
        }
    }

    private static void replace(Path dataDir, long contractId, long seq, ContractActor.CallApplied e) throws Exception {
        update(dataDir, "UPDATE \"event_journal\" SET \"event_payload\" = ? WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?",
                ser.serialize(e).get(), pid(contractId), seq);
    }

    private static void delete(Path dataDir, long contractId, long seq) throws Exception {
        update(dataDir, "DELETE FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?", pid(contractId), seq);
    }

    private static byte[] flipped(byte[] b) {
        byte[] c = b.clone();
        c[c.length / 2] ^= 0x01;
        return c;
    }

    private static void assertContractFailure(ReplaySummary s, long height, long contractId) {
        assertNotNull(s.failure(), "expected a contract-journal failure at height " + height);
        assertEquals(Checks.CONTRACT_JOURNAL, s.failure().check(), s.failure().message());
        assertEquals(height, s.failure().height(), s.failure().message());
        assertTrue(s.failure().expected().contains("contract " + contractId), s.failure().message());
        assertEquals(BLOCKS, s.finalHeight(), "the chain itself verified");
    }

    @Test
    void journalWithContractInstancesReplaysClean() throws Exception {
        ReplaySummary s = replay(copy(), Long.MAX_VALUE);
        assertNull(s.failure(), () -> s.failure().message());
        assertEquals(BLOCKS, s.finalHeight());
        assertEquals(fixture.chain.state.root().hex(), s.stateRoot());
        assertEquals(fixture.chain.state.contracts().size(), s.contractJournals());
        assertEquals(contractEventRows(original), s.contractEvents());
        assertEquals(List.of(), s.contractWarnings());
        // one CallApplied per successful contract transaction of the chain
        long successfulContractTxs = 0;
        for (int b = 0; b < fixture.blocks.size(); b++) {
            var txs = fixture.blocks.get(b).block().transactions();
            var receipts = fixture.results.get(b).receipts();
            for (int i = 0; i < txs.size(); i++) {
                var p = txs.get(i).payload();
                if (receipts.get(i).isSuccess() && (p instanceof io.reactiveledger.core.tx.Payload.ContractCreate
                        || p instanceof io.reactiveledger.core.tx.Payload.ContractCall)) successfulContractTxs++;
            }
        }
        assertEquals(successfulContractTxs, s.contractEvents());
    }

    @Test
    void upToAHeightChecksTheContractJournalsBelowIt() throws Exception {
        ReplaySummary s = replay(copy(), 20);
        assertNull(s.failure(), () -> s.failure().message());
        assertEquals(20, s.finalHeight());
        assertEquals(List.of(), s.contractWarnings());
    }

    @Test
    void tamperedCommitmentFailsAtItsHeight() throws Exception {
        Path copy = copy();
        ContractActor.CallApplied e = event(copy, busy, 3);
        replace(copy, busy, 3, new ContractActor.CallApplied(e.height(), e.txIndex(), e.txHash(), e.blockTimeMs(), e.tx(),
                flipped(e.stateHash()), e.events()));
        ReplaySummary s = replay(copy, Long.MAX_VALUE);
        assertContractFailure(s, e.height(), busy);
        assertTrue(s.failure().expected().contains("state commitment"), s.failure().message());
    }

    @Test
    void tamperedTxHashFailsAtItsHeight() throws Exception {
        Path copy = copy();
        ContractActor.CallApplied e = event(copy, busy, 2);
        replace(copy, busy, 2, new ContractActor.CallApplied(e.height(), e.txIndex(), flipped(e.txHash()), e.blockTimeMs(), e.tx(),
                e.stateHash(), e.events()));
        ReplaySummary s = replay(copy, Long.MAX_VALUE);
        assertContractFailure(s, e.height(), busy);
        assertTrue(s.failure().expected().contains("tx hash"), s.failure().message());
    }

    @Test
    void deletedEventInTheMiddleFailsAtItsHeight() throws Exception {
        Path copy = copy();
        ContractActor.CallApplied e = event(copy, busy, 2);
        delete(copy, busy, 2);
        ReplaySummary s = replay(copy, Long.MAX_VALUE);
        assertContractFailure(s, e.height(), busy);
        assertTrue(s.failure().found().contains("no such event"), s.failure().message());
    }

    @Test
    void journalCutAtItsTailIsBehindNotBroken() throws Exception {
        Path copy = copy();
        List<Long> seqs = sequenceNumbers(copy, busy);
        long last = seqs.get(seqs.size() - 1);
        ContractActor.CallApplied e = event(copy, busy, last);
        delete(copy, busy, last);
        ReplaySummary s = replay(copy, Long.MAX_VALUE);
        assertNull(s.failure(), () -> s.failure().message());
        assertEquals(1, s.contractWarnings().size(), s.contractWarnings().toString());
        String w = s.contractWarnings().get(0);
        assertTrue(w.startsWith("contract " + busy + " ") && w.contains("behind") && w.contains("height " + e.height()), w);
    }
}
