package io.reactiveledger.core.contract.auction;

import io.reactiveledger.core.crypto.Address;

/** One accepted bid, as kept in the auction's history. */
public record BidRecord(Address bidder, long amount, long blockTimeMs, long height) {
}
