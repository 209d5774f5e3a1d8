package io.reactiveledger.core.codec;

/** Stable machine-readable reasons why untrusted bytes were refused. */
public enum DecodeError {
    TRUNCATED,
    TRAILING_BYTES,
    UNSUPPORTED_VERSION,
    UNKNOWN_PAYLOAD,
    LENGTH_OUT_OF_RANGE,
    VALUE_OUT_OF_RANGE,
    INVALID_UTF8,
    INVALID_CHAIN_ID,
    INVALID_PUBLIC_KEY,
    INVALID_SIGNATURE_ENCODING,
    TOO_LARGE
}
