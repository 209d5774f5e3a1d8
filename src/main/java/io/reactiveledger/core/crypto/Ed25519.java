package io.reactiveledger.core.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Strict Ed25519 (RFC 8032, pure, no context) on Bouncy Castle's constant-time implementation.
 *
 * <p>Verification refuses, before any curve arithmetic:
 * <ul>
 *   <li>signatures that are not exactly 64 bytes and keys that are not exactly 32 bytes;</li>
 *   <li>a non-canonical scalar S (S &ge; L, the group order), which would make signatures malleable;</li>
 *   <li>a non-canonical encoding of R or of the public key (y &ge; p);</li>
 *   <li>public keys of small order or off the curve (Bouncy Castle's full public-key validation).</li>
 * </ul>
 * Everything else is the cofactorless RFC 8032 equation, checked by Bouncy Castle. Keys with a
 * small-order component but large order ("mixed order") are accepted, as by Bouncy Castle's own
 * {@code verify}; checking the full order would cost a second scalar multiplication per signature.
 *
 * <p>A {@link PublicKey} decodes its curve point once and keeps it, so repeated verifications with the
 * same key object (votes from a validator, or a transaction decoded then verified) never decompress
 * the point twice.
 */
public final class Ed25519 {
    public static final int SIGNATURE_SIZE = 64;
    public static final int SEED_SIZE = 32;

    /** L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
    private static final byte[] L_LE = littleEndian(
            BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493")));
    /** p = 2^255 - 19, little-endian. */
    private static final byte[] P_LE = littleEndian(BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19)));

    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        org.bouncycastle.math.ec.rfc8032.Ed25519.precompute();
    }

    private Ed25519() {
    }

    public static byte[] newSeed() {
        byte[] seed = new byte[SEED_SIZE];
        RANDOM.nextBytes(seed);
        return seed;
    }

    public static byte[] publicKeyOf(byte[] seed) {
        checkSeed(seed);
        byte[] pk = new byte[PublicKey.SIZE];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pk, 0);
        return pk;
    }

    /**
     * Signs with a seed and its public key. Package-private: a public key that does not belong to the seed
     * would leak the private key, so callers go through {@link KeyPair#sign}, which derived it.
     */
    static byte[] sign(byte[] seed, byte[] publicKey, byte[] message) {
        checkSeed(seed);
        byte[] sig = new byte[SIGNATURE_SIZE];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, sig, 0);
        return sig;
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        if (key == null || message == null || signature == null || signature.length != SIGNATURE_SIZE) return false;
        org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point = key.point();
        if (point == null) return false;
        if (!isCanonicalScalar(signature, 32) || !isCanonicalPointEncoding(signature, 0)) return false;
        return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, point, message, 0, message.length);
    }

    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        return message != null && verify(publicKey, message, 0, message.length, signature);
    }

    /** Strict verification of {@code signature} over {@code message[off, off+len)}. Never throws on bad input. */
    public static boolean verify(byte[] publicKey, byte[] message, int off, int len, byte[] signature) {
        if (publicKey == null || signature == null || message == null) return false;
        if (off < 0 || len < 0 || off > message.length - len) return false;
        if (publicKey.length != PublicKey.SIZE || signature.length != SIGNATURE_SIZE) return false;
        if (!isCanonicalScalar(signature, 32)) return false;
        if (!isCanonicalPointEncoding(signature, 0)) return false;
        org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point = decodePublicKey(publicKey);
        if (point == null) return false;
        return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, point, message, off, len);
    }

    /** True when the public key is canonically encoded, on the curve and not of small order. */
    public static boolean isValidPublicKey(byte[] publicKey) {
        return decodePublicKey(publicKey) != null;
    }

    /**
     * Decodes a public key for verification, or returns null when it is not 32 bytes, not canonical
     * (y &ge; p), not on the curve, or one of the eight points of small order.
     */
    static org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint decodePublicKey(byte[] publicKey) {
        if (publicKey == null || publicKey.length != PublicKey.SIZE) return null;
        if (!isCanonicalPointEncoding(publicKey, 0) || isSmallOrder(publicKey)) return null;
        return org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartialExport(publicKey, 0);
    }

    /** Also checks that the key's point has the prime order L (a scalar multiplication; for genesis keys). */
    public static boolean isFullOrderPublicKey(byte[] publicKey) {
        return isValidPublicKey(publicKey) && org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFull(publicKey, 0);
    }

    /** The canonical encodings of the eight points of order 1, 2, 4 and 8. */
    static final byte[][] SMALL_ORDER = {
        Hex.decode("0100000000000000000000000000000000000000000000000000000000000000"),
        Hex.decode("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        Hex.decode("0000000000000000000000000000000000000000000000000000000000000000"),
        Hex.decode("0000000000000000000000000000000000000000000000000000000000000080"),
        Hex.decode("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        Hex.decode("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85"),
        Hex.decode("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
        Hex.decode("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"),
    };

    static boolean isSmallOrder(byte[] publicKey) {
        for (byte[] p : SMALL_ORDER) {
            if (java.util.Arrays.equals(p, publicKey)) return true;
        }
        return false;
    }

    /** S (32 bytes little-endian at {@code off}) must be strictly below the group order L. */
    static boolean isCanonicalScalar(byte[] b, int off) {
        return lessThanLittleEndian(b, off, L_LE, 32);
    }

    /** The 255-bit y coordinate (sign bit cleared) must be strictly below p. */
    static boolean isCanonicalPointEncoding(byte[] b, int off) {
        byte[] y = new byte[32];
        System.arraycopy(b, off, y, 0, 32);
        y[31] &= 0x7F;
        return lessThanLittleEndian(y, 0, P_LE, 32);
    }

    private static boolean lessThanLittleEndian(byte[] a, int off, byte[] bound, int len) {
        for (int i = len - 1; i >= 0; i--) {
            int x = a[off + i] & 0xFF;
            int y = bound[i] & 0xFF;
            if (x != y) return x < y;
        }
        return false;
    }

    private static byte[] littleEndian(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) le[i] = be[be.length - 1 - i];
        return le;
    }

    private static void checkSeed(byte[] seed) {
        if (seed == null || seed.length != SEED_SIZE) throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
    }
}
