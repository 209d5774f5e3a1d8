package io.reactiveledger.core.contract.auction;

import io.reactiveledger.core.codec.ByteReader;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.MerkleMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical bytes of an {@link AuctionState}, for snapshots (not hashed; the commitment stays
 * {@link AuctionState#commitment()}):
 * <pre>
 *   [20] seller | u16 len + UTF-8 item | u64 start price | u64 end time | u64 min increment | u64 created at
 *   u8 status | u8 0, or u8 1 + [20] highest bidder | u64 highest bid
 *   u32 bid count | per bid, oldest first: [20] bidder | u64 amount | u64 block time | u64 height
 *   u32 refund count | per refund, in key order: [20] bidder | u64 amount
 *   u64 total refundable
 * </pre>
 * Decoding rebuilds the bid hash chain and the refund map, so the decoded state has the same commitment.
 */
public final class AuctionStateCodec {
    private static final int BID_BYTES = Address.SIZE + 24;
    private static final int REFUND_BYTES = Address.SIZE + 8;

    private AuctionStateCodec() {
    }

    public static void writeTo(AuctionState s, ByteWriter w) {
        w.bytes(s.seller().bytes()).utf8_16(s.item()).u64(s.startPrice()).u64(s.endTimeMs()).u64(s.minIncrement())
                .u64(s.createdAtMs()).u8(s.status().ordinal());
        if (s.highestBidder() == null) w.u8(0);
        else w.u8(1).bytes(s.highestBidder().bytes());
        w.u64(s.highestBid());
        List<BidRecord> bids = s.bids().toList();
        w.u32(bids.size());
        for (BidRecord b : bids) w.bytes(b.bidder().bytes()).u64(b.amount()).u64(b.blockTimeMs()).u64(b.height());
        w.u32(s.refunds().size());
        s.refunds().forEach((k, r) -> w.bytes(r.bidder().bytes()).u64(r.amount()));
        w.u64(s.totalRefundable());
    }

    public static AuctionState read(ByteReader r) throws DecodeException {
        Address seller = Address.of(r.fixed(Address.SIZE, "auction.seller"));
        String item = r.utf8_16(0xFFFF, "auction.item");
        long startPrice = r.u64("auction.startPrice");
        long endTime = r.u64("auction.endTime");
        long minIncrement = r.u64("auction.minIncrement");
        long createdAt = r.u64("auction.createdAt");
        int at = r.position();
        int status = r.u8("auction.status");
        if (status >= AuctionStatus.values().length) {
            throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, "auction.status", at, "unknown status " + status);
        }
        at = r.position();
        int hasBidder = r.u8("auction.hasBidder");
        if (hasBidder > 1) throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, "auction.hasBidder", at, "must be 0 or 1");
        Address bidder = hasBidder == 1 ? Address.of(r.fixed(Address.SIZE, "auction.highestBidder")) : null;
        long highestBid = r.u64("auction.highestBid");
        int bidCount = r.count32(r.remaining() / BID_BYTES, "auction.bids");
        BidHistory bids = BidHistory.EMPTY;
        for (int i = 0; i < bidCount; i++) {
            bids = bids.append(new BidRecord(Address.of(r.fixed(Address.SIZE, "bid.bidder")), r.u64("bid.amount"),
                    r.u64("bid.blockTime"), r.u64("bid.height")));
        }
        int refundCount = r.count32(r.remaining() / REFUND_BYTES, "auction.refunds");
        MerkleMap<Refund> refunds = MerkleMap.empty();
        Hash previousKey = null;
        for (int i = 0; i < refundCount; i++) {
            at = r.position();
            Refund refund = new Refund(Address.of(r.fixed(Address.SIZE, "refund.bidder")), r.u64("refund.amount"));
            Hash key = Refund.keyOf(refund.bidder());
            if (previousKey != null && previousKey.compareTo(key) >= 0) {
                throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, "refund.bidder", at, "refunds not in key order");
            }
            previousKey = key;
            refunds = refunds.put(key, refund);
        }
        long totalRefundable = r.u64("auction.totalRefundable");
        return new AuctionState(seller, item, startPrice, endTime, minIncrement, createdAt, AuctionStatus.values()[status],
                bidder, highestBid, bids, refunds, totalRefundable);
    }
}
