package io.reactiveledger.core.crypto;

import java.util.Arrays;

/** An Ed25519 key pair: the 32-byte RFC 8032 seed (private key) and its public key. */
public final class KeyPair {
    private final byte[] seed;
    private final PublicKey publicKey;

    private KeyPair(byte[] seed) {
        this.seed = seed;
        this.publicKey = PublicKey.of(Ed25519.publicKeyOf(seed));
    }

    public static KeyPair generate() {
        return new KeyPair(Ed25519.newSeed());
    }

    public static KeyPair fromSeed(byte[] seed) {
        if (seed.length != Ed25519.SEED_SIZE) throw new IllegalArgumentException("seed must be 32 bytes");
        return new KeyPair(seed.clone());
    }

    /** A deterministic key pair for tests and dev networks only: seed = SHA-256(label). */
    public static KeyPair deterministic(String label) {
        return new KeyPair(Sha256.hash(label.getBytes(java.nio.charset.StandardCharsets.UTF_8)).bytes());
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public Address address() {
        return publicKey.address();
    }

    public byte[] seed() {
        return seed.clone();
    }

    public byte[] sign(byte[] message) {
        return Ed25519.sign(seed, publicKey.raw(), message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPair k && Arrays.equals(seed, k.seed);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "KeyPair(" + publicKey.hex() + ")";
    }
}
