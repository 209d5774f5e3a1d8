package io.reactiveledger.node.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.state.ReceiptStatus;
import io.reactiveledger.core.state.TestChain;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.node.NodeConfig;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Receipts are persisted with each block, served by GetBlock and GetBlockRange and survive a restart. */
@Timeout(60)
class ChainStoreReceiptsTest {
    @TempDir
    Path dataDir;

    static final KeyPair ALICE = TestChain.key("alice");
    static final KeyPair BOB = TestChain.key("bob");

    @Test
    void getBlockServesBlocksWithTheirReceiptsBeforeAndAfterRestart() {
        ChainFixture f = new ChainFixture(Map.of(ALICE, 1_000_000L, BOB, 10L));
        ActorTestKit first = ChainFixture.node("node-r", dataDir, 100, 1000);
        try {
            ActorRef<ChainStore.Command> store = spawn(first, f);
            for (int i = 0; i < 5; i++) {
                // one success and one failure (Bob cannot pay 1,000) per block
                append(first, store, f.next(1000, f.chain.tx(ALICE, new Transfer(BOB.address(), 7)),
                        f.chain.tx(BOB, new Transfer(ALICE.address(), 1_000))));
            }
            checkBlocks(first, store, f);
        } finally {
            first.shutdownTestKit();
        }
        ActorTestKit second = ChainFixture.node("node-r", dataDir, 100, 1000);
        try {
            ActorRef<ChainStore.Command> store = spawn(second, f);
            checkBlocks(second, store, f);
        } finally {
            second.shutdownTestKit();
        }
    }

    @Test
    void getBlockRangeServesConsecutiveBlocksWithReceiptsFromMemoryAndFromTheJournal() {
        ChainFixture f = new ChainFixture(Map.of(ALICE, 1_000_000L, BOB, 10L));
        ActorTestKit kit = ChainFixture.node("node-r", dataDir, 100, 3); // only blocks 6..8 stay in memory
        try {
            ActorRef<ChainStore.Command> store = spawn(kit, f);
            for (int i = 0; i < 8; i++) {
                append(kit, store, f.next(1000, f.chain.tx(ALICE, new Transfer(BOB.address(), 7)),
                        f.chain.tx(BOB, new Transfer(ALICE.address(), 1_000))));
                // a non-block event between blocks: heights and journal sequence numbers differ from here on
                if (i == 2) store.tell(new ChainStore.StoreEvidence(new byte[] {1, 2, 3}));
            }
            checkRange(range(kit, store, 1, 50), f, 1, 8);  // journal (one range query), across the evidence event
            checkRange(range(kit, store, 2, 3), f, 2, 4);   // journal, bounded by max
            checkRange(range(kit, store, 6, 50), f, 6, 8);  // memory
            assertEquals(0, range(kit, store, 9, 5).blocks().size());
            assertEquals(0, range(kit, store, 1, 0).blocks().size());
        } finally {
            kit.shutdownTestKit();
        }
    }

    static ChainStore.BlockRange range(ActorTestKit kit, ActorRef<ChainStore.Command> store, long from, int max) {
        TestProbe<ChainStore.BlockRange> p = kit.createTestProbe();
        store.tell(new ChainStore.GetBlockRange(from, max, p.ref()));
        return p.receiveMessage(java.time.Duration.ofSeconds(20));
    }

    static void checkRange(ChainStore.BlockRange r, ChainFixture f, int from, int to) {
        assertEquals(to - from + 1, r.blocks().size());
        for (int i = 0; i < r.blocks().size(); i++) {
            ChainStore.BlockAt at = r.blocks().get(i);
            int h = from + i;
            assertEquals(h, at.height());
            assertEquals(f.blocks.get(h - 1).block().hash(), at.block().block().hash());
            assertEquals(f.results.get(h - 1).receipts(), at.receipts());
            assertEquals(ReceiptStatus.FAILED, at.receipts().get(1).status());
        }
    }

    static ActorRef<ChainStore.Command> spawn(ActorTestKit kit, ChainFixture f) {
        return kit.spawn(ChainStore.create(NodeConfig.persistenceId(kit.system(), "chain", TestChain.CHAIN),
                f.chain.genesis, f.chain.transition));
    }

    static ChainStore.Appended append(ActorTestKit kit, ActorRef<ChainStore.Command> store, CommittedBlock cb) {
        TestProbe<ChainStore.Appended> p = kit.createTestProbe();
        store.tell(new ChainStore.Append(cb, null, p.ref()));
        ChainStore.Appended a = p.receiveMessage(java.time.Duration.ofSeconds(20));
        assertTrue(a.ok(), a.error());
        assertEquals(cb.block().height(), a.head().height());
        return a;
    }

    static ChainStore.BlockAt get(ActorTestKit kit, ActorRef<ChainStore.Command> store, long height) {
        TestProbe<ChainStore.BlockAt> p = kit.createTestProbe();
        store.tell(new ChainStore.GetBlock(height, p.ref()));
        return p.receiveMessage(java.time.Duration.ofSeconds(20));
    }

    static void checkBlocks(ActorTestKit kit, ActorRef<ChainStore.Command> store, ChainFixture f) {
        for (int h = 1; h <= f.blocks.size(); h++) {
            ChainStore.BlockAt at = get(kit, store, h);
            assertEquals(h, at.height());
            assertEquals(f.blocks.get(h - 1).block().hash(), at.block().block().hash());
            assertEquals(f.results.get(h - 1).receipts(), at.receipts());
        }
        assertEquals(ReceiptStatus.FAILED, get(kit, store, 1).receipts().get(1).status());
        assertNull(get(kit, store, f.blocks.size() + 1).block());
        assertNull(get(kit, store, 0).block());
    }
}
