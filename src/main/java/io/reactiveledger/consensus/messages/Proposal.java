package io.reactiveledger.consensus.messages;

import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Ed25519;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A signed block proposal for (height, round). {@code polRound} is Tendermint's valid round: -1, or
 * the round in which the proposer saw a polka (2f+1 prevotes) for this block. The signature covers
 * {@code "reactive-ledger/proposal/v1" || u8 len + chain id || u64 height || u32 round || u32 (polRound + 1)
 * || block hash}.
 */
public record Proposal(long height, int round, int polRound, Block block, Address proposer, byte[] signature) {
    private static final byte[] DOMAIN = "reactive-ledger/proposal/v1".getBytes(StandardCharsets.US_ASCII);

    public Proposal {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(proposer, "proposer");
        if (height < 1 || round < 0 || polRound < -1 || polRound >= round && polRound != -1) {
            throw new IllegalArgumentException("bad height/round/polRound: " + height + "/" + round + "/" + polRound);
        }
        if (block.height() != height) throw new IllegalArgumentException("block height differs from proposal height");
        if (signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
            throw new IllegalArgumentException("signature must be 64 bytes");
        }
        signature = signature.clone();
    }

    public Hash blockHash() {
        return block.hash();
    }

    public static byte[] signBytes(String chainId, long height, int round, int polRound, Hash blockHash) {
        return new ByteWriter(100).bytes(DOMAIN).ascii8(chainId).u64(height).u32(round).u32(polRound + 1L)
                .bytes(blockHash.bytes()).toByteArray();
    }

    public byte[] signBytes(String chainId) {
        return signBytes(chainId, height, round, polRound, blockHash());
    }

    public boolean verify(String chainId, PublicKey key) {
        return key.address().equals(proposer) && Ed25519.verify(key, signBytes(chainId), signature);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Proposal p && height == p.height && round == p.round && polRound == p.polRound
                && blockHash().equals(p.blockHash()) && proposer.equals(p.proposer) && Arrays.equals(signature, p.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(height, round, polRound, blockHash(), proposer);
    }

    @Override
    public String toString() {
        return "Proposal(h=" + height + ", r=" + round + ", pol=" + polRound + ", " + blockHash().hex().substring(0, 8)
                + ", by " + proposer.hex().substring(0, 8) + ")";
    }
}
