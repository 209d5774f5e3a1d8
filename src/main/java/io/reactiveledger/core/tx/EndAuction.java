package io.reactiveledger.core.tx;

import io.reactiveledger.core.codec.ByteWriter;

/** Ends auction {@code auctionId} after its end time (anyone may send it) and pays the seller once. */
public record EndAuction(long auctionId) implements Payload, Payload.ContractCall {
    public static final int TAG = 0x04;

    public EndAuction {
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
