package io.reactiveledger.core.contract;

import io.reactiveledger.core.crypto.Address;

/** Coins a contract pays from its own balance (the escrow it holds) to an account. */
public record Payout(Address to, long amount) {
    public Payout {
        if (amount <= 0) throw new IllegalArgumentException("payout must be positive");
    }
}
