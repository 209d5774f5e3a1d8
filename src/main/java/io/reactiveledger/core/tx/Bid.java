package io.reactiveledger.core.tx;

import io.reactiveledger.core.codec.ByteWriter;

/** Bids {@code amount} on auction {@code auctionId}; the amount is escrowed from the bidder's balance. */
public record Bid(long auctionId, long amount) implements Payload, Payload.ContractCall {
    public static final int TAG = 0x03;

    public Bid {
        if (auctionId < 1) throw new IllegalArgumentException("auction id must be at least 1");
        if (amount <= 0) throw new IllegalArgumentException("bid amount must be positive");
    }

    @Override
    public int tag() {
        return TAG;
    }

    @Override
    public void writeTo(ByteWriter w) {
        w.u64(auctionId).u64(amount);
    }

    @Override
    public long spendAmount() {
        return amount;
    }

    @Override
    public long contractId() {
        return auctionId;
    }
}
