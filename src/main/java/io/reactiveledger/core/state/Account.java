package io.reactiveledger.core.state;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Committed;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;

/** An account: balance in the smallest unit and the nonce its next transaction must carry. */
public record Account(Address address, long balance, long nextNonce) implements Committed {
    public Account {
        if (balance < 0) throw new IllegalStateException("balance must never be negative: " + address);
        if (nextNonce < 0) throw new IllegalStateException("nonce must never be negative: " + address);
    }

    public static Account empty(Address address) {
        return new Account(address, 0, 0);
    }

    public Account withBalance(long newBalance) {
        return new Account(address, newBalance, nextNonce);
    }

    @Override
    public Hash commitment() {
        return Sha256.tagged(0x10, new ByteWriter(36).bytes(address.bytes()).u64(balance).u64(nextNonce).toByteArray());
    }
}
