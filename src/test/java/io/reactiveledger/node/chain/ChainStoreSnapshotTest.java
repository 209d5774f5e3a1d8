package io.reactiveledger.node.chain;

import static io.reactiveledger.node.chain.ChainStoreReceiptsTest.append;
import static io.reactiveledger.node.chain.ChainStoreReceiptsTest.get;
import static io.reactiveledger.node.chain.ChainStoreReceiptsTest.spawn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.core.state.AuctionWorkload;
import io.reactiveledger.core.state.TestChain;
import io.reactiveledger.node.JournalSchema;
import io.reactiveledger.node.NodeConfig;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots by retention criteria and bounded memory: recovery from a snapshot reaches the same head as
 * a full replay; old blocks (outside the in-memory window) come back from the journal.
 */
@Timeout(120)
class ChainStoreSnapshotTest {
    @TempDir
    Path snapDir;
    @TempDir
    Path replayDir;

    /** Appends {@code blocks} workload blocks, with evidence events after blocks 3 and 8 (shifting sequence numbers). */
    static void appendWorkload(ActorTestKit kit, ActorRef<ChainStore.Command> store, ChainFixture f, AuctionWorkload w, int blocks) {
        for (int i = 0; i < blocks; i++) {
            append(kit, store, f.next(1_000, w.nextBlock(f.chain)));
            long h = f.chain.height;
            if (h == 3 || h == 8) store.tell(new ChainStore.StoreEvidence(("evidence at " + h).getBytes()));
        }
    }

    static ChainHead head(ActorTestKit kit, ActorRef<ChainStore.Command> store) {
        TestProbe<ChainHead> p = kit.createTestProbe();
        store.tell(new ChainStore.GetHead(p.ref()));
        return p.receiveMessage(java.time.Duration.ofSeconds(30));
    }

    static void assertHead(ChainFixture f, ChainHead h) {
        assertEquals(f.chain.height, h.height());
        assertEquals(f.chain.previousHash, h.hash());
        assertEquals(f.chain.state.root(), h.state().root());
        assertEquals(f.chain.state.root(), h.state().rootFromScratch());
    }

    static ActorRef<ChainStore.Command> recover(ActorTestKit kit, ChainFixture f) {
        ActorRef<ChainStore.Command> s = spawn(kit, f);
        head(kit, s);
        return s;
    }

    static void checkAllBlocks(ActorTestKit kit, ActorRef<ChainStore.Command> store, ChainFixture f) {
        for (int h = 1; h <= f.blocks.size(); h++) {
            ChainStore.BlockAt at = get(kit, store, h);
            assertEquals(f.blocks.get(h - 1).block().hash(), at.block().block().hash(), "block " + h);
            assertEquals(f.results.get(h - 1).receipts(), at.receipts(), "receipts " + h);
        }
        // GetBlocks across the journal/memory boundary, in chunks as consensus catch-up asks
        List<byte[]> all = new ArrayList<>();
        TestProbe<ChainStore.Blocks> p = kit.createTestProbe();
        while (all.size() < f.blocks.size()) {
            store.tell(new ChainStore.GetBlocks(all.size() + 1, 7, p.ref()));
            List<byte[]> got = p.receiveMessage(java.time.Duration.ofSeconds(30)).committedBlocks();
            assertTrue(!got.isEmpty() && got.size() <= 7, "got " + got.size());
            all.addAll(got);
        }
        for (int i = 0; i < all.size(); i++) assertArrayEquals(f.blocks.get(i).encode(), all.get(i), "encoded block " + (i + 1));
        store.tell(new ChainStore.GetBlocks(f.blocks.size() + 1, 7, p.ref()));
        assertEquals(0, p.receiveMessage().committedBlocks().size());
    }

