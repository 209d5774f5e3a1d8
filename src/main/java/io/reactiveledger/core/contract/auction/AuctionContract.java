package io.reactiveledger.core.contract.auction;

import io.reactiveledger.core.contract.CallContext;
import io.reactiveledger.core.contract.ContractResult;
import io.reactiveledger.core.contract.ContractType;
import io.reactiveledger.core.contract.Event;
import io.reactiveledger.core.contract.Payout;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.MerkleMap;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.EndAuction;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.Withdraw;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference article's Solidity {@code Auction} contract with its bugs fixed.
 *
 * <ul>
 *   <li>Creating escrows nothing. A bid escrows its full amount from the bidder's balance.</li>
 *   <li>A bid must be at least the start price and at least the highest bid plus the minimum increment,
 *       arrive in a block whose time is before the end time, and not come from the seller.</li>
 *   <li>An outbid bid's escrow becomes withdrawable by its bidder (pull payment, as the reference's
 *       {@code withdraw()} intended); it is never paid automatically, so a bid cannot fail because of a
 *       refund. The reference let the winner withdraw the winning bid; here the winning bid is never
 *       refundable.</li>
 *   <li>Anyone may end the auction once a block's time reaches the end time. Ending pays the highest bid
 *       to the seller exactly once; with no bids the auction closes unsold.</li>
 *   <li>Withdraw pays the caller's pending refunds exactly once (the entry is set to zero).</li>
 * </ul>
 */
public final class AuctionContract implements ContractType<AuctionState> {
    public static final String NAME = "auction";

    public static final String AUCTION_CLOSED = "AUCTION_CLOSED";
    public static final String AUCTION_ENDED = "AUCTION_ENDED";
    public static final String AUCTION_NOT_ENDED = "AUCTION_NOT_ENDED";
    public static final String BID_TOO_LOW = "BID_TOO_LOW";
    public static final String SELLER_CANNOT_BID = "SELLER_CANNOT_BID";
    public static final String NOTHING_TO_WITHDRAW = "NOTHING_TO_WITHDRAW";
    public static final String END_TIME_NOT_IN_FUTURE = "END_TIME_NOT_IN_FUTURE";
    public static final String UNSUPPORTED_CALL = "UNSUPPORTED_CALL";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<AuctionState> stateType() {
        return AuctionState.class;
    }

    @Override
    public ContractResult<AuctionState> create(Payload.ContractCreate call, CallContext ctx) {
        if (!(call instanceof CreateAuction c)) {
            return ContractResult.failed(UNSUPPORTED_CALL, "auction cannot be created by " + call.getClass().getSimpleName());
        }
        if (c.endTimeMs() <= ctx.blockTimeMs()) {
            return ContractResult.failed(END_TIME_NOT_IN_FUTURE,
                    "end time " + c.endTimeMs() + " is not after the block time " + ctx.blockTimeMs());
        }
        AuctionState state = new AuctionState(ctx.sender(), c.item(), c.startPrice(), c.endTimeMs(), c.minIncrement(),
                ctx.blockTimeMs(), AuctionStatus.OPEN, null, 0, BidHistory.EMPTY, MerkleMap.empty(), 0);
        return ContractResult.ok(state, List.of(Event.of("auction.created",
                "auction", ctx.contractId(), "seller", ctx.sender(), "item", c.item(),
                "startPrice", c.startPrice(), "endTime", c.endTimeMs(), "minIncrement", c.minIncrement())));
    }

    @Override
    public ContractResult<AuctionState> call(AuctionState s, Payload.ContractCall call, CallContext ctx) {
        if (call instanceof Bid b) return bid(s, b, ctx);
        if (call instanceof EndAuction) return end(s, ctx);
        if (call instanceof Withdraw) return withdraw(s, ctx);
        return ContractResult.failed(UNSUPPORTED_CALL, "auction does not accept " + call.getClass().getSimpleName());
    }

