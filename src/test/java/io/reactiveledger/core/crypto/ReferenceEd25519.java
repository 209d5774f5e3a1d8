package io.reactiveledger.core.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A deliberately lax, slow, textbook Ed25519 in affine BigInteger arithmetic, used only by tests to show
 * that inputs the production verifier rejects <em>would</em> satisfy the verification equation: it reduces
 * y modulo p on decode and never range-checks S. Independent of Bouncy Castle and of production code.
 */
final class ReferenceEd25519 {
    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger SQRT_M1 = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

    /** An affine point (x, y). */
    record Point(BigInteger x, BigInteger y) {
    }

    static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE);
    static final Point BASE = decodeLax(encodeY(BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P), false));

    private ReferenceEd25519() {
    }

    static Point add(Point a, Point b) {
        BigInteger x1x2 = a.x.multiply(b.x).mod(P);
        BigInteger y1y2 = a.y.multiply(b.y).mod(P);
        BigInteger dxxyy = D.multiply(x1x2).multiply(y1y2).mod(P);
        BigInteger x3 = a.x.multiply(b.y).add(b.x.multiply(a.y)).multiply(BigInteger.ONE.add(dxxyy).modInverse(P)).mod(P);
        BigInteger y3 = y1y2.add(x1x2).multiply(BigInteger.ONE.subtract(dxxyy).mod(P).modInverse(P)).mod(P);
        return new Point(x3, y3);
    }

    static Point mul(BigInteger k, Point pt) {
        Point r = IDENTITY;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            r = add(r, r);
            if (k.testBit(i)) r = add(r, pt);
        }
        return r;
    }

    /** Decodes y (sign bit cleared) reduced mod p, so non-canonical encodings are accepted. Null if off-curve. */
    static Point decodeLax(byte[] enc) {
        boolean sign = (enc[31] & 0x80) != 0;
        byte[] copy = enc.clone();
        copy[31] &= 0x7F;
        BigInteger y = le(copy).mod(P);
        BigInteger u = y.multiply(y).subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y).multiply(y).add(BigInteger.ONE).mod(P);
        BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
        BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!x.multiply(x).mod(P).equals(x2)) x = x.multiply(SQRT_M1).mod(P);
        if (!x.multiply(x).mod(P).equals(x2)) return null;
        if (x.signum() == 0 && sign) return null;
        if (x.testBit(0) != sign) x = P.subtract(x);
        return new Point(x, y);
    }

    static byte[] encode(Point pt) {
        return encodeY(pt.y, pt.x.testBit(0));
    }

    static byte[] encodeY(BigInteger y, boolean sign) {
        byte[] out = toLe(y);
        if (sign) out[31] |= (byte) 0x80;
        return out;
    }

    /** The clamped secret scalar a of an RFC 8032 seed. */
    static BigInteger secretScalar(byte[] seed) {
        byte[] h = Arrays.copyOf(sha512(seed), 32);
        h[0] &= (byte) 0xF8;
        h[31] &= 0x7F;
        h[31] |= 0x40;
        return le(h);
    }

    static byte[] publicKey(byte[] seed) {
        return encode(mul(secretScalar(seed), BASE));
    }

    /** k = SHA-512(R || A || M) mod L, over the raw encodings as given. */
    static BigInteger challenge(byte[] r, byte[] a, byte[] msg) {
        return le(sha512(r, a, msg)).mod(L);
    }

    /** Cofactorless equation [S]B == R + [k]A with no range check on S and lax point decoding. */
    static boolean laxVerify(byte[] pk, byte[] msg, byte[] sig) {
        byte[] r = Arrays.copyOfRange(sig, 0, 32);
        BigInteger s = le(Arrays.copyOfRange(sig, 32, 64));
        Point rp = decodeLax(r);
        Point ap = decodeLax(pk);
        if (rp == null || ap == null) return false;
        Point lhs = mul(s, BASE);
        Point rhs = add(rp, mul(challenge(r, pk, msg), ap));
        return lhs.equals(rhs);
    }

    static BigInteger le(byte[] b) {
        byte[] be = new byte[b.length];
        for (int i = 0; i < b.length; i++) be[i] = b[b.length - 1 - i];
        return new BigInteger(1, be);
    }

    static byte[] toLe(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 256) throw new IllegalArgumentException("does not fit 32 bytes: " + v);
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) out[i] = v.shiftRight(8 * i).byteValue();
        return out;
    }

    static byte[] sha512(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            for (byte[] p : parts) md.update(p);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
