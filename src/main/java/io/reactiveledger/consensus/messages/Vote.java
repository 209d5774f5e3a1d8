package io.reactiveledger.consensus.messages;

import io.reactiveledger.core.block.CommitSignature;
import io.reactiveledger.core.block.VoteSignBytes;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Ed25519;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.PublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * A signed prevote or precommit. {@code blockHash} is null for a nil vote. The signature is over
 * {@link VoteSignBytes}, the same bytes a commit certificate's precommit signatures cover.
 */
public record Vote(VoteType type, long height, int round, Hash blockHash, Address validator, byte[] signature) {
    public Vote {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(validator, "validator");
        if (height < 1 || round < 0) throw new IllegalArgumentException("height must be >= 1 and round >= 0");
        if (signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
            throw new IllegalArgumentException("signature must be 64 bytes");
        }
        signature = signature.clone();
    }

    public boolean isNil() {
        return blockHash == null;
    }

    public byte[] signBytes(String chainId) {
        return VoteSignBytes.of(chainId, type, height, round, blockHash);
    }

    public boolean verify(String chainId, PublicKey key) {
        return key.address().equals(validator) && Ed25519.verify(key, signBytes(chainId), signature);
    }

    /** Whether two votes by the same validator for the same height, round and type disagree. */
    public boolean conflictsWith(Vote o) {
        return validator.equals(o.validator) && type == o.type && height == o.height && round == o.round
                && !Objects.equals(blockHash, o.blockHash);
    }

    public CommitSignature toCommitSignature() {
        return new CommitSignature(validator, signature);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vote v && type == v.type && height == v.height && round == v.round
                && Objects.equals(blockHash, v.blockHash) && validator.equals(v.validator)
                && Arrays.equals(signature, v.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, height, round, blockHash, validator);
    }

    @Override
    public String toString() {
        return type + "(h=" + height + ", r=" + round + ", " + (blockHash == null ? "nil" : blockHash.hex().substring(0, 8))
                + ", by " + validator.hex().substring(0, 8) + ")";
    }
}
