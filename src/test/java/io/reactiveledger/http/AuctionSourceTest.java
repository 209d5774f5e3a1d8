package io.reactiveledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.reactiveledger.core.contract.auction.AuctionState;
import io.reactiveledger.core.contract.auction.AuctionStatus;
import io.reactiveledger.core.contract.auction.BidHistory;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.MerkleMap;
import io.reactiveledger.core.state.ContractInstance;
import io.reactiveledger.node.contract.ContractActor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/auctions/{id}}: the instance's state only when it is the committed one, else the world state's. */
class AuctionSourceTest {
    private static final Address SELLER = Address.of(new byte[Address.SIZE]);

    private static AuctionState auction(String item, long highestBid) {
        return new AuctionState(SELLER, item, 10, 60_000, 1, 0, AuctionStatus.OPEN, highestBid == 0 ? null : SELLER,
                highestBid, BidHistory.EMPTY, MerkleMap.empty(), 0);
    }

    private static ContractActor.StateView view(long id, AuctionState s) {
        return new ContractActor.StateView(id, "auction", s, s == null ? null : s.commitment(), 3, 3, List.of());
    }

    @Test
    void anInstanceHoldingTheCommittedStateServesItWithTheWorldStatesBalance() {
        ContractInstance committed = new ContractInstance(7, "auction", 25, auction("lamp", 25));
        AuctionState held = auction("lamp", 25); // an equal state, another object: the instance's
        ContractInstance served = StateRoutes.served(committed, view(7, held));
        assertSame(held, served.state());
        assertEquals(25, served.balance());
        assertEquals(StateViews.auction(committed), StateViews.auction(served), "the JSON does not depend on the source");
    }

    @Test
    void otherwiseTheWorldStateServes() {
        ContractInstance committed = new ContractInstance(7, "auction", 25, auction("lamp", 25));
        assertSame(committed, StateRoutes.served(committed, null), "no instance actors, or no answer in time");
        assertSame(committed, StateRoutes.served(committed, view(7, null)), "instance without a state yet");
        assertSame(committed, StateRoutes.served(committed, view(7, auction("lamp", 12))), "instance behind (or ahead)");
        assertSame(committed, StateRoutes.served(committed, view(8, auction("lamp", 25))), "another contract's view");
    }
}
