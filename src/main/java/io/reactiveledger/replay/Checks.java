package io.reactiveledger.replay;

/** The names of the checks replay runs on every block, in the order it runs them. */
public final class Checks {
    /** Journal sequence numbers run 1, 2, 3, ... without gaps (a deleted event leaves one). */
    public static final String SEQUENCE = "journal-sequence";
    /** The journal event deserialises (Jackson CBOR) to a known chain-store event. */
    public static final String EVENT_DECODE = "event-decode";
    /** The event's bytes decode as a canonical CommittedBlock. */
    public static final String BLOCK_DECODE = "block-decode";
    /** Block heights run 1, 2, 3, ... (a missing or reordered block breaks this). */
    public static final String HEIGHT = "height";
    public static final String CHAIN_ID = "chain-id";
    /** The header names the hash of the block below (the genesis hash for block 1). */
    public static final String PREVIOUS_HASH = "previous-hash";
    public static final String VALIDATOR_SET = "validator-set";
    /** The header's tx Merkle root commits to exactly the block's transactions. */
    public static final String TX_ROOT = "tx-root";
    /** Valid precommit signatures for this block from validators holding more than 2/3 of the power. */
    public static final String CERTIFICATE = "certificate";
    /** Re-executing the block throws (it cannot be applied at all), or an extra check does. */
    public static final String EXECUTION = "execution";
    /** Re-executing the block on the rebuilt state gives the header's state root. */
    public static final String STATE_ROOT = "state-root";
    /** Receipts persisted with the block equal the re-executed ones byte for byte. */
    public static final String RECEIPTS = "receipts";

    private Checks() {
    }
}
