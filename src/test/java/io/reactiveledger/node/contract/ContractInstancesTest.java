package io.reactiveledger.node.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.contract.auction.AuctionState;
import io.reactiveledger.core.contract.auction.AuctionStatus;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.state.AuctionWorkload;
import io.reactiveledger.core.state.ContractInstance;
import io.reactiveledger.core.state.TestChain;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.node.NodeConfig;
import io.reactiveledger.node.chain.ChainFixture;
import io.reactiveledger.node.chain.ChainStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Contract instances as event-sourced actors hold the committed auctions, across restarts and catch-up. */
@Timeout(120)
class ContractInstancesTest {
    @TempDir
    Path dataDir;

    private static ActorRef<ChainStore.Command> chain(ActorTestKit kit, ChainFixture f) {
        return kit.spawn(ChainStore.create(NodeConfig.persistenceId(kit.system(), "chain", TestChain.CHAIN),
                f.chain.genesis, f.chain.transition), "chain");
    }

    private static ActorRef<ContractInstances.Command> instances(ActorTestKit kit, ActorRef<ChainStore.Command> chain) {
        return kit.spawn(ContractInstances.create("node-c", TestChain.CHAIN, chain, ContractRegistry.standard()), "contracts");
    }

    private static void append(ActorTestKit kit, ActorRef<ChainStore.Command> chain, ChainFixture f, AuctionWorkload w, int blocks) {
        TestProbe<ChainStore.Appended> p = kit.createTestProbe();
        for (int i = 0; i < blocks; i++) {
            chain.tell(new ChainStore.Append(f.next(1_000, w.nextBlock(f.chain)), null, p.ref()));
            assertTrue(p.receiveMessage(Duration.ofSeconds(20)).ok());
        }
    }

    private static ContractActor.StateView view(ActorTestKit kit, ActorRef<ContractInstances.Command> parent, long id) {
        TestProbe<ContractActor.StateView> p = kit.createTestProbe();
        parent.tell(new ContractInstances.GetContract(id, p.ref()));
        return p.receiveMessage(Duration.ofSeconds(20));
    }

    /** Every contract of the committed state has an instance with the same state and no mismatch. */
    private static void assertInstancesMatch(ActorTestKit kit, ActorRef<ContractInstances.Command> parent, ChainFixture f) {
        List<ContractInstance> contracts = f.chain.state.contracts();
        assertTrue(contracts.size() >= 2, "workload created " + contracts.size() + " auctions");
        kit.createTestProbe().awaitAssert(Duration.ofSeconds(20), () -> {
            for (ContractInstance c : contracts) {
                ContractActor.StateView v = view(kit, parent, c.id());
                assertTrue(v.exists(), "instance " + c.id());
                assertEquals(List.of(), v.mismatches());
                assertEquals(c.state().commitment(), v.stateHash(), "contract " + c.id());
                AuctionState want = (AuctionState) c.state();
                AuctionState got = (AuctionState) v.state();
                assertEquals(want.bids().toList(), got.bids().toList());
                assertEquals(want.status(), got.status());
                assertEquals(want.highestBid(), got.highestBid());
                assertEquals(want.totalRefundable(), got.totalRefundable());
            }
            return null;
        });
    }

