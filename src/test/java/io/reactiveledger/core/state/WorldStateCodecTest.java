package io.reactiveledger.core.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.contract.auction.AuctionState;
import io.reactiveledger.core.contract.auction.AuctionStatus;
import io.reactiveledger.core.crypto.KeyPair;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** A world state encodes canonically and decodes to a state with the same root and contents. */
class WorldStateCodecTest {

    static TestChain run(long seed, int blocks) {
        TestChain chain = new TestChain(AuctionWorkload.balances());
        AuctionWorkload w = new AuctionWorkload(seed);
        for (int i = 0; i < blocks; i++) chain.block(1_000, w.nextBlock(chain));
        return chain;
    }

    static WorldState roundTrip(WorldState s) throws DecodeException {
        byte[] bytes = WorldStateCodec.encode(s);
        WorldState back = WorldStateCodec.decode(bytes);
        assertEquals(s.root(), back.root());
        assertEquals(s.root(), back.rootFromScratch());
        assertArrayEquals(bytes, WorldStateCodec.encode(back));
        assertEquals(s.entryCount(), back.entryCount());
        return back;
    }

    @Test
    void auctionsWithBidHistoriesRefundsAndEndsRoundTrip() throws DecodeException {
        TestChain chain = run(42, 200);
        WorldState back = roundTrip(chain.state);
        // the workload must have produced what this test claims to cover
        int bids = 0;
        int refunds = 0;
        boolean ended = false;
        for (ContractInstance c : chain.state.contracts()) {
            AuctionState a = (AuctionState) c.state();
            AuctionState b = (AuctionState) back.contract(c.id()).state();
            assertEquals(a.bids().toList(), b.bids().toList());
            assertEquals(a.bids().chainHash(), b.bids().chainHash());
            assertEquals(a.refunds().root(), b.refunds().root());
            assertEquals(c.balance(), back.contract(c.id()).balance());
            bids += a.bids().size();
            refunds += a.refunds().size();
            ended |= a.status() != AuctionStatus.OPEN;
        }
        assertTrue(bids > 20 && refunds > 5 && ended, "bids " + bids + ", refunds " + refunds + ", ended " + ended);
        for (Account a : chain.state.accounts()) assertEquals(a, back.account(a.address()));
        assertEquals(chain.state.meta(), back.meta());
    }

    @Property(tries = 30)
    void anyWorkloadRoundTrips(@ForAll long seed, @ForAll @IntRange(min = 0, max = 60) int blocks) throws DecodeException {
        roundTrip(run(seed, blocks).state);
    }

    @Test
    void genesisStateOfManyAccountsRoundTrips() throws DecodeException {
        Map<KeyPair, Long> balances = new HashMap<>();
        for (int i = 0; i < 2_000; i++) balances.put(KeyPair.deterministic("acct-" + i), 1_000L + i);
        roundTrip(new TestChain(balances).state);
    }

    @Test
    void nonCanonicalOrCorruptBytesAreRefusedWithTypedErrors() {
        byte[] good = WorldStateCodec.encode(run(7, 30).state);
        byte[] badVersion = good.clone();
        badVersion[0] = 2;
        assertEquals(DecodeError.UNSUPPORTED_VERSION, assertThrows(DecodeException.class, () -> WorldStateCodec.decode(badVersion)).error());
        assertEquals(DecodeError.TRAILING_BYTES, assertThrows(DecodeException.class,
                () -> WorldStateCodec.decode(Arrays.copyOf(good, good.length + 1))).error());
        assertEquals(DecodeError.TRUNCATED, assertThrows(DecodeException.class,
                () -> WorldStateCodec.decode(Arrays.copyOf(good, good.length - 1))).error());
        SplittableRandom rnd = new SplittableRandom(99);
        int refused = 0;
        for (int i = 0; i < 3_000; i++) {
            byte[] m = good.clone();
            m[rnd.nextInt(m.length)] ^= (byte) (1 + rnd.nextInt(255));
            try {
                WorldState s = WorldStateCodec.decode(m);
                assertArrayEquals(m, WorldStateCodec.encode(s), "a decoded mutant must be canonical");
            } catch (DecodeException e) {
                refused++;
            } catch (RuntimeException e) {
                fail("mutant " + i + " escaped with " + e, e);
            }
        }
        assertTrue(refused > 0);
    }
}
