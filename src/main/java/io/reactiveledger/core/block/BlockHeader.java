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
public final class BlockHeader {
    public static final int VERSION = 1;

    private final String chainId;
    private final long height;
    private final long timeMs;
    private final Hash previousHash;
    private final Hash txRoot;
    private final Hash stateRoot;
    private final Address proposer;
    private final Hash validatorSetHash;
    /** SHA-256 of the encoding, computed once: the header is immutable (racy single-check idiom). */
    private Hash hash;

    public BlockHeader(String chainId, long height, long timeMs, Hash previousHash, Hash txRoot, Hash stateRoot,
                       Address proposer, Hash validatorSetHash) {
        ChainId.require(chainId);
        if (height < 1) throw new IllegalArgumentException("height must be at least 1");
        if (timeMs < 0) throw new IllegalArgumentException("time must not be negative");
        this.chainId = chainId;
        this.height = height;
        this.timeMs = timeMs;
        this.previousHash = Objects.requireNonNull(previousHash, "previousHash");
        this.txRoot = Objects.requireNonNull(txRoot, "txRoot");
        this.stateRoot = Objects.requireNonNull(stateRoot, "stateRoot");
        this.proposer = Objects.requireNonNull(proposer, "proposer");
        this.validatorSetHash = Objects.requireNonNull(validatorSetHash, "validatorSetHash");
    }

    public String chainId() {
        return chainId;
    }

    public long height() {
        return height;
    }

    public long timeMs() {
        return timeMs;
    }

    public Hash previousHash() {
        return previousHash;
    }

    public Hash txRoot() {
        return txRoot;
    }

    public Hash stateRoot() {
        return stateRoot;
    }

    public Address proposer() {
        return proposer;
    }

    public Hash validatorSetHash() {
        return validatorSetHash;
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

    /** The block hash; computed on first use and cached (all fields are final and immutable). */
    public Hash hash() {
        Hash h = hash;
        if (h == null) {
            h = Sha256.hash(encode());
            hash = h;
        }
        return h;
    }

    /** Headers are equal when their canonical encodings are, i.e. when all fields are. */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof BlockHeader h)) return false;
        return height == h.height && timeMs == h.timeMs && chainId.equals(h.chainId) && previousHash.equals(h.previousHash)
                && txRoot.equals(h.txRoot) && stateRoot.equals(h.stateRoot) && proposer.equals(h.proposer)
                && validatorSetHash.equals(h.validatorSetHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chainId, height, timeMs, previousHash, txRoot, stateRoot, proposer, validatorSetHash);
    }

    @Override
    public String toString() {
        return "BlockHeader[chainId=" + chainId + ", height=" + height + ", timeMs=" + timeMs + ", previousHash="
                + previousHash + ", txRoot=" + txRoot + ", stateRoot=" + stateRoot + ", proposer=" + proposer
                + ", validatorSetHash=" + validatorSetHash + "]";
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
