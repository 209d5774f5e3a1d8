package io.reactiveledger.core.codec;

/**
 * The only exception thrown when decoding untrusted bytes. It carries a stable {@link DecodeError}
 * code, the offending field and the byte offset so that APIs can answer with a precise error.
 */
public final class DecodeException extends Exception {
    private final DecodeError error;
    private final String field;
    private final int offset;

    public DecodeException(DecodeError error, String field, int offset, String detail) {
        super(error + " at offset " + offset + " (" + field + "): " + detail, null, false, false);
        this.error = error;
        this.field = field;
        this.offset = offset;
    }

    public DecodeError error() {
        return error;
    }

    public String field() {
        return field;
    }

    public int offset() {
        return offset;
    }
}
