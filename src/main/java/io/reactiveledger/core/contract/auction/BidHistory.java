package io.reactiveledger.core.contract.auction;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The complete bid history as a persistent list: appending is O(1) and shares the older bids, and the
 * history is committed to by a hash chain, {@code h(n) = SHA-256(0x20 || h(n-1) || bid n)} with
 * {@code h(0)} = 32 zero bytes, so a new bid never re-hashes the ones before it.
 */
public final class BidHistory {
    public static final BidHistory EMPTY = new BidHistory(null, null, 0, Hash.ZERO);

    private final BidRecord last;
    private final BidHistory previous;
    private final int size;
    private final Hash chainHash;

    private BidHistory(BidRecord last, BidHistory previous, int size, Hash chainHash) {
        this.last = last;
        this.previous = previous;
        this.size = size;
        this.chainHash = chainHash;
    }

    public BidHistory append(BidRecord bid) {
        byte[] encoded = new ByteWriter(64)
                .bytes(chainHash.bytes()).bytes(bid.bidder().bytes())
                .u64(bid.amount()).u64(bid.blockTimeMs()).u64(bid.height())
                .toByteArray();
        return new BidHistory(bid, this, size + 1, Sha256.tagged(0x20, encoded));
    }

    public int size() {
        return size;
    }

    public Hash chainHash() {
        return chainHash;
    }

    /** Oldest first. */
    public List<BidRecord> toList() {
        List<BidRecord> out = new ArrayList<>(size);
        for (BidHistory h = this; h.size > 0; h = h.previous) out.add(h.last);
        Collections.reverse(out);
        return out;
    }
}
