package io.reactiveledger.core.crypto;

import java.util.Arrays;

/** A 32-byte Ed25519 public key (RFC 8032 encoding). Its address is derived lazily and cached. */
public final class PublicKey implements Comparable<PublicKey> {
    public static final int SIZE = 32;

    private final byte[] bytes;
    private final int hashCode;
    private volatile Address address;
    private volatile org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point;
    private volatile boolean pointDecoded;

    private PublicKey(byte[] bytes) {
        this.bytes = bytes;
        this.hashCode = Arrays.hashCode(bytes);
    }

    public static PublicKey of(byte[] bytes) {
        if (bytes.length != SIZE) throw new IllegalArgumentException("public key must be 32 bytes, got " + bytes.length);
        return new PublicKey(bytes.clone());
    }

    /** Recently decoded keys: see {@link #ofShared(byte[])}. Bounded; emptied when full. */
    private static final int SHARED_MAX = 1 << 16;
    private static final java.util.concurrent.ConcurrentHashMap<PublicKey, PublicKey> SHARED =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Like {@link #of(byte[])}, but returns the instance of a recently seen equal key, whose curve point is
     * already decoded. Decoding a point (a square root in the field) costs about a third of a signature
     * verification, and every node decodes each transaction several times (admission, gossip, every
     * proposal that carries it), mostly from senders it has seen before. The returned key is immutable and
     * equal to {@code of(bytes)}; only the work is shared. At most 65,536 keys are kept.
     */
    public static PublicKey ofShared(byte[] bytes) {
        PublicKey k = of(bytes);
        PublicKey seen = SHARED.get(k);
        if (seen != null) return seen;
        k.point(); // decode before publishing, so sharers never decode again
        if (SHARED.size() >= SHARED_MAX) SHARED.clear();
        PublicKey raced = SHARED.putIfAbsent(k, k);
        return raced != null ? raced : k;
    }

    public static PublicKey fromHex(String hex) {
        return new PublicKey(Hex.decode(hex, SIZE, "public key"));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] raw() {
        return bytes;
    }

    /** The decoded curve point, computed once; null when the key is invalid (see {@link Ed25519}). */
    org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point() {
        if (!pointDecoded) {
            point = Ed25519.decodePublicKey(bytes);
            pointDecoded = true;
        }
        return point;
    }

    /** Whether this is a canonical Ed25519 public key on the curve and not of small order. */
    public boolean isValid() {
        return point() != null;
    }

    public Address address() {
        Address a = address;
        if (a == null) {
            a = Address.fromPublicKey(this);
            address = a;
        }
        return a;
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return hashCode;
    }

    @Override
    public int compareTo(PublicKey o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
