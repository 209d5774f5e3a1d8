package io.reactiveledger.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 (the JDK implementation, which uses the CPU's SHA extensions where present). */
public final class Sha256 {
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    public static Hash hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    public static Hash hash(byte[] data, int off, int len) {
        MessageDigest md = DIGEST.get();
        md.update(data, off, len);
        return Hash.wrap(md.digest());
    }

    /** SHA-256 of a one-byte domain tag followed by the parts. */
    public static Hash tagged(int tag, byte[]... parts) {
        MessageDigest md = DIGEST.get();
        md.update((byte) tag);
        for (byte[] p : parts) md.update(p);
        return Hash.wrap(md.digest());
    }

    /** SHA-256 of a one-byte tag followed by two hashes (Merkle interior nodes). */
    public static Hash node(int tag, Hash left, Hash right) {
        byte[] buf = new byte[1 + 2 * Hash.SIZE];
        buf[0] = (byte) tag;
        left.copyTo(buf, 1);
        right.copyTo(buf, 1 + Hash.SIZE);
        return hash(buf);
    }
}
