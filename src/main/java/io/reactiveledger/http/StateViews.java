package io.reactiveledger.http;

import io.reactiveledger.core.contract.auction.AuctionState;
import io.reactiveledger.core.contract.auction.BidRecord;
import io.reactiveledger.core.state.Account;
import io.reactiveledger.core.state.ContractInstance;
import java.util.List;

/** JSON views of accounts and auctions, read from the latest committed state. */
public final class StateViews {
    private StateViews() {
    }

    /** {@code nonce} is the nonce the account's next transaction must carry. */
    public record AccountJson(String address, long balance, long nonce) {
    }

    /**
     * Mirrors {@link AuctionState} (plus the contract's id and escrow balance); {@code highestBidder} is
     * null before the first bid.
     */
    public record AuctionJson(long id, String seller, String item, long startPrice, long endTimeMs, long minIncrement,
                              long createdAtMs, String status, long highestBid, String highestBidder,
                              long totalRefundable, long balance, int bidCount, List<BidJson> bids) {
    }

    /** Mirrors {@link BidRecord}: {@code timeMs} is the time of the block that included the bid. */
    public record BidJson(String bidder, long amount, long height, long timeMs) {
    }

    public record AuctionListJson(List<AuctionJson> auctions, Long next) {
    }

    public static AccountJson account(Account a) {
        return new AccountJson(a.address().hex(), a.balance(), a.nextNonce());
    }

    public static AuctionJson auction(ContractInstance c) {
        AuctionState s = (AuctionState) c.state();
        List<BidJson> bids = s.bids().toList().stream()
                .map(b -> new BidJson(b.bidder().hex(), b.amount(), b.height(), b.blockTimeMs())).toList();
        return new AuctionJson(c.id(), s.seller().hex(), s.item(), s.startPrice(), s.endTimeMs(), s.minIncrement(),
                s.createdAtMs(), s.status().name(), s.highestBid(), s.highestBidder() == null ? null : s.highestBidder().hex(),
                s.totalRefundable(), c.balance(), s.bids().size(), bids);
    }
}
