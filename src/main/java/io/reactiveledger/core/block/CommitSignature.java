package io.reactiveledger.core.block;

import io.reactiveledger.core.crypto.Address;
import java.util.Objects;

/** One validator's precommit signature inside a commit certificate. */
public record CommitSignature(Address validator, byte[] signature) {
    public CommitSignature {
        Objects.requireNonNull(validator, "validator");
        if (signature.length != 64) throw new IllegalArgumentException("signature must be 64 bytes");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommitSignature c && validator.equals(c.validator)
                && java.util.Arrays.equals(signature, c.signature);
    }

    @Override
    public int hashCode() {
        return validator.hashCode();
    }
}
