package io.reactiveledger.core.state;

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
        byte[] buf = new byte[1 + Address.SIZE + 16];
        buf[0] = 0x10;
        address.copyTo(buf, 1);
        for (int i = 0; i < 8; i++) {
            buf[21 + i] = (byte) (balance >>> (56 - 8 * i));
            buf[29 + i] = (byte) (nextNonce >>> (56 - 8 * i));
        }
        return Sha256.hash(buf);
    }
}
