package io.reactiveledger.core.crypto;

/** Lower-case hexadecimal encoding, strict on decode. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    public static String encode(byte[] b) {
        char[] out = new char[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            out[2 * i] = DIGITS[(b[i] >>> 4) & 0xF];
            out[2 * i + 1] = DIGITS[b[i] & 0xF];
        }
        return new String(out);
    }

    /**
     * Decodes hex (either case, optional {@code 0x} prefix).
     *
     * @throws IllegalArgumentException on odd length or a non-hex character
     */
    public static byte[] decode(String s) {
        String h = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        if ((h.length() & 1) != 0) throw new IllegalArgumentException("hex string has odd length " + h.length());
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(h.charAt(2 * i));
            int lo = digit(h.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) throw new IllegalArgumentException("not a hex string at position " + (2 * i));
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /** ASCII hex digits only: {@link Character#digit} would also accept other scripts' digits (e.g. U+FF10). */
    private static int digit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** Decodes hex that must be exactly {@code len} bytes long. */
    public static byte[] decode(String s, int len, String what) {
        byte[] b = decode(s);
        if (b.length != len) throw new IllegalArgumentException(what + " must be " + len + " bytes, got " + b.length);
        return b;
    }
}
