package io.reactiveledger.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.EndAuction;
import io.reactiveledger.core.tx.PredictionRecorded;
import io.reactiveledger.core.tx.Transaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Predictions on chain: recording, refusals, scoring when the auction ends, and the snapshot codec. */
class OracleRulesTest {
    static final long DAY = 86_400_000L;
    final KeyPair seller = TestChain.key("seller");
    final KeyPair alice = TestChain.key("alice");
    final KeyPair bob = TestChain.key("bob");
    final KeyPair oracle = TestChain.key("oracle");
    final KeyPair other = TestChain.key("not-an-oracle");
    TestChain chain;
    long supply;

    private TestChain chain() {
        Map<KeyPair, Long> b = new LinkedHashMap<>();
        for (KeyPair k : List.of(seller, alice, bob, oracle, other)) b.put(k, 1_000_000L);
        TestChain c = new TestChain(b, List.of(oracle));
        supply = c.circulating();
        return c;
    }

    /** An auction ending 5 days after the genesis time, created in block 1; returns its id. */
    private long auction() {
        Receipt r = chain.block(1000, chain.tx(seller, new CreateAuction("Xbox game console", 10, TestChain.GENESIS_TIME + 5 * DAY, 1))).get(0);
        assertTrue(r.isSuccess(), r.toString());
        return 1;
    }

    private Receipt one(Transaction tx, long advance) {
        Receipt r = chain.block(advance, tx).get(0);
        assertEquals(supply, chain.circulating(), "coins are conserved");
        return r;
    }

    @Test
    void genesisWithoutOraclesKeepsItsHashAndStateRoot() {
        Map<KeyPair, Long> b = Map.of(seller, 5L);
        TestChain plain = new TestChain(b);
        TestChain none = new TestChain(b, List.of());
        TestChain withOracle = new TestChain(b, List.of(oracle));
        assertEquals(plain.genesis.hash(), none.genesis.hash());
        assertEquals(plain.genesis.state().root(), none.genesis.state().root());
        assertNotEquals(plain.genesis.hash(), withOracle.genesis.hash());
        assertEquals(List.of(), plain.genesis.state().oracles());
        assertEquals(0, withOracle.genesis.state().oracle(oracle.address()).recorded());
    }

    @Test
    void anOracleRecordsAPredictionForAnOpenAuction() {
        chain = chain();
        long id = auction();
        Receipt r = one(chain.tx(oracle, new PredictionRecorded(id, 120, 90, 150, TestChain.GENESIS_TIME + 5 * DAY, 6500)), 1000);
        assertTrue(r.isSuccess(), r.toString());
        assertEquals("prediction.recorded", r.events().get(0).type());
        AuctionPredictions p = chain.state.predictions(id);
        assertEquals(1, p.predictions().size());
        AuctionPredictions.Prediction x = p.predictions().get(0);
        assertEquals(oracle.address(), x.oracle());
        assertEquals(120, x.price());
        assertEquals(2, x.height());
        assertEquals(6500, x.confidenceBp());
        assertFalse(p.settled());
        assertEquals(1, chain.state.oracle(oracle.address()).recorded());
        assertEquals(supply - 0, chain.circulating());
    }

