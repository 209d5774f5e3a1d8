package io.reactiveledger.core.block;

import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.PublicKey;
import java.util.Objects;

/** A validator of the genesis set: its Ed25519 key, its voting power and a display name (not hashed). */
public record Validator(PublicKey publicKey, long power, String name) {
    public static final long MAX_POWER = 1L << 40;

    public Validator {
        Objects.requireNonNull(publicKey, "publicKey");
        if (power < 1 || power > MAX_POWER) throw new IllegalArgumentException("voting power must be in [1, 2^40]");
        name = name == null ? "" : name;
    }

    public Address address() {
        return publicKey.address();
    }
}
