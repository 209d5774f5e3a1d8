package io.reactiveledger.core.contract.auction;

/** OPEN until someone ends it after its end time; then SOLD (highest bid paid to the seller) or UNSOLD. */
public enum AuctionStatus {
    OPEN,
    SOLD,
    UNSOLD
}
