package io.reactiveledger.core.block;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.crypto.Hash;
import java.nio.charset.StandardCharsets;

/**
 * What a validator signs when it votes: {@code "reactive-ledger/vote/v1" || u8 type || u8 len || chain id
 * || u64 height || u32 round || u8 0 (nil) or 1 followed by the 32-byte block hash}. The domain prefix
 * differs from the transaction domain, so a vote signature can never pass as a transaction's.
 */
public final class VoteSignBytes {
    private static final byte[] DOMAIN = "reactive-ledger/vote/v1".getBytes(StandardCharsets.US_ASCII);

    private VoteSignBytes() {
    }

    public static byte[] of(String chainId, VoteType type, long height, int round, Hash blockHashOrNull) {
        ByteWriter w = new ByteWriter(100).bytes(DOMAIN).u8(type.code()).ascii8(chainId).u64(height).u32(round);
        if (blockHashOrNull == null) w.u8(0);
        else w.u8(1).bytes(blockHashOrNull.bytes());
        return w.toByteArray();
    }
}
