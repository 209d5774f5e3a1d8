package io.reactiveledger.core.block;

import io.reactiveledger.core.codec.ByteReader;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;
import io.reactiveledger.core.tx.ChainId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Canonical header encoding (version 1), all integers big-endian:
 * <pre>
 *   u8 version = 1 | u8 len + chain id | u64 height | u64 time (ms since epoch, proposer's clock)
 *   [32] previous block hash (the genesis hash for height 1) | [32] tx Merkle root
 *   [32] state root after this block | [20] proposer address | [32] validator-set hash
 * </pre>
 * The block hash is SHA-256 of these bytes.
 */
public record BlockHeader(String chainId, long height, long timeMs, Hash previousHash, Hash txRoot, Hash stateRoot,
                          Address proposer, Hash validatorSetHash) {
    public static final int VERSION = 1;

    public BlockHeader {
        ChainId.require(chainId);
        if (height < 1) throw new IllegalArgumentException("height must be at least 1");
        if (timeMs < 0) throw new IllegalArgumentException("time must not be negative");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(txRoot, "txRoot");
        Objects.requireNonNull(stateRoot, "stateRoot");
        Objects.requireNonNull(proposer, "proposer");
        Objects.requireNonNull(validatorSetHash, "validatorSetHash");
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(200);
        writeTo(w);
        return w.toByteArray();
    }

    void writeTo(ByteWriter w) {
        w.u8(VERSION).ascii8(chainId).u64(height).u64(timeMs)
                .bytes(previousHash.bytes()).bytes(txRoot.bytes()).bytes(stateRoot.bytes())
                .bytes(proposer.bytes()).bytes(validatorSetHash.bytes());
    }

    public Hash hash() {
        return Sha256.hash(encode());
    }

    static BlockHeader read(ByteReader r) throws DecodeException {
        int version = r.u8("header.version");
        if (version != VERSION) {
            throw new DecodeException(DecodeError.UNSUPPORTED_VERSION, "header.version", r.position() - 1,
                    "unsupported header version " + version);
        }
        int at = r.position();
        String chainId = new String(r.bytes8(1, ChainId.MAX_LENGTH, "header.chainId"), StandardCharsets.ISO_8859_1);
        if (!ChainId.isValid(chainId)) throw new DecodeException(DecodeError.INVALID_CHAIN_ID, "header.chainId", at, "bad chain id");
        int hAt = r.position();
        long height = r.nonNegative64("header.height");
        if (height < 1) throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, "header.height", hAt, "height must be at least 1");
        long time = r.nonNegative64("header.time");
        return new BlockHeader(chainId, height, time,
                Hash.of(r.fixed(32, "header.previousHash")), Hash.of(r.fixed(32, "header.txRoot")),
                Hash.of(r.fixed(32, "header.stateRoot")), Address.of(r.fixed(20, "header.proposer")),
                Hash.of(r.fixed(32, "header.validatorSetHash")));
    }
}
