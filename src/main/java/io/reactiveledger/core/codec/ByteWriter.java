package io.reactiveledger.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Growable big-endian writer for the canonical binary encodings. Not thread-safe. */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    public ByteWriter() {
        this(128);
    }

    public ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    public ByteWriter u8(int v) {
        if (v < 0 || v > 0xFF) throw new IllegalArgumentException("u8 out of range: " + v);
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter u16(int v) {
        if (v < 0 || v > 0xFFFF) throw new IllegalArgumentException("u16 out of range: " + v);
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter u32(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) throw new IllegalArgumentException("u32 out of range: " + v);
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) buf[size++] = (byte) (v >>> shift);
        return this;
    }

    /** Writes a 64-bit big-endian value; all amounts and times are non-negative longs. */
    public ByteWriter u64(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) buf[size++] = (byte) (v >>> shift);
        return this;
    }

    public ByteWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public ByteWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** u8 length prefix followed by the bytes. */
    public ByteWriter bytes8(byte[] b) {
        return u8(b.length).bytes(b);
    }

    /** u16 length prefix followed by the bytes. */
    public ByteWriter bytes16(byte[] b) {
        return u16(b.length).bytes(b);
    }

    /** u32 length prefix followed by the bytes. */
    public ByteWriter bytes32(byte[] b) {
        return u32(b.length).bytes(b);
    }

    public ByteWriter utf8_16(String s) {
        return bytes16(s.getBytes(StandardCharsets.UTF_8));
    }

    public ByteWriter ascii8(String s) {
        return bytes8(s.getBytes(StandardCharsets.US_ASCII));
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
