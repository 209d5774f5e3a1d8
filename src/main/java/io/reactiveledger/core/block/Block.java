package io.reactiveledger.core.block;

import io.reactiveledger.core.codec.ByteReader;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.MerkleTree;
import io.reactiveledger.core.tx.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A header and its transactions. Encoding: header, then {@code u32 count}, then each transaction as
 * {@code u16 length || signed tx bytes}.
 */
public record Block(BlockHeader header, List<Transaction> transactions) {
    /** Hard decoding limits; consensus configures smaller per-block limits. */
    public static final int MAX_TXS = 100_000;
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    public Block {
        Objects.requireNonNull(header, "header");
        transactions = List.copyOf(transactions);
    }

    public Hash hash() {
        return header.hash();
    }

    public long height() {
        return header.height();
    }

    public List<Hash> txHashes() {
        List<Hash> hashes = new ArrayList<>(transactions.size());
        for (Transaction t : transactions) hashes.add(t.hash());
        return hashes;
    }

    public static Hash txRootOf(List<Transaction> txs) {
        List<Hash> hashes = new ArrayList<>(txs.size());
        for (Transaction t : txs) hashes.add(t.hash());
        return MerkleTree.root(hashes);
    }

    /** Whether the header's tx root commits to exactly these transactions. */
    public boolean txRootMatches() {
        return txRootOf(transactions).equals(header.txRoot());
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(256 + transactions.size() * 200);
        writeTo(w);
        return w.toByteArray();
    }

    void writeTo(ByteWriter w) {
        header.writeTo(w);
        w.u32(transactions.size());
        for (Transaction t : transactions) w.bytes16(t.encoded());
    }

    public static Block decode(byte[] bytes) throws DecodeException {
        if (bytes == null) throw new DecodeException(DecodeError.TRUNCATED, "block", 0, "no bytes");
        if (bytes.length > MAX_BYTES) throw new DecodeException(DecodeError.TOO_LARGE, "block", 0, "block exceeds " + MAX_BYTES + " bytes");
        ByteReader r = new ByteReader(bytes);
        Block b = read(r);
        r.expectEnd("block");
        return b;
    }

    static Block read(ByteReader r) throws DecodeException {
        BlockHeader header = BlockHeader.read(r);
        int n = r.count32(MAX_TXS, "block.txCount");
        // Each tx takes at least 2 bytes of length prefix, so never pre-size beyond what the input can hold.
        List<Transaction> txs = new ArrayList<>(Math.min(n, r.remaining() / 2));
        for (int i = 0; i < n; i++) {
            int at = r.position();
            byte[] raw = r.bytes16(1, Transaction.MAX_BYTES, "block.tx");
            try {
                txs.add(Transaction.decode(raw));
            } catch (DecodeException e) {
                throw new DecodeException(e.error(), "block.tx[" + i + "]." + e.field(), at + 2 + e.offset(), e.getMessage());
            }
        }
        return new Block(header, txs);
    }
}
