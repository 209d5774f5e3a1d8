package io.reactiveledger.core.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bounds-checked big-endian reader over untrusted bytes. Every length is checked against both its
 * field limit and the bytes actually remaining <em>before</em> anything is allocated, so a forged
 * length field can never cause a large allocation. All failures are {@link DecodeException}s.
 */
public final class ByteReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ByteReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    private void need(int n, String field) throws DecodeException {
        if (n > end - pos) {
            throw new DecodeException(DecodeError.TRUNCATED, field, pos,
                    "needs " + n + " bytes, " + (end - pos) + " left");
        }
    }

    public int u8(String field) throws DecodeException {
        need(1, field);
        return buf[pos++] & 0xFF;
    }

    public int u16(String field) throws DecodeException {
        need(2, field);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public long u32(String field) throws DecodeException {
        need(4, field);
        long v = 0;
        for (int i = 0; i < 4; i++) v = (v << 8) | (buf[pos++] & 0xFF);
        return v;
    }

    public long u64(String field) throws DecodeException {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (buf[pos++] & 0xFF);
        return v;
    }

    /** A u64 that must lie in [0, 2^63): amounts, nonces, fees and times. */
    public long nonNegative64(String field) throws DecodeException {
        int at = pos;
        long v = u64(field);
        if (v < 0) {
            throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, field, at, "must be below 2^63");
        }
        return v;
    }

    public byte[] fixed(int n, String field) throws DecodeException {
        need(n, field);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    private byte[] sized(int len, int min, int max, String field, int at) throws DecodeException {
        if (len < min || len > max) {
            throw new DecodeException(DecodeError.LENGTH_OUT_OF_RANGE, field, at,
                    "length " + len + " not in [" + min + ", " + max + "]");
        }
        return fixed(len, field);
    }

    public byte[] bytes8(int min, int max, String field) throws DecodeException {
        int at = pos;
        return sized(u8(field), min, max, field, at);
    }

    public byte[] bytes16(int min, int max, String field) throws DecodeException {
        int at = pos;
        return sized(u16(field), min, max, field, at);
    }

    public byte[] bytes32(int min, int max, String field) throws DecodeException {
        int at = pos;
        long len = u32(field);
        if (len > max) {
            throw new DecodeException(DecodeError.LENGTH_OUT_OF_RANGE, field, at,
                    "length " + len + " exceeds " + max);
        }
        return sized((int) len, min, max, field, at);
    }

    /** A u32 element count that must not exceed {@code max}. */
    public int count32(int max, String field) throws DecodeException {
        int at = pos;
        long n = u32(field);
        if (n > max) {
            throw new DecodeException(DecodeError.LENGTH_OUT_OF_RANGE, field, at, "count " + n + " exceeds " + max);
        }
        return (int) n;
    }

    /** Strictly decodes UTF-8 (malformed or overlong sequences are refused). */
    public String utf8_16(int maxBytes, String field) throws DecodeException {
        int at = pos;
        byte[] raw = bytes16(0, maxBytes, field);
        return strictUtf8(raw, field, at);
    }

    public static String strictUtf8(byte[] raw, String field, int at) throws DecodeException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException(DecodeError.INVALID_UTF8, field, at, "not valid UTF-8");
        }
    }

    public void expectEnd(String what) throws DecodeException {
        if (pos != end) {
            throw new DecodeException(DecodeError.TRAILING_BYTES, what, pos, (end - pos) + " unexpected trailing bytes");
        }
    }
}
