package io.reactiveledger.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * An RFC 9457 problem detail. {@code type} is derived from {@code code} (stable, UPPER_SNAKE), e.g.
 * {@code NONCE_TOO_LOW} → {@code https://reactive-ledger.dev/problems/nonce-too-low}.
 *
 * @param decodeError for {@code DECODE_ERROR}: the transaction decoder's own code (e.g. TRUNCATED)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String decodeError) {
    public static final String TYPE_BASE = "https://reactive-ledger.dev/problems/";

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem(typeOf(code), title, status, detail, code, null);
    }

    public Problem withDecodeError(String error) {
        return new Problem(type, title, status, detail, code, error);
    }

    public static String typeOf(String code) {
        return TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
