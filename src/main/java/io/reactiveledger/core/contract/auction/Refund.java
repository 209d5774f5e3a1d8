package io.reactiveledger.core.contract.auction;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Committed;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;

/** Escrow of outbid bids that {@code bidder} may withdraw; zero once withdrawn. */
public record Refund(Address bidder, long amount) implements Committed {
    static Hash keyOf(Address bidder) {
        return Sha256.tagged(0x22, bidder.bytes());
    }

    @Override
    public Hash commitment() {
        return Sha256.tagged(0x21, new ByteWriter(28).bytes(bidder.bytes()).u64(amount).toByteArray());
    }
}
