package io.reactiveledger.core.crypto;

import java.util.Arrays;

/** An immutable 32-byte SHA-256 digest, compared by content (unsigned lexicographic order). */
public final class Hash implements Comparable<Hash> {
    public static final int SIZE = 32;
    public static final Hash ZERO = new Hash(new byte[SIZE]);

    private final byte[] bytes;
    private final int hashCode;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
        this.hashCode = Arrays.hashCode(bytes);
    }

    public static Hash of(byte[] bytes) {
        if (bytes.length != SIZE) throw new IllegalArgumentException("hash must be 32 bytes, got " + bytes.length);
        return new Hash(bytes.clone());
    }

    /** Wraps without copying; only for digests this code just produced. */
    static Hash wrap(byte[] bytes) {
        return new Hash(bytes);
    }

    public static Hash fromHex(String hex) {
        return new Hash(Hex.decode(hex, SIZE, "hash"));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Copies the digest into {@code dst} at {@code off}. */
    public void copyTo(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, SIZE);
    }

    public int byteAt(int i) {
        return bytes[i] & 0xFF;
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return hashCode;
    }

    @Override
    public int compareTo(Hash o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
