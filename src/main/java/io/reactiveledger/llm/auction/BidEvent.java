package io.reactiveledger.llm.auction;

/** One proxy bid: when (days since the auction opened), how much, and by whom. */
public record BidEvent(double timeDays, double amount, String bidder) {
}
