package io.reactiveledger.mempool;

/**
 * The stable outcome codes of mempool admission. Clients may match on the names; new codes are only
 * ever added, never renamed.
 */
public enum AdmissionCode {
    /** The transaction is pending (possibly replacing one with the same sender and nonce). */
    ACCEPTED,
    /** A transaction with the same hash is already pending. */
    DUPLICATE,
    /** The transaction names another chain. */
    WRONG_CHAIN,
    /** The Ed25519 signature does not verify. */
    BAD_SIGNATURE,
    /** The nonce is below the sender's next nonce in the latest committed state. */
    NONCE_TOO_LOW,
    /** The nonce is at or beyond the sender's next nonce plus the nonce window. */
    NONCE_TOO_HIGH,
    /** The balance does not cover fee + spend amount summed over the sender's pending transactions. */
    INSUFFICIENT_BALANCE,
    /** Another transaction holds the same sender and nonce, and this one's fee is not enough higher. */
    REPLACEMENT_UNDERPRICED,
    /** The pool is at its count or byte bound and nothing with a lower fee can be evicted. */
    FULL,
    /** The bytes are not a well-formed transaction. Only the actor shell answers this (the core takes decoded transactions). */
    DECODE_ERROR,
    /**
     * A proposer on this node left the transaction out of a block because the model judged its memo or item text
     * risky; it was evicted and is not admitted again (neither from clients nor by gossip).
     */
    REFUSED_BY_POLICY
}
