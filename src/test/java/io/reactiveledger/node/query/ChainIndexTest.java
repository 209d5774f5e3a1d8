package io.reactiveledger.node.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.BlockHeader;
import io.reactiveledger.core.block.CommitCertificate;
import io.reactiveledger.core.block.CommitSignature;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.crypto.Sha256;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.core.state.ReceiptStatus;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import io.reactiveledger.node.chain.ChainStore;
import io.reactiveledger.node.consensus.ConsensusActor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The read model indexes every height exactly once, in order, whatever the race between paging and live blocks. */
class ChainIndexTest {
    static {
        org.slf4j.LoggerFactory.getILoggerFactory(); // initialise logging before the test kit's threads log
    }

    static final ActorTestKit KIT = ActorTestKit.create();
    static final String CHAIN = "index-test";
    static final KeyPair KEY = KeyPair.deterministic("index-test-sender");
    static final WorldState STATE = WorldState.initial(CHAIN, Map.of());

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    /** Synthetic committed blocks 1..n with one transfer each (the index does not verify certificates). */
    static List<CommittedBlock> chain(int n) {
        List<CommittedBlock> out = new ArrayList<>();
        Hash prev = Sha256.hash("genesis".getBytes(StandardCharsets.UTF_8));
        for (int h = 1; h <= n; h++) {
            Transaction tx = Transaction.sign(new TxBody(CHAIN, KEY.publicKey(), h - 1, 1, new Transfer(KEY.address(), h), ""), KEY);
            BlockHeader header = new BlockHeader(CHAIN, h, 1_000L * h, prev, Block.txRootOf(List.of(tx)), Hash.ZERO,
                    KEY.address(), Hash.ZERO);
            Block b = new Block(header, List.of(tx));
            out.add(new CommittedBlock(b, new CommitCertificate(h, 0, b.hash(), List.of(new CommitSignature(KEY.address(), new byte[64])))));
            prev = b.hash();
        }
        return out;
    }

    static ConsensusActor.Committed live(CommittedBlock b) {
        Transaction tx = b.block().transactions().get(0);
        return new ConsensusActor.Committed(new ChainHead(b.block().height(), b.block().hash(), 0, STATE), b,
                List.of(new Receipt(tx.hash(), ReceiptStatus.SUCCESS, "", "", 1, List.of())));
    }

    static ChainStore.Blocks page(List<CommittedBlock> blocks, int from, int to) {
        List<byte[]> out = new ArrayList<>();
        for (int h = from; h <= to; h++) out.add(blocks.get(h - 1).encode());
        return new ChainStore.Blocks(out);
    }

    @Test
    void pagingAndLiveBlocksInterleaveWithoutGapOrDuplicate() {
        List<CommittedBlock> blocks = chain(8);
        TestProbe<ChainStore.Command> store = KIT.createTestProbe();
        TestProbe<ConsensusActor.Command> consensus = KIT.createTestProbe();
        List<Long> seen = new CopyOnWriteArrayList<>();
        ActorRef<ChainIndex.Command> index = KIT.spawn(ChainIndex.create(store.ref(), consensus.ref(),
                ChainIndex.Settings.defaults(), (b, r, isLive) -> seen.add(b.block().height())));

        ActorRef<ConsensusActor.Committed> feed = consensus.expectMessageClass(ConsensusActor.Subscribe.class).subscriber();
        ChainStore.GetBlocks first = store.expectMessageClass(ChainStore.GetBlocks.class);
        assertEquals(1, first.fromHeight());
        // live blocks 4 and 3 arrive (out of order) while the start-up page is on its way
        feed.tell(live(blocks.get(3)));
        feed.tell(live(blocks.get(2)));
        first.replyTo().tell(page(blocks, 1, 3)); // the store already had 1..3
        ChainStore.GetBlocks second = store.expectMessageClass(ChainStore.GetBlocks.class);
        assertEquals(5, second.fromHeight());
        second.replyTo().tell(page(blocks, 1, 0)); // nothing more: caught up
        feed.tell(live(blocks.get(4)));
        feed.tell(live(blocks.get(4))); // duplicate delivery is ignored

        TestProbe<ChainIndex.Indexed> heights = KIT.createTestProbe();
        index.tell(new ChainIndex.AwaitHeight(5, Duration.ofSeconds(5), heights.ref()));
        assertEquals(5, heights.receiveMessage().height());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seen);

        // block 3 was indexed from the page but its receipt came with the live copy
        TestProbe<ChainIndex.TxFound> found = KIT.createTestProbe();
        Hash tx3 = blocks.get(2).block().transactions().get(0).hash();
        index.tell(new ChainIndex.FindTx(tx3, found.ref()));
        ChainIndex.TxFound f = found.receiveMessage();
        assertEquals(3, f.location().height());
        assertEquals(0, f.location().index());
        assertEquals(tx3, f.receipt().txHash());