    private ContractResult<AuctionState> bid(AuctionState s, Bid b, CallContext ctx) {
        if (s.status() != AuctionStatus.OPEN) {
            return ContractResult.failed(AUCTION_CLOSED, "auction " + ctx.contractId() + " is " + s.status());
        }
        if (ctx.blockTimeMs() >= s.endTimeMs()) {
            return ContractResult.failed(AUCTION_ENDED, "bidding closed at " + s.endTimeMs());
        }
        if (ctx.sender().equals(s.seller())) {
            return ContractResult.failed(SELLER_CANNOT_BID, "the seller cannot bid on their own auction");
        }
        if (b.amount() < s.startPrice()) {
            return ContractResult.failed(BID_TOO_LOW, "bid " + b.amount() + " is below the start price " + s.startPrice());
        }
        if (s.highestBidder() != null && b.amount() - s.highestBid() < s.minIncrement()) {
            return ContractResult.failed(BID_TOO_LOW, "bid " + b.amount() + " must be at least "
                    + minimumNextBid(s) + " (highest " + s.highestBid() + " + increment " + s.minIncrement() + ")");
        }
        List<Event> events = new ArrayList<>(2);
        MerkleMap<Refund> refunds = s.refunds();
        long totalRefundable = s.totalRefundable();
        if (s.highestBidder() != null) {
            Address outbid = s.highestBidder();
            long refund = Math.addExact(s.refundOf(outbid), s.highestBid());
            refunds = refunds.put(Refund.keyOf(outbid), new Refund(outbid, refund));
            totalRefundable = Math.addExact(totalRefundable, s.highestBid());
            events.add(Event.of("auction.outbid", "auction", ctx.contractId(), "bidder", outbid,
                    "amount", s.highestBid(), "withdrawable", refund));
        }
        events.add(Event.of("auction.bid", "auction", ctx.contractId(), "bidder", ctx.sender(), "amount", b.amount()));
        AuctionState next = new AuctionState(s.seller(), s.item(), s.startPrice(), s.endTimeMs(), s.minIncrement(),
                s.createdAtMs(), AuctionStatus.OPEN, ctx.sender(), b.amount(),
                s.bids().append(new BidRecord(ctx.sender(), b.amount(), ctx.blockTimeMs(), ctx.height())),
                refunds, totalRefundable);
        return new ContractResult.Ok<>(next, events, b.amount(), List.of());
    }

    private ContractResult<AuctionState> end(AuctionState s, CallContext ctx) {
        if (s.status() != AuctionStatus.OPEN) {
            return ContractResult.failed(AUCTION_CLOSED, "auction " + ctx.contractId() + " already ended: " + s.status());
        }
        if (ctx.blockTimeMs() < s.endTimeMs()) {
            return ContractResult.failed(AUCTION_NOT_ENDED, "auction ends at " + s.endTimeMs()
                    + ", block time is " + ctx.blockTimeMs());
        }
        boolean sold = s.highestBidder() != null;
        AuctionState next = new AuctionState(s.seller(), s.item(), s.startPrice(), s.endTimeMs(), s.minIncrement(),
                s.createdAtMs(), sold ? AuctionStatus.SOLD : AuctionStatus.UNSOLD, s.highestBidder(), s.highestBid(),
                s.bids(), s.refunds(), s.totalRefundable());
        if (!sold) {
            return ContractResult.ok(next, List.of(Event.of("auction.ended", "auction", ctx.contractId(),
                    "result", "unsold")));
        }
        return new ContractResult.Ok<>(next, List.of(Event.of("auction.ended", "auction", ctx.contractId(),
                "result", "sold", "winner", s.highestBidder(), "price", s.highestBid(), "seller", s.seller())),
                0, List.of(new Payout(s.seller(), s.highestBid())));
    }

    private ContractResult<AuctionState> withdraw(AuctionState s, CallContext ctx) {
        long amount = s.refundOf(ctx.sender());
        if (amount == 0) {
            return ContractResult.failed(NOTHING_TO_WITHDRAW, "no refund pending for " + ctx.sender());
        }
        AuctionState next = new AuctionState(s.seller(), s.item(), s.startPrice(), s.endTimeMs(), s.minIncrement(),
                s.createdAtMs(), s.status(), s.highestBidder(), s.highestBid(), s.bids(),
                s.refunds().put(Refund.keyOf(ctx.sender()), new Refund(ctx.sender(), 0)),
                s.totalRefundable() - amount);
        return new ContractResult.Ok<>(next, List.of(Event.of("auction.withdrawn", "auction", ctx.contractId(),
                "bidder", ctx.sender(), "amount", amount)), 0, List.of(new Payout(ctx.sender(), amount)));
    }

    /** The smallest bid the auction accepts next. */
    public static long minimumNextBid(AuctionState s) {
        if (s.highestBidder() == null) return s.startPrice();
        long next = s.highestBid() + s.minIncrement();
        return next < 0 ? Long.MAX_VALUE : next;
    }
}