    @Test
    void recoveryFromASnapshotGivesTheSameHeadAndStateRootAsAFullReplay() {
        // the same chain twice: once with snapshots every 5 events, once without
        ChainFixture f = new ChainFixture(AuctionWorkload.balances());
        ChainFixture g = new ChainFixture(AuctionWorkload.balances());
        ActorTestKit a = ChainFixture.node("node-s", snapDir, 5, 4);
        ActorTestKit b = ChainFixture.node("node-f", replayDir, 0, 4);
        try {
            appendWorkload(a, spawn(a, f), f, new AuctionWorkload(11), 23);
            appendWorkload(b, spawn(b, g), g, new AuctionWorkload(11), 23);
            assertEquals(f.chain.previousHash, g.chain.previousHash);
        } finally {
            a.shutdownTestKit();
            b.shutdownTestKit();
        }
        ActorTestKit a2 = ChainFixture.node("node-s", snapDir, 5, 4);
        ActorTestKit b2 = ChainFixture.node("node-f", replayDir, 0, 4);
        try {
            List<Long> snaps = longs(a2, "select \"sequence_number\" from \"snapshot\" order by 1");
            // 25 events (23 blocks, 2 evidence): snapshots at 5..25, the last two kept
            assertEquals(List.of(20L, 25L), snaps);
            assertEquals(List.of(), longs(b2, "select \"sequence_number\" from \"snapshot\""));
            // Without the events the snapshot covers, only a recovery from the snapshot can reach the head
            // (a replay from genesis would fail on block 21, which does not extend the genesis).
            assertEquals(1, update(a2, "update \"event_journal\" set \"deleted\" = true where \"sequence_number\" = 20"));
            assertEquals(19, update(a2, "delete from \"event_journal\" where \"sequence_number\" < 20"));
            ChainHead fromSnapshot = head(a2, recover(a2, f));
            ChainHead fromReplay = head(b2, recover(b2, g));
            assertHead(f, fromSnapshot);
            assertEquals(fromReplay.height(), fromSnapshot.height());
            assertEquals(fromReplay.hash(), fromSnapshot.hash());
            assertEquals(fromReplay.state().root(), fromSnapshot.state().root());
        } finally {
            a2.shutdownTestKit();
            b2.shutdownTestKit();
        }
    }

    @Test
    void restartAfterASnapshotAndMoreBlocksServesEveryBlockFromMemoryOrJournal() {
        ChainFixture f = new ChainFixture(AuctionWorkload.balances());
        AuctionWorkload w = new AuctionWorkload(5);
        ActorTestKit first = ChainFixture.node("node-m", snapDir, 4, 3);
        try {
            ActorRef<ChainStore.Command> store = spawn(first, f);
            appendWorkload(first, store, f, w, 13);
            checkAllBlocks(first, store, f); // 1..10 from the journal, 11..13 from memory
        } finally {
            first.shutdownTestKit();
        }
        ActorTestKit second = ChainFixture.node("node-m", snapDir, 4, 3);
        try {
            ActorRef<ChainStore.Command> store = recover(second, f);
            assertHead(f, head(second, store));
            checkAllBlocks(second, store, f);
            appendWorkload(second, store, f, w, 6); // the chain continues from the recovered state
            assertHead(f, head(second, store));
        } finally {
            second.shutdownTestKit();
        }
        ActorTestKit third = ChainFixture.node("node-m", snapDir, 4, 3);
        try {
            ActorRef<ChainStore.Command> store = recover(third, f);
            assertHead(f, head(third, store));
            checkAllBlocks(third, store, f);
            // 21 events (19 blocks, 2 evidence), a snapshot every 4: the last two kept
            assertEquals(List.of(16L, 20L), longs(third, "select \"sequence_number\" from \"snapshot\" order by 1"));
            TestProbe<ChainStore.EvidenceList> ev = third.createTestProbe();
            store.tell(new ChainStore.GetEvidence(ev.ref()));
            assertEquals(2, ev.receiveMessage().evidence().size());
        } finally {
            third.shutdownTestKit();
        }
    }

    static int update(ActorTestKit kit, String sql) {
        Config db = kit.system().settings().config().getConfig(JournalSchema.DB);
        try (Connection c = DriverManager.getConnection(db.getString("url"), db.getString("user"), db.getString("password"));
             PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Long> longs(ActorTestKit kit, String sql) {
        Config db = kit.system().settings().config().getConfig(JournalSchema.DB);
        try (Connection c = DriverManager.getConnection(db.getString("url"), db.getString("user"), db.getString("password"));
             PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<Long> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getLong(1));
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