    @Test
    void instancesHoldTheCommittedAuctionsAfterBlocksAndAfterRestart() {
        ChainFixture f = new ChainFixture(AuctionWorkload.balances());
        AuctionWorkload w = new AuctionWorkload(3);
        ActorTestKit first = ChainFixture.node("node-c", dataDir, 3, 5);
        try {
            ActorRef<ChainStore.Command> chain = chain(first, f);
            ActorRef<ContractInstances.Command> parent = instances(first, chain);
            append(first, chain, f, w, 40);
            assertInstancesMatch(first, parent, f);
            // the workload exercised create, bids, ends and withdrawals
            boolean ended = false;
            boolean outbid = false;
            boolean withdrawn = false;
            for (ContractInstance c : f.chain.state.contracts()) {
                AuctionState a = (AuctionState) c.state();
                ended |= a.status() != AuctionStatus.OPEN;
                outbid |= a.bids().size() > 1;
                withdrawn |= hasWithdrawnRefund(a);
            }
            assertTrue(ended && outbid && withdrawn, "ended " + ended + ", outbid " + outbid + ", withdrawn " + withdrawn);
            assertFalse(view(first, parent, 999).exists());
        } finally {
            first.shutdownTestKit();
        }
        ActorTestKit second = ChainFixture.node("node-c", dataDir, 3, 5);
        try {
            ActorRef<ChainStore.Command> chain = chain(second, f);
            // instances with at least 3 applied calls recover from their own snapshots (every 3 events)
            assertFalse(longs(second, "select \"sequence_number\" from \"snapshot\" where \"persistence_id\" like 'node-c:contract|%'").isEmpty());
            ActorRef<ContractInstances.Command> parent = instances(second, chain);
            assertInstancesMatch(second, parent, f); // from their own journals (and snapshots)
            append(second, chain, f, w, 5);
            assertInstancesMatch(second, parent, f);
        } finally {
            second.shutdownTestKit();
        }
    }

