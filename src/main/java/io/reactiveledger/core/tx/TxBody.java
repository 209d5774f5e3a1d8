package io.reactiveledger.core.tx;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The signed part of a transaction. Its canonical encoding (version 1) is:
 * <pre>
 *   u8   version            = 1
 *   u8   chain id length    1..32, then the chain id in ASCII [a-z0-9._-]
 *   [32] sender public key  Ed25519, RFC 8032 encoding
 *   u64  nonce              must equal the sender's next nonce
 *   u64  fee                smallest unit, &lt; 2^63
 *   u8   payload type       then the payload's fields
 *   u16  memo length        0..256, then the memo in UTF-8
 * </pre>
 * All integers are big-endian. The signature is Ed25519 over {@code "reactive-ledger/tx/v1" || body},
 * so it covers the chain id and cannot be replayed on another chain or confused with a vote.
 */
public record TxBody(String chainId, PublicKey sender, long nonce, long fee, Payload payload, String memo) {
    public static final int VERSION = 1;
    public static final int MAX_MEMO_BYTES = 256;
    static final byte[] SIGNING_DOMAIN = "reactive-ledger/tx/v1".getBytes(StandardCharsets.US_ASCII);

    public TxBody {
        ChainId.require(chainId);
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(payload, "payload");
        memo = memo == null ? "" : memo;
        if (nonce < 0) throw new IllegalArgumentException("nonce must not be negative");
        if (fee < 0) throw new IllegalArgumentException("fee must not be negative");
        if (memo.getBytes(StandardCharsets.UTF_8).length > MAX_MEMO_BYTES) {
            throw new IllegalArgumentException("memo must be at most " + MAX_MEMO_BYTES + " bytes of UTF-8");
        }
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(160);
        writeTo(w);
        return w.toByteArray();
    }

    void writeTo(ByteWriter w) {
        w.u8(VERSION).ascii8(chainId).bytes(sender.bytes()).u64(nonce).u64(fee).u8(payload.tag());
        payload.writeTo(w);
        w.utf8_16(memo);
    }

    /** The exact bytes the sender signs. */
    public byte[] signingBytes() {
        byte[] body = encode();
        byte[] msg = new byte[SIGNING_DOMAIN.length + body.length];
        System.arraycopy(SIGNING_DOMAIN, 0, msg, 0, SIGNING_DOMAIN.length);
        System.arraycopy(body, 0, msg, SIGNING_DOMAIN.length, body.length);
        return msg;
    }
}
