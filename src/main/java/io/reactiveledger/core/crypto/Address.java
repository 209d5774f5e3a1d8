package io.reactiveledger.core.crypto;

import java.util.Arrays;

/**
 * A 20-byte account address: the first 20 bytes of SHA-256 over the 32-byte Ed25519 public key.
 * Written as 40 lower-case hex characters.
 */
public final class Address implements Comparable<Address> {
    public static final int SIZE = 20;

    private final byte[] bytes;
    private final int hashCode;

    private Address(byte[] bytes) {
        this.bytes = bytes;
        this.hashCode = Arrays.hashCode(bytes);
    }

    public static Address of(byte[] bytes) {
        if (bytes.length != SIZE) throw new IllegalArgumentException("address must be 20 bytes, got " + bytes.length);
        return new Address(bytes.clone());
    }

    public static Address fromPublicKey(PublicKey key) {
        return new Address(Arrays.copyOf(Sha256.hash(key.bytes()).bytes(), SIZE));
    }

    public static Address fromHex(String hex) {
        return new Address(Hex.decode(hex, SIZE, "address"));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Copies the 20 bytes into {@code dst} at {@code off}. */
    public void copyTo(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, SIZE);
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return hashCode;
    }

    @Override
    public int compareTo(Address o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
