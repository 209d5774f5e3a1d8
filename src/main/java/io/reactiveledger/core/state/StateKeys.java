package io.reactiveledger.core.state;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;

/**
 * Where each entry lives in the state trie: SHA-256 over a one-byte namespace and the entry's id,
 * {@code 0x30 || address} for accounts, {@code 0x31 || u64 id} for contracts, {@code 0x32 || "meta"},
 * {@code 0x33 || address} for oracles, {@code 0x34 || u64 auction id} for an auction's predictions.
 */
public final class StateKeys {
    public static final Hash META = Sha256.tagged(0x32, "meta".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private StateKeys() {
    }

    public static Hash account(Address address) {
        byte[] buf = new byte[1 + Address.SIZE];
        buf[0] = 0x30;
        address.copyTo(buf, 1);
        return Sha256.hash(buf);
    }

    public static Hash contract(long id) {
        return Sha256.tagged(0x31, new ByteWriter(8).u64(id).toByteArray());
    }

    public static Hash oracle(Address address) {
        byte[] buf = new byte[1 + Address.SIZE];
        buf[0] = 0x33;
        address.copyTo(buf, 1);
        return Sha256.hash(buf);
    }

    public static Hash predictions(long auctionId) {
        return Sha256.tagged(0x34, new ByteWriter(8).u64(auctionId).toByteArray());
    }
}