    static List<Long> longs(ActorTestKit kit, String sql) {
        com.typesafe.config.Config db = kit.system().settings().config().getConfig(io.reactiveledger.node.JournalSchema.DB);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.getString("url"), db.getString("user"), db.getString("password"));
             java.sql.PreparedStatement ps = c.prepareStatement(sql); java.sql.ResultSet rs = ps.executeQuery()) {
            List<Long> out = new java.util.ArrayList<>();
            while (rs.next()) out.add(rs.getLong(1));
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A withdrawn refund stays in the map with amount zero. */
    private static boolean hasWithdrawnRefund(AuctionState a) {
        boolean[] found = {false};
        a.refunds().forEach((k, r) -> found[0] |= r.amount() == 0);
        return found[0];
    }

    @Test
    void instancesBehindTheChainCatchUpFromCommittedBlocks() {
        ChainFixture f = new ChainFixture(AuctionWorkload.balances());
        AuctionWorkload w = new AuctionWorkload(8);
        ActorTestKit first = ChainFixture.node("node-c", dataDir, 10, 5);
        try {
            ActorRef<ChainStore.Command> chain = chain(first, f);
            ActorRef<ContractInstances.Command> parent = instances(first, chain);
            append(first, chain, f, w, 20);
            assertInstancesMatch(first, parent, f);
        } finally {
            first.shutdownTestKit();
        }
        long before = f.chain.state.meta().nextContractId();
        ActorTestKit second = ChainFixture.node("node-c", dataDir, 10, 5);
        try { // the chain grows while no contract instances run
            append(second, chain(second, f), f, w, 25);
        } finally {
            second.shutdownTestKit();
        }
        assertTrue(f.chain.state.meta().nextContractId() > before, "new auctions were created meanwhile");
        ActorTestKit third = ChainFixture.node("node-c", dataDir, 10, 5);
        try {
            ActorRef<ChainStore.Command> chain = chain(third, f);
            ActorRef<ContractInstances.Command> parent = instances(third, chain);
            assertInstancesMatch(third, parent, f);
            // the instances answer queries while the parent still collects their views: wait for the checks
            third.createTestProbe().awaitAssert(Duration.ofSeconds(20), () -> {
                long caughtUp = 0;
                for (ContractInstance c : f.chain.state.contracts()) {
                    ContractActor.StateView v = view(third, parent, c.id());
                    assertEquals(f.chain.height, v.checkedHeight(), "contract " + c.id() + " checked at the head");
                    assertEquals(List.of(), v.mismatches());
                    if (c.id() < before && v.lastAppliedHeight() > 20) caughtUp++;
                }
                assertTrue(caughtUp > 0, "some instance applied calls from blocks 21..45 during catch-up");
                return null;
            });
        } finally {
            third.shutdownTestKit();
        }
    }

    /** Contract ids of creates are assigned only to successful ones: a failed create in between must not shift them. */
    @Test
    void createsInOneBlockGetTheIdsTheStateTransitionGaveThem() {
        ChainFixture f = new ChainFixture(AuctionWorkload.balances());
        ActorTestKit kit = ChainFixture.node("node-c", dataDir, 10, 5);
        try {
            ActorRef<ChainStore.Command> chain = chain(kit, f);
            ActorRef<ContractInstances.Command> parent = instances(kit, chain);
            List<io.reactiveledger.core.crypto.KeyPair> k = AuctionWorkload.KEYS;
            long end = TestChain.GENESIS_TIME + 600_000;
            List<Transaction> txs = List.of(
                    f.chain.tx(k.get(0), new CreateAuction("first", 10, end, 1)),
                    f.chain.tx(k.get(1), new CreateAuction("refused: ends in the past", 10, TestChain.GENESIS_TIME, 1)),
                    f.chain.tx(k.get(2), new CreateAuction("second", 50, end, 1)),
                    f.chain.tx(k.get(3), new Bid(2, 60)),
                    f.chain.tx(k.get(4), new Bid(1, 11)));
            TestProbe<ChainStore.Appended> p = kit.createTestProbe();
            chain.tell(new ChainStore.Append(f.next(1_000, txs), null, p.ref()));
            ChainStore.Appended a = p.receiveMessage(Duration.ofSeconds(20));
            assertTrue(a.ok());
            assertEquals(List.of(true, false, true, true, true), a.receipts().stream().map(r -> r.isSuccess()).toList());
            assertEquals(2, f.chain.state.contracts().size());
            assertInstancesMatch(kit, parent, f);
            assertEquals("second", ((AuctionState) view(kit, parent, 2).state()).item());
            assertEquals(60, ((AuctionState) view(kit, parent, 2).state()).highestBid());
        } finally {
            kit.shutdownTestKit();
        }
    }

    @Test
    void aStateThatDiffersFromTheCommittedOneIsReportedAsAMismatch() {
        ChainFixture f = new ChainFixture(AuctionWorkload.balances());
        ActorTestKit kit = ChainFixture.node("node-c", dataDir, 10, 5);
        try {
            ActorRef<ContractActor.Command> instance = kit.spawn(ContractActor.create(
                    NodeConfig.persistenceId(kit.system(), "contract", TestChain.CHAIN + "-1"), 1, "auction",
                    ContractRegistry.standard()));
            Transaction create = f.chain.tx(AuctionWorkload.KEYS.get(0), new CreateAuction("lamp", 10, TestChain.GENESIS_TIME + 60_000, 1));
            f.next(1_000, create);
            Hash committed = f.chain.state.contract(1).state().commitment();
            TestProbe<ContractActor.StateView> p = kit.createTestProbe();
            instance.tell(new ContractActor.ApplyCalls(1, f.chain.time, List.of(new ContractActor.Call(0, create)), committed, p.ref()));
            ContractActor.StateView ok = p.receiveMessage(Duration.ofSeconds(20));
            assertEquals(committed, ok.stateHash());
            assertEquals(List.of(), ok.mismatches());

            Transaction bid = f.chain.tx(AuctionWorkload.KEYS.get(1), new Bid(1, 20));
            f.next(1_000, bid);
            Hash wrong = Hash.ZERO;
            instance.tell(new ContractActor.ApplyCalls(2, f.chain.time, List.of(new ContractActor.Call(0, bid)), wrong, p.ref()));
            ContractActor.StateView bad = p.receiveMessage(Duration.ofSeconds(20));
            assertEquals(1, bad.mismatches().size(), bad.mismatches().toString());
            assertTrue(bad.mismatches().get(0).contains("height 2"), bad.mismatches().get(0));
            // the instance's own state is still the correct one
            assertEquals(f.chain.state.contract(1).state().commitment(), bad.stateHash());
            assertEquals(2, bad.lastAppliedHeight());

            // a call the contract refuses although the core applied it is a mismatch too
            Transaction lowBid = f.chain.tx(AuctionWorkload.KEYS.get(2), new Bid(1, 1));
            instance.tell(new ContractActor.ApplyCalls(3, f.chain.time + 1_000, List.of(new ContractActor.Call(0, lowBid)), null, p.ref()));
            assertEquals(2, p.receiveMessage(Duration.ofSeconds(20)).mismatches().size());
        } finally {
            kit.shutdownTestKit();
        }
    }
}