        // a waiter for height 7; live 7 arrives before 6: the index pages the store for the gap
        index.tell(new ChainIndex.AwaitHeight(7, Duration.ofSeconds(5), heights.ref()));
        TestProbe<ChainIndex.TxFound> txWaiter = KIT.createTestProbe();
        Hash tx6 = blocks.get(5).block().transactions().get(0).hash();
        index.tell(new ChainIndex.AwaitTx(tx6, Duration.ofSeconds(5), txWaiter.ref()));
        heights.expectNoMessage(Duration.ofMillis(100));
        feed.tell(live(blocks.get(6)));
        ChainStore.GetBlocks gap = store.expectMessageClass(ChainStore.GetBlocks.class);
        assertEquals(6, gap.fromHeight());
        gap.replyTo().tell(page(blocks, 6, 7));
        assertEquals(7, heights.receiveMessage().height());
        ChainIndex.TxFound six = txWaiter.receiveMessage();
        assertEquals(6, six.location().height());
        assertNull(six.receipt(), "block 6 came only from the store, which sent no receipts");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), seen);
        store.expectMessageClass(ChainStore.GetBlocks.class).replyTo().tell(page(blocks, 1, 0));

        TestProbe<ChainIndex.Info> info = KIT.createTestProbe();
        index.tell(new ChainIndex.GetInfo(info.ref()));
        ChainIndex.Info i = info.receiveMessage();
        assertEquals(7, i.indexedHeight());
        assertTrue(i.caughtUp());
        assertEquals(7L, i.lastSigned().get(KEY.address()));
    }

    @Test
    void aTxHashWindowForgetsTheTransactionsOfOlderBlocks() {
        List<CommittedBlock> blocks = chain(6);
        TestProbe<ChainStore.Command> store = KIT.createTestProbe();
        TestProbe<ConsensusActor.Command> consensus = KIT.createTestProbe();
        ChainIndex.Settings d = ChainIndex.Settings.defaults();
        ActorRef<ChainIndex.Command> index = KIT.spawn(ChainIndex.create(store.ref(), consensus.ref(),
                new ChainIndex.Settings(d.maxReceiptBlocks(), d.maxWaiters(), d.tick(), 2), null));
        store.expectMessageClass(ChainStore.GetBlocks.class).replyTo().tell(page(blocks, 1, 6));
        store.expectMessageClass(ChainStore.GetBlocks.class).replyTo().tell(page(blocks, 1, 0));
        TestProbe<ChainIndex.Indexed> heights = KIT.createTestProbe();
        index.tell(new ChainIndex.AwaitHeight(6, Duration.ofSeconds(5), heights.ref()));
        assertEquals(6, heights.receiveMessage().height());
        TestProbe<ChainIndex.TxFound> found = KIT.createTestProbe();
        for (int h = 1; h <= 6; h++) {
            index.tell(new ChainIndex.FindTx(blocks.get(h - 1).block().transactions().get(0).hash(), found.ref()));
            ChainIndex.TxLocation loc = found.receiveMessage().location();
            if (h <= 4) assertNull(loc, "block " + h + " is outside the window of the last 2 blocks");
            else assertEquals(h, loc.height());
        }
    }

    @Test
    void theTxHashWindowIsReadFromLedgerHttpTxIndexBlocks() {
        assertEquals(0, ChainIndex.Settings.fromConfig(com.typesafe.config.ConfigFactory.load()).txHashBlocks(), "ledger.conf keeps all");
        assertEquals(500, ChainIndex.Settings.fromConfig(com.typesafe.config.ConfigFactory.parseString(
                "ledger.http.tx-index-blocks = 500")).txHashBlocks());
    }

    @Test
    void waitersGetAnAnswerAtTheirDeadline() {
        TestProbe<ChainStore.Command> store = KIT.createTestProbe();
        TestProbe<ConsensusActor.Command> consensus = KIT.createTestProbe();
        ActorRef<ChainIndex.Command> index = KIT.spawn(ChainIndex.create(store.ref(), consensus.ref(),
                ChainIndex.Settings.defaults(), null));
        store.expectMessageClass(ChainStore.GetBlocks.class).replyTo().tell(new ChainStore.Blocks(List.of()));
        TestProbe<ChainIndex.TxFound> tx = KIT.createTestProbe();
        index.tell(new ChainIndex.AwaitTx(Hash.ZERO, Duration.ofMillis(200), tx.ref()));
        assertNull(tx.receiveMessage(Duration.ofSeconds(5)).location());
        TestProbe<ChainIndex.Indexed> h = KIT.createTestProbe();
        index.tell(new ChainIndex.AwaitHeight(3, Duration.ofMillis(200), h.ref()));
        assertEquals(0, h.receiveMessage(Duration.ofSeconds(5)).height());
    }
}
