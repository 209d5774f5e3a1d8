package io.reactiveledger.cli;

/**
 * A node answered with an error (an RFC 9457 problem, or another non-2xx status), or could not be
 * reached. The message is one line meant for a terminal.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** HTTP status, or 0 when the node could not be reached. */
    public int status() {
        return status;
    }

    /** The problem's {@code code} (e.g. NONCE_TOO_LOW), or null. */
    public String code() {
        return code;
    }
}
