package io.reactiveledger.core.contract.auction;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.contract.ContractState;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.MerkleMap;
import io.reactiveledger.core.crypto.Sha256;

/**
 * One English auction. Invariant kept by {@link AuctionContract} and checked by tests: the contract's
 * balance equals {@code totalRefundable} plus, while OPEN, the highest bid.
 *
 * @param highestBidder null until the first bid
 * @param refunds       withdrawable escrow of outbid bids, by bidder (zero once withdrawn)
 */
public record AuctionState(Address seller, String item, long startPrice, long endTimeMs, long minIncrement,
                           long createdAtMs, AuctionStatus status, Address highestBidder, long highestBid,
                           BidHistory bids, MerkleMap<Refund> refunds, long totalRefundable)
        implements ContractState {

    public long refundOf(Address bidder) {
        Refund r = refunds.get(Refund.keyOf(bidder));
        return r == null ? 0 : r.amount();
    }

    /** Escrow the contract must hold for this state. */
    public long escrowHeld() {
        return totalRefundable + (status == AuctionStatus.OPEN ? highestBid : 0);
    }

    @Override
    public Hash commitment() {
        ByteWriter w = new ByteWriter(256)
                .bytes(seller.bytes()).utf8_16(item)
                .u64(startPrice).u64(endTimeMs).u64(minIncrement).u64(createdAtMs)
                .u8(status.ordinal());
        if (highestBidder == null) w.u8(0);
        else w.u8(1).bytes(highestBidder.bytes());
        w.u64(highestBid).u32(bids.size()).bytes(bids.chainHash().bytes())
                .bytes(refunds.root().bytes()).u64(totalRefundable);
        return Sha256.tagged(0x23, w.toByteArray());
    }
}
