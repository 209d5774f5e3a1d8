package io.reactiveledger.core.tx;

import io.reactiveledger.core.codec.ByteWriter;

/** Pays the sender's pending refunds (escrow of outbid bids) from auction {@code auctionId}. */
public record Withdraw(long auctionId) implements Payload, Payload.ContractCall {
    public static final int TAG = 0x05;

    public Withdraw {
        if (auctionId < 1) throw new IllegalArgumentException("auction id must be at least 1");
    }

    @Override
    public int tag() {
        return TAG;
    }

    @Override
    public void writeTo(ByteWriter w) {
        w.u64(auctionId);
    }

    @Override
    public long spendAmount() {
        return 0;
    }

    @Override
    public long contractId() {
        return auctionId;
    }
}
