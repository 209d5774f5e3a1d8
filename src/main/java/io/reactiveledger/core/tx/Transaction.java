package io.reactiveledger.core.tx;

import io.reactiveledger.core.codec.ByteReader;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Ed25519;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.crypto.PublicKey;
import io.reactiveledger.core.crypto.Sha256;

/**
 * A signed transaction: the canonical {@link TxBody} encoding followed by the 64-byte Ed25519
 * signature. The transaction hash is SHA-256 over these signed bytes. Because verification refuses
 * non-canonical signatures (S &ge; L), one body has one valid signature per key and the hash is stable.
 *
 * <p>Instances are immutable and keep their encoded bytes, so re-encoding is free and exact.
 */
public final class Transaction {
    public static final int MAX_BYTES = 2048;

    private final TxBody body;
    private final byte[] signature;
    private final byte[] encoded;
    private final int bodyLength;
    private final Hash hash;

    private Transaction(TxBody body, byte[] signature, byte[] encoded, int bodyLength) {
        this.body = body;
        this.signature = signature;
        this.encoded = encoded;
        this.bodyLength = bodyLength;
        this.hash = Sha256.hash(encoded);
    }

    public static Transaction sign(TxBody body, KeyPair key) {
        if (!body.sender().equals(key.publicKey())) {
            throw new IllegalArgumentException("key does not belong to the transaction's sender");
        }
        byte[] signature = key.sign(body.signingBytes());
        ByteWriter w = new ByteWriter(200);
        body.writeTo(w);
        int bodyLength = w.size();
        w.bytes(signature);
        return new Transaction(body, signature, w.toByteArray(), bodyLength);
    }

    /**
     * Decodes untrusted bytes. Fails only with {@link DecodeException}; the signature is parsed but
     * not verified here (see {@link #verifySignature()} and the verification cache).
     */
    public static Transaction decode(byte[] bytes) throws DecodeException {
        if (bytes == null) throw new DecodeException(DecodeError.TRUNCATED, "tx", 0, "no bytes");
        if (bytes.length > MAX_BYTES) {
            throw new DecodeException(DecodeError.TOO_LARGE, "tx", 0, bytes.length + " bytes exceeds " + MAX_BYTES);
        }
        ByteReader r = new ByteReader(bytes);
        int version = r.u8("version");
        if (version != TxBody.VERSION) {
            throw new DecodeException(DecodeError.UNSUPPORTED_VERSION, "version", 0, "unsupported tx version " + version);
        }
        int chainAt = r.position();
        byte[] chainRaw = r.bytes8(1, ChainId.MAX_LENGTH, "chainId");
        String chainId = new String(chainRaw, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!ChainId.isValid(chainId)) {
            throw new DecodeException(DecodeError.INVALID_CHAIN_ID, "chainId", chainAt, "chain id has characters outside [a-z0-9._-]");
        }
        int keyAt = r.position();
        byte[] pk = r.fixed(PublicKey.SIZE, "sender");
        long nonce = r.nonNegative64("nonce");
        long fee = r.nonNegative64("fee");
        Payload payload = PayloadCodec.read(r);
        String memo = r.utf8_16(TxBody.MAX_MEMO_BYTES, "memo");
        int bodyLength = r.position();
        byte[] signature = r.fixed(Ed25519.SIGNATURE_SIZE, "signature");
        r.expectEnd("tx");
        PublicKey sender = PublicKey.ofShared(pk); // point decoded once per recently seen sender
        if (!sender.isValid()) {
            throw new DecodeException(DecodeError.INVALID_PUBLIC_KEY, "sender", keyAt,
                    "not a canonical Ed25519 public key on the curve and of large order");
        }
        TxBody body = new TxBody(chainId, sender, nonce, fee, payload, memo);
        return new Transaction(body, signature, bytes.clone(), bodyLength);
    }

    /** Strict Ed25519 verification of the signature over the domain-separated body. Costs ~0.1 ms. */
    public boolean verifySignature() {
        byte[] msg = new byte[TxBody.SIGNING_DOMAIN.length + bodyLength];
        System.arraycopy(TxBody.SIGNING_DOMAIN, 0, msg, 0, TxBody.SIGNING_DOMAIN.length);
        System.arraycopy(encoded, 0, msg, TxBody.SIGNING_DOMAIN.length, bodyLength);
        return Ed25519.verify(body.sender(), msg, signature);
    }

    public TxBody body() {
        return body;
    }

    public String chainId() {
        return body.chainId();
    }

    public PublicKey sender() {
        return body.sender();
    }

    public Address senderAddress() {
        return body.sender().address();
    }

    public long nonce() {
        return body.nonce();
    }

    public long fee() {
        return body.fee();
    }

    public Payload payload() {
        return body.payload();
    }

    public String memo() {
        return body.memo();
    }

    public byte[] signature() {
        return signature.clone();
    }

    /** The signed bytes (body and signature) exactly as encoded. */
    public byte[] encoded() {
        return encoded.clone();
    }

    public int size() {
        return encoded.length;
    }

    public Hash hash() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transaction t && hash.equals(t.hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "Transaction(" + hash.hex() + ", " + body + ")";
    }
}