    @Test
    void refusals() {
        chain = chain();
        long id = auction();
        PredictionRecorded p = new PredictionRecorded(id, 120, 90, 150, 0, 5000);
        Receipt notOracle = one(chain.tx(other, p), 1000);
        assertEquals(OracleRules.NOT_AN_ORACLE, notOracle.code());
        assertEquals(ReceiptStatus.FAILED, notOracle.status()); // the fee is charged, nothing recorded
        assertNull(chain.state.predictions(id));
        assertEquals(OracleRules.NOT_AN_AUCTION, one(chain.tx(oracle, new PredictionRecorded(99, 1, 1, 1, 0, 0)), 1000).code());
        for (int i = 0; i < AuctionPredictions.MAX_PER_ORACLE; i++) assertTrue(one(chain.tx(oracle, p), 1000).isSuccess());
        assertEquals(OracleRules.PREDICTION_LIMIT, one(chain.tx(oracle, p), 1000).code());
        assertEquals(AuctionPredictions.MAX_PER_ORACLE, chain.state.predictions(id).predictions().size());
        // after the end time: closed to predictions
        assertEquals(OracleRules.AUCTION_CLOSED, one(chain.tx(oracle, new PredictionRecorded(id, 5, 5, 5, 0, 0)), 6 * DAY).code());
        // malformed payloads cannot be built (nor decoded)
        assertThrows(IllegalArgumentException.class, () -> new PredictionRecorded(1, 100, 101, 200, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PredictionRecorded(1, 100, 50, 99, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PredictionRecorded(1, 100, 50, 200, 0, 10_001));
        assertThrows(IllegalArgumentException.class, () -> new PredictionRecorded(0, 100, 50, 200, 0, 0));
    }

    @Test
    void endingTheAuctionScoresEachPredictionIntoTheOraclesTrackRecord() {
        chain = chain();
        long id = auction();
        assertTrue(one(chain.tx(alice, new Bid(id, 50)), 1000).isSuccess());
        assertTrue(one(chain.tx(oracle, new PredictionRecorded(id, 120, 90, 150, 0, 5000)), DAY).isSuccess()); // hit, 20% off
        assertTrue(one(chain.tx(oracle, new PredictionRecorded(id, 80, 70, 90, 0, 5000)), DAY).isSuccess());   // miss, 20% off
        assertTrue(one(chain.tx(bob, new Bid(id, 100)), DAY).isSuccess());
        Receipt end = one(chain.tx(bob, new EndAuction(id)), 3 * DAY);
        assertTrue(end.isSuccess(), end.toString());
        assertEquals(2, end.events().stream().filter(e -> e.type().equals("prediction.scored")).count(), end.toString());

        AuctionPredictions p = chain.state.predictions(id);
        assertTrue(p.settled());
        assertEquals(100, p.finalPrice());
        assertEquals(2000, p.predictions().get(0).apeBp());
        assertTrue(p.predictions().get(0).hit());
        assertEquals(2000, p.predictions().get(1).apeBp());
        assertFalse(p.predictions().get(1).hit());
        OracleTrack t = chain.state.oracle(oracle.address());
        assertEquals(2, t.recorded());
        assertEquals(2, t.scored());
        assertEquals(2000, t.mapeBp());
        assertEquals(5000, t.coverageBp());
        // settled once: the auction cannot end again, so the record stays
        assertFalse(one(chain.tx(alice, new EndAuction(id)), 1000).isSuccess());
        assertEquals(2, chain.state.oracle(oracle.address()).scored());
    }

    @Test
    void anUnsoldAuctionScoresNothing() {
        chain = chain();
        long id = auction();
        assertTrue(one(chain.tx(oracle, new PredictionRecorded(id, 120, 90, 150, 0, 5000)), DAY).isSuccess());
        assertTrue(one(chain.tx(alice, new EndAuction(id)), 5 * DAY).isSuccess());
        assertTrue(chain.state.predictions(id).settled());
        assertEquals(0, chain.state.oracle(oracle.address()).scored());
    }

    @Test
    void apeIsExactAndCapped() {
        assertEquals(0, AuctionPredictions.apeBp(100, 100));
        assertEquals(3333, AuctionPredictions.apeBp(200, 300));
        assertEquals(AuctionPredictions.MAX_APE_BP, AuctionPredictions.apeBp(Long.MAX_VALUE, 1));
    }

    @Test
    void snapshotsKeepPredictionsAndTrackRecords() throws DecodeException {
        chain = chain();
        long id = auction();
        one(chain.tx(alice, new Bid(id, 50)), 1000);
        one(chain.tx(oracle, new PredictionRecorded(id, 60, 40, 70, 123, 4200)), 1000);
        WorldState open = WorldStateCodec.decode(WorldStateCodec.encode(chain.state));
        assertEquals(chain.state.root(), open.root());
        assertEquals(chain.state.predictions(id), open.predictions(id));
        one(chain.tx(bob, new EndAuction(id)), 6 * DAY);
        byte[] bytes = WorldStateCodec.encode(chain.state);
        WorldState back = WorldStateCodec.decode(bytes);
        assertEquals(chain.state.root(), back.root());
        assertEquals(chain.state.rootFromScratch(), back.root());
        assertEquals(chain.state.predictions(id), back.predictions(id));
        assertEquals(chain.state.oracle(oracle.address()), back.oracle(oracle.address()));
        assertEquals(1, back.oracle(oracle.address()).scored());
    }

    @Test
    void predictionTransactionsRoundTripThroughTheCodec() throws DecodeException {
        chain = chain();
        Transaction tx = chain.tx(oracle, new PredictionRecorded(7, 130, 100, 170, 1_767_225_600_000L, 8000));
        assertEquals(tx.payload(), Transaction.decode(tx.encoded()).payload());
    }
}
