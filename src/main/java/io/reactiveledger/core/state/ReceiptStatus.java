package io.reactiveledger.core.state;

/**
 * SUCCESS: the payload took effect. FAILED: the transaction was valid and paid its fee and consumed its
 * nonce, but its payload was refused (nothing else changed). REJECTED: the transaction was not
 * executable at all (wrong chain, bad signature, wrong nonce or balance below the fee); it changed
 * nothing and paid nothing. Honest proposers never include rejected transactions.
 */
public enum ReceiptStatus {
    SUCCESS,
    FAILED,
    REJECTED
}
